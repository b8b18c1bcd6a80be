"""The README cannot drift from the code: its problem codes, modules, commands and options.

The codes the builder can emit are found by reading its source: every ``Problem(...)``
call, its code and severity followed through helpers (``_problem(line, code, ...)``,
``load_yaml(path, what, code)``) to the literal at each call site. A code the walk cannot
read as a literal fails it, so a new one cannot slip past the table.

After changing ``builder/problems.py``, rewrite the README's table with
``STENOGRAM_UPDATE_README=1 .venv/bin/python -m pytest tests/test_docs.py`` and review the diff.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import pytest

from builder import cli
from builder.model import Problem
from builder.problems import BY_NAME, CODES, SEVERITIES, markdown_table

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BUILDER = ROOT / "builder"

# The README's generated table of problems sits between these two lines.
TABLE_START = "<!-- problems: written from builder/problems.py (see tests/test_docs.py) -->"
TABLE_END = "<!-- end of problems -->"
# A code as the report prints it: lower-case words joined by hyphens.
CODE_NAME = re.compile(r"[a-z]+(?:-[a-z]+)*")
# A command of the builder the README shows, and what follows it up to a comment or the code span's end.
BUILDER_COMMAND = re.compile(r"python -m builder ([a-z]+)([^`#\n]*)")
# An option on such a command line.
OPTION = re.compile(r"--[a-z][a-z-]*")
# The README's code: its fenced blocks, then its code spans.
FENCED_BLOCK = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# A make target in the README's code.
MAKE_TARGET = re.compile(r"\bmake ([a-z][\w-]*)")
# A target of the Makefile.
MAKEFILE_TARGET = re.compile(r"^([a-z][\w-]*):", re.MULTILINE)
# A builder path in the first column of the README's module table.
MODULE_CELL = re.compile(r"`(builder/[\w/.]+)`")

DEFAULT_SEVERITY = Problem.__dataclass_fields__["severity"].default


# ------------------------------------------------------------ reading the codes from the source


class UnreadableCode(Exception):
    """A problem's code (or severity) the walk cannot follow to a literal."""


@dataclass(frozen=True)
class Scope:
    """A function of the builder: where it is, and whether it is a method (its first parameter is self)."""

    module: str
    node: ast.FunctionDef
    method: bool

    @property
    def params(self) -> list[ast.arg]:
        args = [*self.node.args.posonlyargs, *self.node.args.args]
        return args[1:] if self.method else args

    def default(self, name: str) -> ast.expr | None:
        args = [*self.node.args.posonlyargs, *self.node.args.args]
        defaults = dict(zip([a.arg for a in args][len(args) - len(self.node.args.defaults):], self.node.args.defaults, strict=True))
        return defaults.get(name)


