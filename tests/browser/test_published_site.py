"""The site as GitHub Pages serves it: on 127.0.0.1 under /stenogram/, in a real browser."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from playwright.sync_api import expect

from .links import crawl, fetch_http, parse
from .pages import PHRASE, page_kinds, phrase_turn
from .reading import follow, search_and_follow


def test_search_for_a_phrase_said_once_lands_on_its_turn_with_the_phrase_on_screen(served_site, page):
    doc, turn = phrase_turn(served_site.report)
    page.goto(served_site.url())
    search_and_follow(page, PHRASE, doc.id)
    assert page.url.startswith(served_site.url(f"documents/{doc.id}/"))


def test_a_speaker_name_opens_the_person_page_and_a_paragraph_link_leads_back(served_site, page):
    doc, turn = phrase_turn(served_site.report)
    person = served_site.report.people[turn.speaker]
    page.goto(served_site.url(page_kinds(served_site.report)["transcript"]))
    follow(page.locator(f"h3#t{turn.number}").get_by_role("link", name=turn.name or person.name))
    page.wait_for_url(served_site.url(f"people/{person.id}/"), wait_until="commit")
    expect(page.locator("h1")).to_have_text(person.name)
    expect(page.locator("h1")).to_be_in_viewport()
    paragraph = turn.paragraphs[0].id  # a turn is listed by a link to its first paragraph
    follow(page.locator(f"a[href$='documents/{doc.id}/#{paragraph}']").first)
    page.wait_for_url(served_site.url(f"documents/{doc.id}/#{paragraph}"), wait_until="commit")
    expect(page.locator(f"p.para#{paragraph}")).to_be_in_viewport()
    assert page.url.endswith(f"#{paragraph}"), "the address keeps the paragraph's permalink, for citing"


def test_a_missing_page_under_the_subpath_gets_the_styled_404_page(served_site, page):
    response = page.goto(served_site.url("no/such/page/"))
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("404 - Not found")
    home = page.locator("a.md-header__button.md-logo")
    assert urljoin(page.url, home.get_attribute("href")) == served_site.url()
    sheet_loaded = page.evaluate("() => [...document.styleSheets].some(s => (s.href || '').includes('/stenogram/assets/stylesheets/'))")
    assert sheet_loaded
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def test_a_crawl_under_the_subpath_finds_no_broken_link_or_anchor(served_site):
    result = crawl(served_site.url(), served_site.url(), fetch_http)
    assert result.broken == []
    assert result.pages > len(served_site.report.documents) + len(served_site.report.people) // 2
    assert result.links > 500


def test_every_page_names_its_canonical_url_under_the_site_url_and_the_sitemap_lists_them(served_site):
    status, _, sitemap = fetch_http(served_site.url("sitemap.xml"))
    assert status == 200
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap.decode("utf-8")))
    pages = sorted(p for p in served_site.site.rglob("*.html") if p.name != "404.html")
    assert len(listed) == len(pages)
    for path in pages:
        relative = path.relative_to(served_site.site).as_posix()
        url = served_site.url(relative.removesuffix("index.html"))
        canonical = parse(path.read_text("utf-8")).canonical
        assert canonical == url, relative
        assert canonical in listed, relative
