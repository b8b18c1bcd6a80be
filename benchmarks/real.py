"""Build the real en.kremlin.ru pages of ``../shared/corpus/kremlin/`` and estimate the site of the whole English archive.

Two builds, each as ``benchmarks.run`` makes them (``python -m builder build --timings`` in a
child process sampling its memory): the corpus's text dumps (``text/``, every page) and its
saved HTML pages (``html/``, every transcript and 1,000 other pages), each copied into
``benchmarks/out/real-<shape>/seeds`` (the builder knows a seed's shape from its text, never
from its name). For each: run.py's table, the problems the build reported, the site's bytes
per page kind, the document pages' sizes, the bytes every page carries whatever its text (a
document page with its ``<article>``'s content taken out, split into its parts), the texts'
lengths, and the per-seed seconds of the largest document. Then how many pages the English
archive has, from the numbering of the corpus's pages, and the size of its site against
GitHub Pages' 1 GB.

    python -m benchmarks.real                      # both builds, then the estimate
    python -m benchmarks.real --shape text         # one build
    python -m benchmarks.real --no-build           # measure the sites already in benchmarks/out/real-*/
    python -m benchmarks.real --until 2026-12-01   # the date the archive's numbering is extrapolated to
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import re
import shutil
import statistics
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.fidelity import CORPUS, load_truth
from benchmarks.run import DOWNLOADS, OUT, Row, build, folder_size, release_folder, seed_stages, table

SHAPES = {"text": "text dumps", "html": "saved HTML pages"}
# The site's files by what they are, in the order the tables show them.
KINDS = {
    "documents": "document pages, `documents/<id>/`",
    "people": "person pages, `people/<id>/`",
    "index": "index pages: home, `documents/` and its years, `people/` and its letters, `topics/`",
    "data": "`data/`: per-document JSON and TEI, corpus files",
    "sources": "`sources/`: the seeds, compressed",
    "search": "`search/`: the index",
    "feeds": "`feeds/`: Atom",
    "assets": "`assets/`: theme, scripts, styles",
    "rest": "404, about, glossary, research, sitemap",
}
PAGES_LIMIT = 1_000_000_000  # GitHub Pages publishes at most 1 GB
WINDOW = 250  # ids per window when measuring how densely the corpus fills the numbering
KEPT = 0.5  # the corpus is one half of its set, split by a rule on the id (its README): the other half is held back
FOLLOW_FROM = "2016"  # from this year on, the corpus's ids grow with their dates (older pages were numbered as imported)
RECENT = "2016"  # the pages the second mix of the estimate is measured on


def kind_of(rel: str) -> str:
    top, _, below = rel.partition("/")
    if top in ("documents", "people") and below:
        return "index" if below == "index.html" or below.startswith(("year-", "letter-")) else top
    return "index" if rel == "index.html" or top == "topics" else top if below and top in KINDS else "rest"


def owner(rel: str, ids: dict) -> str | None:
    """The document a file belongs to alone (its page, its JSON and TEI, its seed), else ``None``."""
    parts = rel.split("/")
    name = parts[1] if parts[0] == "documents" and len(parts) > 2 else parts[-1].split(".")[0]
    return name if parts[0] in ("documents", "data", "sources") and name in ids else None


def cut(html: str, start: str, tag: str) -> tuple[str, int]:
    """``html`` without every element that ``start`` opens (nested ``tag`` elements balanced), and the bytes taken out."""
    removed, element = 0, re.compile(rf"<(/?){tag}\b[^>]*>")
    while (opened := re.search(start, html)) is not None:
        depth, end = 0, len(html)
        for t in element.finditer(html, opened.start()):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                end = t.end()
                break
        removed += len(html[opened.start():end].encode())
        html = html[:opened.start()] + html[end:]
    return html, removed


# The parts of a page, each counted without the parts above it (the search form's icons are inline SVG, say).
ARTICLE = "article content (the document's own)"
PARTS = (("scripts, `<script>`", r"<script\b", "script"), ("inline icons, `<svg>`", r"<svg\b", "svg"),
         ("search form, `div.md-search`", r"<div class=\"md-search\"", "div"),
         ("navigation, `nav.md-nav--primary`", r"<nav class=\"md-nav md-nav--primary\"", "nav"),
         ("table of contents, `nav.md-nav--secondary`", r"<nav class=\"md-nav md-nav--secondary\"", "nav"),
         ("header, the rest of `<header>`", r"<header\b", "header"))


def parts(page: Path) -> dict[str, int]:
    html = page.read_text("utf-8")
    # The article's content: everything between <article ...> and </article>, its own tags aside.
    inner = re.search(r"<article\b[^>]*>(.*)</article>", html, re.S)
    sizes = {ARTICLE: len(inner.group(1).encode()) if inner else 0}
    html = html[:inner.start(1)] + html[inner.end(1):] if inner else html
    for name, start, tag in PARTS:
        html, sizes[name] = cut(html, start, tag)
    sizes["the rest (head's links and meta, footer, wrappers)"] = len(html.encode())
    return sizes


def tar_bytes(site: Path) -> int:
    """The site as the tar file Pages receives (GNU tar of ``.``, as ``upload-pages-artifact`` makes it): counted, not kept."""
    class Sink:
        size = 0

        def write(self, data: bytes) -> None:
            Sink.size += len(data)

    with tarfile.open(fileobj=Sink(), mode="w|", format=tarfile.GNU_FORMAT) as tar:  # type: ignore[call-overload]
        tar.add(site, arcname=".", recursive=False)
        for path in sorted(site.rglob("*")):
            tar.add(path, arcname="./" + path.relative_to(site).as_posix(), recursive=False)
    return Sink.size


def records(site: Path) -> list[dict]:
    """Each document of the site's dataset: id, kind, date, seed file and text bytes (as ``run.text_bytes`` counts them)."""
    found = []
    with gzip.open(release_folder(site) / "documents.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            text = sum(len(p["text"].encode("utf-8")) for turn in r["turns"] for p in turn["paragraphs"])
            found.append({"id": r["id"], "kind": r["kind"], "date": r["date"] or "", "file": r["source"]["file"], "text": text})
    return found


def make(shape: str, rebuild: bool) -> dict:
    """Build one shape (or read the last build's figures) and measure its site."""
    out = OUT / f"real-{shape}"
    seeds, saved = out / "seeds", out / "build.json"
    if rebuild:
        for stale in (seeds, out / "site", out / "site_src", out / ".site_src.cache"):
            shutil.rmtree(stale, ignore_errors=True)
        seeds.mkdir(parents=True)
        for source in sorted((CORPUS / shape).iterdir()):
            shutil.copyfile(source, seeds / source.name)
        timings, wall, peak, output = build(seeds, out)
        saved.write_text(json.dumps({"timings": timings, "wall": wall, "peak": peak, "output": output}), "utf-8")
    b, site = json.loads(saved.read_text("utf-8")), out / "site"
    docs = records(site)
    ids = {d["id"]: d for d in docs}
    files = {p.relative_to(site).as_posix(): p.stat().st_size for p in sorted(site.rglob("*")) if p.is_file()}
    kinds: dict[str, list[int]] = {k: [0, 0] for k in KINDS}  # files, bytes
    owned: dict[str, Counter[str]] = {k: Counter() for k in KINDS}  # a document's own bytes of each kind
    for rel, size in files.items():
        kinds[kind_of(rel)] = [kinds[kind_of(rel)][0] + 1, kinds[kind_of(rel)][1] + size]
        if doc := owner(rel, ids):
            owned[kind_of(rel)][doc] += size
    size, count = folder_size(site)
    row = Row(len(docs), sum(p.stat().st_size for p in seeds.iterdir()), sum(d["text"] for d in docs), b["timings"], b["wall"], b["peak"],
              size, count, sum(folder_size(site / name)[0] for name in DOWNLOADS))
    return {"shape": shape, "row": row, "output": b["output"], "docs": docs, "kinds": kinds, "owned": owned, "site": site, "seeds": seeds,
            "tar": tar_bytes(site), "pages": {d["id"]: files[f"documents/{d['id']}/index.html"] for d in docs}}


def problems(output: str) -> str:
    lines = output.splitlines()
    codes = Counter(m.group(1) for line in lines if (m := re.search(r"\[([a-z-]+)\]$", line)))
    mkdocs = sum(line.startswith("mkdocs:") for line in lines)
    summary = next((line for line in reversed(lines) if re.match(r"\d+ errors?, ", line)), "?")
    return f"{summary}; by code: {', '.join(f'{c} {n}' for c, n in codes.most_common()) or 'none'}; MkDocs warnings: {mkdocs}"


def quantile(values: list[int], q: float) -> int:
    """The nearest-rank quantile of sorted ``values``."""
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def largest(m: dict) -> str:
    """The per-seed stages (read, clean, turns, parse) of the largest document, run here, best of three."""
    doc = max(m["docs"], key=lambda d: (d["text"], d["id"]))
    best = seed_stages(m["seeds"] / doc["file"])
    stages = ", ".join(f"{s} {t:.2f}" for s, t in best.items())
    return (f"| {m['shape']} | {doc['file']} ({doc['kind']}) | {doc['text'] / 1e3:,.0f} | {sum(best.values()):.2f} ({stages}) "
            f"| {m['pages'][doc['id']] / 1e3:,.0f} |")


def numbering(until: str) -> dict:
    """How many English news pages the archive has, from the corpus's ids (see the method printed)."""
    pages = load_truth()
    ids = sorted(int(p["id"]) for p in pages)
    top = ids[-1]
    filled = Counter(i // WINDOW for i in ids)
    windows = sorted((filled[w] for w in range(top // WINDOW + 1)), reverse=True)
    plateau = statistics.median(windows[: max(1, len(windows) // 10)]) / WINDOW
    share = plateau / KEPT
    dated = sorted((datetime.date.fromisoformat(p["date"]).toordinal(), int(p["id"])) for p in pages if p["date"] >= FOLLOW_FROM)
    slope = statistics.linear_regression([d for d, _ in dated], [i for _, i in dated]).slope
    last = max(p["date"] for p in pages)
    extra = slope * (datetime.date.fromisoformat(until) - datetime.date.fromisoformat(last)).days
    return {"pages": len(pages), "top": top, "windows": len(windows), "plateau": plateau, "share": share, "slope": slope, "last": last,
            "until": until, "top_until": top + extra, "to_last": top * share, "to_until": (top + extra) * share}


def estimate(m: dict, n: dict) -> list[str]:
    """The site of ``n``'s pages, kind by kind: at the bytes per document of all pages built, and of the recent ones alone."""
    docs, kinds, owned, row = m["docs"], m["kinds"], m["owned"], m["row"]
    recent = [d for d in docs if d["date"] >= RECENT]
    scale = statistics.mean(d["text"] for d in recent) / statistics.mean(d["text"] for d in docs)
    per: dict[str, tuple[float, float]] = {}  # kind: bytes per document, all pages and as the recent ones
    for kind, (_, size) in kinds.items():
        if kind != "assets":  # a document's own files as the recent pages have them; the shared ones (lists, search, people) by text
            mine = owned[kind]
            own_recent = sum(mine.get(d["id"], 0) for d in recent) / len(recent)
            per[kind] = (size / len(docs), own_recent + (size - sum(mine.values())) / len(docs) * scale)
    tar_file = (m["tar"] - row.site_bytes) / row.site_files  # the tar's headers and padding, per file
    files = (row.site_files - kinds["assets"][0]) / len(docs)
    per["tar"] = (files * tar_file, files * tar_file)
    fixed_files, fixed_tar = kinds["assets"][1], kinds["assets"][1] + kinds["assets"][0] * tar_file
    horizons = ((n["last"], n["to_last"]), (n["until"], n["to_until"]))
    out = [f"| kind | bytes per document, all {len(docs):,} pages | bytes per document, as the {len(recent):,} pages of {RECENT}-2020 | "
           + " | ".join(f"to {date}: {pages:,.0f} pages, MB" for date, pages in horizons) + " |", "|---|---:|---:|---:|---:|"]
    names = {**KINDS, "tar": f"the tar file's headers and padding ({files:.2f} files a document, {tar_file:,.0f} bytes each)"}
    for kind, (a, r) in per.items():
        sizes = " | ".join(f"{p * a / 1e6:,.0f} - {p * r / 1e6:,.0f}" for _, p in horizons)
        out.append(f"| {names[kind]} | {a:,.0f} | {r:,.0f} | {sizes} |")
    out.append(f"| {KINDS['assets']}, once (with their tar) | | | {fixed_files / 1e6:,.1f} ({fixed_tar / 1e6:,.1f}) | "
               f"{fixed_files / 1e6:,.1f} ({fixed_tar / 1e6:,.1f}) |")
    verdicts = []
    for what, kept, fixed in (("the site's files", [k for k in per if k != "tar"], fixed_files),
                              ("the site, as the tar file Pages receives", list(per), fixed_tar)):
        low, high = (sum(per[k][i] for k in kept) for i in (0, 1))
        totals = [(p * low + fixed, p * high + fixed) for _, p in horizons]
        out.append(f"| **{what}** | **{low:,.0f}** | **{high:,.0f}** | "
                   + " | ".join(f"**{a / 1e6:,.0f} - {b / 1e6:,.0f}**" for a, b in totals) + " |")
        # The pages to the corpus's last date as its mix (it samples them), the pages after as the newest (2016-2020's).
        blended = n["to_last"] * low + (n["to_until"] - n["to_last"]) * high + fixed
        verdicts.append(f"{what}: to {n['until']}, {blended / 1e6:,.0f} MB ({blended / PAGES_LIMIT:.0%} of 1 GB: "
                        f"{'fits' if blended <= PAGES_LIMIT else 'does NOT fit'}) with the {n['to_last']:,.0f} pages to {n['last']} "
                        f"as the corpus's mix and the {n['to_until'] - n['to_last']:,.0f} after as {RECENT}-2020's; "
                        f"{'fits' if max(totals[1]) <= PAGES_LIMIT else 'does NOT fit'} even if every page were like {RECENT}-2020's "
                        f"({max(totals[1]) / 1e6:,.0f} MB); fits up to about {(PAGES_LIMIT - fixed) / high:,.0f} documents like "
                        f"{RECENT}-2020's, {(PAGES_LIMIT - fixed) / low:,.0f} like the corpus's mix")
    return out + ["", "GitHub Pages' 1 GB (1,000,000,000 bytes):", ""] + [f"- {v}." for v in verdicts]


def describe(shapes: list[dict], n: dict) -> list[str]:
    out = ["", "Problems the builds reported:", ""] + [f"- {m['shape']}: {problems(m['output'])}" for m in shapes]
    out += ["", "Bytes per page kind:", "", "| kind | " + " | ".join(f"{m['shape']}: files | MB | bytes a document" for m in shapes) + " |",
            "|---|" + "---:|---:|---:|" * len(shapes)]
    for kind, what in KINDS.items():
        cells = [f"{m['kinds'][kind][0]:,} | {m['kinds'][kind][1] / 1e6:.1f} | {m['kinds'][kind][1] / len(m['docs']):,.0f}" for m in shapes]
        out.append(f"| {what} | " + " | ".join(cells) + " |")
    out += ["", "Document pages (`documents/<id>/index.html`, bytes):", ""]
    chosen = []
    for m in shapes:
        pages = sorted(m["pages"].items(), key=lambda kv: (kv[1], kv[0]))
        (small, small_size), (median, median_size), (large, large_size) = pages[0], pages[len(pages) // 2], pages[-1]
        chosen += [(m, small, "smallest"), (m, median, "median")]
        out.append(f"- {m['shape']}: {len(pages):,} pages, {sum(m['pages'].values()) / 1e6:.1f} MB; median {median_size:,} ({median}); "
                   f"smallest {small_size:,} ({small}); largest {large_size:,} ({large})")
    out += ["", "Their parts, on the smallest and the median page: the `<article>`'s content taken out (what is left is what a page "
            "carries whatever its text), then each part below in turn (so each counts only bytes no part above it took):", "",
            "| part | " + " | ".join(f"{m['shape']}, {which}" for m, _, which in chosen) + " |", "|---|" + "---:|" * len(chosen)]
    split = [parts(m["site"] / "documents" / pid / "index.html") for m, pid, _ in chosen]
    out += [f"| {name} | " + " | ".join(f"{s[name]:,}" for s in split) + " |" for name in split[0]]
    out.append("| **fixed: all but the article's content** | " + " | ".join(f"**{sum(s.values()) - s[ARTICLE]:,}**" for s in split) + " |")
    out += ["", "Text bytes per document (UTF-8 bytes of its paragraphs; kind as the build says):", "",
            "| shape | documents | count | mean | p10 | p25 | median | p75 | p90 | p99 | max | total MB |", "|---|---|" + "---:|" * 10]
    for m in shapes:
        for label, kinds in (("all", ("transcript", "")), ("transcripts", ("transcript",)), ("the others", ("",))):
            values = sorted(d["text"] for d in m["docs"] if ("transcript" if d["kind"] == "transcript" else "") in kinds)
            qs = " | ".join(f"{quantile(values, q):,}" for q in (0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0)) if values else "-"
            mean = statistics.mean(values) if values else 0
            out.append(f"| {m['shape']} | {label} | {len(values):,} | {mean:,.0f} | {qs} | {sum(values) / 1e6:.1f} |")
    out += ["", "The largest document (by text), its per-seed stages run once more here (read, clean, turns, parse; best of three; "
            "the people, annotate, export, render and MkDocs stages run over the whole corpus and are not split per document):", "",
            "| shape | seed | text KB | per-seed s | its page KB |", "|---|---|---:|---:|---:|"] + [largest(m) for m in shapes]
    out += ["", f"The archive: how many English news pages (`en.kremlin.ru/events/president/news/NNNNN`, NNNNN the name of the corpus's "
            f"file). The corpus has {n['pages']:,} pages, ids up to {n['top']:,}, the last dated {n['last']}. Method: cut the ids 1 to "
            f"{n['top']:,} into {n['windows']} windows of {WINDOW}. The crawl the corpus comes from is patchy (whole years missing), "
            f"so the windows it filled best are taken as complete: the median of the densest tenth holds {n['plateau'] * WINDOW:.0f} "
            f"pages of {WINDOW} ids ({n['plateau']:.1%}). The corpus is half of its set (the other half held back, by a rule on the "
            f"id), so {n['share']:.1%} of ids are English news pages. Assumed: that share holds over the whole numbering (the ids "
            f"between are pages of the Russian site alone), the held-back half is half the ids, and the numbering starts at 1. So "
            f"about {n['to_last']:,.0f} pages to {n['last']} (the corpus and its other half are {2 * n['pages'] / n['to_last']:.0%} "
            f"of them). Extrapolated to {n['until']}: ids grow by {n['slope'] * 365.25:,.0f} a year (least squares of id on date over "
            f"the pages of {FOLLOW_FROM} on, whose ids follow their dates), so they reach about {n['top_until']:,.0f}, and the pages "
            f"are about {n['to_until']:,.0f}, if the English share stays the same.",
            "", f"The site of those pages, from the {shapes[0]['shape']} build: each kind at its bytes per document over all pages built, "
            f"and as the pages of {RECENT}-2020 alone (longer, more transcripts: a document's own files as theirs, the shared ones "
            f"scaled by their mean text); assets once; person pages grow slower than documents, so they are over-estimated:", ""]
    return out + estimate(shapes[0], n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.real", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--shape", choices=SHAPES, action="append", help="build only this shape (repeatable; default: both)")
    parser.add_argument("--no-build", action="store_true", help="measure the sites the last run built, without building")
    parser.add_argument("--until", default="2026-12-01", help="extrapolate the archive's numbering to this date (default: %(default)s)")
    args = parser.parse_args(argv)
    shapes = []
    for shape in args.shape or list(SHAPES):
        started = time.perf_counter()
        shapes.append(make(shape, not args.no_build))
        print(f"{shape}: measured in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    rows = table([m["row"] for m in shapes]).splitlines()
    for i, m in enumerate(shapes):  # the table's first cell names the shape
        rows[2 + i] = re.sub(r"^\| ([\d,]+) \|", rf"| \1 ({m['shape']}) |", rows[2 + i])
    print(f"The real corpus {CORPUS.name}/: " + ", ".join(f"{m['shape']} = {len(m['docs']):,} {SHAPES[m['shape']]}" for m in shapes)
          + "; stage seconds: read/clean/turns/parse summed over workers, the rest wall time\n")
    print("\n".join(rows))
    print("\n".join(describe(shapes, numbering(args.until))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
