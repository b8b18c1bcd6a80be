"""Sidecars: the fields a maintainer corrects are typed, checked by field, and say which ones were given."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from builder.ingest.sidecar import OVERRIDES, NoteEntry, Overrides, read_sidecar


def sidecar(tmp_path: Path, text: str):
    seed = tmp_path / "a.txt"
    seed.write_text("Remarks\nWords.\n", "utf-8")
    (tmp_path / "a.txt.yml").write_text(text, "utf-8")
    return read_sidecar(seed)


def test_every_field_a_sidecar_may_override_is_a_field_of_overrides():
    assert list(OVERRIDES) == [f.name for f in fields(Overrides)]


def test_overrides_say_which_fields_the_sidecar_gives_an_empty_one_included(tmp_path):
    read, problems = sidecar(tmp_path, "title: ''\ndate: 2025-01-02\ntopics: [Economy, 2025]\n")
    assert problems == []
    assert read is not None and read.overrides == Overrides(title="", date="2025-01-02", topics=("Economy", "2025"))
    assert read.overrides.supplied() == {"title", "date", "topics"}
    assert Overrides().supplied() == frozenset()


def test_a_field_of_the_wrong_type_or_form_is_reported_and_not_supplied(tmp_path):
    read, problems = sidecar(tmp_path, "title: [a, b]\ntime: 9am\nplace: Moscow\n")
    assert [(p.line, p.message) for p in problems] == [
        (1, "'title' must be a str; it was ignored"),
        (2, "'time' must be written HH:MM; it was ignored"),
    ]
    assert read is not None and read.overrides.supplied() == {"place"}


def test_each_note_entry_keeps_the_line_it_starts_on_and_what_was_written(tmp_path):
    read, problems = sidecar(tmp_path, "annotations:\n  - id: a\n    exact: words\n    body: text\n  - just text\n")
    assert problems == []
    assert read is not None and read.notes == (NoteEntry(2, {"id": "a", "exact": "words", "body": "text"}), NoteEntry(5, "just text"))
