"""Search through Material's own search box, answered by Stenogram's worker from the static
index (builder/search/index.py, templates/assets/search/worker.js): served over HTTP and from
file://, words ANDed, the last one matched as a prefix, links that land on the paragraph,
seed text escaped in the results, and only the index files a query needs downloaded."""

from __future__ import annotations

import functools
import gzip
import json
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Page, expect

from builder.addresses import downloads
from builder.pipeline import BuildOptions, build
from builder.public_url import LOCAL_URL
from builder.search import index as search
from builder.search.index import numbered, search_files, utf16_key
from builder.search.words import terms

from ..conftest import SEEDS
from ..test_search import SAMPLE, call
from .links import fetch_http, parse
from .pages import PHRASE, phrase_turn
from .reading import follow
from .test_offline_copy import offline_context

ITEM = ".md-search-result__item"
META = ".md-search-result__meta"
NONE = "No matching documents"
# A seed whose title and text are markup; its words "zanzibar" and "quokka" occur nowhere else.
HOSTILE_TITLE = "<script>alert('title')</script> Zanzibar & <b>bold</b> talks"
HOSTILE_SEED = "\n".join([
    HOSTILE_TITLE,
    "May 6, 2025",
    "The delegates from zanzibar <img src=x onerror=alert(1)> arrived early.",
    "Nothing else was said about the quokka.",
]) + "\n"
LAB_SHARD_BYTES = 2_000  # small shards, so that a query has many to leave alone


def write_index(site: Path, documents, people, directory_urls: bool) -> None:
    """Write the index into a built site, replacing any (MkDocs copies these files as they are)."""
    for old in ("search/manifest.js", "search/shards", "search/docs", "search/titles"):
        target = site / old
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for path, text in search_files(documents, people, directory_urls).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, "utf-8")


def ensure_index(site: Path, report, directory_urls: bool) -> None:
    """The build writes the index (render); a site built before it did gets one here."""
    if not (site / "search" / "manifest.js").is_file():
        write_index(site, report.documents, report.people, directory_urls)


@pytest.fixture(scope="session")
def served(served_site):
    ensure_index(served_site.site, served_site.report, directory_urls=True)
    return served_site


