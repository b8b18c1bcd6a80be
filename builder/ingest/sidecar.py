"""Maintainers' sidecar files: ``seeds/<seed file name>.yml`` beside a seed.

A sidecar corrects what the builder read from the seed (``title``, ``date``,
``time``, ``place``, ``url``, ``topics``, ``kind``, and the text's ``licence``: its ``Overrides``) and carries editorial notes
(``annotations``, anchored by ``builder/annotate/anchor.py``) and the maintainers' own
topics (``tags``, added to the source's). It is only ever read, never written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..licences import licence_ids
from ..model import Problem
from .yamlfile import entry_lines, key_line, load_yaml

# Fields a sidecar may override (those of ``Overrides``), and the type each must have in its YAML.
OVERRIDES = {"title": str, "date": str, "time": str, "place": str, "url": str, "topics": list, "kind": str, "licence": str}
KNOWN = {*OVERRIDES, "annotations", "tags"}
# Overrides that go into ids, anchors and sorting keep one written form.
FORMATS = {
    "date": (re.compile(r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"), "YYYY-MM-DD"),
    "time": (re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d"), "HH:MM"),
    "kind": (re.compile(r"transcript|article|text"), "transcript, article or text"),
}


@dataclass(frozen=True)
class Overrides:
    """What a sidecar corrects of what the builder read; None where it says nothing."""

    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    time: str | None = None  # HH:MM
    place: str | None = None
    url: str | None = None
    topics: tuple[str, ...] | None = None  # instead of the source's (``tags`` add to them)
    kind: str | None = None  # transcript, article or text
    licence: str | None = None  # an id of ``builder/data/licences.yml`` ("CC-BY-4.0"), instead of the publisher's

    def supplied(self) -> frozenset[str]:
        """The names of the fields the sidecar gives."""
        return frozenset(f.name for f in fields(self) if getattr(self, f.name) is not None)


@dataclass(frozen=True)
class NoteEntry:
    """One entry of a sidecar's ``annotations`` as the maintainer wrote it, and the line it starts on.

    ``written`` is the YAML as read: a mapping of a note's fields when it is well formed;
    ``builder/annotate/anchor.py`` checks it and makes the note.
    """

    line: int
    written: object


@dataclass(frozen=True)
class Sidecar:
    """A seed's sidecar as read: its corrections, its notes as written, its tags; ``path`` is its file name."""

    path: str
    overrides: Overrides
    notes: tuple[NoteEntry, ...] = ()  # the ``annotations`` entries, in file order
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
    problems = []
    overrides: dict[str, Any] = {}  # each value checked against OVERRIDES below
    for key, value in data.items():
        if key not in KNOWN:
            problems.append(Problem(path.name, key_line(path, key), "sidecar", f"unknown field '{key}' (known: "
                                                                               f"{', '.join(sorted(KNOWN))}); it was ignored"))
        elif key in OVERRIDES:
            if key == "date" and hasattr(value, "isoformat"):
                value = value.isoformat()
            if not isinstance(value, OVERRIDES[key]):
                problems.append(Problem(path.name, key_line(path, key), "sidecar", f"'{key}' must be a {OVERRIDES[key].__name__}; it was "
                                                                                   "ignored"))
            elif key in FORMATS and not FORMATS[key][0].fullmatch(value):
                problems.append(Problem(path.name, key_line(path, key), "sidecar", f"'{key}' must be written {FORMATS[key][1]}; it was "
                                                                                   "ignored"))
            elif key == "licence" and value not in licence_ids():
                problems.append(Problem(path.name, key_line(path, key), "sidecar",
                                        f"'licence' must be one of {', '.join(licence_ids())} (builder/data/licences.yml); it was ignored"))
            else:
                overrides[key] = tuple(str(v) for v in value) if key == "topics" else value
    tags = data.get("tags") or []
    if not isinstance(tags, list):
        problems.append(Problem(path.name, key_line(path, "tags"), "sidecar", "'tags' must be a list of topics; it was ignored"))
        tags = []
    entries = data.get("annotations") or []
    if not isinstance(entries, list):
        problems.append(Problem(path.name, key_line(path, "annotations"), "sidecar",
                                "'annotations' must be a list of notes ('- id: ...'); it was ignored"))
        entries = []
    lines = entry_lines(path, "annotations") if entries else ()
    notes = tuple(NoteEntry(lines[n] if n < len(lines) else 1, entry) for n, entry in enumerate(entries))
    return Sidecar(path.name, Overrides(**overrides), notes, tuple(str(t) for t in tags)), problems
