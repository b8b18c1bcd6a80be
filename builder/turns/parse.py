"""The parse stage: turns into numbered paragraphs with the source's editorial marks; the document.

The turns come from the turns stage (``find``); this stage numbers their paragraphs
through the whole document, marks the source's own editorial insertions and
elisions, and assembles the ``Document`` with its metadata (a sidecar's fields win).
It reports what the document still lacks: a title or date the profile did not find
and the sidecar does not give, a transcript's speaker labels.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from ..ingest.sidecar import Overrides
from ..licences import licence_of
from ..model import Cleaned, Document, Mark, Problem, Seed, Source, Turn
from ..names import slug, title_slug

T = TypeVar("T")

# An editorial insertion of the source: "[with the fallen debris of a bridge]".
INSERTION = re.compile(r"\[[^\[\]\n]{1,300}\]")
# An editorial elision of the source: "<…>", "<...>", "[…]".
ELISION = re.compile(r"<(?:…|\.\.\.)>|\[(?:…|\.\.\.)\]")


def editorial_marks(text: str) -> tuple[Mark, ...]:
    """The source's own editorial marks in a paragraph, by position."""
    marks = [Mark("insertion", m.start(), m.end()) for m in INSERTION.finditer(text) if not ELISION.fullmatch(m.group())]
    marks += [Mark("elision", m.start(), m.end()) for m in ELISION.finditer(text)]
    return tuple(sorted(marks, key=lambda k: k.start))


# Longest title part of a document id, in characters: the id is the date and this (ids are file names and URLs).
ID_TITLE_LENGTH = 60
# Longest document id, in characters, whatever the date given.
ID_LENGTH = 80
# A problem of what the seed lacks, and the sidecar field that supplies it (the problem is then no problem).
SIDECAR_FIELD_OF = {"no-date": "date", "no-title": "title"}


def parse_document(seed: Seed, cleaned: Cleaned, turns: tuple[Turn, ...], kind: str,
                   overrides: Overrides, tags: tuple[str, ...] = ()) -> tuple[Document, list[Problem]]:
    """The whole document (metadata, a sidecar's fields winning and its ``tags`` added to the topics; turns;
    provenance) and what it lacks."""
    doc = _document(seed, cleaned, turns, kind, overrides)
    if tags:
        doc = replace(doc, topics=doc.topics + tuple(t for t in dict.fromkeys(tags) if t not in doc.topics))
    supplied = overrides.supplied()
    problems = [p for p in cleaned.problems if SIDECAR_FIELD_OF.get(p.code) not in supplied]
    if cleaned.title is None and "title" not in supplied and not any(p.code == "no-title" for p in cleaned.problems):
        problems.append(Problem(seed.name, cleaned.title_line, "no-title",
                                "no title found: published under the file name; add 'title:' to its sidecar"))
    if doc.kind == "transcript" and not any(t.label for t in doc.turns):
        problems.append(Problem(seed.name, 1, "no-speakers",
                                "a transcript with no speaker labels ('Name Surname: ...'): built as narration; check the source"))
    if doc.kind == "transcript" and not doc.source.url:
        problems.append(Problem(seed.name, 1, "no-source-url",
                                "no source link: its page says where it was published is not known; give 'url:' in its sidecar", "notice"))
    return doc, problems


def _document(seed: Seed, cleaned: Cleaned, turns: tuple[Turn, ...], kind: str, overrides: Overrides) -> Document:
    """The document: metadata (a sidecar's fields win), turns and provenance."""
    date = _given(overrides.date, cleaned.date)
    title = _given(overrides.title, cleaned.title) or seed.name
    return Document(
        id=document_id(date, title),
        kind=_given(overrides.kind, kind),
        title=title,
        date=date,
        time=_given(overrides.time, cleaned.time),
        place=_given(overrides.place, cleaned.place),
        lead=cleaned.lead,
        source=Source(seed.name, seed.sha256, _given(overrides.url, cleaned.url), cleaned.publisher, seed.encoding,
                      authors=cleaned.authors, licence=licence_of(cleaned.publisher, overrides.licence)),
        topics=_given(overrides.topics, cleaned.topics),
        turns=turns,
        profile=cleaned.profile,
        removed=cleaned.removed,
        tooltips=cleaned.tooltips,
    )


def _given(override: T | None, read: T) -> T:
    """The sidecar's value where it gives one (an empty one included), else what the builder read."""
    return read if override is None else override


def document_id(date: str | None, title: str) -> str:
    """A stable slug: the date, then the title's words, cut at a word and never inside a name (``names.title_slug``)."""
    base = f"{slug(date or '') or 'undated'}-{title_slug(title, ID_TITLE_LENGTH) or 'untitled'}"
    if len(base) > ID_LENGTH:
        base = base[:ID_LENGTH].rsplit("-", 1)[0]
    return base
