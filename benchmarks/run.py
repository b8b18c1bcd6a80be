"""Time every stage of ``python -m builder build`` on synthetic archives of N documents.

For each N: write the corpus (``benchmarks.corpus``), build it in a child process
while sampling the memory of its whole process tree, read the stage timings the
build writes (``--timings``), measure the site, then (with ``--browser``) open it
in Chromium over HTTP, type a query in the search box and count the bytes
downloaded until the first result shows (as they are, and gzipped as GitHub Pages
sends text files). "largest seed s" is the per-seed stages' seconds of the corpus's largest
seed (``seed_stages``; ``benchmarks.huge`` builds one long document whole). Prints one table.

    python -m benchmarks.run 100 1000            # corpora and builds in benchmarks/out/
    python -m benchmarks.run 1000 --browser      # and the search measured in Chromium
    python -m benchmarks.run 1000 --rebuild      # and a rebuild after one seed changed
    python -m benchmarks.run 1000 --offline      # and the offline copy's first search result from file://
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import write_corpus

OUT = Path(__file__).resolve().parent / "out"
ROOT = OUT.parent.parent
# The stages of report.timings the table shows, in the order the pipeline runs them.
STAGES = ("read", "clean", "turns", "parse", "people", "annotate", "export", "search", "render", "write", "mkdocs")
# A word every synthetic document has many times (it comes from the real seeds).
QUERY = "Roscosmos"
# Seconds between two samples of the build's memory. Reading a process's proportional set size walks its
# memory under its lock: ten times a second, on a 10,000-document build (three processes of 1 to 1.5 GB),
# it took a third of a core and slowed the build it measured by about a fifth; the stages last seconds.
SAMPLE = 1.0
# The site's folders of downloads (the rest is pages to read, search and assets).
DOWNLOADS = ("data", "sources")


@dataclass
class Row:
    documents: int
    corpus_bytes: int
    text_bytes: int  # the transcripts' own words: UTF-8 bytes of every paragraph's text
    timings: dict[str, float]
    wall: float
    peak_rss: int
    site_bytes: int
    site_files: int
    downloads_bytes: int  # of site_bytes, the dataset: data/ (JSON, TEI, corpus files) and sources/ (original texts)
    search: dict[str, float] = field(default_factory=dict)
    rebuild: dict[str, float] = field(default_factory=dict)
    offline: dict[str, float] = field(default_factory=dict)
    largest: float | None = None  # the per-seed stages' seconds of the largest seed (``seed_stages``)


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes (Linux /proc).

    Each process counts its proportional set size (PSS): a page shared by forked
    workers is split between them, not counted once per worker as RSS would.
    """
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def build(seeds: Path, out: Path, extra: tuple[str, ...] = (), release: bool = True) -> tuple[dict[str, float], float, int, str]:
    """One ``python -m builder build`` in a child process: stage timings, wall seconds, peak memory, output.

    ``release``: the corpus-level files made too, into ``release_folder``, as the workflow's build makes them."""
    timings_file = out / "timings.json"
    command = [sys.executable, "-m", "builder", "build", "--seeds", str(seeds), "--out", str(out / "site"),
               "--docs-dir", str(out / "site_src"), "--timings", str(timings_file), *extra]
    if release:
        command += ["--release", str(release_folder(out / "site"))]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(child.stdout.read()))
    reader.start()
    while child.poll() is None:
        peak = max(peak, tree_rss(child.pid))
        time.sleep(SAMPLE)
    reader.join()
    wall = time.perf_counter() - started
    if child.returncode not in (0, 1):
        raise SystemExit(f"the build failed ({child.returncode}):\n{''.join(output)[-3000:]}")
    return json.loads(timings_file.read_text()), wall, peak, "".join(output)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def release_folder(site: Path) -> Path:
    """Where the build of ``site`` puts the corpus-level files (``--release``): ``dist/release/`` beside the site, as the workflow's."""
    return site.parent / "dist" / "release"


