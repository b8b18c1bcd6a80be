"""The same seeds give the same bytes: whatever the folder, the day, or the order files are listed in."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS, build_into

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"


def copy_seeds(target: Path) -> Path:
    """The real seeds, their sidecars and people file, and the hostile fixtures, in one folder."""
    shutil.copytree(SEEDS, target)
    for fixture in sorted(FIXTURES.iterdir()):
        shutil.copy2(fixture, target / f"hostile_{fixture.name}")
    (target / "latin1.txt").write_bytes("Café notes\nMarch 3, 2025\nThe naïve façade.\n".encode("latin-1"))
    (target / "copy of 001.txt").write_bytes((SEEDS / "001_b1332721dcb18903.txt").read_bytes())
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """One build as the folder lists its seeds, one with every listing shuffled, in other folders.

    The repository is found as the command line finds it (the clone's git remote), not given.
    """
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second-elsewhere")
    one = build_into(first, seeds=copy_seeds(first / "seeds"), repository=None)
    original = Path.iterdir

    def shuffled(self):
        entries = list(original(self))
        random.Random(4).shuffle(entries)
        return iter(entries)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "iterdir", shuffled)
        two = build_into(second, seeds=copy_seeds(second / "seeds" / "nested"), repository=None)
    return one, two


def test_two_builds_of_the_same_seeds_give_byte_identical_sites(two_builds):
    one, two = two_builds
    site_one, site_two = snapshot(one.site), snapshot(two.site)
    assert sorted(site_one) == sorted(site_two)
    assert [name for name in site_one if site_one[name] != site_two[name]] == []


def test_two_builds_of_the_same_seeds_give_byte_identical_markdown_and_data(two_builds):
    one, two = two_builds
    docs_one, docs_two = snapshot(one.docs), snapshot(two.docs)
    assert sorted(docs_one) == sorted(docs_two)
    assert [name for name in docs_one if docs_one[name] != docs_two[name]] == []


def test_two_builds_report_the_same_problems(two_builds):
    one, two = two_builds
    assert one.report.problems == two.report.problems
    assert any(p.code == "duplicate" for p in one.report.problems)


def test_sitemap_dates_are_the_newest_document_date_not_the_build_day(two_builds):
    one, _ = two_builds
    newest = max(d.date for d in one.report.documents if d.date)
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (one.site / "sitemap.xml").read_text("utf-8")))
    assert dates == {newest}


def test_no_output_names_the_folders_it_was_built_in(two_builds):
    one, _ = two_builds
    folder = str(one.site.parent).encode()
    assert [name for name, content in {**snapshot(one.site), **snapshot(one.docs)}.items() if folder in content] == []



def test_relative_folders_and_an_empty_source_date_epoch_build_the_same_site(two_builds, tmp_path):
    """Folders given relative to where the command runs (not to mkdocs.yml), and SOURCE_DATE_EPOCH set but empty."""
    project = Path(__file__).parents[1]
    copy_seeds(tmp_path / "seeds")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "", "PYTHONPATH": str(project)}
    done = subprocess.run([sys.executable, "-m", "builder", "build", "--seeds", "seeds", "--out", "out", "--docs-dir", "src",
                           "--release", "release"],
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: the hostile seeds' errors, reported
    assert snapshot(tmp_path / "out") == snapshot(two_builds[0].site)
    assert not list(project.glob(".out.*"))  # nothing written beside mkdocs.yml
