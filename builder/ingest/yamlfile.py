"""Reading the maintainers' YAML files (people, sidecars, glossary) with errors that name the line."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..model import Problem


def load_yaml(path: Path, what: str, code: str) -> tuple[object, list[Problem]]:
    """The file's data, or ``None`` and an error (``code``) naming the file and line where it breaks; ``what`` names the file in it."""
    try:
        return yaml.safe_load(path.read_text("utf-8")), []
    except UnicodeDecodeError:
        return None, [Problem(path.name, 1, code, f"the {what} is not UTF-8 text: save it as UTF-8 (it was ignored)", "error")]
    except yaml.YAMLError as err:
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = " ".join(str(part) for part in (getattr(err, "context", None), getattr(err, "problem", None)) if part) or str(err)
        return None, [Problem(path.name, line, code, f"the {what} is not valid YAML ({reason}): fix it (it was ignored)", "error")]


def entry_lines(path: Path, key: str | None = None) -> tuple[int, ...]:
    """The line (1-based) each entry of the file's top-level list starts on, or of the list under the top-level ``key``."""
    node = yaml.compose(path.read_text("utf-8"))
    if key is not None:
        node = next((value for name, value in _fields(node) if name.value == key), None)
    return tuple(item.start_mark.line + 1 for item in node.value) if isinstance(node, yaml.SequenceNode) else ()


def key_line(path: Path, key: str) -> int:
    """The line (1-based) the top-level ``key`` is written on (1 when it is not there)."""
    node = yaml.compose(path.read_text("utf-8"))
    return next((name.start_mark.line + 1 for name, _ in _fields(node) if name.value == key), 1)


def _fields(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    """The (key, value) nodes of a mapping; none for anything else."""
    return node.value if isinstance(node, yaml.MappingNode) else []
