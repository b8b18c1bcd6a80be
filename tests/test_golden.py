"""Golden files: each real seed's JSON and Markdown page, reviewed by hand, compared on every run.

Regenerate after an intended change with ``STENOGRAM_UPDATE_GOLDEN=1 make test``
and review the diff (``git diff tests/golden``) before committing.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from builder.cli import parse_corpus_single
from builder.export.files import document_record, dumps
from builder.ingest.seeds import list_seeds

from .conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("STENOGRAM_UPDATE_GOLDEN") == "1"
SEED_FILES = [p.name for p in list_seeds(SEEDS)]
# Real pages of every shape (tests/fixtures/real/README.md), each built on its own.
REAL = Path(__file__).parent / "fixtures" / "real"
REAL_FILES = [p.name for p in list_seeds(REAL)]


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, "utf-8")
        if not UPDATE:
            pytest.fail(f"{path} did not exist: written now; review it and commit it")
        return
    expected = path.read_text("utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"golden/{name}", "built", n=2))
        pytest.fail(f"{name} differs from its golden file (STENOGRAM_UPDATE_GOLDEN=1 to accept):\n{diff[:20000]}")


@pytest.mark.parametrize("seed", SEED_FILES)
def test_each_seed_parses_to_its_reviewed_json(seed):
    report = parse_corpus_single(SEEDS / seed)
    [doc] = report.documents
    check_golden(f"{seed}.json", dumps(document_record(doc, report.people)))


@pytest.mark.parametrize("seed", SEED_FILES)
def test_each_seed_renders_to_its_reviewed_markdown_page(seed, built_site):
    [doc] = [d for d in built_site.report.documents if d.source.file == seed]
    check_golden(f"{seed}.md", (built_site.docs / "documents" / f"{doc.id}.md").read_text("utf-8"))


@pytest.mark.parametrize("page", REAL_FILES)
def test_each_real_page_parses_to_its_reviewed_json(page):
    report = parse_corpus_single(REAL / page)
    [doc] = report.documents
    check_golden(f"real/{page}.json", dumps(document_record(doc, report.people)))


def test_the_parse_command_prints_the_data_contract(capsys):
    from builder.cli import main

    assert main(["parse", str(SEEDS / SEED_FILES[0])]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) >= {"id", "kind", "title", "date", "time", "place", "lead", "source", "topics", "turns", "people"}
    assert set(record["source"]) >= {"file", "sha256", "url", "publisher"}
    paragraph = record["turns"][0]["paragraphs"][0]
    assert set(paragraph) >= {"id", "text", "mentions"}
