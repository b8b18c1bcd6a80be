"""One very long transcript built: seconds and peak memory as its turns grow (``builder/document_pages.py``).

The seed is a meeting of four speakers taking short turns, one paragraph each (about 120 bytes a
turn: 100,000 turns are a 12 MB seed). Before a long document was split over pages, its build grew
with the square of its length (Python-Markdown copies the rest of the page at the end of every
paragraph): 3.5 s of MkDocs at 2,000 turns, 215 s at 32,000, and 100,000 never finished. For each
N the seed is written, built in a child process (``benchmarks.run.build``: the memory of its whole
process tree sampled), and one row printed: the seed's size, the pages the document takes and the
largest one's paragraphs, the wall seconds of the build and of MkDocs, the milliseconds a turn, the
processor seconds of the build's processes (less swayed than wall seconds by other work on the
machine), and the peak memory.

    python -m benchmarks.huge                     # 100,000 turns: the 12 MB seed
    python -m benchmarks.huge 2000 8000 32000 100000
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
from pathlib import Path

from benchmarks.run import OUT, build

SPEAKERS = ("Vladimir Putin", "Sergei Lavrov", "Tatyana Golikova", "Mikhail Murashko")
HEAD = ("Meeting with Government members", "June 4, 2025",
        "The President held a meeting with Government members via videoconference.", "")
# A numbered paragraph of a document page's Markdown.
PARAGRAPH = re.compile(rb'<p class="para" id="p\d+"')


def write_seed(turns: int, folder: Path) -> Path:
    """A plain transcript of ``turns`` short turns, the four speakers in turn, into ``folder`` (emptied first)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    lines = [*HEAD]
    for i in range(turns):
        lines.append(f"{SPEAKERS[i % 4]}: Thank you, colleagues, this is point number {i} of the agenda, "
                     "on roads and schools, and on hospitals.")
    seed = folder / "huge.txt"
    seed.write_text("\n".join(lines) + "\n", "utf-8")
    return seed


def measure(turns: int) -> dict[str, float]:
    """Build the seed of ``turns`` turns; what the row shows."""
    out = OUT / f"huge-{turns}"
    seed = write_seed(turns, out / "seeds")
    for old in ("site", "site_src", ".site_src.cache"):
        shutil.rmtree(out / old, ignore_errors=True)
    before = _children_cpu()
    timings, wall, peak, _ = build(out / "seeds", out)
    cpu = _children_cpu() - before
    pages = sorted((out / "site_src" / "documents").glob("2025-06-04-*.md"))
    return {"turns": turns, "seed MB": seed.stat().st_size / 1e6, "pages": len(pages),
            "largest page": max(len(PARAGRAPH.findall(p.read_bytes())) for p in pages),
            "total s": wall, "mkdocs s": timings.get("mkdocs", 0.0), "other stages s": wall - timings.get("mkdocs", 0.0),
            "ms a turn": 1000 * wall / turns, "cpu s": cpu, "peak MB": peak / 1e6}


def _children_cpu() -> float:
    """The processor seconds (user and system) of every child process this one has waited for, theirs included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def table(rows: list[dict[str, float]]) -> str:
    heads = list(rows[0])
    cells = [[f"{v:,.0f}" if k in ("turns", "pages", "largest page") else f"{v:,.1f}" if k != "ms a turn" else f"{v:.2f}"
              for k, v in row.items()] for row in rows]
    return "\n".join(["| " + " | ".join(heads) + " |", "|" + " --- |" * len(heads)] + ["| " + " | ".join(c) + " |" for c in cells])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.huge", description=__doc__.split("\n\n")[0])
    parser.add_argument("turns", nargs="*", type=int, default=[100_000], help="turns of each seed (default: 100000)")
    args = parser.parse_args(argv)
    rows = []
    for n in args.turns:
        rows.append(measure(n))
        print(table(rows[-1:]).split("\n")[-1], flush=True)
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
