"""Scale: the synthetic archive is deterministic, a cached rebuild equals a clean build, long lists are paged."""

from __future__ import annotations

import hashlib
import importlib
import os
import re
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

import builder.pipeline as pipeline
from benchmarks.corpus import write_corpus
from builder import cache
from builder.ingest.seeds import read_seed
from builder.profiles import detect
from builder.publish import pages, views
from tests.conftest import build_into


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "seeds"
    write_corpus(24, folder)
    return folder


def test_the_generator_writes_the_same_archive_for_the_same_seed(corpus, tmp_path):
    again = tmp_path / "again"
    write_corpus(24, again)
    assert tree(again) == tree(corpus)
    other = tmp_path / "other"
    write_corpus(24, other, seed=7)
    assert tree(other) != tree(corpus)


def test_the_generator_writes_all_three_real_source_shapes(corpus):
    profiles = {detect(read_seed(p)[0].text).NAME for p in corpus.glob("*.txt")}
    assert profiles == {"kremlin-page", "kremlin-print", "markdown-article"}


def test_a_rebuild_after_one_seed_changed_parses_only_that_seed_and_equals_a_clean_build(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in corpus.iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    first = build_into(tmp_path / "incremental", seeds)
    assert not first.report.mkdocs_warnings
    built = {p.relative_to(first.site).as_posix(): p.stat().st_mtime_ns for p in first.site.rglob("*.html")}
    changed = sorted(seeds.glob("*.txt"))[5]
    changed.write_text(changed.read_text("utf-8").replace("Mr President", "Mr President, colleagues", 1) + "\n", "utf-8")

    parsed: list[str] = []
    real = pipeline.read_document_safely

    def counting(path):
        parsed.append(path.name)
        return real(path)

    done: list[tuple[str, str]] = []  # every unit done again: its unit cache's file, its name
    real_record = cache.UnitCache.record

    def recording(self, unit, key, paths):
        done.append((self.path.name, unit))
        return real_record(self, unit, key, paths)

    monkeypatch.setattr(pipeline, "read_document_safely", counting)
    monkeypatch.setattr(cache.UnitCache, "record", recording)
    again = build_into(tmp_path / "incremental", seeds, jobs=1)
    monkeypatch.setattr(pipeline, "read_document_safely", real)
    monkeypatch.setattr(cache.UnitCache, "record", real_record)
    assert parsed == [changed.name]

    # MkDocs rebuilt only pages whose Markdown changed: the other documents' HTML was not written again.
    rebuilt = {name for name, mtime in built.items() if (again.site / name).stat().st_mtime_ns != mtime}
    changed_id = next(d.id for d in again.report.documents if d.source.file == changed.name)
    assert f"documents/{changed_id}/index.html" in rebuilt

    # Export did the changed document's downloads again; render its page and the pages of the people in it; nothing else.
    assert [unit for file, unit in done if file == "export.json"] == [f"document:{changed_id}"]
    rendered = [unit for file, unit in done if file == "render.json"]
    assert [unit for unit in rendered if unit.startswith("document:")] == [f"document:{changed_id}"]
    involved = set(next(d for d in again.report.documents if d.id == changed_id).people)
    people_rendered = {unit.split(":")[1] for unit in rendered if unit.startswith("person:")}
    assert people_rendered
    assert people_rendered <= involved
    assert len([n for n in rebuilt if n.startswith("documents/")]) < len(again.report.documents) / 2, sorted(rebuilt)

    clean = build_into(tmp_path / "clean", seeds, cache=tmp_path / "no-cache-yet")
    assert tree(again.docs) == tree(clean.docs)
    assert tree(again.site) == tree(clean.site)

    # A seed taken away: its pages leave the incremental site too.
    changed.unlink()
    gone = build_into(tmp_path / "incremental", seeds)
    assert not (gone.site / "documents" / changed_id).exists()
    assert tree(gone.site) == tree(build_into(tmp_path / "clean-again", seeds).site)


def test_a_generated_page_edited_by_hand_is_rendered_again(corpus, tmp_path):
    first = build_into(tmp_path / "site", corpus)
    page = sorted((first.docs / "documents").glob("2*.md"))[0]
    original = page.read_bytes()
    page.write_bytes(original.replace(b"## People", b"## Persons", 1))
    again = build_into(tmp_path / "site", corpus)
    assert (again.docs / "documents" / page.name).read_bytes() == original


def test_parallel_and_serial_parsing_resolving_and_anchoring_give_the_same_documents_in_the_same_order(corpus, tmp_path, monkeypatch):
    serial = pipeline.parse_corpus(corpus, None, jobs=1)
    # the people and annotate stages' work forked however few the documents, as a large archive's is
    monkeypatch.setattr(cache, "fork_map", partial(cache.fork_map, minimum=1))
    parallel = pipeline.parse_corpus(corpus, None, jobs=2)
    assert [d.id for d in parallel.documents] == [d.id for d in serial.documents]
    assert parallel.documents == serial.documents
    assert sorted(parallel.problems) == sorted(serial.problems)


def test_forked_workers_are_replaced_as_they_go_and_results_keep_the_items_order():
    """A worker's copied memory is given back: after RECYCLE chunks a fresh fork takes over."""
    from builder.parallel import RECYCLE, fork_map

    items = list(range(200))
    results = fork_map(lambda n: (n * n, os.getpid()), items, jobs=2)
    assert [square for square, _ in results] == [n * n for n in items]
    workers = {pid for _, pid in results}
    assert os.getpid() not in workers
    assert len(workers) >= 2 * 8 // RECYCLE - 1  # 2 workers, about 8 chunks each


def test_no_index_page_lists_the_whole_archive_when_lists_are_long(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    built = build_into(tmp_path / "paged", corpus)
    assert not built.report.mkdocs_warnings, built.report.mkdocs_warnings  # every link of every page resolves
    docs = built.docs
    ids = {d.id for d in built.report.documents}
    index = (docs / "documents" / "index.md").read_text("utf-8")
    assert not any(f"({i}.md)" in index for i in ids)
    link_of = re.compile(r"\]\(([^)/]+)\.md\)")
    listed = [link for page in (docs / "documents").glob("year-*.md") for link in link_of.findall(page.read_text("utf-8"))]
    assert sorted(set(listed) & ids) == sorted(ids)  # each document is on its year's page
    assert all(len(re.findall(r"^- ", p.read_text("utf-8"), re.M)) <= 2 for p in (docs / "topics").glob("*--*.md"))
    assert list((docs / "topics").glob("*--2.md")), "a topic with more than two documents has a second page"
    putin = built.report.people["vladimir-putin"]
    assert (docs / "people" / f"{putin.id}--2.md").exists()
    people_index = (docs / "people" / "index.md").read_text("utf-8")
    assert "(vladimir-putin.md)" not in people_index
    assert "(vladimir-putin.md)" in (docs / "people" / "letter-p.md").read_text("utf-8")


def test_mkdocs_in_passes_on_every_core_gives_the_same_site_as_one_build(corpus, tmp_path, monkeypatch):
    import builder.site.mkdocs as site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    whole = build_into(tmp_path / "whole", corpus)
    monkeypatch.setattr(site, "SPLIT_FROM", 1)
    monkeypatch.setattr(site, "PASS_PAGES", 10)
    passes = []
    real = site.build

    def counting(config, **kwargs):
        passes.append(os.getpid())
        return real(config, **kwargs)

    monkeypatch.setattr(site, "build", counting)
    split = build_into(tmp_path / "split", corpus, jobs=1)  # passes in this process: counted here
    assert len(passes) >= 4, passes
    assert split.report.mkdocs_warnings == whole.report.mkdocs_warnings
    assert tree(split.site) == tree(whole.site)
    forked = build_into(tmp_path / "forked", corpus, jobs=2)  # passes in forked processes
    assert tree(forked.site) == tree(whole.site)


def test_a_long_record_links_a_window_of_its_pages_not_every_page():
    from builder.model import Person

    view = views.PersonView(Person("p", "P", (), (), None, False), turns=[None] * (pages.PAGE_SIZE * 20))
    assert view.pages == 20
    assert replace(view, page=10).page_window == [1, None, 7, 8, 9, 10, 11, 12, 13, None, 20]
    assert replace(view, page=1).page_window == [1, 2, 3, 4, None, 20]
    assert replace(view, page=19).page_window == [1, None, 16, 17, 18, 19, 20]
    links = replace(view, page=19).page_links
    assert [(link.number, link.file, link.current) for link in links[-2:]] == [(19, "p--19.md", True), (20, "p--20.md", False)]
    assert links[1] is None and links[0].file == "p.md"


def test_a_rebuild_reads_again_only_the_changed_seeds_names_unless_the_registry_changed(corpus, tmp_path, monkeypatch):
    """The people, annotate and search stages keep what each document gave: an edit that names no one new resolves
    that document alone; one that names a new person changes the registry, and every document is resolved again.
    Either way the rebuild equals a clean build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    resolve_module = importlib.import_module("builder.people.resolve")

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in corpus.iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    build_into(tmp_path / "incremental", seeds, run_mkdocs=False)
    resolved: list[str] = []
    real = resolve_module.resolve

    def counting(registry, doc):
        resolved.append(doc.source.file)
        return real(registry, doc)

    monkeypatch.setattr(resolve_module, "resolve", counting)
    changed = sorted(seeds.glob("*.txt"))[3]
    text = changed.read_text("utf-8")
    changed.write_text(text.replace(".", ",", 1), "utf-8")
    again = build_into(tmp_path / "incremental", seeds, run_mkdocs=False)
    assert resolved == [changed.name]
    assert tree(again.docs) == tree(build_into(tmp_path / "clean", seeds, run_mkdocs=False, cache=tmp_path / "none").docs)

    resolved.clear()
    changed.write_text(text + "\nYesterday Ivan Zubrovitsky and Pavel Kornelyuk met Vladimir Putin.\n", "utf-8")
    again = build_into(tmp_path / "incremental", seeds, run_mkdocs=False)
    assert len(resolved) == len(again.report.documents)
    assert {"ivan-zubrovitsky", "pavel-kornelyuk"} <= set(again.report.people)
    assert tree(again.docs) == tree(build_into(tmp_path / "clean-2", seeds, run_mkdocs=False, cache=tmp_path / "none-2").docs)
