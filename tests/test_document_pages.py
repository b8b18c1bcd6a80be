"""A long document is several pages: cut between turns, each page within the bound, every paragraph and turn on
exactly one page under its own id, and every link to one landing on the page that holds it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from builder import document_pages
from builder.document_pages import PAGE_CHARACTERS, PAGE_PARAGRAPHS, Layout, layout, split
from builder.model import Document, Paragraph, Source, Turn
from builder.publish.pages import anchor_link, document_page
from builder.search.index import search_files

from .conftest import LONG_SHORT_TURNS, LONG_TURN_PARAGRAPHS, LONG_WORD, LONG_WORD_TURN, ROOT

ENGINE = ROOT / "templates" / "assets" / "search" / "engine.js"
PARAGRAPH_ID = re.compile(r'<p class="para" id="(p\d+)"')


def transcript(sizes: list[int], text: str = "Thank you, colleagues.") -> Document:
    """A transcript of one turn per entry of ``sizes``, each of that many paragraphs, numbered through the document."""
    turns, number = [], 0
    for t, size in enumerate(sizes, 1):
        paragraphs = []
        for _ in range(size):
            number += 1
            paragraphs.append(Paragraph(f"p{number}", number, f"{text} {number}"))
        turns.append(Turn(t, t, "Vladimir Putin:", "Vladimir Putin", None, tuple(paragraphs)))
    return Document("2025-06-04-long", "transcript", "Long", "2025-06-04", None, None, None, Source("long.txt", "0", None, None),
                    (), tuple(turns), "plain-transcript")


def ids_of(pages) -> list[list[str]]:
    return [[p.id for part in page for p in part.paragraphs] for page in pages]


def test_a_document_of_ordinary_size_is_one_page_with_every_turn_whole():
    doc = transcript([3, 1, 40, 2])
    pages = split(doc)
    assert len(pages) == 1 and [part.turn for part in pages[0]] == list(doc.turns)
    assert not any(part.continued for part in pages[0])
    assert layout(doc) == Layout(doc.id)


def test_a_long_transcript_is_cut_between_turns_with_its_ids_unchanged_and_each_on_exactly_one_page():
    doc = transcript([1, 3, 2] * 1500)  # 9,000 paragraphs in 4,500 turns
    pages = split(doc)
    assert len(pages) > 1
    for page in pages:
        assert sum(len(part.paragraphs) for part in page) <= PAGE_PARAGRAPHS
        assert sum(len(p.text) for part in page for p in part.paragraphs) <= PAGE_CHARACTERS
        assert not any(part.continued for part in page)
        assert all(part.paragraphs == part.turn.paragraphs for part in page), "a turn that fits a page is never cut"
    shown = [pid for page in ids_of(pages) for pid in page]
    assert shown == [p.id for _, p in doc.paragraphs()], "every paragraph once, in order, under its own id"
    turns = [part.turn.number for page in pages for part in page]
    assert turns == [t.number for t in doc.turns]


def test_a_page_is_cut_by_its_characters_too():
    doc = transcript([1] * 800, text="word " * 1000)  # 5,000 characters a paragraph: 80 a page
    pages = split(doc)
    assert all(sum(len(p.text) for part in page for p in part.paragraphs) <= PAGE_CHARACTERS for page in pages)
    assert len(pages) == -(-800 // (PAGE_CHARACTERS // len(doc.turns[0].paragraphs[0].text)))


def test_a_turn_longer_than_a_page_is_cut_between_its_paragraphs_and_continued():
    doc = transcript([5, PAGE_PARAGRAPHS * 2 + 10, 4])
    pages = split(doc)
    assert [[(part.turn.number, len(part.paragraphs), part.continued) for part in page] for page in pages] == [
        [(1, 5, False)],  # the long turn starts a page of its own
        [(2, PAGE_PARAGRAPHS, False)],
        [(2, PAGE_PARAGRAPHS, True)],
        [(2, 10, True), (3, 4, False)],
    ]
    assert [pid for page in ids_of(pages) for pid in page] == [p.id for _, p in doc.paragraphs()]


def test_the_layout_gives_the_page_of_every_paragraph_and_turn_as_the_split_puts_them():
    doc = transcript([5, PAGE_PARAGRAPHS * 2 + 10, 4, *([2] * 900)])
    pages, where = split(doc), layout(doc)
    assert where.count == len(pages)
    for number, page in enumerate(pages, 1):
        for part in page:
            assert all(where.page_of(p.id) == number for p in part.paragraphs)
            if not part.continued:
                assert where.page_of(f"t{part.turn.number}") == number
    size = PAGE_PARAGRAPHS
    assert [where.paragraph_range(n) for n in range(1, 4)] == [(1, 5), (6, 5 + size), (6 + size, 5 + 2 * size)]
    assert where.turns[2] == 3, "a page that only continues a turn begun before starts at the next turn"
    assert anchor_link(where, "p1") == "2025-06-04-long.md#p1"
    assert anchor_link(where, "t2") == "2025-06-04-long--2.md#t2"
    assert anchor_link(where, f"p{6 + PAGE_PARAGRAPHS}") == "2025-06-04-long--3.md#p" + str(6 + PAGE_PARAGRAPHS)


def test_the_search_engine_finds_the_page_of_a_paragraph_as_the_layout_does():
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    doc = transcript([5, PAGE_PARAGRAPHS * 2 + 10, 4, *([2] * 900)])
    where = layout(doc)
    ids = [p.id for _, p in doc.paragraphs()][::37] + ["p1", "p99999"]
    script = ("global.self = global; require(process.argv[1]); const E = self.StenogramEngine;"
              "const [pages, ids] = JSON.parse(process.argv[2]);"
              "console.log(JSON.stringify(ids.map(id => E.documentPath({id: 'x', pages}, id))));")
    out = subprocess.run([node, "-e", script, str(ENGINE), json.dumps([list(where.paragraphs), ids])], capture_output=True,
                         text=True, check=True).stdout
    assert json.loads(out) == [f"documents/{document_page('x', where.page_of(i)).removesuffix('.md')}" for i in ids]


# ---- The long transcript built (tests/conftest.py) ----


def html_pages(site: Path, doc_id: str) -> list[Path]:
    """The HTML of a document's pages, first to last."""
    first = site / "documents" / doc_id / "index.html"
    rest = sorted(site.glob(f"documents/{doc_id}--*/index.html"), key=lambda p: int(p.parent.name.rsplit("--", 1)[1]))
    return [first, *rest]


