"""Stage 9, site: MkDocs with the Material theme turns the docs folder into HTML.

MkDocs writes into a sibling staging folder that replaces the site only once the
build is complete, so an interrupted or failed build leaves the last good site in
place. Every page is stamped with one fixed build date (``SOURCE_DATE_EPOCH``),
so the same inputs give the same bytes.
"""

from __future__ import annotations

import logging
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


@dataclass(frozen=True)
class SiteOptions:
    config: Path
    docs_dir: Path
    site_dir: Path
    strict: bool = True
    site_url: str | None = None
    offline: bool = False
    build_date: str | None = None  # "YYYY-MM-DD" stamped on every page (sitemap); None: 1970-01-01


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(options: SiteOptions, clock: dict[str, float] | None = None) -> list[str]:
    """Run MkDocs; the warnings it logged (strict mode fails on any).

    ``clock``, when given, gathers the seconds the search plugin spent indexing.
    """
    staging = _staging(options.site_dir)
    overrides = {"docs_dir": str(options.docs_dir), "site_dir": str(staging), "strict": options.strict}
    if options.site_url is not None:
        overrides["site_url"] = options.site_url
    collector = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(collector)
    try:
        config = load_config(str(options.config), **overrides)
        if options.offline:
            config["use_directory_urls"] = False
            config.plugins["material/offline"].config.enabled = True
            # Instant navigation fetches pages with XHR, which file:// refuses: plain links there.
            config.theme["features"] = [f for f in config.theme["features"] if f != "navigation.instant"]
        if clock is not None:
            _time_search(config, clock)
        with _build_date(options.build_date):
            build(config)
    except Abort as err:
        collector.messages.append(str(err))
        if "BuildError" in str(err):  # pages are missing: keep the last good site
            shutil.rmtree(staging, ignore_errors=True)
            return collector.messages
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        log.removeHandler(collector)
    _swap(staging, options.site_dir)
    return collector.messages


def _staging(site_dir: Path) -> Path:
    """A fresh folder beside ``site_dir`` to build into (a site left half-swapped is restored first)."""
    old, staging = _beside(site_dir, "old"), _beside(site_dir, "staging")
    if old.exists() and not site_dir.exists():
        old.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return staging


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
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    try:
        stamp = datetime.combine(date.fromisoformat(day or "1970-01-01"), datetime.min.time(), UTC)
    except ValueError:
        stamp = datetime(1970, 1, 1, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def _time_search(config, clock: dict[str, float]) -> None:
    """Wrap the search plugin's hooks so that the time spent indexing is counted as its own stage."""
    import time

    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None:
        return
    for hook in ("on_page_context", "on_post_build"):
        original = getattr(plugin, hook)

        def timed(*args, _original=original, **kwargs):
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                clock["search"] = clock.get("search", 0.0) + time.perf_counter() - started

        # MkDocs keeps the bound hooks it registered when the plugin loaded: swap them there.
        hooks = config.plugins.events[hook.removeprefix("on_")]
        hooks[:] = [timed if getattr(h, "__self__", None) is plugin and h.__name__ == hook else h for h in hooks]
