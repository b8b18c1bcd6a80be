"""Duplicate seeds: two files that are the same document are published once.

Two seeds are the same document when they give the same source URL (scheme,
``www.`` and a trailing slash aside) or the same body (the same words in the same
order, whatever the line ends, spacing or page chrome around them) with nothing
that tells them apart: two pages of the same words on different dates, or from two
different addresses, are two documents (a yearly notice, a standard phone-call
summary "Relevant issues of bilateral cooperation were discussed."). The first
seed, in the sorted order seeds are read in, is kept; each later one is skipped
with a warning that names the seed it repeats.

Two different documents may still get the same id (the same date and title): the
later one is published under the id with ``-2`` (``-3``...) added, with a warning.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..model import Document, Problem


def distinct(documents: Sequence[Document], bodies: Mapping[str, str | None] | None = None) -> tuple[tuple[Document, ...], list[Problem]]:
    """The documents to publish, in order: each repeat of one before skipped, each id made unique.

    ``bodies``: each document's ``body_key`` by seed file, if worked out already (the parse cache keeps it)."""
    seen = Fingerprints(bodies=bodies or {})
    taken: set[str] = set()
    kept: list[Document] = []
    problems: list[Problem] = []
    for doc in documents:
        if duplicate := seen.duplicate(doc):
            problems.append(duplicate)
            continue
        doc = _unique_id(doc, taken, problems)
        taken.add(doc.id)
        kept.append(doc)
    return tuple(kept), problems


def url_key(url: str | None) -> str | None:
    """One key for the spellings of one address: ``http://en.kremlin.ru/d/1/`` is ``https://kremlin.ru/d/1``."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip() if "://" in url else "http://" + url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}?{parts.query}" if parts.query else f"{host}{path}"


def body_key(doc: Document) -> str | None:
    """A hash of the body's words (labels and paragraphs, in order); ``None`` for an empty body."""
    words: list[str] = []
    for turn in doc.turns:
        words += (turn.label or "").split()
        for paragraph in turn.paragraphs:
            words += paragraph.text.split()
    if not words:
        return None
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


@dataclass
class Fingerprints:
    """The URLs and bodies of the documents kept so far, and the seed each came from."""

    by_url: dict[str, str] = field(default_factory=dict)
    by_body: dict[str, list[tuple[str, str | None, str | None]]] = field(default_factory=dict)  # body -> (seed, date, url)
    bodies: Mapping[str, str | None] = field(default_factory=dict)  # the body keys already known, by seed file

    def duplicate(self, doc: Document) -> Problem | None:
        """A warning when ``doc`` repeats a document already kept; else ``None``, and ``doc`` is remembered."""
        url = url_key(doc.source.url)
        body = self.bodies[doc.source.file] if doc.source.file in self.bodies else body_key(doc)
        if url is not None and url in self.by_url:
            return _problem(doc, self.by_url[url], f"the same source URL, {doc.source.url}")
        for first, date, other in self.by_body.get(body or "", ()):
            if _unknown_or_equal(date, doc.date) and _unknown_or_equal(other, url):
                return _problem(doc, first, "the same text")
        if url is not None:
            self.by_url[url] = doc.source.file
        if body is not None:
            self.by_body.setdefault(body, []).append((doc.source.file, doc.date, url))
        return None


def _unknown_or_equal(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _problem(doc: Document, first: str, why: str) -> Problem:
    return Problem(doc.source.file, 1, "duplicate", f"the same document as {first} ({why}): skipped, {first} is published; remove one of "
                                                    "the two seeds")


def _unique_id(doc: Document, taken: set[str], problems: list[Problem]) -> Document:
    if doc.id not in taken:
        return doc
    n = 2
    while f"{doc.id}-{n}" in taken:
        n += 1
    problems.append(Problem(doc.source.file, 1, "id-collision", f"another seed already has the id {doc.id}: "
                            f"this one is published as {doc.id}-{n}; give one a 'title:' in its sidecar"))
    return replace(doc, id=f"{doc.id}-{n}")
