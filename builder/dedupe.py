"""Duplicate seeds: two files that are the same document are published once.

Two seeds are the same document when they give the same source URL (scheme,
``www.`` and a trailing slash aside) or the same body (the same words in the same
order, whatever the line ends, spacing or page chrome around them). The first
seed, in the sorted order seeds are read in, is kept; each later one is skipped
with a warning that names the seed it repeats.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .model import Document, Problem


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
    by_body: dict[str, str] = field(default_factory=dict)

    def duplicate(self, doc: Document) -> Problem | None:
        """A warning when ``doc`` repeats a document already kept; else ``None``, and ``doc`` is remembered."""
        url, body = url_key(doc.source.url), body_key(doc)
        if url is not None and url in self.by_url:
            return _problem(doc, self.by_url[url], f"the same source URL, {doc.source.url}")
        if body is not None and body in self.by_body:
            return _problem(doc, self.by_body[body], "the same text")
        if url is not None:
            self.by_url[url] = doc.source.file
        if body is not None:
            self.by_body[body] = doc.source.file
        return None


def _problem(doc: Document, first: str, why: str) -> Problem:
    return Problem(doc.source.file, 1, "duplicate", f"the same document as {first} ({why}): skipped, {first} is published; remove one of the two seeds")