@pytest.fixture(scope="module")
def long_doc(long_site):
    [doc] = long_site.report.documents
    return doc


def test_no_page_of_the_long_transcript_holds_more_than_the_bound(long_site, long_doc):
    """What keeps its build linear: every page costs at most what a page of the bound costs (the seconds are
    benchmarks/huge.py's)."""
    markdown = sorted((long_site.docs / "documents").glob(f"{long_doc.id}*.md"))
    assert len(markdown) == 5
    texts = {p.id: p.text for _, p in long_doc.paragraphs()}
    for path in markdown:
        ids = PARAGRAPH_ID.findall(path.read_text("utf-8"))
        assert 0 < len(ids) <= PAGE_PARAGRAPHS, path.name
        assert sum(len(texts[i]) for i in ids) <= PAGE_CHARACTERS, path.name


def test_every_paragraph_and_turn_of_the_long_transcript_is_on_exactly_one_page_in_order(long_site, long_doc):
    pages = [BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in html_pages(long_site.site, long_doc.id)]
    paragraphs = [[p["id"] for p in page.select("p.para")] for page in pages]
    assert [pid for page in paragraphs for pid in page] == [p.id for _, p in long_doc.paragraphs()]
    turns = [h["id"] for page in pages for h in page.select("h3.turn:not(.turn-continued)")]
    assert turns == [f"t{t.number}" for t in long_doc.turns]
    assert [len(page) for page in paragraphs] == [PAGE_PARAGRAPHS, PAGE_PARAGRAPHS, LONG_SHORT_TURNS - 2 * PAGE_PARAGRAPHS,
                                                   PAGE_PARAGRAPHS, LONG_TURN_PARAGRAPHS - PAGE_PARAGRAPHS + 4]
    continued = pages[4].select("h3.turn-continued")
    assert len(continued) == 1 and "(continued)" in continued[0].get_text() and continued[0]["id"] == "continued"