def text_bytes(site: Path) -> int:
    """The UTF-8 bytes of every paragraph's text in the site's dataset (``documents.jsonl.gz``, in its release folder)."""
    import gzip

    total = 0
    with gzip.open(release_folder(site) / "documents.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            total += sum(len(p["text"].encode("utf-8")) for turn in record["turns"] for p in turn["paragraphs"])
    return total


def tree_digest(folder: Path) -> str:
    """One hash over every file's path and bytes: equal digests, identical folders."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def measure(n: int, browser: bool, rebuild: bool, offline: bool = False) -> Row:
    corpus = OUT / f"corpus-{n}"
    out = OUT / f"build-{n}"
    files = write_corpus(n, corpus)
    corpus_bytes = sum(p.stat().st_size for p in files)
    for stale in (out / "site", out / "site_src", out / ".site_src.cache"):
        if stale.exists():
            subprocess.run(["rm", "-rf", str(stale)], check=True)
    timings, wall, peak, output = build(corpus, out)
    print(output.splitlines()[0] if output else "", file=sys.stderr)
    size, count = folder_size(out / "site")
    downloads = sum(folder_size(out / "site" / name)[0] for name in DOWNLOADS)
    row = Row(n, corpus_bytes, text_bytes(out / "site"), timings, wall, peak, size, count, downloads)
    row.largest = sum(seed_stages(max(files, key=lambda p: (p.stat().st_size, p.name))).values())
    if rebuild:
        row.rebuild = measure_rebuild(corpus, out, files[len(files) // 2])
    if browser:
        from benchmarks.search_probe import first_result

        row.search = first_result(out / "site", QUERY)
    if offline:
        from benchmarks.search_probe import first_result

        command = [sys.executable, "-m", "builder", "offline", "--seeds", str(corpus), "--out", str(out / "offline"),
                   "--docs-dir", str(out / "site_src_offline"), "--archive", str(out / "offline.zip")]
        subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
        row.offline = first_result(out / "offline", QUERY, from_file=True)
    return row


def seed_stages(seed: Path) -> dict[str, float]:
    """The per-seed stages (read, clean, turns, parse) of one seed, run here: their seconds, best of three runs.

    The stages after them (people, annotate, export, search, render, MkDocs) run over the
    whole corpus and are not split per document."""
    from builder.pipeline import Clock, read_document

    best: dict[str, float] = {}
    for _ in range(3):
        clock = Clock()
        read_document(seed, clock)
        if not best or sum(clock.seconds.values()) < sum(best.values()):
            best = dict(clock.seconds)
    return best


def measure_rebuild(corpus: Path, out: Path, seed: Path) -> dict[str, float]:
    """Change one seed, rebuild with the cache, and compare with a clean build of the same seeds.

    Both as a maintainer builds to look at a change, without the corpus-level files (made for a release only)."""
    text = seed.read_text("utf-8")
    seed.write_text(text.replace("Mr President", "Mr President,", 1) if "Mr President" in text else text + "\n", "utf-8")
    timings, wall, _, _ = build(corpus, out, release=False)
    clean = out.with_name(out.name + "-clean")
    subprocess.run(["rm", "-rf", str(clean)], check=True)
    clean.mkdir(parents=True)
    build(corpus, clean, release=False)
    same = tree_digest(out / "site") == tree_digest(clean / "site") and tree_digest(out / "site_src") == tree_digest(clean / "site_src")
    seed.write_text(text, "utf-8")
    return {"wall": wall, "identical": float(same), **timings}


def table(rows: list[Row]) -> str:
    head = ["documents", "corpus MB", "text MB", *STAGES, "total s", "largest seed s", "peak MB", "site MB", "site/text", "pages/text",
            "downloads/text",
            "files",
            "1st result s", "downloaded KB", "gzipped KB", "file:// 1st result s", "rebuild s", "identical"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        t = r.timings
        cells = [f"{r.documents:,}", f"{r.corpus_bytes / 1e6:.1f}", f"{r.text_bytes / 1e6:.1f}",
                 *(f"{t[s]:.1f}" if s in t else "-" for s in STAGES),
                 f"{r.wall:.1f}", f"{r.largest:.2f}" if r.largest is not None else "-", f"{r.peak_rss / 1e6:.0f}",
                 f"{r.site_bytes / 1e6:.1f}", f"{r.site_bytes / max(1, r.text_bytes):.2f}",
                 f"{(r.site_bytes - r.downloads_bytes) / max(1, r.text_bytes):.2f}", f"{r.downloads_bytes / max(1, r.text_bytes):.2f}",
                 f"{r.site_files:,}",
                 f"{r.search['seconds']:.2f}" if r.search else "-",
                 f"{r.search['bytes'] / 1e3:.0f}" if r.search else "-",
                 f"{r.search['gzip_bytes'] / 1e3:.0f}" if r.search else "-",
                 f"{r.offline['seconds']:.2f}" if r.offline else "-",
                 f"{r.rebuild['wall']:.1f}" if r.rebuild else "-",
                 ("yes" if r.rebuild["identical"] else "NO") if r.rebuild else "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--browser", action="store_true", help="measure the first search result in Chromium")
    parser.add_argument("--rebuild", action="store_true", help="measure a rebuild after one seed changed")
    parser.add_argument("--offline", action="store_true", help="build the offline copy and measure its first search result from file://")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        rows.append(measure(n, args.browser, args.rebuild, args.offline))
        print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(f"{os.cpu_count()} cores; stage seconds: read/clean/turns/parse summed over workers, the rest wall time")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
