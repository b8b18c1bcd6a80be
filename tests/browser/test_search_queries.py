"""The query language in Chromium, through Material's search box, on a site built from the
real seeds and two in other scripts (tests/fixtures/search/): served over HTTP, and as the
offline copy opened from file://. Each answer is checked against the parsed documents."""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from builder.pipeline import BuildOptions, build

from ..conftest import SEEDS
from ..test_search_queries import FIXTURES, naming
from .test_offline_copy import offline_context
from .test_search import ITEM, META, NONE, _Quiet, type_query


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The seeds with the fixtures, built twice: served at a server's root, and offline (file://)."""
    folder = tmp_path_factory.mktemp("query-sites")
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    for path in FIXTURES.glob("*.txt*"):
        shutil.copy(path, seeds / path.name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder / "site")))
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    report = build(BuildOptions(seeds=seeds, out=folder / "site", docs_dir=folder / "site_src", site_url=address))
    offline = build(BuildOptions(seeds=seeds, out=folder / "offline", docs_dir=folder / "offline_src", site_url=address, offline=True))
    assert not report.mkdocs_warnings and not offline.mkdocs_warnings
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield {"served": address, "offline": (folder / "offline" / "index.html").as_uri()}, report
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(params=["served", "offline"])
def ask(request, sites, browser):
    """Types a query into the search box of one of the two sites; gives what the result list shows."""
    addresses, _ = sites
    context, left = offline_context(browser, viewport={"width": 1280, "height": 900}, offline=True) if request.param == "offline" \
        else (browser.new_context(viewport={"width": 1280, "height": 900}), [])
    page = context.new_page()
    page.set_default_timeout(15_000)

    def run(query: str, empty: bool = False) -> dict:
        page.goto(addresses[request.param])  # afresh: no list of an earlier query is left to be read
        type_query(page, query)
        if empty:
            expect(page.locator(META)).to_have_text(NONE)
            return {"documents": set(), "sections": []}
        expect(page.locator(ITEM).first).to_be_visible()
        page.wait_for_timeout(300)  # a query that reads its candidates answers again as it reads them
        heads = page.locator(f"{ITEM} > a:first-child").evaluate_all("links => links.map(a => a.href)")
        shown = page.locator(f"{ITEM} a[href*='#']").evaluate_all(
            "links => links.map(a => [a.href, a.querySelector('h1, h2, h3, article') ? a.innerText : a.innerText])")
        marks = page.locator(f"{ITEM} mark").evaluate_all("marks => marks.map(m => m.textContent)")
        return {"documents": {_doc_id(h) for h in heads}, "sections": [(_doc_id(h), h.rsplit("#", 1)[1], text) for h, text in shown],
                "marks": marks}

    yield run
    context.close()
    assert left == []


def _doc_id(href: str) -> str:
    path = unquote(urlsplit(href).path)
    return re.sub(r"\.html$", "", path.rstrip("/").rsplit("/", 1)[-1])


def _turn(report, doc_id: str, paragraph_id: str):
    doc = next(d for d in report.documents if d.id == doc_id)
    return next(turn for turn in doc.turns for p in turn.paragraphs if p.id == paragraph_id)


def test_a_full_name_finds_the_same_documents_quoted_or_not_in_any_spelling(ask, sites):
    _, report = sites
    expected = naming(report, "yury-borisov")
    assert len(expected) >= 2
    assert ask('"Yury Borisov"')["documents"] == expected
    assert ask("Yuri Borisov")["documents"] == expected


def test_speaker_finds_only_that_persons_turns(ask, sites):
    _, report = sites
    found = ask("speaker:Lavrov talks")
    assert found["sections"]
    assert {_turn(report, d, p).speaker for d, p, _ in found["sections"]} == {"sergei-lavrov"}
    assert ask("Istanbul")["documents"]
    ask("speaker:Lavrov Istanbul", empty=True)  # said at the meeting, but never by Lavrov


def test_kyiv_finds_the_paragraphs_that_write_kiev(ask, sites):
    found = ask("Kyiv")
    assert found["documents"] and "Kiev" in found["marks"]


def test_a_word_in_cyrillic_finds_the_russian_seed(ask, sites):
    _, report = sites
    russian = {d.id for d in report.documents if "Роскосмос" in d.title}
    assert russian and ask("Роскосмос")["documents"] == russian


def test_a_phrase_matches_the_phrase_and_not_the_words_apart(ask, sites):
    phrase, words = ask('"space exploration"'), ask("space exploration ")
    assert phrase["documents"] and phrase["documents"] < words["documents"]
    assert {m.lower() for m in phrase["marks"]} == {"space exploration"}


def test_filters_by_person_date_kind_and_topic_and_exclusions(ask, sites):
    _, report = sites
    assert ask("person:Lavrov")["documents"] == naming(report, "sergei-lavrov")
    assert ask("kind:article")["documents"] == {d.id for d in report.documents if d.kind == "article"}
    assert ask("year:2025 kind:article")["documents"] == {d.id for d in report.documents if d.kind == "article"}
    ask("year:2024 kind:article", empty=True)
    assert ask("from:2025-03 to:2025-03")["documents"] == {d.id for d in report.documents if (d.date or "").startswith("2025-03")}
    assert ask("topic:Telecommunications")["documents"] == {d.id for d in report.documents if "Telecommunications" in d.topics}
    putin = ask("Putin ")["documents"]
    without = ask("Putin -Borisov")["documents"]
    assert without and without < putin
    chinese = {d.id for d in report.documents if "航天" in d.title}
    assert ask("航天")["documents"] == chinese
