"""The offline zip, unpacked into a temporary folder and opened from file:// with the
network shut: search works, every link resolves to a file, nothing leaves the machine."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import expect

from .links import crawl, fetch_file
from .pages import PHRASE, page_kinds, phrase_turn
from .reading import search_and_follow


def offline_context(browser, **options):
    """A browser context in which any request to another host fails the test (and is refused)."""
    context = browser.new_context(**options)
    left: list[str] = []

    def refuse(route) -> None:
        left.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(("file:", "data:", "blob:", "about:")), refuse)
    local = ("file:", "data:", "blob:", "about:")
    context.on("request", lambda request: None if request.url.startswith(local) else left.append(request.url))
    return context, left


def test_the_offline_copy_searches_from_file_and_no_request_leaves_the_machine(browser, offline_copy, served_site):
    doc, _ = phrase_turn(served_site.report)
    context, left = offline_context(browser, viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(offline_copy.url())
    search_and_follow(page, PHRASE, doc.id)
    assert page.url.startswith(offline_copy.url(f"documents/{doc.id}.html"))
    page.goto(offline_copy.url(page_kinds(served_site.report, directory_urls=False)["person"]))
    expect(page.locator("h1")).to_be_visible()
    context.close()
    assert left == []


def test_every_link_and_asset_of_the_offline_copy_resolves_to_a_file_inside_it(offline_copy):
    start = offline_copy.url()
    result = crawl(start, offline_copy.folder.as_uri() + "/", fetch_file)
    assert result.broken == []
    pages = list(offline_copy.folder.rglob("*.html"))
    assert result.pages == len(pages)


def test_the_dataset_downloads_are_in_the_offline_copy_and_linked_from_the_data_page(offline_copy):
    data_page = BeautifulSoup((offline_copy.folder / "data.html").read_text("utf-8"), "html.parser")
    for name in ("data/documents.jsonl.gz", "data/people.json.gz"):
        assert (offline_copy.folder / name).is_file()
        assert name in {a["href"] for a in data_page.select("a[href]")}
    assert any(Path(offline_copy.folder, "data").glob("*.json.gz"))


def test_the_offline_copy_fetches_nothing_from_a_cdn(offline_copy):
    html = (offline_copy.folder / "index.html").read_text("utf-8")
    assert "unpkg.com" not in html
    assert "assets/vendor/iframe-worker/shim.js" in [s.get("src") for s in BeautifulSoup(html, "html.parser").select("script")]
    assert (offline_copy.folder / "assets/vendor/iframe-worker/LICENSE").is_file()
    assert (offline_copy.folder / "search/search_index.js").is_file()
