"""The site stage: MkDocs with the Material theme turns the docs folder into HTML.

MkDocs writes into a sibling staging folder, so a failed build leaves the last good
site in place. The first build (or one after the theme, ``mkdocs.yml``, the builder or a
package changed) is clean: the staging folder replaces the site once it is complete.
Later builds are MkDocs' *dirty* builds: only the pages whose Markdown the render stage
rewrote (newer than their HTML in the site) are built again, and the files of the docs
folder that changed copied, into an empty staging folder; once MkDocs is done, those
files are moved into the site one by one and the HTML of Markdown that is gone is
removed. A rebuild so touches only what changed, never the whole site (a copy of a
10,000-document site is 0.85 GB); one interrupted while it moves its files leaves the
site part new, part old, and the next build clean (the state below is written last). That gives the same bytes as a clean build because nothing on
a page depends on another page's Markdown: the navigation is fixed in
``mkdocs.yml``, search runs on the builder's own index, and there is no tags
plugin. What a dirty build may rely on is recorded in a state file beside the
parse cache; without a matching one the build is clean.

The same independence lets a large site be built in passes (``PASS_PAGES`` pages
each, at least one per core), on every core at once: each pass is a MkDocs build
of the whole configuration that treats only its share of the pages as changed,
and the first pass alone writes what is not a page (theme files, the sitemap,
the 404 page, what plugins write at the end). A pass keeps only its own pages'
HTML in memory, so memory stays bounded as the site grows. A page counts for its
size (``PAGE_BYTES`` of Markdown each, at least one): the pages of a long document
(``builder/document_pages.py``) are few and each worth a hundred small ones, so a
site with one is shared between the cores, each pass given a like weight. Every page is stamped
with one fixed build date (``SOURCE_DATE_EPOCH``), so the same inputs give the
same bytes.

Once MkDocs is done, each page it wrote is minified (``builder/site/minifier.py``).

Every page names its public address (``site_url``, found by ``builder.public_url``) in its
canonical link, the offline copy's too: there a page is a file (``documents/x.html``), but its
canonical link, which a paragraph's ¶ link copies, is its address on the published site.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from ..parallel import fork_map, workers
from .minifier import minify_pages

PACKAGE = Path(__file__).resolve().parent.parent  # the builder package: its code is part of a page's key
# MkDocs' own warning that a dirty build may leave stale navigation: ours cannot (see above).
DIRTY_WARNING = "A 'dirty' build is being performed"
# Pages per MkDocs pass, and the fewest pages worth splitting over processes.
PASS_PAGES = 1500
SPLIT_FROM = 400
# The Markdown a page counts as one page for, when pages are shared between passes (a document page of the
# synthetic archive is about 20 KB; a long document's page up to about 500 KB).
PAGE_BYTES = 20_000
# How much earlier than the build's start a page's time may read and still be this build's
# (file systems that keep times to the second or two); an older page minified again is unchanged.
MTIME_SLACK_NS = 2_000_000_000


@dataclass(frozen=True)
class SiteOptions:
    config: Path
    docs_dir: Path
    site_dir: Path
    strict: bool = True
    site_url: str | None = None  # the public address (canonical links, sitemap); None: mkdocs.yml's
    offline: bool = False
    build_date: str | None = None  # "YYYY-MM-DD" stamped on every page (sitemap); None: 1970-01-01
    state: Path | None = None  # where the last build's state is kept; None: always a clean build
    jobs: int | None = None  # processes running MkDocs passes; default: every core


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(options: SiteOptions) -> list[str]:
    """Run MkDocs; the warnings it logged (strict mode fails on any)."""
    # MkDocs reads relative folders from mkdocs.yml's folder; ours are the caller's.
    options = replace(options, docs_dir=options.docs_dir.resolve(), site_dir=options.site_dir.resolve())
    fingerprint = _fingerprint(options)
    sources = _files(options.docs_dir)
    last = _read_state(options.state)
    dirty = bool(last) and last.get("fingerprint") == fingerprint and options.site_dir.is_dir()
    if options.state is not None:
        options.state.unlink(missing_ok=True)  # until this build succeeds, the next one is clean
    target = _staging(options.site_dir)
    target.mkdir(parents=True)
    overrides: dict[str, Any] = {"docs_dir": str(options.docs_dir), "site_dir": str(target), "strict": options.strict}
    if options.site_url is not None:
        overrides["site_url"] = options.site_url
    collector = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(collector)
    try:
        config = load_config(str(options.config), **overrides)
        config.plugins.events["post_page"].append(_release_page)
        if options.offline:
            config["use_directory_urls"] = False
            config.plugins["material/offline"].config.enabled = True
            config.plugins.events["page_context"].append(_published_canonical_url)
        quiet = logging.getLogger("mkdocs.commands.build")
        hush = _Drop(DIRTY_WARNING)
        quiet.addFilter(hush)
        started = time.time_ns()
        try:
            with _build_date(options.build_date), _modified_against(options.site_dir if dirty else None):
                pages = {s: (options.docs_dir / s).stat().st_size for s in sources if s.endswith(".md")}
                if dirty:  # only the pages built again count when the pages are shared between passes
                    pages = {s: size for s, size in pages.items() if _modified(s, options, config)}
                _build_in_passes(config, dirty, pages, options.jobs, collector)
        finally:
            quiet.removeFilter(hush)
        minify_pages(target, started - MTIME_SLACK_NS, options.jobs)
    except Abort as err:
        collector.messages.append(str(err))
        if "BuildError" in str(err):  # pages are missing: keep the last good site
            shutil.rmtree(target, ignore_errors=True)
            return collector.messages
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        log.removeHandler(collector)
    if dirty:
        _move_in(target, options.site_dir)
        _remove_gone(options.site_dir, options.docs_dir, options.offline, set(last.get("sources", [])) - set(sources))
    else:
        _swap(target, options.site_dir)
    _write_state(options.state, {"fingerprint": fingerprint, "sources": sources})
    return collector.messages


def _modified(page: str, options: SiteOptions, config) -> bool:
    """Whether a dirty build builds ``page`` again: its HTML in the site is missing or older than its Markdown."""
    return File(page, str(options.docs_dir), str(options.site_dir), config["use_directory_urls"]).is_modified()


def _build_in_passes(config, dirty: bool, pages: dict[str, int], jobs: int | None, collector: _Collect) -> None:
    """MkDocs over ``config`` (``pages``: each page's bytes; in a dirty build, the pages to build again): in one go for
    a few pages, else in passes on every core (see the module's text); a page not in ``pages`` is left as it is."""
    count = workers(jobs)
    weights = {name: max(1, size // PAGE_BYTES) for name, size in pages.items()}
    total = sum(weights.values())
    if total < SPLIT_FROM or (count == 1 and total <= PASS_PAGES):
        build(config, dirty=dirty)
        return
    passes = max(count, -(-total // PASS_PAGES))
    share = _shares(weights, passes)

    def one_pass(k: int) -> tuple[list[str], str | None]:
        changed = File.is_modified

        def is_modified(file: File) -> bool:
            if file.is_documentation_page():
                return share.get(file.src_uri) == k and (not dirty or changed(file))
            return k == 0 and (not dirty or changed(file))

        # in this pass's own process only (forked); a method replaced on purpose, so mypy is told
        File.is_modified = is_modified  # type: ignore[method-assign, assignment]
        if k:
            config.theme.static_templates.clear()
            config.plugins.events["post_build"] = []
        try:
            build(config, dirty=True)
        except Abort as err:
            return collector.messages, str(err)
        finally:
            File.is_modified = changed  # type: ignore[method-assign]
        return collector.messages, None

    results = fork_map(one_pass, range(passes), jobs, minimum=1, fresh=True) if count > 1 else [one_pass(k) for k in range(passes)]
    seen = set(collector.messages)
    for messages, _ in results:
        fresh = [m for m in dict.fromkeys(messages) if m not in seen]  # each message once, in order
        seen.update(fresh)
        collector.messages += fresh
    aborts = [error for _, error in results if error]
    if aborts:
        raise Abort(aborts[0])


def _shares(weights: dict[str, int], passes: int) -> dict[str, int]:
    """Each page's pass: the heaviest first, each to the pass that is lightest so far (the first of equals)."""
    load = [0] * passes
    share = {}
    for name in sorted(weights, key=lambda n: (-weights[n], n)):
        k = min(range(passes), key=lambda i: (load[i], i))
        share[name] = k
        load[k] += weights[name]
    return share


def _release_page(output: str, page, config) -> str:
    """A page's Markdown and HTML body let go once its whole HTML is made (an MkDocs event, the last of a page's):
    MkDocs keeps every page it built until the build ends, and nothing reads them after (a pass holds 1,500 pages)."""
    page.markdown = None
    page.content = None
    return output


def _published_canonical_url(context, page, config, nav):
    """A page's canonical URL in the offline copy: its address on the published site, not its file's (an MkDocs event).

    The offline copy names its pages ``documents/x.html``; the published site, with directory
    URLs, ``documents/x/``. The canonical link is what a paragraph's ¶ link copies, so it
    must be the address a reader can cite.
    """
    if page.canonical_url:
        page.canonical_url = urljoin(config.site_url, File(page.file.src_uri, None, "", True).url)
    return context


class _Drop(logging.Filter):
    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.prefix)


def _fingerprint(options: SiteOptions) -> str:
    """A hash of everything every page depends on besides its own Markdown: a change means a clean build."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    config = options.config.resolve()
    digest.update(json.dumps([str(options.docs_dir.resolve()), options.strict, options.site_url, options.offline,
                              options.build_date, os.environ.get("SOURCE_DATE_EPOCH"), os.environ.get("SITE_URL"),
                              os.environ.get("OFFLINE"), version("mkdocs"), version("mkdocs-material")]).encode())
    folders = [PACKAGE, config.parent / "templates" / "theme"]
    files = [config] + [p for folder in folders for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    for path in files:
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _files(folder: Path) -> list[str]:
    """Every file under ``folder`` (symbolic links to files too), by its path from it, sorted; with os.walk, not pathlib's slower
    rglob (a large archive's docs folder holds some 50,000 files)."""
    found = []
    for root, _, names in os.walk(folder):
        here = Path(root).relative_to(folder).as_posix()
        found += [name if here == "." else f"{here}/{name}" for name in names if os.path.isfile(os.path.join(root, name))]
    return sorted(found)


def _remove_gone(site_dir: Path, docs_dir: Path, offline: bool, gone: set[str]) -> None:
    """Delete from ``site_dir`` what MkDocs built from docs files that no longer exist (a dirty build keeps them)."""
    for name in sorted(gone):
        dest = Path(File(name, str(docs_dir), str(site_dir), not offline).abs_dest_path)
        dest.unlink(missing_ok=True)
        folder = dest.parent
        while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _read_state(path: Path | None) -> dict:
    try:
        return json.loads(path.read_text("utf-8")) if path else {}
    except (OSError, ValueError):
        return {}


def _write_state(path: Path | None, state: dict) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(state), "utf-8")
    partial.replace(path)


def _staging(site_dir: Path) -> Path:
    """A fresh folder beside ``site_dir`` to build into (a site left half-swapped is restored first)."""
    old, staging = _beside(site_dir, "old"), _beside(site_dir, "staging")
    if old.exists() and not site_dir.exists():
        old.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return staging


@contextmanager
def _modified_against(site_dir: Path | None):
    """MkDocs' test of a file to build or copy (``File.is_modified``: its output missing or older than its source) made
    against the output in ``site_dir``, the site of the last build, instead of the folder MkDocs writes into (the dirty
    build's empty staging folder); ``None``: MkDocs' own."""
    if site_dir is None:
        yield
        return
    own = File.is_modified

    def is_modified(file: File) -> bool:
        if file._content is not None:
            return True
        assert file.abs_src_path is not None
        output = os.path.join(site_dir, file.dest_uri)
        return not os.path.isfile(output) or os.path.getmtime(output) < os.path.getmtime(file.abs_src_path)

    File.is_modified = is_modified  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        File.is_modified = own  # type: ignore[method-assign]


def _move_in(staging: Path, site_dir: Path) -> None:
    """Every file a dirty build wrote into ``staging`` moved to its place in ``site_dir`` (each one replaced at once)."""
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        destination = site_dir / path.relative_to(staging)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, destination)
    shutil.rmtree(staging)


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the finished build in place of the old site: two renames, the old one deleted last."""
    old = _beside(site_dir, "old")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _beside(site_dir: Path, role: str) -> Path:
    return site_dir.parent / f".{site_dir.name}.{role}"


@contextmanager
def _build_date(day: str | None):
    """``SOURCE_DATE_EPOCH`` set to ``day`` (unless the caller's environment sets it) for MkDocs."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        yield
        return
    given = os.environ.get("SOURCE_DATE_EPOCH")  # set but empty: treated as unset, then put back
    try:
        stamp = datetime.combine(date.fromisoformat(day or "1970-01-01"), datetime.min.time(), UTC)
    except ValueError:
        stamp = datetime(1970, 1, 1, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        if given is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = given
