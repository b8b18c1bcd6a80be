"""A crawler that follows every link and asset of a built site, over HTTP or on disk,
and reports what does not resolve: a missing file, a missing anchor, or a link that
leaves the site's folder."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit, urlunsplit

# Attributes that hold a URL, per element.
URL_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
# <link rel> values that are addresses for robots, not resources (checked elsewhere).
METADATA_RELS = {"canonical", "alternate"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        attribute = URL_ATTRIBUTES.get(tag)
        if not attribute or attribute not in values:
            return
        if tag == "link" and "canonical" in values.get("rel", "").split():
            self.canonical = values.get("href")
        if tag == "link" and METADATA_RELS & set(values.get("rel", "").split()):
            return
        self.urls.append(values[attribute])


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@dataclass
class Crawl:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)


def crawl(start: str, inside: str, fetch: Callable[[str], tuple[int, str, bytes]]) -> Crawl:
    """Every page reachable from ``start`` whose URL begins with ``inside``; every URL on them checked.

    ``fetch(url)`` returns the status, the content type and the body.
    """
    result = Crawl()
    seen: dict[str, tuple[int, str, bytes]] = {}
    anchors: dict[str, set[str]] = {}

    def get(url: str) -> tuple[int, str, bytes]:
        if url not in seen:
            seen[url] = fetch(url)
        return seen[url]

    queue, queued = [start], {start}
    pending_fragments: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        status, kind, body = get(url)
        if status != 200 or "html" not in kind:
            continue
        result.pages += 1
        page = parse(body.decode("utf-8"))
        anchors[url] = page.ids
        for raw in page.urls:
            target, fragment = urldefrag(urljoin(url, raw))
            target = urlunsplit(urlsplit(target)._replace(query=""))  # a static site's file is the same whatever the query
            if urlsplit(target).scheme not in ("http", "https", "file") or urlsplit(target).netloc != urlsplit(start).netloc:
                continue  # mailto:, javascript:, or another site: not ours to check
            result.links += 1
            if not target.startswith(inside):
                result.broken.append(f"{url}: {raw} leaves the site ({target})")
                continue
            status, kind, _ = get(target)
            if status != 200:
                result.broken.append(f"{url}: {raw} -> {status}")
                continue
            if fragment:
                pending_fragments.append((url, raw, target + "#" + fragment))
            if "html" in kind and target not in queued:
                queued.add(target)
                queue.append(target)
    for url, raw, full in pending_fragments:
        target, fragment = urldefrag(full)
        if target in anchors and unquote(fragment) not in anchors[target]:
            result.broken.append(f"{url}: {raw} -> no element with id {fragment!r}")
    return result


def fetch_http(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), b""


def fetch_file(url: str) -> tuple[int, str, bytes]:
    """A file:// URL as a browser opening the offline copy sees it: a folder is not a page."""
    path = Path(unquote(urlsplit(url).path))
    if not path.is_file():
        return 404, "", b""
    kind = "text/html" if path.suffix == ".html" else "application/octet-stream"
    return 200, kind, path.read_bytes()
