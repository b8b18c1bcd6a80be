"""Maintainers' sidecar files: ``seeds/<seed file name>.yml`` beside a seed.

A sidecar corrects what the builder read from the seed (``title``, ``date``,
``time``, ``place``, ``url``, ``topics``) and carries editorial notes
(``annotations``). It is only ever read, never written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Problem

# Fields a sidecar may override, and the type each must have.
OVERRIDES = {"title": str, "date": str, "time": str, "place": str, "url": str, "topics": list, "kind": str}
KNOWN = {*OVERRIDES, "annotations"}


@dataclass(frozen=True)
class Sidecar:
    path: str
    overrides: dict
    annotations: tuple


def sidecar_path(seed_path: Path) -> Path:
    return seed_path.with_name(seed_path.name + ".yml")


def read_sidecar(seed_path: Path) -> tuple[Sidecar | None, list[Problem]]:
    path = sidecar_path(seed_path)
    if not path.exists():
        return None, []
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [Problem(path.name, line, "sidecar", f"the sidecar is not valid YAML: {getattr(err, 'problem', err)}; fix it (it was ignored)", "error")]
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
            else:
                overrides[key] = [str(v) for v in value] if key == "topics" else value
    return Sidecar(path.name, overrides, tuple(data.get("annotations") or ())), problems


def _line_of(path: Path, key: str) -> int:
    for number, text in enumerate(path.read_text("utf-8").split("\n"), start=1):
        if text.startswith(f"{key}:"):
            return number
    return 1