@pytest.fixture(scope="session")
def offline(offline_copy, served_site):
    ensure_index(offline_copy.folder, served_site.report, directory_urls=False)
    return offline_copy


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """The real seeds and the hostile one, built, indexed in small shards, served at a server's root."""
    folder = tmp_path_factory.mktemp("search-lab")
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "hostile.txt").write_text(HOSTILE_SEED, "utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder / "site")))
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    report = build(BuildOptions(seeds=seeds, out=folder / "site", docs_dir=folder / "site_src", site_url=address))
    assert not report.mkdocs_warnings, report.mkdocs_warnings
    saved = search.SHARD_BYTES
    search.SHARD_BYTES = LAB_SHARD_BYTES
    try:
        write_index(folder / "site", report.documents, report.people, directory_urls=True)
    finally:
        search.SHARD_BYTES = saved
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield address, folder / "site", report
    finally:
        server.shutdown()
        server.server_close()


def type_query(page: Page, query: str) -> None:
    """Open the search box and put the whole query in it at once (one keyup: one query)."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the box on keyup


def shown_documents(page: Page) -> list[str]:
    """The ids of the documents in the result list, in order (each group's head links to its page)."""
    expect(page.locator(ITEM).first).to_be_visible()
    heads = page.locator(f"{ITEM} > a:first-child").evaluate_all("links => links.map(a => a.pathname)")
    return [re.sub(r"\.html$", "", path.rstrip("/").rsplit("/", 1)[-1]) for path in heads]


def documents_with(report, *words: str) -> set[str]:
    """The documents whose words (title, lead, place, topics, speakers, text) include all of ``words``."""
    def text(doc) -> str:
        speakers = [report.people[t.speaker].name for t in doc.turns if t.speaker]
        return " ".join([doc.title, doc.lead or "", doc.place or "", *doc.topics, *speakers,
                         *(t.label or "" for t in doc.turns), *(p.text for _, p in doc.paragraphs())])
    return {doc.id for doc in report.documents if set(terms(" ".join(words))) <= set(terms(text(doc)))}


def search_requests(page: Page) -> list[str]:
    """Every file of search/ the page asks for, as a path under search/ (filled as the page runs)."""
    seen: list[str] = []

    def note(request) -> None:
        path = urlsplit(request.url).path
        if "/search/" in path and "/assets/search/" not in path:
            seen.append(path.split("/search/", 1)[1])

    page.on("request", note)
    return seen


def test_the_worker_tokenizes_as_the_builder_does_in_chromium(served, page):
    page.goto(served.url())
    page.add_script_tag(url=served.url("assets/vendor/snowball-stemmers/snowball-stemmers.js"))
    page.add_script_tag(url=served.url("assets/search/engine.js"))
    assert page.evaluate("text => StenogramEngine.tokenize(text).map(StenogramEngine.stem)", SAMPLE) == terms(SAMPLE)


def test_two_words_find_only_the_documents_that_hold_both(lab, page):
    address, _, report = lab
    both = documents_with(report, "roscosmos", "technology")
    assert both and documents_with(report, "roscosmos") - both and documents_with(report, "technology") - both
    page.goto(address)
    type_query(page, "Roscosmos Technology ")
    assert sorted(shown_documents(page)) == sorted(both)
    marks = page.locator(f"{ITEM} mark").evaluate_all("marks => marks.map(m => m.textContent)")
    assert marks and {m.lower() for m in marks} <= {"roscosmos", "technology", "technological", "technologies"}


def test_the_word_being_typed_matches_as_a_prefix_until_a_space_ends_it(lab, page):
    address, _, report = lab
    page.goto(address)
    type_query(page, "Medins")
    assert sorted(shown_documents(page)) == sorted(documents_with(report, "medinsky"))
    expect(page.locator(f"{ITEM} mark", has_text=re.compile("^Medinsky$")).first).to_be_attached()
    page.locator(".md-search__input").press(" ")
    expect(page.locator(META)).to_have_text(NONE)
    expect(page.locator(ITEM)).to_have_count(0)


def test_a_query_that_matches_nothing_says_so(lab, page):
    address, _, _ = lab
    page.goto(address)
    type_query(page, "qwxyzzy")
    expect(page.locator(META)).to_have_text(NONE)


def test_a_title_and_text_full_of_markup_show_as_text_in_the_results(lab, page):
    address, _, report = lab
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(address)
    type_query(page, "zanzibar")
    [doc_id] = shown_documents(page)
    assert doc_id == next(d.id for d in report.documents if d.title == HOSTILE_TITLE)
    results = page.locator(".md-search-result__list")
    expect(results.locator("h1")).to_have_text(f"{HOSTILE_TITLE} · 2025-05-06")
    texts = results.locator("article p").evaluate_all("ps => ps.map(p => p.textContent)")
    assert any("from zanzibar <img src=x onerror=alert(1)> arrived" in t for t in texts), texts
    assert results.locator("script, b, img").count() == 0
    marks = results.locator("mark").evaluate_all("marks => marks.map(m => m.textContent)")
    assert len(marks) >= 2 and {m.lower() for m in marks} == {"zanzibar"}
    assert dialogs == []


def test_a_query_downloads_only_the_shard_of_its_word_and_the_documents_it_shows(lab, page):
    """The shard of the word, the titles file of the one match (its id), and that document's JSON (its text)."""
    address, site, report = lab
    manifest = json.loads(re.search(r"\{.*\}", (site / "search/manifest.js").read_text("utf-8")).group(0))
    keys = manifest["shards"]
    assert len(keys) > 10, "the lab's shards are small: a query has many to leave alone"
    shard = max(i for i, key in enumerate(keys) if utf16_key(key) <= utf16_key("quokka"))
    hostile = next(n for n, d in enumerate(numbered(report.documents)) if d.title == HOSTILE_TITLE)
    requested = search_requests(page)
    texts: list[str] = []
    page.on("request", lambda request: texts.append(urlsplit(request.url).path) if "/data/" in request.url else None)
    page.goto(address)
    type_query(page, "quokka ")
    shown_documents(page)
    expect(page.locator(f"{ITEM} mark").first).to_be_visible()  # the text is shown, from the JSON
    page.wait_for_timeout(300)  # nothing more comes
    block = hostile // manifest["titles"]
    assert sorted(requested) == sorted(["search_index.json", "manifest.js", f"shards/{shard}.js", f"titles/{block}.js"])
    assert texts == ["/" + downloads(numbered(report.documents)[hostile])["JSON"]]


def test_a_visit_downloads_the_page_its_assets_and_the_query_files_and_no_list_of_the_whole_site(lab, page):
    """Nothing that grows with the archive (sitemap.xml: instant navigation) loads before a result."""
    address, _, report = lab
    hostile = next(d for d in report.documents if d.title == HOSTILE_TITLE)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(address)
    type_query(page, "quokka ")
    shown_documents(page)
    page.wait_for_timeout(300)
    others = {p for p in requested if not p.startswith(("/assets/", "/search/"))}
    assert others == {"/", "/" + downloads(hostile)["JSON"]}, others
    assert any(p.startswith("/search/shards/") for p in requested)


def test_a_result_lands_on_the_paragraph_that_holds_the_words_under_the_subpath(served, page):
    doc, turn = phrase_turn(served.report)
    paragraph = next(p.id for p in turn.paragraphs if PHRASE in p.text)
    page.goto(served.url())
    type_query(page, PHRASE)
    expect(page.locator(ITEM)).to_have_count(1)
    link = page.locator(f"{ITEM} a[href*='#{paragraph}']").first
    assert link.get_attribute("href").startswith(served.url(f"documents/{doc.id}/"))
    expect(link.locator("mark")).to_have_text(PHRASE)
    expect(page.locator(ITEM).first).to_contain_text(f"¶ {paragraph}")  # the paragraph named as its permalink names it
    for href in page.locator(f"{ITEM} a").evaluate_all("links => links.map(a => a.href)"):
        target, fragment = urldefrag(href)
        status, _, body = fetch_http(target)
        assert status == 200 and (not fragment or fragment in parse(body.decode("utf-8")).ids), href
    follow(link)
    page.wait_for_url(lambda url: url.endswith(f"#{paragraph}"), wait_until="commit")
    expect(page.locator(f"p.para#{paragraph}")).to_be_in_viewport()
    expect(page.locator(f"p.para#{paragraph}")).to_contain_text(PHRASE)
    expect(page.locator(f"p.para#{paragraph} a.permalink")).to_have_text(paragraph)


def test_every_place_a_result_can_link_to_resolves_under_the_subpath(served):
    """Each indexed document's page, and on it every paragraph of the text the worker reads (its JSON, fetched)."""
    def data(path: str):
        return call((served.site / path).read_text("utf-8"))[2]

    manifest = data("search/manifest.js")
    assert manifest["documents"] == len(served.report.documents) and manifest["texts"] == "data"
    entries = [e for k in range(-(-manifest["documents"] // manifest["titles"])) for e in data(f"search/titles/{k}.js")]
    assert len(entries) == manifest["documents"]
    for doc_id, _, _ in entries:
        status, _, body = fetch_http(served.url(f"documents/{doc_id}{manifest['suffix']}"))
        assert status == 200, doc_id
        ids = parse(body.decode("utf-8")).ids
        status, _, raw = fetch_http(served.url(manifest["json"].replace("{id}", doc_id)))
        assert status == 200, doc_id
        paragraphs = [p["id"] for turn in json.loads(gzip.decompress(raw))["turns"] for p in turn["paragraphs"]]
        assert paragraphs and set(paragraphs) <= ids, doc_id


def test_the_offline_copy_searches_two_words_from_file_and_lands_on_the_paragraph(browser, offline, served):
    doc, turn = phrase_turn(served.report)
    paragraph = next(p.id for p in turn.paragraphs if PHRASE in p.text)
    context, left = offline_context(browser, viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    requested = search_requests(page)
    page.goto(offline.url())
    words = f"{PHRASE} control"
    type_query(page, words)
    assert sorted(shown_documents(page)) == sorted(documents_with(served.report, "lora", "control"))
    link = page.locator(f"{ITEM} a[href*='#{paragraph}']").first
    assert link.get_attribute("href").startswith(offline.url(f"documents/{doc.id}.html"))
    follow(link)
    page.wait_for_url(lambda url: url.endswith(f"#{paragraph}"), wait_until="commit")
    expect(page.locator(f"p.para#{paragraph}")).to_be_in_viewport()
    context.close()
    assert left == []
    assert {p for p in requested if p.startswith("shards/")} == {"shards/0.js"}
    assert "manifest.js" in requested


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A synthetic archive of 45 documents (benchmarks/corpus.py), built and served at a server's root."""
    from benchmarks.corpus import write_corpus

    folder = tmp_path_factory.mktemp("archive")
    write_corpus(45, folder / "seeds")
    report = build(BuildOptions(seeds=folder / "seeds", out=folder / "site", docs_dir=folder / "site_src", site_url=LOCAL_URL))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", report
    finally:
        server.shutdown()
        server.server_close()


def test_a_query_matching_more_than_twenty_documents_counts_and_lists_every_one(archive, page):
    address, report = archive
    holding = documents_with(report, "putin")
    assert len(holding) > 20
    page.goto(address)
    type_query(page, "Putin ")
    expect(page.locator(META)).to_have_text(f"{len(holding)} matching documents")
    page.locator(".md-search__scrollwrap").hover()
    for _ in range(100):  # Material adds the rest of the list, four at a time, each time the reader scrolls to its end
        if page.locator(ITEM).count() == len(holding):
            break
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(50)
        page.mouse.wheel(0, 10_000)
        page.wait_for_timeout(50)
    assert set(shown_documents(page)) == holding
