"""Shared fixtures: the real site, built once per test session from the real seeds."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.addresses import downloads
from builder.model import Document
from builder.pipeline import ROOT, BuildOptions, BuildReport, build
from builder.public_url import LOCAL_URL

SEEDS = ROOT / "seeds"


@dataclass(frozen=True)
class BuiltSite:
    report: BuildReport
    site: Path
    docs: Path


def download(root: Path, doc: Document, label: str) -> bytes:
    """The bytes of ``doc``'s download ``label`` ("JSON", "TEI", "Original text") in the site or docs folder ``root``, unzipped."""
    return gzip.decompress((root / downloads(doc)[label]).read_bytes())


def build_into(folder: Path, seeds: Path = SEEDS, **options) -> BuiltSite:
    """Build ``seeds`` into ``folder/site`` (Markdown in ``folder/site_src``).

    The address is given (the local one unless told), so that the build and the golden pages
    do not depend on the clone's git remote.
    """
    site, docs = folder / "site", folder / "site_src"
    report = build(BuildOptions(seeds=seeds, out=site, docs_dir=docs, **{"site_url": LOCAL_URL, **options}))
    return BuiltSite(report, site, docs)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The real seeds built into a temporary folder, once for the whole session."""
    return build_into(tmp_path_factory.mktemp("real"))
