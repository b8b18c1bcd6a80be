"""The query language's cost to a reader: for a word, a phrase, filtered queries and names
that stand for others, the seconds from typing to the first result and the bytes
downloaded until then (as they are and gzipped, as GitHub Pages sends them), over HTTP and
from ``file://``; and the search index's share of the site.

    python -m benchmarks.search_queries benchmarks/out/build-10000/site benchmarks/out/build-10000/offline

Each query is typed at once into Material's search box of a freshly opened home page
(``benchmarks.search_probe.first_result``), ``--repeat`` times (3): the run of median seconds
is shown; the bars (issue "Search as researchers search")
are a first result within 0.5 s, for every query, both ways, and under 300 KB gzipped over HTTP
(everything from opening the page: the page, the theme, the stemmers, the engine and the
index's files; "search" counts only the last three). From ``file://`` nothing is downloaded:
its bytes are the files read from the disk, as they are.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from benchmarks.search_probe import first_result

QUERIES = (
    ("word", "Roscosmos"),
    ("phrase", '"space exploration"'),
    ("speaker filter", "speaker:Putin negotiations"),
    ("date and kind filters", "year:2024 kind:transcript Roscosmos"),
    ("topic filter", "topic:space satellite"),
    ("name variant", "Yuri Borisov"),
    ("spelling variant", "Kyiv"),
)
SECONDS, GZIP_KB = 0.5, 300  # the bars


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_queries", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the served build (directory URLs)")
    parser.add_argument("offline", type=Path, nargs="?", help="the offline build, opened from file://")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query; the run of median seconds is shown")
    args = parser.parse_args(argv)

    def median_run(site: Path, query: str, from_file: bool = False) -> dict[str, float]:
        runs = sorted((first_result(site, query, from_file=from_file) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        return runs[len(runs) // 2] | {"spread": max(r["seconds"] for r in runs) - min(r["seconds"] for r in runs),
                                       "median_gzip": statistics.median(r["gzip_bytes"] for r in runs)}

    for name, folder in (("site", args.site), ("offline copy", args.offline)):
        if folder:
            index, whole = size(folder / "search"), size(folder)
            print(f"{name}: search index {index / 1e6:.1f} MB of {whole / 1e6:.1f} MB ({index / whole:.1%})")
    print("| query | kind | HTTP s | HTTP KB | HTTP gzip KB | search KB | search gzip KB | results"
          " | file:// s | file:// KB | file:// search KB | bars |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind, query in QUERIES:
        served = median_run(args.site, query)
        local = median_run(args.offline, query, from_file=True) if args.offline else None
        met = served["seconds"] < SECONDS and served["gzip_bytes"] / 1e3 < GZIP_KB
        if local:
            met = met and local["seconds"] < SECONDS  # from file:// nothing is downloaded: its bytes are read from disk
        cells = [f"`{query}`", kind, f"{served['seconds']:.2f}", f"{served['bytes'] / 1e3:.0f}", f"{served['gzip_bytes'] / 1e3:.0f}",
                 f"{served['search_bytes'] / 1e3:.0f}", f"{served['search_gzip_bytes'] / 1e3:.0f}", f"{served['results']:.0f}",
                 f"{local['seconds']:.2f}" if local else "-", f"{local['bytes'] / 1e3:.0f}" if local else "-",
                 f"{local['search_bytes'] / 1e3:.0f}" if local else "-",
                 "met" if met else "NOT met"]
        print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
