"""The command line: parses arguments, calls the pipeline, prints. Nothing else."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .export.files import document_record, dumps
from .pipeline import BuildOptions, build, parse_corpus, read_document
from .report import counts, report_lines
from .site.offline import DEFAULT_ARCHIVE, DEFAULT_SITE, package

# What --site-url overrides, in the order builder.public_url reads it.
SITE_URL_HELP = ("the site's public address, for citations, canonical links and the sitemap (default: $SITE_URL, else site_url in"
                 " mkdocs.yml, else the GitHub Pages address of the git remote origin)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description="Stenogram: seeds in, annotated transcript site out.")
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="run the whole pipeline and MkDocs")
    b.add_argument("--seeds", type=Path, default=BuildOptions.seeds, help="folder of seeds (default: seeds/)")
    b.add_argument("--out", type=Path, default=BuildOptions.out, help="folder for the site (default: site/)")
    b.add_argument("--docs-dir", type=Path, default=BuildOptions.docs_dir, help="folder for the generated Markdown (default: site_src/)")
    b.add_argument("--strict", action="store_true", help="exit non-zero on any warning")
    b.add_argument("--site-url", default=None, help=SITE_URL_HELP)
    b.add_argument("--jobs", type=int, default=None, help="processes that parse seeds (default: one per core)")
    b.add_argument("--timings", type=Path, default=None, help="write the seconds spent in each stage to this JSON file")
    b.add_argument("--release", type=Path, default=None,
                   help="make the corpus-level files, for a release, in this folder (not served by the site; default: not made)")
    o = commands.add_parser("offline", help="build the site for file:// and pack it into dist/stenogram-offline.zip")
    o.add_argument("--seeds", type=Path, default=BuildOptions.seeds, help="folder of seeds (default: seeds/)")
    o.add_argument("--out", type=Path, default=DEFAULT_SITE, help="folder for the offline build (default: dist/offline/)")
    o.add_argument("--docs-dir", type=Path, default=BuildOptions.docs_dir, help="folder for the generated Markdown (default: site_src/)")
    o.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, help="the zip to write (default: dist/stenogram-offline.zip)")
    o.add_argument("--strict", action="store_true", help="exit non-zero on any warning")
    o.add_argument("--site-url", default=None, help=SITE_URL_HELP)
    o.set_defaults(jobs=None, timings=None, release=None)  # the offline copy keeps the corpus-level files inside
    p = commands.add_parser("parse", help="print one seed as the JSON of the data contract")
    p.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.command == "parse":
        return _parse(args.file)
    if args.command == "offline":
        return _offline(args)
    return _build(args)


def _parse(path: Path) -> int:
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    report = parse_corpus_single(path)
    for line in report_lines(report.problems):
        print(line, file=sys.stderr)
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
        for extra in (path.with_name(path.name + ".yml"), path.parent / "people.yml", path.parent / "glossary.yml"):
            if extra.exists():
                shutil.copy2(extra, folder / extra.name)
        return parse_corpus(folder)


def _offline(args) -> int:
    status = _build(args, offline=True)
    if status:
        print("no offline copy written: the build failed")
        return status
    copy = package(args.out, args.archive)
    for problem in sorted(copy.problems):
        print(problem)
    if copy.problems:
        return 1
    print(f"Offline copy: {copy.archive} ({copy.files} files); unzip it and open stenogram/index.html")
    return 0


def _build(args, offline: bool = False) -> int:
    options = BuildOptions(seeds=args.seeds, out=args.out, docs_dir=args.docs_dir, site_url=args.site_url, jobs=args.jobs,
                           offline=offline, release=args.release)
    report = build(options)
    if args.timings:
        args.timings.write_text(json.dumps(report.timings, indent=1, sort_keys=True) + "\n", "utf-8")
    people = {pid for d in report.documents for pid in d.people}
    print(f"Built {len(report.documents)} documents, {report.turns} turns, {len(people)} people into {options.out}"
          + (f"; the corpus-level files into {options.release}" if options.release and not offline else ""))
    lines = report_lines(report.problems)
    count = counts(lines)
    for line in lines:
        print(line)
    for message in report.mkdocs_warnings:
        print(f"mkdocs: {message}")
    shown = ["error", "warning"] + (["notice"] if count["notice"] else [])
    print(", ".join(f"{count[s]} {s}" + ("" if count[s] == 1 else "s") for s in shown))
    if count["error"] or (args.strict and (count["warning"] or report.mkdocs_warnings)):
        return 1
    return 0


__all__ = ["main", "read_document"]
