"""Nothing lost: a build only reads the maintainers' files, and a failed build leaves the last good site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import export
from builder.publish import views
from builder.site import mkdocs as site

from .conftest import SEEDS, build_into


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    (folder / "broken.txt").write_bytes(b"")
    (folder / "README.md").write_text("Notes for maintainers.\n", "utf-8")
    return folder


def test_a_build_never_changes_the_seeds_folder(tmp_path, seeds):
    before = snapshot(seeds)
    assert any(name.endswith(".yml") for name in before), "the copy holds the maintainers' people file and sidecars"
    build_into(tmp_path / "out", seeds=seeds)
    assert snapshot(seeds) == before


def test_a_build_writes_only_its_generated_folders(tmp_path, seeds):
    out = tmp_path / "out"
    build_into(out, seeds=seeds)
    build_into(out, seeds=seeds)
    assert {p.name for p in out.iterdir()} <= {"site", "site_src", ".site_src.cache", "release"}  # release: the corpus-level files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "seeds"]


def test_a_build_that_fails_in_mkdocs_leaves_the_last_good_site(tmp_path, seeds, monkeypatch):
    out = tmp_path / "out"
    good = build_into(out, seeds=seeds)
    before = snapshot(good.site)

    def half_then_crash(config, **_):
        Path(config["site_dir"], "index.html").parent.mkdir(parents=True, exist_ok=True)
        Path(config["site_dir"], "index.html").write_text("half a page", "utf-8")
        raise KeyboardInterrupt  # the maintainer pressed Ctrl-C

    monkeypatch.setattr(site, "build", half_then_crash)
    with pytest.raises(KeyboardInterrupt):
        build_into(out, seeds=seeds)
    assert snapshot(good.site) == before
    assert {p.name for p in out.iterdir()} <= {"site", "site_src", ".site_src.cache", "release"}  # release: the corpus-level files


@pytest.mark.parametrize(("stage", "name"), [(export, "document_files"), (views, "document_people")], ids=["export", "render"])
def test_a_build_that_fails_while_exporting_or_rendering_leaves_the_last_good_markdown(tmp_path, seeds, monkeypatch, stage, name):
    out = tmp_path / "out"
    good = build_into(out, seeds=seeds, run_mkdocs=False)
    before = snapshot(good.docs)
    real = getattr(stage, name)
    calls = []

    def crash_on_the_third(doc, *args, **kwargs):
        calls.append(doc)
        if len(calls) == 3:
            raise RuntimeError("interrupted")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(stage, name, crash_on_the_third)
    with pytest.raises(RuntimeError):  # a cache of its own: every document is exported and rendered again
        build_into(out, seeds=seeds, run_mkdocs=False, cache=tmp_path / "another-cache")
    assert snapshot(good.docs) == before


def test_a_site_left_half_swapped_is_restored_before_the_next_build(tmp_path):
    site_dir = tmp_path / "site"
    old = tmp_path / ".site.old"
    old.mkdir()
    (old / "index.html").write_text("the last good site", "utf-8")
    staging = site._staging(site_dir)
    assert (site_dir / "index.html").read_text("utf-8") == "the last good site"
    assert not staging.exists() and not old.exists()
