"""The plan of the house, kept by tests: the stages in order, no stage reaching a later one.

The folders of ``builder/`` are the stages, in the order ``builder/pipeline.py`` runs
them (the README's module table says the same). A stage may use what an earlier stage
or the shared modules (``model``, ``names``, ``labels``, ``addresses``, the caches...)
offer, never what a later stage does: that is what keeps ``pipeline.py`` the only
orchestrator.
"""

from __future__ import annotations

import ast

from builder.pipeline import ROOT

BUILDER = ROOT / "builder"
# The stage packages, in the order the pipeline runs them.
STAGES = ("ingest", "profiles", "turns", "people", "annotate", "export", "search", "publish", "site")
# The longest a module may grow before it is two concepts.
MOST_LINES = 400


def _imported(path) -> set[str]:
    """The ``builder`` modules a file imports, as dotted names under ``builder``."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found |= {module} | {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("builder.")}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_no_stage_imports_a_later_stage():
    later = []
    for stage in STAGES:
        for path in sorted((BUILDER / stage).rglob("*.py")):
            for module in _imported(path):
                other = _stage(module)
                if other and STAGES.index(other) > STAGES.index(stage):
                    later.append(f"{path.relative_to(ROOT)} imports {module}")
    assert later == []


def test_only_the_pipeline_and_the_command_line_call_the_stages():
    """Of the shared modules, only these reach into a stage: the orchestrator, the command line, and the
    corpus, which holds the types the people and annotate stages hand on (``RoleIndex``, ``Term``)."""
    callers = {path.relative_to(ROOT).as_posix() for path in BUILDER.glob("*.py") if any(_stage(m) for m in _imported(path))}
    assert callers <= {"builder/pipeline.py", "builder/cli.py", "builder/corpus.py"}


def test_the_render_stage_imports_neither_export_nor_search():
    reached = {_stage(module) for module in _imported(BUILDER / "publish" / "render.py")}
    assert not reached & {"export", "search"}


def test_no_module_is_over_the_size_of_one_concept():
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text("utf-8").splitlines()) for path in BUILDER.rglob("*.py")}
    assert {path: n for path, n in sizes.items() if n > MOST_LINES} == {}
