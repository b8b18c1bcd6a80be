"""How long a reader waits for the first search result, and how many bytes they download first.

Opens the built site's home page in Chromium, over HTTP (a local server that counts
the bytes it sends) or from ``file://`` (the offline copy; the bytes are the sizes of
the files the browser read), types a query into Material's search box as soon as the
page has loaded, and waits for the first result.

    python -m benchmarks.search_probe benchmarks/out/build-1000/site Roscosmos
    python -m benchmarks.search_probe dist/offline/stenogram Roscosmos --file
    python -m benchmarks.search_probe dist/offline/stenogram Roscosmos --both --delay 120

(``--both``: over HTTP, then from ``file://``, so give it an offline build, which works
both ways; ``--delay``: typed key by key, each key a query, as a reader types.)

"seconds" runs from the last key typed to the first result on screen; "bytes" counts
everything read from opening the page to that first result (page, theme, search; over HTTP,
what the server had finished sending by then, so not what the page asks for afterwards),
"gzip bytes" the same as GitHub Pages sends it (text files gzip-compressed), "search bytes"
only the search worker and the index's files (``search/``), "search files" how many of those.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus, unquote, urlsplit

# A search result, in Material's result list.
RESULT = ".md-search-result__item"
# Chromium's flags for a machine without network or display (as the browser tests use).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


# Files GitHub Pages sends gzip-compressed (to a browser that accepts it, as every browser does).
TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


class _Counting(http.server.SimpleHTTPRequestHandler):
    """A static server that logs each file it sends: when it was sent, its path, its bytes and its gzipped bytes."""

    log: list[tuple[float, str, int, int]]

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        path = urlsplit(self.path).path
        zipped = len(gzip.compress(data, 6)) if path.endswith(TEXT) or path.endswith("/") else len(data)
        self.log.append((time.perf_counter(), path, len(data), zipped))


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    raise SystemExit("no Chromium found: install it (the Makefile's 'browser' target)")


def is_search(path: str) -> bool:
    """A file of the search: the worker and engine, the stemmers they load, Material's (empty) lunr index, or our index."""
    return "/search/" in path or "/snowball-stemmers/" in path


def answered(query: str) -> str:
    """A result of ``query`` itself, not of the words typed before it: its links carry the
    query's words (Material's ``?h=``, for highlighting them on the page). A query of the
    query language (filters, phrases, exclusions, names that stand for others) highlights
    other words than it holds: any result then, as it is typed at once (``delay`` 0)."""
    from builder.search.words import tokens

    if any(sign in query for sign in ':"-'):
        return RESULT
    words = " ".join(dict.fromkeys(tokens(query)))
    return f'{RESULT} a[href*="h={quote_plus(words)}"]'


def first_result(site: Path, query: str, from_file: bool = False, timeout: float = 180.0,
                 delay: float = 0.0) -> dict[str, float]:
    """Seconds from typing to the first result, from opening the page, and the bytes read until then.

    ``delay`` (milliseconds) types the query key by key, as a reader does (each key is a
    query); 0 puts it in the box at once.
    """
    from playwright.sync_api import sync_playwright

    site = site.resolve()
    server = None
    log: list[tuple[float, str, int, int]] = []
    if from_file:
        url = (site / "index.html").as_uri()
    else:
        handler = type("Handler", (_Counting,), {"log": log})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
    read: list[str] = []  # file:// paths the browser asked for
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
            page = browser.new_page()
            page.on("request", lambda request: read.append(request.url) if request.url.startswith("file:") else None)
            opened = time.perf_counter()
            page.goto(url, wait_until="load")
            box = page.locator(".md-search__input")
            box.click()
            if delay:
                box.press_sequentially(query[:-1], delay=delay)
                page.wait_for_timeout(delay)
                typed = time.perf_counter()
                box.press(query[-1])
            else:
                typed = time.perf_counter()
                box.fill(query)
                box.press("End")  # Material reads the box on keyup: fill alone sends nothing
            page.locator(answered(query)).first.wait_for(state="visible", timeout=timeout * 1000)
            done = time.perf_counter()
            results = page.locator(RESULT).count()
            browser.close()
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    sent: dict[str, tuple[int, int]] = {}  # path: bytes, gzipped bytes, of what arrived before the first result
    if from_file:
        for address in dict.fromkeys(read):
            path = Path(unquote(urlsplit(address).path))
            if path.is_file():
                size = path.stat().st_size
                sent[path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)] = (size, size)
    for when, path, size, zipped in list(log):
        if when <= done:
            before = sent.get(path, (0, 0))
            sent[path] = (before[0] + size, before[1] + zipped)
    searched = {path: sizes for path, sizes in sent.items() if is_search("/" + path.lstrip("/"))}
    return {"seconds": done - typed, "from_open": done - opened, "bytes": float(sum(s for s, _ in sent.values())),
            "gzip_bytes": float(sum(z for _, z in sent.values())),
            "search_bytes": float(sum(s for s, _ in searched.values())), "search_gzip_bytes": float(sum(z for _, z in searched.values())),
            "search_files": float(len(searched)),
            "results": float(results)}


def report(found: dict[str, float], how: str) -> str:
    return (f"{how}: first result {found['seconds']:.2f} s after typing ({found['from_open']:.2f} s after opening), "
            f"{found['bytes'] / 1e3:.0f} KB read, {found['gzip_bytes'] / 1e3:.0f} KB gzipped as Pages sends it "
            f"({found['search_bytes'] / 1e3:.0f} KB of search in "
            f"{found['search_files']:.0f} files), {found['results']:.0f} results shown")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_probe", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("query")
    parser.add_argument("--file", action="store_true", help="open the site from file:// instead of HTTP")
    parser.add_argument("--both", action="store_true", help="measure over HTTP, then from file://")
    parser.add_argument("--delay", type=float, default=0.0, help="type key by key, this many ms apart")
    args = parser.parse_args(argv)
    for from_file in ((False, True) if args.both else (args.file,)):
        found = first_result(args.site, args.query, from_file, delay=args.delay)
        print(report(found, "file://" if from_file else "HTTP"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
