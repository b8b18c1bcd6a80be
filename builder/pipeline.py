"""The stages in order: read, detect, clean, parse, people, export/render, site.

Each stage is a function of the ones before; this module only calls them and
gathers their problems. A bad seed is reported and skipped; the rest builds.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import people as people_stage
from .annotate import anchor as annotate_stage
from .annotate.glossary import GLOSSARY_FILE, Term, load_glossary
from .cache import ParseCache, read_all
from .ingest.dedupe import Fingerprints
from .ingest.seeds import list_seeds, read_seed
from .ingest.sidecar import read_sidecar
from .model import Document, Person, Problem
from .profiles import detect
from .publish.cite import configured_site_url
from .publish.feeds import atom_feeds
from .publish.render import DEFAULT_SITE_URL, render_site
from .site.mkdocs import SiteOptions, build_site
from .turns.find import find_turns, kind_of
from .turns.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent
# A problem of what the seed lacks, and the sidecar field that supplies it (the problem is then no problem).
SIDECAR_FIELD_OF = {"no-date": "date", "no-title": "title"}


@dataclass(frozen=True)
class BuildOptions:
    seeds: Path = ROOT / "seeds"
    out: Path = ROOT / "site"
    docs_dir: Path = ROOT / "site_src"
    templates: Path = ROOT / "templates"
    config: Path = ROOT / "mkdocs.yml"
    site_url: str | None = None
    offline: bool = False
    run_mkdocs: bool = True
    cache: Path | None = None  # parsed seeds kept between builds; default: beside docs_dir
    jobs: int | None = None  # worker processes for parsing and rendering; default: every core

    @property
    def cache_dir(self) -> Path:
        return self.cache or self.docs_dir.parent / f".{self.docs_dir.name}.cache"


@dataclass
class BuildReport:
    documents: list[Document] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    mkdocs_warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    terms: tuple[Term, ...] = ()  # the glossary
    texts: dict[str, str] = field(default_factory=dict)  # each document's seed text as read, by document id

    @property
    def turns(self) -> int:
        return sum(len(d.turns) for d in self.documents)


def read_document(path: Path, clock: dict[str, float] | None = None) -> tuple[Document | None, str | None, list[Problem]]:
    """One seed through read, detect, clean and parse: the document and the seed's text.

    ``clock``, when given, gathers the seconds spent in each stage.
    """
    clock = {} if clock is None else clock
    started = time.perf_counter()
    seed, problems = read_seed(path)
    if seed is None:
        return None, None, problems
    sidecar, sidecar_problems = read_sidecar(path)
    problems += sidecar_problems
    read = time.perf_counter()
    profile = detect(seed.text)
    cleaned = profile.clean(seed)
    cleaned_at = time.perf_counter()
    overrides = sidecar.overrides if sidecar else {}
    problems += [p for p in cleaned.problems if SIDECAR_FIELD_OF.get(p.code) not in overrides]
    if cleaned.title is None and "title" not in overrides and not any(p.code == "no-title" for p in cleaned.problems):
        problems.append(Problem(seed.name, cleaned.title_line, "no-title", "no title found: published under the file name; add 'title:' to its sidecar"))
    turns = find_turns(cleaned.body)
    turned_at = time.perf_counter()
    doc = parse_document(seed, cleaned, turns, kind_of(turns, cleaned.kind), overrides)
    if sidecar:
        notes, note_problems = annotate_stage.read_notes(sidecar)
        problems += note_problems
        doc = replace(doc, annotations=notes, topics=doc.topics + tuple(t for t in dict.fromkeys(sidecar.tags) if t not in doc.topics))
    parsed = time.perf_counter()
    for stage, seconds in (("read", read - started), ("clean", cleaned_at - read), ("turns", turned_at - cleaned_at), ("parse", parsed - turned_at)):
        clock[stage] = clock.get(stage, 0.0) + seconds
    if doc.kind == "transcript" and not any(t.label for t in doc.turns):
        problems.append(Problem(seed.name, 1, "no-speakers", "a transcript with no speaker labels ('Name Surname: ...'): built as narration; check the source"))
    return doc, seed.verbatim or seed.text, problems


def read_document_safely(path: Path) -> tuple[tuple[Document | None, str | None, list[Problem]], dict[str, float]]:
    """``read_document`` that turns a bug met on one seed into that seed's problem, with its timings."""
    clock: dict[str, float] = {}
    try:
        return read_document(path, clock), clock
    except Exception as err:  # a bug met on one seed must not stop the others
        return (None, None, [Problem(path.name, 1, "internal", f"the builder failed on this seed ({type(err).__name__}: {err}); please report it", "error")]), clock