class Emissions:
    """Every (code, severity) the modules can give a ``Problem``, with where each is written."""

    def __init__(self, sources: dict[str, str]):
        self.trees = {module: ast.parse(text, module) for module, text in sources.items()}
        self.scopes: dict[ast.AST, Scope | None] = {}  # every node -> its innermost function
        self.functions: dict[tuple[str, str], list[Scope]] = {}
        self.imports: dict[str, dict[str, str]] = {}
        for module, tree in self.trees.items():
            self._index(module, tree, None, False)
            self.imports[module] = _imported_names(module, tree)
        self.found: dict[tuple[str, str], list[str]] = {}
        for module, tree in self.trees.items():
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    self._emission(module, node)

    def _index(self, module: str, node: ast.AST, scope: Scope | None, in_class: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner, child_in_class = scope, isinstance(child, ast.ClassDef)
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in child.decorator_list)
                inner = Scope(module, child, in_class and not static)
                self.functions.setdefault((module, child.name), []).append(inner)
            self.scopes[child] = inner
            self._index(module, child, inner, child_in_class)

    def _emission(self, module: str, call: ast.Call) -> None:
        where = f"{module}:{call.lineno}"
        name = _called_name(call)
        if name == "replace" and any(k.arg == "code" for k in call.keywords):
            raise UnreadableCode(f"{where}: a problem's code is changed by replace(); give it in Problem(...) instead")
        if name != "Problem":
            return
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            raise UnreadableCode(f"{where}: Problem(*...) or Problem(**...): the walk cannot read its code")
        code = _argument(call, 2, "code")
        if code is None:
            raise UnreadableCode(f"{where}: Problem(...) with no code")
        severity = _argument(call, 4, "severity") or ast.Constant(DEFAULT_SEVERITY)
        for pair, sites in self._resolve([code, severity], self.scopes.get(call), module, where).items():
            self.found.setdefault(pair, []).extend(sorted(sites))

    def _resolve(self, exprs: list, scope: Scope | None, module: str, where: str) -> dict[tuple[str, ...], set[str]]:
        """The tuples of literals ``exprs`` can be, following parameters of ``scope`` to its call sites, and where each is given."""
        params = {a.arg for a in scope.params} if scope else set()
        pending = [isinstance(e, ast.Name) and e.id in params for e in exprs]
        known = [e if isinstance(e, frozenset) or pend else frozenset(self._values(e, scope, module, where))
                 for e, pend in zip(exprs, pending, strict=True)]
        if not any(pending):
            return {pair: {where} for pair in product(*known)}
        sites = self._call_sites(scope)
        if not sites:
            raise UnreadableCode(f"{where}: {scope.node.name}() passes a parameter as a problem's code, and no call of it is found")
        out: dict[tuple[str, ...], set[str]] = {}
        for call, caller, caller_module in sites:
            site = f"{caller_module}:{call.lineno}"
            given = []
            for e, pend in zip(known, pending, strict=True):
                if not pend:
                    given.append(e)
                    continue
                index = [a.arg for a in scope.params].index(e.id)
                arg = _argument(call, index, e.id)
                if arg is None:
                    default = scope.default(e.id)
                    if default is None:
                        raise UnreadableCode(f"{site}: {scope.node.name}() called without '{e.id}'")
                    arg = frozenset(self._values(default, scope, scope.module, site))
                given.append(arg)
            for pair, wheres in self._resolve(given, caller, caller_module, site).items():
                out.setdefault(pair, set()).update(wheres)
        return out

    def _values(self, expr: ast.expr, scope: Scope | None, module: str, where: str) -> set[str]:
        """The literal strings ``expr`` can be: a literal, a choice of them, or a name only ever given them."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.IfExp):
            return self._values(expr.body, scope, module, where) | self._values(expr.orelse, scope, module, where)
        if isinstance(expr, ast.Name):
            for body in (scope.node.body if scope else [], self.trees[module].body):
                values = _assigned(body, expr.id)
                if values:
                    return set().union(*(self._values(v, scope, module, where) for v in values))
        raise UnreadableCode(f"{where}: a problem's code or severity is not a literal the walk can read: {ast.unparse(expr)}")

    def _call_sites(self, scope: Scope) -> list[tuple[ast.Call, Scope | None, str]]:
        """The calls of ``scope``'s function: by name in its module (self.name for a method) or where it is imported."""
        name, home = scope.node.name, scope.module
        sites = []
        for module, tree in self.trees.items():
            if module != home and self.imports[module].get(name) != home:
                continue
            called = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and _names(node.func, name, scope.method and module == home, not scope.method):
                    called.add(id(node.func))
                    sites.append((node, self.scopes.get(node), module))
            for node in ast.walk(tree):
                if _names(node, name, scope.method and module == home, not scope.method) and id(node) not in called:
                    raise UnreadableCode(f"{module}:{node.lineno}: {name}() passes on a problem's code and is used here other than"
                                         " by a call: the walk cannot follow it")
        return sites


def _names(node: ast.AST, name: str, as_method: bool, as_function: bool) -> bool:
    """Whether ``node`` refers to the function ``name``: ``name`` itself, or ``self.name`` for a method."""
    if as_function and isinstance(node, ast.Name):
        return node.id == name
    return as_method and isinstance(node, ast.Attribute) and node.attr == name


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    if index < len(call.args):
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _assigned(statements: list[ast.stmt], name: str) -> list[ast.expr]:
    """Every value ``statements`` assign to ``name`` (nested functions and classes aside); none if it is bound another way."""
    values: list[ast.expr] = []
    todo = list(statements)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if targets and node.value is not None and all(isinstance(t, ast.Name) for t in targets):
            values += [node.value] if any(t.id == name for t in targets) else []
            todo.append(node.value)
            continue
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return []  # bound by a loop, a with, an augmented or unpacking assignment...: not a literal the walk can read
        todo.extend(ast.iter_child_nodes(node))
    return values


