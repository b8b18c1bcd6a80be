"""Stage 9, site: MkDocs with the Material theme turns the docs folder into HTML."""

from __future__ import annotations

import logging
from dataclasses import dataclass
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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(options: SiteOptions) -> list[str]:
    """Run MkDocs; the warnings it logged (strict mode fails on any)."""
    overrides = {"docs_dir": str(options.docs_dir), "site_dir": str(options.site_dir), "strict": options.strict}
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
        build(config)
    except Abort as err:
        collector.messages.append(str(err))
    finally:
        log.removeHandler(collector)
    return collector.messages
