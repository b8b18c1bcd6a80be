"""The Atom feeds in a real browser: a page names its feed, and loading it asks for nothing beside the feed."""

from __future__ import annotations

from urllib.parse import urlsplit

import feedparser
import pytest

from .links import fetch_http
from .pages import page_kinds


@pytest.mark.parametrize("kind", ["home", "person"])
def test_a_page_with_a_feed_names_it_once_loaded_and_asks_for_no_sitemap_beside_it(served_site, page, kind):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(served_site.url(page_kinds(served_site.report)[kind]))
    page.wait_for_load_state("networkidle")
    assert not [path for path in requested if path.endswith("sitemap.xml")], requested
    href = page.evaluate("document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]').href")
    assert urlsplit(href).path.startswith("/stenogram/feeds/")
    status, _, body = fetch_http(href)
    assert status == 200
    feed = feedparser.parse(body)
    assert not feed.bozo and feed.entries