def test_the_first_page_has_the_header_and_citation_and_the_others_the_title_and_a_link_back(long_site, long_doc):
    first, *later = [BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in html_pages(long_site.site, long_doc.id)]
    assert first.select_one("dl.doc-meta") and first.select_one("#cite") and first.select_one("#fig-speakers")
    assert first.select_one("h1").get_text() == long_doc.title
    assert "the first of the document's 5 pages" in first.select_one("#cite").find_next("p").get_text()
    for number, page in enumerate(later, 2):
        assert page.select_one("h1").get_text() == f"{long_doc.title} (page {number} of 5)"
        assert not page.select("dl.doc-meta, #cite, #fig-speakers")
        back = page.select_one("article a[href]")
        assert back.get_text() == "its first page" and back["href"] == f"../{long_doc.id}/"
        pager = page.select_one("nav.doc-pager")
        assert pager.select_one("a[rel=prev]")["href"] == (f"../{long_doc.id}/" if number == 2 else f"../{long_doc.id}--{number - 1}/")
        assert bool(pager.select_one("a[rel=next]")) == (number < 5)
    for page in (first, *later):
        listed = page.select("nav.doc-pages a.doc-page")
        assert [a["href"] for a in listed] == [f"../{long_doc.id}/"] + [f"../{long_doc.id}--{n}/" for n in range(2, 6)]


def test_each_pages_table_of_contents_lists_only_its_own_turns(long_site, long_doc):
    for path in html_pages(long_site.site, long_doc.id):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        own = {h["id"] for h in page.select("h3.turn[id]")}
        listed = {urldefrag(a["href"])[1] for a in page.select("nav.md-nav--secondary a.md-nav__link")}
        assert own <= listed and not {i for i in listed if re.fullmatch(r"t\d+", i)} - own, path.parent.name


def test_a_note_is_listed_on_the_page_that_holds_its_words(long_site, long_doc):
    [note] = long_doc.notes
    pages = [BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in html_pages(long_site.site, long_doc.id)]
    holding = [n for n, page in enumerate(pages, 1) if page.select_one(f"p#{note.paragraph}")]
    listing = [n for n, page in enumerate(pages, 1) if page.select_one("#annotations")]
    assert holding == listing == [3]


def test_every_link_of_the_long_site_to_a_paragraph_or_turn_lands_on_the_page_that_holds_it(long_site):
    """Person pages (turns and mentions, over many pages), the notes, the pages' own lists: each fragment is on its target."""
    site = long_site.site
    ids: dict[Path, set[str]] = {}

    def ids_of_page(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {tag["id"] for tag in BeautifulSoup(path.read_text("utf-8"), "html.parser").select("[id]")}
        return ids[path]

    checked, broken = Counter(), []
    for page in sorted(site.rglob("*.html")):
        url = "file://" + page.as_posix()
        for a in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("a[href*='#']"):
            target, fragment = urldefrag(urljoin(url, a["href"]))
            if not target.startswith("file://") or not re.fullmatch(r"[pt]\d+", fragment):
                continue
            path = Path(unquote(urlsplit(target).path))
            path = path / "index.html" if path.is_dir() else path
            checked[page.parent.parent.name] += 1
            if not path.is_file() or fragment not in ids_of_page(path):
                broken.append(f"{page.relative_to(site)}: {a['href']}")
    assert broken == []
    assert checked["people"] > 2 * LONG_TURN_PARAGRAPHS, checked  # turns and mentions, on every page of the records


def test_the_feeds_link_each_turn_on_the_page_that_holds_it(long_site, long_doc):
    where = document_pages.layout(long_doc)
    for feed in (long_site.site / "feeds" / "people").glob("*.xml"):
        for url in re.findall(r'href="([^"]*#[pt]\d+)"', feed.read_text("utf-8").replace("&quot;", '"')):
            page, fragment = urldefrag(url)
            number = where.page_of(fragment)
            assert page.endswith(f"/documents/{long_doc.id}/" if number == 1 else f"/documents/{long_doc.id}--{number}/"), url


def test_the_search_index_gives_the_long_documents_pages_and_the_others_none(long_site, long_doc):
    files = search_files(long_site.report.documents, long_site.report.people, True)
    entry = json.loads(files["search/titles/0.js"].split(",", 2)[2].rsplit(")", 1)[0])[0]
    assert entry == [long_doc.id, long_doc.title, long_doc.date, list(layout(long_doc).paragraphs)]
    offline = search_files(long_site.report.documents, long_site.report.people, False)
    assert json.loads(offline["search/docs/0.js"].split(",", 2)[2].rsplit(")", 1)[0])["pages"] == entry[3]
    assert layout(long_doc).page_of(f"p{LONG_WORD_TURN}") == 2 and LONG_WORD in next(
        p.text for _, p in long_doc.paragraphs() if p.id == f"p{LONG_WORD_TURN}")
