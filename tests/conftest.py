"""Shared fixtures: the real site, built once per test session from the real seeds."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.addresses import downloads
from builder.document_pages import PAGE_PARAGRAPHS
from builder.model import Document
from builder.pipeline import ROOT, BuildOptions, BuildReport, build
from builder.public_url import LOCAL_URL

SEEDS = ROOT / "seeds"
# The GitHub repository the test builds are made for: their Data page links its latest release.
REPOSITORY = "stenogram-editors/stenogram"


@dataclass(frozen=True)
class BuiltSite:
    report: BuildReport
    site: Path
    docs: Path
    release: Path  # the corpus-level files, which the served site does not hold


def download(root: Path, doc: Document, label: str) -> bytes:
    """The bytes of ``doc``'s download ``label`` ("JSON", "TEI", "Original text") in the site or docs folder ``root``, unzipped."""
    return gzip.decompress((root / downloads(doc)[label]).read_bytes())


def build_into(folder: Path, seeds: Path = SEEDS, **options) -> BuiltSite:
    """Build ``seeds`` into ``folder/site`` (Markdown in ``folder/site_src``, the corpus-level files in ``folder/release``).

    The address and the repository are given (the local address and ``REPOSITORY`` unless told), so
    that the build and the golden pages do not depend on the clone's git remote.
    """
    site, docs, release = folder / "site", folder / "site_src", folder / "release"
    settings = {"site_url": LOCAL_URL, "repository": REPOSITORY, "release": release, **options}
    report = build(BuildOptions(seeds=seeds, out=site, docs_dir=docs, **settings))
    return BuiltSite(report, site, docs, release)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The real seeds built into a temporary folder, once for the whole session."""
    return build_into(tmp_path_factory.mktemp("real"))


# The long transcript's speakers, turn after turn, and the words said once, in a turn on its second page.
LONG_SPEAKERS = ("Vladimir Putin", "Sergei Lavrov", "Tatyana Golikova", "Mikhail Murashko")
LONG_SHORT_TURNS = 2 * PAGE_PARAGRAPHS + 100  # short turns of one paragraph, then one turn longer than a page
LONG_TURN_PARAGRAPHS = PAGE_PARAGRAPHS + 300
LONG_WORD, LONG_WORD_TURN = "Zeppelinfield", PAGE_PARAGRAPHS + 150


def write_long_transcript(seeds: Path) -> None:
    """A transcript too long for one page into ``seeds``: short turns, then one turn longer than a page (cut between
    its paragraphs), then a few more; a word said once on its second page, a person named late, a note on a late page."""
    lines = ["Meeting with Government members", "June 4, 2025",
             "The President held a meeting with Government members via videoconference.", ""]
    for i in range(1, LONG_SHORT_TURNS + 1):
        said = f"the {LONG_WORD} question, point {i}" if i == LONG_WORD_TURN else f"point number {i} of the agenda, on roads and schools"
        lines.append(f"{LONG_SPEAKERS[(i - 1) % 4]}: Thank you, colleagues, this is {said}.")
    lines.append("Tatyana Golikova: The report on hospitals, in many parts.")
    lines += [f"Part {k} of the report on hospitals, as Sergei Lavrov asked." for k in range(2, LONG_TURN_PARAGRAPHS + 1)]
    lines += [f"{LONG_SPEAKERS[i % 4]}: Closing remark {i}." for i in range(4)]
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / "long.txt").write_text("\n".join(lines) + "\n", "utf-8")
    (seeds / "long.txt.yml").write_text(
        "annotations:\n  - id: late\n    exact: point number 2450 of the agenda\n    body: A note on a late page.\n", "utf-8")


@pytest.fixture(scope="session")
def long_site(tmp_path_factory) -> BuiltSite:
    """The long transcript (``write_long_transcript``) built once for the whole session."""
    folder = tmp_path_factory.mktemp("long")
    write_long_transcript(folder / "seeds")
    return build_into(folder, folder / "seeds")