def parse_corpus(seeds_dir: Path, cache_dir: Path | None = None, jobs: int | None = None) -> BuildReport:
    """Every seed read and parsed, people resolved; problems gathered, bad seeds skipped.

    Seeds are parsed on every core; with ``cache_dir``, a seed whose bytes, sidecar
    and builder code are unchanged since the last build is not parsed again.
    """
    report = BuildReport()
    registry = people_stage.load_curated(seeds_dir / people_stage.PEOPLE_FILE)
    report.problems += registry.problems
    documents: list[Document] = []
    texts: dict[str, str] = {}
    started = time.perf_counter()
    paths = list_seeds(seeds_dir)
    results, report.timings = read_all(paths, read_document_safely, ParseCache(cache_dir), jobs)
    report.timings["read+clean+parse wall"] = time.perf_counter() - started
    taken: set[str] = set()
    seen = Fingerprints()
    for doc, text, problems in results:
        report.problems += problems
        if doc is not None and (duplicate := seen.duplicate(doc)):
            report.problems.append(duplicate)
        elif doc is not None:
            doc = _unique_id(doc, taken, report.problems)
            taken.add(doc.id)
            documents.append(doc)
            texts[doc.id] = text
    started = time.perf_counter()
    people_stage.collect(registry, documents)
    resolved = []
    for doc in documents:
        doc, problems = people_stage.resolve(registry, doc)
        resolved.append(doc)
        report.problems += problems
    report.people = people_stage.people_of(registry)
    report.texts = texts
    report.timings["people"] = time.perf_counter() - started
    started = time.perf_counter()
    report.terms, problems = load_glossary(seeds_dir / GLOSSARY_FILE)
    report.problems += problems
    roles = people_stage.RoleIndex(report.people)
    for doc in resolved:
        doc, problems = annotate_stage.anchor(doc, report.people, report.terms, roles)
        report.documents.append(doc)
        report.problems += problems
    report.timings["annotate"] = time.perf_counter() - started
    return report


def _newest_date(documents: list[Document]) -> str | None:
    """The date the site is stamped with: its newest document's, so that rebuilding the same seeds changes nothing."""
    return max((d.date for d in documents if d.date), default=None)


def _unique_id(doc: Document, taken: set[str], problems: list[Problem]) -> Document:
    if doc.id not in taken:
        return doc
    n = 2
    while f"{doc.id}-{n}" in taken:
        n += 1
    problems.append(Problem(doc.source.file, 1, "id-collision", f"another seed already has the id {doc.id}: this one is published as {doc.id}-{n}; give one a 'title:' in its sidecar"))
    return replace(doc, id=f"{doc.id}-{n}")


def build(options: BuildOptions) -> BuildReport:
    report = parse_corpus(options.seeds, options.cache_dir, options.jobs)
    started = time.perf_counter()
    clock: dict[str, float] = {}
    site_url = configured_site_url(options.config, options.site_url)
    render_site(report.documents, report.people, report.texts, options.templates, options.docs_dir,
                terms=report.terms, site_url=site_url, jobs=options.jobs,
                directory_urls=not options.offline, clock=clock, cache=options.cache_dir / "render.json",
                files=atom_feeds(report.documents, report.people, site_url or DEFAULT_SITE_URL))
    report.timings["search"] = clock.get("search", 0.0)
    report.timings["render"] = time.perf_counter() - started - report.timings["search"]
    if options.run_mkdocs:
        started = time.perf_counter()
        state = options.cache_dir / f"site-{hashlib.sha256(str(options.out.resolve()).encode()).hexdigest()[:16]}.json"
        site = SiteOptions(options.config, options.docs_dir, options.out, True, options.site_url, options.offline,
                           _newest_date(report.documents), state, options.jobs)
        report.mkdocs_warnings = build_site(site)
        report.timings["mkdocs"] = time.perf_counter() - started
    return report