def _imported_names(module: str, tree: ast.Module) -> dict[str, str]:
    """The names ``module`` imports from other modules of the builder, and the module each comes from."""
    package = module.split(".")[:-1]  # a package's __init__ and its modules import relative to the package
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                names[alias.asname or alias.name] = source
    return {name: _module_name(source) for name, source in names.items()}


def _module_name(dotted: str) -> str:
    """A module's name as the walk keys it: a package is its ``__init__``."""
    return dotted + ".__init__" if (ROOT / dotted.replace(".", "/")).is_dir() else dotted


def builder_sources() -> dict[str, str]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts): p.read_text("utf-8") for p in sorted(BUILDER.rglob("*.py"))}


@pytest.fixture(scope="module")
def emitted() -> dict[tuple[str, str], list[str]]:
    return Emissions(builder_sources()).found


# ------------------------------------------------------------ the table of codes


def test_every_problem_code_the_builder_emits_is_documented(emitted):
    missing = {code: where for (code, _), where in emitted.items() if code not in BY_NAME}
    assert not missing, f"codes emitted but not in builder/problems.py: {missing}"


def test_every_documented_problem_code_is_still_emitted(emitted):
    codes = {code for code, _ in emitted}
    assert not [c.name for c in CODES if c.name not in codes], "codes in builder/problems.py no stage emits any more"


def test_every_problem_is_emitted_with_a_severity_its_code_declares(emitted):
    wrong = {pair: where for pair, where in emitted.items() if pair[0] in BY_NAME and pair[1] not in BY_NAME[pair[0]].severity}
    assert not wrong, f"(code, severity) emitted that builder/problems.py does not declare: {wrong}"


def test_every_severity_a_code_declares_is_emitted(emitted):
    unused = [(c.name, s) for c in CODES for s in c.severity if (c.name, s) not in emitted]
    assert not unused


def test_problem_codes_are_declared_once_as_lower_case_words_and_hyphens():
    names = [c.name for c in CODES]
    assert len(names) == len(set(names))
    assert [n for n in names if not CODE_NAME.fullmatch(n)] == []
    assert all(c.severity and set(c.severity) <= set(SEVERITIES) and c.meaning and c.action for c in CODES)


