"""Maintainers' sidecar files: ``seeds/<seed file name>.yml`` beside a seed.

A sidecar corrects what the builder read from the seed (``title``, ``date``,
``time``, ``place``, ``url``, ``topics``) and carries editorial notes
(``annotations``, anchored by ``builder/annotate.py``) and the maintainers' own
topics (``tags``, added to the source's). It is only ever read, never written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Problem
from .yamlfile import load_yaml

# Fields a sidecar may override, and the type each must have.
OVERRIDES = {"title": str, "date": str, "time": str, "place": str, "url": str, "topics": list, "kind": str}
KNOWN = {*OVERRIDES, "annotations", "tags"}
# Overrides that go into ids, anchors and sorting keep one written form.
FORMATS = {
    "date": (re.compile(r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"), "YYYY-MM-DD"),
    "time": (re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d"), "HH:MM"),
    "kind": (re.compile(r"transcript|article|text"), "transcript, article or text"),
}


@dataclass(frozen=True)
class Sidecar:
    path: str
    overrides: dict
    annotations: tuple
    annotation_lines: tuple[int, ...] = ()  # the line each entry of ``annotations`` starts on
    tags: tuple[str, ...] = ()  # the maintainers' own topics, added to the source's


def sidecar_path(seed_path: Path) -> Path:
    return seed_path.with_name(seed_path.name + ".yml")


def read_sidecar(seed_path: Path) -> tuple[Sidecar | None, list[Problem]]:
    path = sidecar_path(seed_path)
    if not path.exists():
        return None, []
    data, problems = load_yaml(path, "sidecar", "sidecar")
    if problems:
        return None, problems
    data = data or {}
    if not isinstance(data, dict):
        return None, [Problem(path.name, 1, "sidecar", "the sidecar must be a mapping ('title: ...'); it was ignored", "error")]
    problems: list[Problem] = []
    overrides = {}
    for key, value in data.items():
        if key not in KNOWN:
            problems.append(Problem(path.name, _line_of(path, key), "sidecar", f"unknown field '{key}' (known: {', '.join(sorted(KNOWN))}); it was ignored"))
        elif key in OVERRIDES:
            if key == "date" and hasattr(value, "isoformat"):
                value = value.isoformat()
            if not isinstance(value, OVERRIDES[key]):
                problems.append(Problem(path.name, _line_of(path, key), "sidecar", f"'{key}' must be a {OVERRIDES[key].__name__}; it was ignored"))
            elif key in FORMATS and not FORMATS[key][0].fullmatch(value):
                problems.append(Problem(path.name, _line_of(path, key), "sidecar", f"'{key}' must be written {FORMATS[key][1]}; it was ignored"))
            else:
                overrides[key] = [str(v) for v in value] if key == "topics" else value
    tags = data.get("tags") or []
    if not isinstance(tags, list):
        problems.append(Problem(path.name, _line_of(path, "tags"), "sidecar", "'tags' must be a list of topics; it was ignored"))
        tags = []
    annotations = data.get("annotations") or []
    if not isinstance(annotations, list):
        problems.append(Problem(path.name, _line_of(path, "annotations"), "sidecar", "'annotations' must be a list of notes ('- id: ...'); it was ignored"))
        annotations = []
    return Sidecar(path.name, overrides, tuple(annotations), _entry_lines(path, "annotations"), tuple(str(t) for t in tags)), problems


def _entry_lines(path: Path, key: str) -> tuple[int, ...]:
    """The line each entry of the top-level list ``key`` starts on (1-based)."""
    root = yaml.compose(path.read_text("utf-8"))
    for name, value in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) else []:
        if name.value == key and isinstance(value, yaml.SequenceNode):
            return tuple(item.start_mark.line + 1 for item in value.value)
    return ()


def _line_of(path: Path, key: str) -> int:
    for number, text in enumerate(path.read_text("utf-8").split("\n"), start=1):
        if text.startswith(f"{key}:"):
            return number
    return 1
