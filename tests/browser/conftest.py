"""The browser's fixtures: Debian's Chromium driven by Playwright, the site served on
127.0.0.1 under a project subpath (as GitHub Pages serves it), and the offline zip
unpacked into a temporary folder.

The JavaScript the tests inject (axe-core) or run (html-validate) comes from the npm
registry through ``package.json`` here; ``make test`` installs it with ``npm ci``.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from builder.pipeline import BuildOptions, BuildReport, build
from builder.site.offline import FOLDER, package

from ..conftest import SEEDS

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
# Debian's Chromium, or the browser named by $CHROMIUM (a CI runner's Chrome).
CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
# Flags that keep Chromium from calling home: on a closed network those calls fail noisily.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
SUBPATH = "/stenogram/"
# The address the offline copy is built for: its citations give the published site.
PUBLISHED_URL = "https://owner.github.io/stenogram/"
PHONE = {"width": 375, "height": 667}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class ServedSite:
    root: str  # the site's address, ending in SUBPATH
    site: Path
    report: BuildReport

    def url(self, path: str = "") -> str:
        return self.root + path


@dataclass(frozen=True)
class OfflineCopy:
    folder: Path  # the unpacked copy; index.html is its front door
    archive: Path

    def url(self, path: str = "index.html") -> str:
        return (self.folder / path).as_uri()


class _PagesHandler(SimpleHTTPRequestHandler):
    """A static server that answers a missing path with the site's 404 page, as GitHub Pages does."""

    not_found: Path

    def log_message(self, format, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        if code != 404 or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> Iterator[ServedSite]:
    """The real seeds built with site_url under SUBPATH and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("pages")
    site = root / SUBPATH.strip("/")
    handler = type("Handler", (_PagesHandler,), {"not_found": site / "404.html"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    address = f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    report = build(BuildOptions(seeds=SEEDS, out=site, docs_dir=tmp_path_factory.mktemp("pages_src"), site_url=address))
    assert not report.mkdocs_warnings, report.mkdocs_warnings
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedSite(address, site, report)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> OfflineCopy:
    """The offline zip of the real seeds, unpacked into a temporary folder as a reader would."""
    work = tmp_path_factory.mktemp("offline")
    report = build(BuildOptions(seeds=SEEDS, out=work / "site", docs_dir=work / "site_src", offline=True,
                                site_url=PUBLISHED_URL))
    assert not report.mkdocs_warnings, report.mkdocs_warnings
    copy = package(work / "site", work / "stenogram-offline.zip")
    assert not copy.problems, copy.problems
    unpacked = tmp_path_factory.mktemp("unzipped") / "Downloads (copy) ünïcode"  # anywhere, as readers do
    with zipfile.ZipFile(copy.archive) as zf:
        zf.extractall(unpacked)
    return OfflineCopy(unpacked / FOLDER, copy.archive)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's, as Playwright cannot download one here)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (scripts/install-chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def node_module(*parts: str) -> Path:
    """A file of the tests' npm packages; fails with the command that installs them."""
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make test`, or `npm ci --prefix {HERE}`")
    return path


def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("node is missing: the HTML validity test runs html-validate with Node.js")
    return found


def run_node(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([node(), *args], capture_output=True, text=True, timeout=300)
