"""How long a reader waits for the first search result, and how many bytes they download first.

Opens the built site's home page in Chromium (over HTTP from a local server that
counts the bytes it sends, or from ``file://``), types a query into Material's
search box as soon as the page has loaded, and waits for the first result.

    python -m benchmarks.search_probe benchmarks/out/build-1000/site Roscosmos
    python -m benchmarks.search_probe dist/offline/stenogram Roscosmos --file
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import threading
import time
from pathlib import Path

# A search result, in Material's own list or in the scalable search's.
RESULT = ".md-search-result__item, .md-search-result__link"


class _Counting(http.server.SimpleHTTPRequestHandler):
    sent = 0

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        type(self).sent += len(data)
        outputfile.write(data)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    raise SystemExit("no Chromium found: install it (the Makefile's 'browser' target)")


def first_result(site: Path, query: str, from_file: bool = False, timeout: float = 180.0) -> dict[str, float]:
    """Seconds from typing to the first result, seconds from opening the page, and bytes downloaded."""
    from playwright.sync_api import sync_playwright

    server = None
    if from_file:
        url = (site / "index.html").resolve().as_uri()
    else:
        handler = type("Handler", (_Counting,), {"sent": 0})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium())
            page = browser.new_page()
            opened = time.perf_counter()
            page.goto(url, wait_until="load")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            typed = time.perf_counter()
            page.locator(".md-search__input").fill(query)
            page.locator(RESULT).first.wait_for(state="visible", timeout=timeout * 1000)
            done = time.perf_counter()
            results = page.locator(RESULT).count()
            browser.close()
    finally:
        if server is not None:
            server.shutdown()
    return {"seconds": done - typed, "from_open": done - opened, "bytes": float(handler.sent) if server else 0.0, "results": float(results)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_probe", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("query")
    parser.add_argument("--file", action="store_true", help="open the site from file:// instead of HTTP")
    args = parser.parse_args(argv)
    found = first_result(args.site, args.query, args.file)
    print(f"first result {found['seconds']:.2f} s after typing ({found['from_open']:.2f} s after opening), "
          f"{found['bytes'] / 1e3:.0f} KB downloaded, {found['results']:.0f} results shown")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
