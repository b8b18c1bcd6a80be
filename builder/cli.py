"""The command line: parses arguments, calls the pipeline, prints. Nothing else."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export import document_record, dumps
from .pipeline import BuildOptions, build, parse_corpus, read_document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description="Stenogram: seeds in, annotated transcript site out.")
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="run the whole pipeline and MkDocs")
    b.add_argument("--seeds", type=Path, default=BuildOptions.seeds, help="folder of seeds (default: seeds/)")
    b.add_argument("--out", type=Path, default=BuildOptions.out, help="folder for the site (default: site/)")
    b.add_argument("--docs-dir", type=Path, default=BuildOptions.docs_dir, help="folder for the generated Markdown (default: site_src/)")
    b.add_argument("--strict", action="store_true", help="exit non-zero on any warning")
    p = commands.add_parser("parse", help="print one seed as the JSON of the data contract")
    p.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.command == "parse":
        return _parse(args.file)
    return _build(args)


def _parse(path: Path) -> int:
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    report = parse_corpus_single(path)
    for problem in sorted(report.problems):
        print(problem, file=sys.stderr)
    if not report.documents:
        return 1
    sys.stdout.write(dumps(document_record(report.documents[0], report.people)))
    return 0


def parse_corpus_single(path: Path):
    """A one-seed corpus: the seed's folder supplies the people file and sidecar."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy2(path, folder / path.name)
        for extra in (path.with_name(path.name + ".yml"), path.parent / "people.yml"):
            if extra.exists():
                shutil.copy2(extra, folder / extra.name)
        return parse_corpus(folder)


def _build(args) -> int:
    options = BuildOptions(seeds=args.seeds, out=args.out, docs_dir=args.docs_dir)
    report = build(options)
    people = {pid for d in report.documents for pid in d.people}
    print(f"Built {len(report.documents)} documents, {report.turns} turns, {len(people)} people into {options.out}")
    errors = [p for p in report.problems if p.severity == "error"]
    for problem in sorted(report.problems):
        print(problem)
    for message in report.mkdocs_warnings:
        print(f"mkdocs: {message}")
    print(f"{len(errors)} errors, {len(report.problems) - len(errors)} warnings")
    if errors or (args.strict and (report.problems or report.mkdocs_warnings)):
        return 1
    return 0


__all__ = ["main", "read_document"]
