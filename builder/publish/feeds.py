"""Atom feeds that follow the archive: its newest documents, and each person's and each topic's.

A researcher following a person or a subject should learn what is new without coming
back to look, as TheyWorkForYou's alerts and en.kremlin.ru's RSS let them. Each feed is
Atom 1.0 (RFC 4287), written with ElementTree, so always well-formed; seed text is text
to it, escaped once as XML and, inside an entry's HTML, once more as HTML.

The same seeds give the same bytes: every date is a document's (at midnight UTC), never
the build's, and a feed's ``updated`` is its newest entry's. Ids are tag URIs (RFC 4151)
that do not hold the site's address, so a feed reader does not see every entry again when
the site moves; links are the permanent URLs of the pages (``addresses.page_url``), a turn's or
a paragraph's that of the page of a long document that holds it (``pages.anchor_url``). An undated
document is in no feed: an entry must say when.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape

from ..addresses import SITE_NAME, page_url
from ..cache import Memo, keyed
from ..document_pages import Layout, layout
from ..export.tei import NOT_XML
from ..model import Document, Mention, Paragraph, Person, Turn
from .filters import plural
from .pages import anchor_url, feed_file, person_page, topic_page, topic_slug
from .views import by_topic, snippet

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The start of every feed's and entry's id: a tag URI of the archive's own, whatever its address.
TAG = "tag:stenogram,2025:"
# Entries in the site's feed, and in a person's or a topic's: the newest documents, by date then id.
# (At 10,000 documents there are about 1,300 feeds of people and topics: 30 MB in all at 20 entries, 45 MB at 50.)
SITE_FEED_SIZE = 50
FEED_SIZE = 20
# Turns, and mentions, an entry of a person's feed lists (the document has the rest). The feeds
# are a share of the site's bytes (about a tenth on the real pages): an entry says enough to decide to follow it.
SHOWN = 3
# Words of a turn an entry of a person's feed quotes, and characters it quotes on each side of a mention.
EXCERPT_WORDS = 15
MENTION_CONTEXT = 50
# Characters of a document's lead (or first paragraph) an entry's summary gives.
SUMMARY_CHARS = 400
# Words a paragraph needs to stand for a document that has no lead (a photo's caption does not).
SUMMARY_WORDS = 12
# A feed's date when no document is dated (as the site's build date: ``site.mkdocs``).
NO_DATE = "1970-01-01"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    date: str  # "YYYY-MM-DD"
    link: str
    summary: str  # plain text
    content: str | None = None  # HTML, escaped as the entry's text
    author: str | None = None  # the source's publisher
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    path: str  # inside the site, e.g. "feeds/people/vladimir-putin.xml"
    id: str
    title: str
    subtitle: str
    url: str  # the feed's own permanent URL
    page: str  # the permanent URL of the page the feed follows
    entries: tuple[Entry, ...]


@dataclass
class Involvement:
    """What one person does in one document: their turns, and the paragraphs that name them (with their speaker)."""

    doc: Document
    turns: list[Turn] = field(default_factory=list)
    mentions: list[tuple[Paragraph, Mention, str | None]] = field(default_factory=list)


def atom_feeds(documents: Sequence[Document], people: dict[str, Person], site_url: str, memo: Memo | None = None,
               keys: dict[str, str] | None = None) -> Iterator[tuple[str, bytes]]:
    """Every feed of the site, as its path inside the site and its bytes: the site's, each person's, each topic's.

    A person has a feed when they have a page (a document involves them), a topic when a
    document has it; the feed of a page is its ``feed_file``. With ``memo`` and ``keys`` (each
    document's key, by id: a hash of all it came from, the people's names with it), a person's
    feed is kept under the keys of the documents it lists, and made again only when one changed.
    """
    base = site_url.rstrip("/")
    ordered = sorted(documents, key=lambda d: (d.date or "", d.id), reverse=True)
    dated = [d for d in ordered if _valid(d.date)]
    stamp = dated[0].date if dated and dated[0].date else NO_DATE

    def feed(page: str, title: str, subtitle: str, entries: tuple[Entry, ...]) -> tuple[str, bytes]:
        """The feed of ``page`` (a page's path in the docs folder), as its path and bytes."""
        path = feed_file(page)
        head = Feed(path, f"{TAG}{path.removesuffix('.xml')}", title, subtitle, f"{base}/{path}", _url(base, page), entries)
        return path, atom(head, stamp)

    yield feed("index.md", SITE_NAME, "The newest documents of the archive",
               tuple(_entry(d, base, f"{TAG}documents/{d.id}") for d in dated[:SITE_FEED_SIZE]))
    layouts: dict[str, Layout] = {}  # each document's, made once for all the feeds that link its turns
    for pid, involvements in _involvements(ordered, dated).items():
        name = people[pid].name
        listed = involvements[:FEED_SIZE]
        key = keyed("person-feed", base, stamp, pid, name, *(keys[what.doc.id] for what in listed)) if memo and keys else ""
        kept = memo.get(key) if memo and key else None
        if isinstance(kept, tuple):
            yield kept
            continue
        entries = tuple(_person_entry(what, people, base, pid, layouts) for what in listed)
        made = feed(f"people/{person_page(pid)}", f"{SITE_NAME}: {name}", f"The newest documents in which {name} speaks or is named",
                    entries)
        if memo and key:
            memo.put(key, made)
        yield made
    for entry in by_topic(ordered):
        topic = entry.topic
        newest = [d for d in entry.documents if _valid(d.date)][:FEED_SIZE]
        entries = tuple(_entry(d, base, f"{TAG}topics/{topic_slug(topic)}/{d.id}") for d in newest)
        yield feed(f"topics/{topic_page(topic)}", f"{SITE_NAME}: {topic}", f"The newest documents of the topic {topic}", entries)


def _involvements(ordered: list[Document], dated: list[Document]) -> dict[str, list[Involvement]]:
    """What each person does in each of their dated documents, newest first.

    Every person a document of ``ordered`` (all of them, the undated too) involves has a
    page, so a feed, even when none of their documents is dated.
    """
    found: dict[str, dict[str, Involvement]] = {pid: {} for doc in ordered for pid in doc.people}
    for doc in dated:
        for pid in doc.people:
            found[pid][doc.id] = Involvement(doc)
        for turn in doc.turns:
            if turn.speaker in doc.people:
                found[turn.speaker][doc.id].turns.append(turn)
            for paragraph in turn.paragraphs:
                for mention in paragraph.mentions:
                    if mention.person in doc.people:
                        found[mention.person][doc.id].mentions.append((paragraph, mention, turn.speaker))
    return {pid: list(found[pid].values()) for pid in sorted(found)}


def _entry(doc: Document, base: str, entry_id: str) -> Entry:
    """A document as an entry of the site's feed or a topic's: its lead (else its first paragraph of a few words) as the summary."""
    texts = [p.text for _, p in doc.paragraphs()]
    first = next((text for text in texts if len(text.split()) >= SUMMARY_WORDS), texts[0] if texts else "")
    return Entry(entry_id, doc.title, doc.date or NO_DATE, page_url(base, doc.id), _shortened(doc.lead or first, SUMMARY_CHARS),
                 author=doc.source.publisher, categories=doc.topics)


def _person_entry(what: Involvement, people: dict[str, Person], base: str, pid: str, layouts: dict[str, Layout]) -> Entry:
    """A document as an entry of a person's feed: what they said, and how they were named, each linked to its paragraph.

    A person a document names only in its title or lead (no turn, no mention in the text) has that said.
    ``layouts``: the documents' layouts made so far (``document_pages.layout``), added to.
    """
    doc = what.doc
    url = page_url(base, doc.id)
    name = people[pid].name
    words = sum(t.words for t in what.turns)
    said = [f"{_count(len(what.turns), 'turn')}, {_count(words, 'word')} spoken"] if what.turns else []
    said += [f"named {_count(len(what.mentions), 'time')}"] if what.mentions else []
    html = []
    if doc.id not in layouts:
        layouts[doc.id] = layout(doc)
    where = layouts[doc.id]
    if what.turns:
        html.append(f"<p>{escape(name)} spoke:</p>")
        html.append(_list([_turn_item(turn, base, where) for turn in what.turns[:SHOWN]], len(what.turns), "turn"))
    if what.mentions:
        html.append(f"<p>{escape(name)} was named:</p>")
        items = [_mention_item(paragraph, mention, speaker, people, base, where)
                 for paragraph, mention, speaker in what.mentions[:SHOWN]]
        html.append(_list(items, len(what.mentions), "mention"))
    if not said:
        said = ["named in the title or the lead"]
        html.append(f"<p>{escape(doc.lead)}</p>" if doc.lead else "")
    return Entry(f"{TAG}people/{pid}/{doc.id}", doc.title, doc.date or NO_DATE, url, f"{name}: {'; '.join(said)}.",
                 "".join(html) or None, doc.source.publisher, doc.topics)


def _turn_item(turn: Turn, base: str, where: Layout) -> str:
    """A turn as a person's entry lists it: its paragraphs, linked to the first (on its page), its words, and how it starts."""
    ids = [p.id for p in turn.paragraphs if p.id]
    shown = f"¶ {ids[0]}" + (f"–{ids[-1]}" if len(ids) > 1 else "") if ids else f"turn {turn.number}"
    anchor = ids[0] if ids else f"t{turn.number}"
    first = " ".join(p.text for p in turn.paragraphs)
    link = escape(anchor_url(base, where, anchor))
    return f'<a href="{link}">{shown}</a> ({_count(turn.words, "word")}): {escape(_excerpt(first, EXCERPT_WORDS))}'


def _mention_item(paragraph: Paragraph, mention: Mention, speaker: str | None, people: dict[str, Person], base: str,
                  where: Layout) -> str:
    """A mention as a person's entry lists it: its paragraph, linked (on its page), who said it, and the words around it."""
    by = f" (by {escape(people[speaker].name)})" if speaker in people else ""
    text = escape(snippet(paragraph.text, mention.start, mention.end, MENTION_CONTEXT))
    return f'<a href="{escape(anchor_url(base, where, paragraph.id))}">¶ {paragraph.id}</a>{by}: {text}'


def _list(items: list[str], total: int, noun: str) -> str:
    """``items`` as an HTML list, and how many of ``total`` it leaves to the document."""
    more = f"<li>and {_count(total - len(items), noun)} more in the document</li>" if total > len(items) else ""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + more + "</ul>"


def _count(n: int, noun: str) -> str:
    return f"{n} {plural(n, noun)}"


def _excerpt(text: str, words: int) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last word that fits in ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


def _valid(day: str | None) -> bool:
    """Whether ``day`` is a date of the calendar, written YYYY-MM-DD."""
    try:
        return day is not None and date.fromisoformat(day).isoformat() == day
    except ValueError:
        return False


def _url(base: str, page: str) -> str:
    """A page's permanent URL (directory URLs, as the published site has them): ``people/x.md`` is ``BASE/people/x/``."""
    stem = page.removesuffix(".md")
    return f"{base}/" if stem == "index" else f"{base}/{stem.removesuffix('/index')}/"


def atom(feed: Feed, stamp: str) -> bytes:
    """The feed as an Atom document (UTF-8); ``stamp`` is its date when it has no entry."""
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: "en"})
    _add(root, "id", feed.id)
    _add(root, "title", feed.title)
    _add(root, "subtitle", feed.subtitle)
    _add(root, "updated", _timestamp(feed.entries[0].date if feed.entries else stamp))
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.url)
    _add(root, "link", rel="alternate", type="text/html", href=feed.page)
    _add(_add(root, "author"), "name", SITE_NAME)
    for entry in feed.entries:
        element = _add(root, "entry")
        _add(element, "id", entry.id)
        _add(element, "title", entry.title)
        _add(element, "updated", _timestamp(entry.date))
        _add(element, "link", rel="alternate", type="text/html", href=entry.link)
        if entry.author:
            _add(_add(element, "author"), "name", entry.author)
        for category in entry.categories:
            _add(element, "category", term=category)
        _add(element, "summary", entry.summary, type="text")
        if entry.content:
            _add(element, "content", entry.content, type="html")
    # Not indented: white space is a tenth of a feed, and feed readers do not show it.
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, name, {k: NOT_XML.sub("\ufffd", v) for k, v in attrs.items()})
    if text is not None:
        element.text = NOT_XML.sub("\ufffd", text)
    return element


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"
