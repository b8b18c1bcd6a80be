"""How to cite a document: a plain reference in a common style, BibTeX with a reference manager's key, and permanent URLs.

The permanent URL of a page comes from the site's public address (found by
``builder.public_url``) and the document's id; a paragraph's is that URL and ``#pN``.
A citation key is made as reference managers make theirs, short and readable
(``kremlin2025roscosmos``: who, the year, the title's first significant word), so it
is unique only with the corpus in view: ``bibtex_keys`` gives each document its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from ..addresses import SITE_NAME, page_url
from ..model import Document
from ..names import NAME_PARTICLES, slug
from ..profiles.clean import MONTHS

# Characters BibTeX reads as syntax inside a braced value.
BIBTEX_SPECIAL = re.compile(r"([{}\\&%$#_^~])")
# A host named in a publisher's name: "President of Russia (en.kremlin.ru)"; or a publisher that is a host.
PUBLISHER_HOST = re.compile(r"\((?P<host>[\w-]+(?:\.[\w-]+)+)\)|^(?P<bare>[\w-]+(?:\.[\w-]+)+)$")
# Host labels that name no publisher: a language or a www before the name, a country domain's second level after it.
HOST_PREFIXES = frozenset(("www", "en", "eng", "m", "amp"))
HOST_SECOND_LEVELS = frozenset(("ac", "co", "com", "edu", "gov", "net", "org"))
# Title words a key's "first significant word" skips: function words, and the words that say what kind of page
# it is or name an office, which open most titles of one publisher ("Meeting with ...", "Telephone conversation
# with President of ..."): "Meeting with Government members" gives "government".
KEY_SKIPPED = frozenset((
    "a", "an", "the", "of", "on", "in", "at", "to", "for", "with", "and", "by", "from", "as", "or", "into", "about",
    "over", "after", "before", "between", "his", "her", "its", "their", "has", "have", "had", "was", "were", "is",
    "are", "be", "been", "will",
    "meeting", "meetings", "working", "telephone", "conversation", "conversations", "talks", "greetings",
    "congratulations", "condolences", "message", "messages", "visit", "visiting", "trip", "press", "news",
    "conference", "joint", "interview", "speech", "address", "opening", "remarks", "session", "ceremony",
    "presentation", "instructions", "statement", "statements", "executive", "order", "official",
    "acting", "president", "presidents", "prime", "minister", "chairman", "head", "director", "general", "deputy",
))
# A key when nobody is known: no author, no publisher.
ANONYMOUS = "anon"


@dataclass(frozen=True)
class Citation:
    url: str  # the permanent URL of the document's page on this site
    text: str  # a plain reference (Chicago-like, for a web page)
    bibtex: str
    anchored: bool = True  # the document has paragraphs, each with its own permanent link (¶)


def cite(doc: Document, site_url: str, key: str | None = None) -> Citation:
    """The document's citation; ``key``: its BibTeX key in the corpus (``bibtex_keys``), else its own ``bibtex_key``."""
    url = page_url(site_url, doc.id)
    return Citation(url, citation_text(doc, url), bibtex(doc, url, key), any(t.paragraphs for t in doc.turns))


def long_date(date: str | None) -> str:
    """'2025-03-31' as '31 March 2025' (unknown dates as 'n.d.')."""
    if not date or len(date) < 10:
        return "n.d."
    return f"{int(date[8:10])} {MONTHS[int(date[5:7]) - 1]} {date[:4]}"


def citation_text(doc: Document, url: str) -> str:
    """``Publisher. “Title.” Date. Source URL. Transcript and data at Stenogram: URL.``

    With a byline, the authors come first and the publisher after the title, as a
    reference to a news article gives them: ``Epstein, Jake, and Jane Doe. “Title.” The
    Moscow Times, 6 February 2025. ...``.
    """
    authors = cited_authors(doc)
    if authors:
        parts = [f"{_author_list(authors)}.", f"“{doc.title.rstrip('.')}.”",
                 f"{doc.source.publisher}, {long_date(doc.date)}." if doc.source.publisher else f"{long_date(doc.date)}."]
    else:
        parts = [f"{doc.source.publisher}." if doc.source.publisher else "", f"“{doc.title.rstrip('.')}.”", f"{long_date(doc.date)}."]
    if doc.source.url:
        parts.append(f"{doc.source.url}.")
    parts.append(f"Transcript and data at {SITE_NAME}: {url}.")
    return " ".join(p for p in parts if p)


def bibtex(doc: Document, url: str, key: str | None = None) -> str:
    fields = [
        ("title", doc.title),
        ("organization", doc.source.publisher),
        ("date", doc.date),
        ("year", doc.date[:4] if doc.date else None),
        ("url", doc.source.url or url),
        ("note", f"{SITE_NAME} permanent URL: {url}"),
    ]
    authors = " and ".join(_bib_name(a) for a in cited_authors(doc))
    body = ",\n".join([f"  author = {{{authors}}}"] * bool(authors) + [f"  {name} = {{{_bib(value)}}}" for name, value in fields if value])
    return f"@misc{{{key or bibtex_key(doc)},\n{body}\n}}"


