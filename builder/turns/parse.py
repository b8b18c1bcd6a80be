"""The parse stage: turns into numbered paragraphs with the source's editorial marks; the document.

The turns come from the turns stage (``find``); this stage numbers their paragraphs
through the whole document, marks the source's own editorial insertions and
elisions, and assembles the ``Document`` with its metadata (a sidecar's fields win).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Cleaned, Document, Mark, Source, Turn
from ..names import slug, title_slug

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


def parse_document(seed, cleaned: Cleaned, turns: tuple[Turn, ...], kind: str, overrides: dict) -> Document:
    """The whole document: metadata (a sidecar's fields win), turns and provenance."""
    meta: dict[str, Any] = {  # the sidecar's overrides are read from YAML, checked by field
        "title": cleaned.title, "date": cleaned.date, "time": cleaned.time, "place": cleaned.place,
        "url": cleaned.url, "topics": list(cleaned.topics), "kind": kind,
    }
    meta.update(overrides)
    title = meta["title"] or seed.name
    return Document(
        id=document_id(meta["date"], title),
        kind=meta["kind"],
        title=title,
        date=meta["date"],
        time=meta["time"],
        place=meta["place"],
        lead=cleaned.lead,
        source=Source(seed.name, seed.sha256, meta["url"], cleaned.publisher, seed.encoding, authors=cleaned.authors),
        topics=tuple(meta["topics"]),
        turns=turns,
        profile=cleaned.profile,
        removed=cleaned.removed,
        tooltips=cleaned.tooltips,
    )


def document_id(date: str | None, title: str) -> str:
    """A stable slug: the date, then the title's words, cut at a word and never inside a name (``names.title_slug``)."""
    base = f"{slug(date or '') or 'undated'}-{title_slug(title, ID_TITLE_LENGTH) or 'untitled'}"
    if len(base) > ID_LENGTH:
        base = base[:ID_LENGTH].rsplit("-", 1)[0]
    return base
