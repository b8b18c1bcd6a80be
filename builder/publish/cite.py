"""How to cite a document: a plain reference in a common style, BibTeX, and permanent URLs.

The permanent URL of a page comes from the site's public address (found by
``builder.public_url``) and the document's id; a paragraph's is that URL and ``#pN``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document
from ..profiles.clean import MONTHS

# Characters BibTeX reads as syntax inside a braced value.
BIBTEX_SPECIAL = re.compile(r"([{}\\&%$#_^~])")
# The site's name, as its pages, citations and TEI headers give it (``site_name`` in ``mkdocs.yml`` too).
SITE_NAME = "Stenogram"


@dataclass(frozen=True)
class Citation:
    url: str  # the permanent URL of the document's page on this site
    text: str  # a plain reference (Chicago-like, for a web page)
    bibtex: str


def page_url(site_url: str, doc_id: str) -> str:
    """The document page's permanent URL (directory URLs, as the published site has them)."""
    return f"{site_url.rstrip('/')}/documents/{doc_id}/"


def cite(doc: Document, site_url: str) -> Citation:
    url = page_url(site_url, doc.id)
    return Citation(url, citation_text(doc, url), bibtex(doc, url))


def long_date(date: str | None) -> str:
    """'2025-03-31' as '31 March 2025' (unknown dates as 'n.d.')."""
    if not date or len(date) < 10:
        return "n.d."
    return f"{int(date[8:10])} {MONTHS[int(date[5:7]) - 1]} {date[:4]}"


def citation_text(doc: Document, url: str) -> str:
    """``Publisher. "Title." Date. Source URL. Also at Stenogram: URL.``"""
    parts = [f"{doc.source.publisher}." if doc.source.publisher else None, f"“{doc.title.rstrip('.')}.”", f"{long_date(doc.date)}."]
    if doc.source.url:
        parts.append(f"{doc.source.url}.")
    parts.append(f"Transcript and data at {SITE_NAME}: {url}.")
    return " ".join(p for p in parts if p)


def bibtex(doc: Document, url: str) -> str:
    fields = [
        ("title", doc.title),
        ("organization", doc.source.publisher),
        ("date", doc.date),
        ("year", doc.date[:4] if doc.date else None),
        ("url", doc.source.url or url),
        ("note", f"{SITE_NAME} permanent URL: {url}"),
    ]
    body = ",\n".join(f"  {name} = {{{_bib(value)}}}" for name, value in fields if value)
    return f"@misc{{{bibtex_key(doc)},\n{body}\n}}"


def bibtex_key(doc: Document) -> str:
    """A citation key from the id: letters, digits and hyphens only, shortened at a word."""
    key = "stenogram-" + re.sub(r"[^A-Za-z0-9-]", "", doc.id)
    return key if len(key) <= 56 else key[:56].rsplit("-", 1)[0]


def _bib(value: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", " ".join(value.split()))