def cited_authors(doc: Document) -> tuple[str, ...]:
    """The byline's names a citation gives: all of them, but the publisher's own name ("By The Moscow Times")."""
    return tuple(a for a in doc.source.authors if a != doc.source.publisher)


def bibtex_key(doc: Document) -> str:
    """A reference manager's key, ``who + year + word``: ``kremlin2025roscosmos``, ``moscowtimes2025putin``.

    Who: the first author's surname when the source names its authors, else the
    publisher's short name (the host it names, ``en.kremlin.ru``: ``kremlin``; else its
    words, "The Moscow Times": ``moscowtimes``; else the source URL's host), else
    ``anon``. The year: ``nd`` if undated. The word: the title's first that
    ``KEY_SKIPPED`` does not hold and is not a number, else its first. Lower-case ASCII
    letters and digits only.
    """
    authors = cited_authors(doc)
    who = _key_part(_surname(authors[0]) if authors else "") or _publisher_key(doc) or ANONYMOUS
    words = slug(doc.title).split("-")
    word = next((w for w in words if w not in KEY_SKIPPED and not w.isdigit()), words[0]) or "untitled"
    return f"{who}{_key_part(doc.date[:4]) if doc.date else 'nd'}{word}"


def bibtex_keys(documents: Iterable[Document]) -> dict[str, str]:
    """Every document's BibTeX key by id, unique in the corpus.

    Documents are taken by date, then id: the first of a key keeps it as it is, the
    next have a letter after it (``kremlin2025roscosmosa``, ``...b``, ... ``...z``,
    ``...aa``), as reference managers tell two keys apart. So a key changes only when
    an earlier document with the same key joins the corpus.
    """
    keys: dict[str, str] = {}
    taken: set[str] = set()
    tried: dict[str, int] = defaultdict(int)
    for doc in sorted(documents, key=lambda d: (d.date or "", d.id)):
        base = key = bibtex_key(doc)
        while key in taken:
            key = base + _letters(tried[base])
            tried[base] += 1
        taken.add(key)
        keys[doc.id] = key
    return keys


def _letters(n: int) -> str:
    """0 as 'a', 25 as 'z', 26 as 'aa': the letters that tell keys apart."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _publisher_key(doc: Document) -> str:
    """The publisher's short name: the host its name gives, else its words, else the source URL's host."""
    publisher = doc.source.publisher or ""
    if m := PUBLISHER_HOST.search(publisher):
        return _host_key(m["host"] or m["bare"])
    words = slug(publisher).split("-")
    named = _key_part("".join(words[1:] if words[0] == "the" and len(words) > 1 else words))
    return named or _host_key(urlparse(doc.source.url or "").hostname or "")


def _host_key(host: str) -> str:
    """The name in a host: 'en.kremlin.ru' gives 'kremlin', 'www.bbc.co.uk' 'bbc'."""
    labels = host.lower().split(".")
    while len(labels) > 2 and labels[0] in HOST_PREFIXES:
        labels = labels[1:]
    if len(labels) > 2 and labels[-2] in HOST_SECOND_LEVELS:
        labels = labels[:-1]
    return _key_part(labels[-2] if len(labels) > 1 else labels[0])


def _key_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", slug(text))


def _corporate(name: str) -> bool:
    """An author that is not a person: one word ("Reuters", "AFP") or a name with an article ("The Moscow Times")."""
    return len(name.split()) == 1 or name.startswith("The ")


def _surname(name: str) -> str:
    """An author's surname with its particles ("von der Leyen"); a corporate author's whole name."""
    words = name.split()
    if _corporate(name):
        return name
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _inverted(name: str) -> str:
    """'Jake Epstein' as 'Epstein, Jake' (a corporate author as it is)."""
    surname = _surname(name)
    given = name[: len(name) - len(surname)].strip()
    return f"{surname}, {given}" if given else name


def _author_list(authors: tuple[str, ...]) -> str:
    """The authors as a reference lists them: the first inverted, 'and' before the last."""
    first, rest = _inverted(authors[0]), list(authors[1:])
    if not rest:
        return first
    return f"{first}, {', '.join(rest[:-1]) + ', ' if rest[:-1] else ''}and {rest[-1]}"


def _bib_name(name: str) -> str:
    """An author as BibTeX reads one: 'Epstein, Jake'; a corporate author braced, so it is not split into names."""
    return f"{{{_bib(name)}}}" if _corporate(name) else _bib(_inverted(name))


def _bib(value: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", " ".join(value.split()))
