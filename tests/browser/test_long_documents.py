"""A long document in the browser (builder/document_pages.py): an old link to its first page with a later
paragraph's or turn's id goes on to the page that holds it, served and from file://; the search box and the
research page link a word of its second page to that page; a paragraph's permalink there copies that page's
address; the pages' lists and the pager lead from page to page."""

from __future__ import annotations

import functools
import threading
import zipfile
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from builder.document_pages import layout
from builder.pipeline import BuildOptions, build
from builder.site.offline import FOLDER, package

from ..conftest import LONG_WORD, LONG_WORD_TURN, write_long_transcript
from .conftest import PUBLISHED_URL, _PagesHandler
from .reading import RESULT_LINK, follow
from .test_accessibility import SERIOUS, axe_violations
from .test_html_validity import validate
from .test_offline_copy import offline_context
from .test_search import type_query


def search(page: Page, query: str):
    """The search box's result links for ``query``, typed at once (one query, one answer)."""
    type_query(page, query)
    results = page.locator(RESULT_LINK)
    expect(results.first).to_be_visible()
    return results


@pytest.fixture(scope="module")
def long_served(long_site) -> Iterator[tuple[str, object]]:
    """The long transcript's site (tests/conftest.py) served at a server's root: its address and the long document."""
    handler = type("Handler", (_PagesHandler,), {"not_found": long_site.site / "404.html"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(long_site.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    [doc] = long_site.report.documents
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", doc
    finally:
        server.shutdown()
        server.server_close()


def page_url(root: str, doc, number: int, directory_urls: bool = True) -> str:
    stem = doc.id if number == 1 else f"{doc.id}--{number}"
    return f"{root}documents/{stem}/" if directory_urls else f"{root}documents/{stem}.html"


def land(page: Page, url: str, target: str) -> None:
    """Open ``url`` and wait until the address is ``target``."""
    page.goto(url)
    page.wait_for_url(target, wait_until="load")


def test_an_old_link_to_a_later_paragraph_on_the_first_page_lands_on_its_page_with_the_paragraph_in_view(long_served, page):
    root, doc = long_served
    where = layout(doc)
    for anchor in ("p3800", "p1350", "t2502"):
        number = where.page_of(anchor)
        assert number > 1
        land(page, f"{page_url(root, doc, 1)}#{anchor}", f"{page_url(root, doc, number)}#{anchor}")
        expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    page.goto(f"{page_url(root, doc, 1)}#p5")  # a paragraph of the first page stays there
    expect(page.locator("#p5")).to_be_in_viewport()
    assert page.url == f"{page_url(root, doc, 1)}#p5"


def test_a_wrong_page_and_a_missing_paragraph_go_where_they_can_and_stop(long_served, page):
    root, doc = long_served
    land(page, f"{page_url(root, doc, 4)}#p1300", f"{page_url(root, doc, 2)}#p1300")
    expect(page.locator("#p1300")).to_be_in_viewport()
    land(page, f"{page_url(root, doc, 1)}#p999999", f"{page_url(root, doc, 5)}#p999999")  # the last page: no loop
    page.wait_for_timeout(500)
    assert page.url == f"{page_url(root, doc, 5)}#p999999"


def test_the_search_box_links_a_word_of_the_second_page_to_the_second_page(long_served, page):
    root, doc = long_served
    page.goto(root)
    results = search(page, LONG_WORD)
    hit = results.filter(has_text=LONG_WORD).and_(page.locator(f"a[href*='#p{LONG_WORD_TURN}']")).first
    expect(hit).to_be_visible()
    assert f"documents/{doc.id}--2/" in hit.get_attribute("href")
    follow(hit)
    page.wait_for_url(lambda url: f"{doc.id}--2/" in url and url.endswith(f"#p{LONG_WORD_TURN}"))
    expect(page.locator(f"p.para#p{LONG_WORD_TURN}")).to_be_in_viewport()


def test_the_research_page_links_a_paragraph_of_the_second_page_to_the_second_page(long_served, page):
    root, doc = long_served
    page.goto(f"{root}research/?q={LONG_WORD}")
    link = page.locator(".research-paragraph__link").first
    expect(link).to_be_visible()
    assert link.get_attribute("href").endswith(f"documents/{doc.id}--2/#p{LONG_WORD_TURN}")
    expect(page.locator(".research-result__title").first).to_have_attribute("href", f"../documents/{doc.id}/")


def test_a_permalink_on_a_later_page_copies_that_pages_address(long_served, page):
    root, doc = long_served
    page.goto(page_url(root, doc, 2))
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical.endswith(f"/documents/{doc.id}--2/")
    link = page.locator(f"p#p{LONG_WORD_TURN} a.permalink")
    follow(link)
    expect(link).to_have_attribute("data-url", f"{canonical}#p{LONG_WORD_TURN}")


def test_the_pages_list_and_the_pager_lead_from_page_to_page(long_served, page):
    root, doc = long_served
    page.goto(page_url(root, doc, 1))
    pages = page.locator("nav.doc-pages")
    pages.locator("summary").click()
    follow(pages.get_by_role("link", name="Page 3"))
    page.wait_for_url(page_url(root, doc, 3))
    expect(page.locator("nav.doc-pages [aria-current=page]")).to_have_text("Page 3")
    follow(page.locator("nav.doc-pager a[rel=next]"))
    page.wait_for_url(page_url(root, doc, 4))
    follow(page.get_by_role("link", name="its first page"))
    page.wait_for_url(page_url(root, doc, 1))
    expect(page.locator("#cite")).to_be_attached()


@pytest.mark.parametrize("number", [1, 5])
def test_a_long_documents_pages_have_no_serious_accessibility_violation_and_are_valid_html(long_served, long_site, page,
                                                                                         number, tmp_path):
    root, doc = long_served
    page.goto(page_url(root, doc, number))
    page.wait_for_selector(".md-search-result__meta")
    serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
    assert serious == [], serious
    stem = doc.id if number == 1 else f"{doc.id}--{number}"
    assert validate([long_site.site / "documents" / stem / "index.html"], tmp_path) == []


@pytest.fixture(scope="module")
def long_offline(tmp_path_factory):
    """The long transcript's offline copy, unpacked; and the long document."""
    work = tmp_path_factory.mktemp("long-offline")
    write_long_transcript(work / "seeds")
    report = build(BuildOptions(seeds=work / "seeds", out=work / "site", docs_dir=work / "site_src", offline=True,
                                site_url=PUBLISHED_URL))
    assert not report.mkdocs_warnings, report.mkdocs_warnings
    copy = package(work / "site", work / "offline.zip")
    with zipfile.ZipFile(copy.archive) as zf:
        zf.extractall(work / "unzipped")
    [doc] = report.documents
    return (work / "unzipped" / FOLDER).as_uri() + "/", doc


def test_from_file_an_old_link_lands_on_the_right_page_and_the_search_links_the_second_page(long_offline, browser):
    root, doc = long_offline
    context, left = offline_context(browser, viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        land(page, f"{page_url(root, doc, 1, False)}#p3800", f"{page_url(root, doc, 5, False)}#p3800")
        expect(page.locator("#p3800")).to_be_in_viewport()
        results = search(page, LONG_WORD)
        hit = results.filter(has_text=LONG_WORD).and_(page.locator(f"a[href*='#p{LONG_WORD_TURN}']")).first
        expect(hit).to_be_visible()
        assert f"{doc.id}--2.html" in hit.get_attribute("href")
    finally:
        context.close()
    assert left == []