def test_the_readme_table_of_problems_is_the_one_builder_problems_writes():
    text = README.read_text("utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    table = f"\n\n{markdown_table()}\n"
    if os.environ.get("STENOGRAM_UPDATE_README"):
        README.write_text(text[:start] + table + text[end:], "utf-8")
        text = README.read_text("utf-8")
        end = text.index(TABLE_END)
    assert text[start:end] == table, "rewrite it: STENOGRAM_UPDATE_README=1 pytest tests/test_docs.py"


def test_the_walk_follows_a_code_through_helpers_parameters_and_local_names():
    sources = {
        "pkg.a": (
            "def report(line, code, severity='warning'):\n    return Problem('f', line, code, 'm', severity)\n"
            "def stage():\n    report(1, 'alpha')\n    report(2, 'beta', 'notice')\n"
            "    code = 'gamma' if True else 'delta'\n    return Problem('f', 3, code, 'm', 'error')\n"
            "class Resolver:\n    def _problem(self, code):\n        self.out = Problem('f', 1, code, 'm')\n"
            "    def run(self):\n        self._problem('epsilon')\n"
        ),
        "pkg.b": "from .a import report\ndef other():\n    report(4, code='zeta')\n",
    }
    assert set(Emissions(sources).found) == {
        ("alpha", "warning"), ("beta", "notice"), ("gamma", "error"), ("delta", "error"), ("epsilon", "warning"), ("zeta", "warning"),
    }


@pytest.mark.parametrize("source", [
    "def f(x):\n    return Problem('f', 1, x.code, 'm')\n",
    "def f():\n    return Problem('f', 1, name_of(), 'm')\n",
    "def f(code):\n    return Problem('f', 1, code, 'm')\n",  # a helper no one is seen to call
    "def f(p):\n    return replace(p, code='other')\n",
    "def f(args):\n    return Problem(*args)\n",
    "def f(codes):\n    for code in codes:\n        Problem('f', 1, code, 'm')\n",
    "def report(code):\n    return Problem('f', 1, code, 'm')\ndef f():\n    return list(map(report, ['a']))\n",
])
def test_the_walk_fails_loudly_on_a_code_it_cannot_read_as_a_literal(source):
    with pytest.raises(UnreadableCode):
        Emissions({"pkg.a": source})


# ------------------------------------------------------------ the modules, commands and options the README names


def _readme_section(title: str) -> str:
    text = README.read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    return text[start : text.index("\n## ", start + 1)]


def _module_table() -> list[tuple[str, str]]:
    """The README's table of modules: (first cell, second cell) per row."""
    rows = [line.split(" | ") for line in _readme_section("The pipeline").splitlines() if line.startswith("| `builder/")]
    return [(row[0], row[1]) for row in rows]


def test_every_module_the_readme_names_exists():
    named = [path for first, _ in _module_table() for path in MODULE_CELL.findall(first)]
    assert named
    assert [path for path in named if not (ROOT / path.rstrip("/")).exists()] == []


def test_every_module_of_the_builder_is_in_the_readme_table_packages_once():
    named = {path.rstrip("/") for first, _ in _module_table() for path in MODULE_CELL.findall(first)}
    modules = {f"builder/{p.name}" for p in BUILDER.glob("*.py") if p.stem not in ("__init__", "__main__")}
    packages = {f"builder/{p.parent.name}" for p in BUILDER.glob("*/__init__.py")}
    assert sorted((modules | packages) - named) == []


def test_every_source_profile_is_named_in_the_readme_table():
    cells = [second for first, second in _module_table() if "`builder/profiles/`" in first]
    profiles = [p.stem for p in (BUILDER / "profiles").glob("*.py") if p.stem != "__init__"]
    assert cells and [name for name in profiles if f"`{name}`" not in cells[0]] == []


def _cli_parser(monkeypatch) -> argparse.ArgumentParser:
    """The parser ``builder.cli.main`` builds, caught as it parses."""

    class Caught(Exception):
        pass

    def catch(self, *args, **kwargs):
        raise Caught(self)

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", catch)
    with pytest.raises(Caught) as caught:
        cli.main([])
    return caught.value.args[0]


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_builder_command_the_readme_shows_exists(monkeypatch):
    shown = {command for command, _ in _builder_commands()}
    assert shown and sorted(shown - set(_subcommands(_cli_parser(monkeypatch)))) == []


def test_every_option_of_a_builder_command_the_readme_shows_exists(monkeypatch):
    commands = _subcommands(_cli_parser(monkeypatch))
    wrong = [(command, option) for command, rest in _builder_commands() if command in commands
             for option in OPTION.findall(rest) if option not in commands[command]._option_string_actions]
    assert wrong == []


def _readme_code() -> list[str]:
    """The README's fenced blocks and code spans: where it shows commands."""
    text = README.read_text("utf-8")
    return [*FENCED_BLOCK.findall(text), *CODE_SPAN.findall(FENCED_BLOCK.sub("", text))]


def _builder_commands() -> list[tuple[str, str]]:
    """Each ``python -m builder COMMAND ...`` of the README's code: the command, and the words after it."""
    return [found for code in _readme_code() for found in BUILDER_COMMAND.findall(code)]


def test_every_make_target_the_readme_shows_exists():
    shown = {target for code in _readme_code() for target in MAKE_TARGET.findall(code)}
    targets = set(MAKEFILE_TARGET.findall((ROOT / "Makefile").read_text("utf-8")))
    assert shown and sorted(shown - targets) == []
