"""The Atom feeds: valid Atom, the newest documents of the site, of each person and of each topic, linked from their pages."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from builder.addresses import page_url
from builder.public_url import LOCAL_URL
from builder.publish.feeds import FEED_SIZE, SITE_FEED_SIZE, atom_feeds
from builder.publish.pages import topic_slug

ATOM = "{http://www.w3.org/2005/Atom}"
# An Atom date (RFC 3339), as the feeds write it: a document's date at midnight UTC.
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00Z$")
SITE_URL = LOCAL_URL.rstrip("/")  # the address the test builds are given (tests/conftest.py)


def newest_first(documents):
    return sorted((d for d in documents if d.date), key=lambda d: (d.date, d.id), reverse=True)


def parsed(data: bytes):
    """The feed read by feedparser, which must find nothing wrong with it."""
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def check_atom(data: bytes, path: str) -> etree._Element:
    """The feed as XML, with what RFC 4287 requires of a feed and of each entry."""
    root = etree.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == f"{SITE_URL}/{path}"
    assert links["alternate"].startswith(f"{SITE_URL}/")
    entries = root.findall(f"{ATOM}entry")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert DATE.match(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    newest = max((e.findtext(f"{ATOM}updated") for e in entries), default=None)
    assert DATE.match(root.findtext(f"{ATOM}updated")) and (newest is None or root.findtext(f"{ATOM}updated") == newest)
    return root


def feed_files(built_site):
    return sorted(p for p in (built_site.site / "feeds").rglob("*.xml"))


def person_ids(built_site) -> list[str]:
    return sorted({pid for d in built_site.report.documents for pid in d.people})


def linked_documents(feed) -> list[str]:
    """The document ids a feed's entries link to, in the feed's order."""
    return [PurePosixPath(urlsplit(entry.link).path).name for entry in feed.entries]


def test_every_feed_is_atom_that_feedparser_and_lxml_read_without_error(built_site):
    files = feed_files(built_site)
    assert len(files) == 1 + len(person_ids(built_site)) + len({t for d in built_site.report.documents for t in d.topics})
    for file in files:
        data = file.read_bytes()
        parsed(data)
        check_atom(data, file.relative_to(built_site.site).as_posix())


def test_the_feeds_are_in_the_site_as_the_builder_wrote_them(built_site):
    for file in feed_files(built_site):
        assert file.read_bytes() == (built_site.docs / file.relative_to(built_site.site)).read_bytes()


def test_the_site_feed_lists_the_newest_documents_newest_first(built_site):
    feed = parsed((built_site.site / "feeds" / "index.xml").read_bytes())
    newest = newest_first(built_site.report.documents)[:SITE_FEED_SIZE]
    assert linked_documents(feed) == [d.id for d in newest]
    assert [e.link for e in feed.entries] == [page_url(SITE_URL, d.id) for d in newest]
    assert [e.title for e in feed.entries] == [d.title for d in newest]
    assert [e.updated[:10] for e in feed.entries] == [d.date for d in newest]
    assert feed.feed.updated[:10] == newest[0].date
    assert feed.feed.link == f"{SITE_URL}/"


def test_a_person_feed_lists_every_document_they_speak_or_are_named_in(built_site):
    documents = built_site.report.documents
    for pid in person_ids(built_site):
        feed = parsed((built_site.site / "feeds" / "people" / f"{pid}.xml").read_bytes())
        assert linked_documents(feed) == [d.id for d in newest_first(documents) if pid in d.people][:FEED_SIZE]
        assert feed.feed.link == f"{SITE_URL}/people/{pid}/"
        assert built_site.report.people[pid].name in feed.feed.title


def test_a_person_entry_says_what_they_said_and_how_they_were_named_with_links_to_the_paragraphs(built_site):
    [doc] = [d for d in built_site.report.documents if d.id.startswith("2025-06-04")]
    feed = parsed((built_site.site / "feeds" / "people" / "vladimir-putin.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.link == page_url(SITE_URL, doc.id)]
    turns = [t for t in doc.turns if t.speaker == "vladimir-putin"]
    assert entry.summary.startswith(f"Vladimir Putin: {len(turns)} turns, {sum(t.words for t in turns)} words spoken")
    html = BeautifulSoup(entry.content[0].value, "html.parser")
    anchors = [a["href"] for a in html.select("a[href]")]
    assert anchors[0] == f"{page_url(SITE_URL, doc.id)}#{turns[0].paragraphs[0].id}"
    ids = {p.id for _, p in doc.paragraphs()}
    assert all(href.split("#")[1] in ids for href in anchors)
    assert " ".join(turns[0].paragraphs[0].text.split()[:5]) in html.get_text()
    named = parsed((built_site.site / "feeds" / "people" / "yury-borisov.xml").read_bytes())
    assert all("named" in e.summary for e in named.entries)
    assert "Roscosmos chief Yury Borisov" in BeautifulSoup(named.entries[-1].content[0].value, "html.parser").get_text()


def test_a_topic_feed_lists_the_topic_documents(built_site):
    topics = sorted({t for d in built_site.report.documents for t in d.topics})
    for topic in topics:
        feed = parsed((built_site.site / "feeds" / "topics" / f"{topic_slug(topic)}.xml").read_bytes())
        assert linked_documents(feed) == [d.id for d in newest_first(built_site.report.documents) if topic in d.topics][:FEED_SIZE]
        assert feed.feed.link == f"{SITE_URL}/topics/{topic_slug(topic)}/"
        assert all(topic in [t.term for t in e.tags] for e in feed.entries)


@pytest.mark.parametrize("page, feed", [("index.html", "feeds/index.xml"),
                                        ("people/vladimir-putin/index.html", "feeds/people/vladimir-putin.xml"),
                                        ("topics/space/index.html", "feeds/topics/space.xml")])
def test_the_home_person_and_topic_pages_link_their_feed_in_the_head_and_the_text(built_site, page, feed):
    soup = BeautifulSoup((built_site.site / page).read_text("utf-8"), "html.parser")
    [link] = soup.select('head link[rel="alternate"][type="application/atom+xml"]')
    assert link["title"].startswith("Stenogram") and link["title"].endswith("(Atom)")
    visible = [a["href"] for a in soup.select("article a[href$='.xml']")]
    for href in [link["href"], *visible]:
        assert not urlsplit(href).scheme and not href.startswith("/")  # relative: works under a subpath and offline
        assert (built_site.site / PurePosixPath(page).parent / href).resolve() == (built_site.site / feed).resolve()
    assert visible


def feed_links(page) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [link["href"] for link in soup.select('head link[rel="alternate"][type="application/atom+xml"]')]


def test_every_person_and_topic_page_links_its_own_feed_and_other_pages_none(built_site):
    site = built_site.site
    topics = {topic_slug(t) for d in built_site.report.documents for t in d.topics}
    for folder, names in (("people", person_ids(built_site)), ("topics", sorted(topics))):
        for name in names:
            page = site / folder / name / "index.html"
            assert [(page.parent / href).resolve() for href in feed_links(page)] == [(site / "feeds" / folder / f"{name}.xml").resolve()]
    for page in (site / "people" / "index.html", site / "topics" / "index.html", site / "data" / "index.html",
                 *(site / "people").glob("letter-*/index.html"), *(site / "documents").glob("*/index.html")):
        assert feed_links(page) == [], page


def test_feed_text_is_seed_text_escaped_and_the_feed_stays_valid(built_site):
    hostile = "</title><script>alert(1)</script> & <b>bold</b> ]]> \x0c"
    doc = replace(newest_first(built_site.report.documents)[0], title=hostile, lead=hostile, topics=(hostile,))
    files = dict(atom_feeds([doc], built_site.report.people, "https://example.org/stenogram/"))
    for data in files.values():
        parsed(data)
        etree.fromstring(data)
    feed = parsed(files["feeds/index.xml"])
    assert feed.entries[0].title == hostile.replace("\x0c", "\ufffd")
    assert feed.entries[0].summary == " ".join(hostile.split())  # on one line
    assert b"<script>" not in b"".join(files.values())
    assert feed.entries[0].link == "https://example.org/stenogram/documents/" + doc.id + "/"


def test_an_undated_document_is_in_no_feed_and_a_feed_is_dated_by_its_newest_entry(built_site):
    first, *rest = newest_first(built_site.report.documents)
    undated = replace(first, date=None)
    files = dict(atom_feeds([undated, *rest], built_site.report.people, SITE_URL))
    feed = parsed(files["feeds/index.xml"])
    assert linked_documents(feed) == [d.id for d in rest]
    assert feed.feed.updated[:10] == rest[0].date
    assert set(files) == {f.relative_to(built_site.site).as_posix() for f in feed_files(built_site)}  # the people's pages stay


def test_the_same_documents_give_the_same_feeds_byte_for_byte(built_site):
    documents = built_site.report.documents
    once = dict(atom_feeds(documents, built_site.report.people, SITE_URL))
    again = dict(atom_feeds(list(reversed(documents)), built_site.report.people, SITE_URL))
    assert once == again


def test_a_feed_holds_the_newest_documents_only(built_site):
    doc = newest_first(built_site.report.documents)[0]
    many = [replace(doc, id=f"2024-01-{day:02d}-meeting-{n}", date=f"2024-01-{day:02d}") for day in range(1, 29) for n in range(3)]
    files = dict(atom_feeds(many, built_site.report.people, SITE_URL))
    newest = [d.id for d in sorted(many, key=lambda d: (d.date, d.id), reverse=True)]
    assert linked_documents(parsed(files["feeds/index.xml"])) == newest[:SITE_FEED_SIZE]
    for path in ("feeds/people/vladimir-putin.xml", f"feeds/topics/{topic_slug(doc.topics[0])}.xml"):
        assert linked_documents(parsed(files[path])) == newest[:FEED_SIZE], path


def test_a_person_named_only_in_the_title_or_lead_has_an_entry_that_says_so(built_site):
    doc = newest_first(built_site.report.documents)[0]
    people = built_site.report.people
    guest = replace(people["vladimir-putin"], id="a-guest", name="A Guest")
    files = dict(atom_feeds([replace(doc, people=(*doc.people, guest.id))], {**people, guest.id: guest}, SITE_URL))
    [entry] = parsed(files["feeds/people/a-guest.xml"]).entries
    assert entry.summary == "A Guest: named in the title or the lead."
    assert entry.link == page_url(SITE_URL, doc.id)
