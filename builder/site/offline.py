"""The site stage, offline: the site built for ``file://``, checked, and packed into one zip.

The pipeline builds the site with ``offline`` set (Material's offline plugin,
no directory URLs; see ``mkdocs.py``), for the same public address as the published
site (``builder.public_url``): its citations and canonical links send a reader there,
never to a ``file://`` path. This stage then
checks that no page would fetch anything from another host, and packs the
folder into a zip whose bytes depend only on the files in it, so the same
seeds give the same archive.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..model import Problem

ROOT = Path(__file__).resolve().parents[2]
# Where `python -m builder offline` puts the build and the archive unless told otherwise.
DEFAULT_SITE = ROOT / "dist" / "offline"
DEFAULT_ARCHIVE = ROOT / "dist" / "stenogram-offline.zip"
# The folder the archive unpacks into; its index.html is the offline copy's front door.
FOLDER = "stenogram"
# Files that only make sense on a web server (a server's 404 page, sitemaps with absolute URLs).
SERVER_ONLY = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
# A fixed timestamp for every entry, so that the archive's bytes do not depend on when it was built.
EPOCH = (2000, 1, 1, 0, 0, 0)
# An address on another host: scheme-relative or with a scheme other than file.
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
# A URL a stylesheet would fetch: url(...) and @import "...".
CSS_FETCH = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
# Elements whose src a browser loads by itself, and the rel values of <link> that load their href.
FETCHING_TAGS = frozenset({"script", "img", "iframe", "source", "audio", "video", "embed", "track", "input"})
FETCHING_RELS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"})


@dataclass(frozen=True)
class OfflineCopy:
    archive: Path
    files: int
    problems: list[Problem]


def package(site_dir: Path, archive: Path) -> OfflineCopy:
    """Check the offline build in ``site_dir`` and, if nothing in it reaches the network, pack it."""
    problems = remote_fetches(site_dir)
    if problems:
        return OfflineCopy(archive, 0, problems)
    return OfflineCopy(archive, pack(site_dir, archive), [])


def remote_fetches(site_dir: Path) -> list[Problem]:
    """Every resource a page or stylesheet of ``site_dir`` would fetch from another host, as errors."""
    problems: list[Problem] = []
    for path in sorted(site_dir.rglob("*")):
        name = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html" and name not in SERVER_ONLY:
            urls = _fetched_by_page(path.read_text("utf-8"))
        elif path.suffix == ".css":
            urls = [(line, a or b) for line, a, b in _css_fetches(path.read_text("utf-8"))]
        else:
            continue
        problems += [Problem(name, line, "remote-fetch", f"the offline copy would fetch {url} from the network", "error")
                     for line, url in urls if REMOTE.match(url)]
    return problems


def pack(site_dir: Path, archive: Path) -> int:
    """Zip ``site_dir`` under ``FOLDER/``, sorted, with fixed timestamps; the number of files packed."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(archive.name + ".partial")
    count = 0
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            name = path.relative_to(site_dir).as_posix()
            if name in SERVER_ONLY:
                continue
            entry = zipfile.ZipInfo(f"{FOLDER}/{name}", EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zf.writestr(entry, path.read_bytes())
            count += 1
    partial.replace(archive)
    return count


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        line = self.getpos()[0]
        if tag in FETCHING_TAGS and values.get("src"):
            self.urls.append((line, values["src"]))
        if tag == "link" and FETCHING_RELS & set(values.get("rel", "").lower().split()) and values.get("href"):
            self.urls.append((line, values["href"]))
        if values.get("style"):
            self.urls += [(line, a or b) for _, a, b in _css_fetches(values["style"])]


def _fetched_by_page(html: str) -> list[tuple[int, str]]:
    parser = _Fetches()
    parser.feed(html)
    parser.close()
    return parser.urls


def _css_fetches(css: str) -> list[tuple[int, str, str]]:
    return [(css.count("\n", 0, m.start()) + 1, m.group(1) or "", m.group(2) or "") for m in CSS_FETCH.finditer(css)]
