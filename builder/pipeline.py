"""The build, top to bottom: read, profile and clean, turns, parse, dedupe, people, annotate, export, search, render, feeds, site.

This module is the only one that calls the stages, in that order; no stage calls
another. Each stage is a call of its own module with typed data in and out: a
seed goes through the per-seed stages into a ``Read``, and the ``Corpus`` goes
from stage to stage. The seconds each stage takes are counted here (``Clock``)
and the problems each finds are gathered here. A bad seed is reported and
skipped; the rest builds.

The per-seed stages run in worker processes (``cache.read_all``), a seed's
``Read`` kept in the parse cache: their seconds are summed over the workers. The
export, search and render stages put their files into one ``DocsFolder``,
finished once they are all done; MkDocs then builds the site from it.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from . import people as people_stage
from .annotate import anchor as annotate_stage
from .annotate.glossary import GLOSSARY_FILE, Term, load_glossary
from .cache import Memo, ParseCache, UnitCache, content_hash, keyed, read_all
from .corpus import Corpus
from .docs_folder import DocsFolder
from .export import write_exports
from .export.files import original_text
from .ingest.dedupe import body_key, distinct
from .ingest.seeds import list_seeds, read_seed
from .ingest.sidecar import Overrides, read_sidecar
from .model import Document, Person, Problem
from .profiles import detect
from .public_url import REPOSITORY, github_repository, public_url
from .publish.about import CorpusFiles
from .publish.feeds import atom_feeds
from .publish.render import RenderOptions, render_site
from .search.index import search_files
from .site.mkdocs import SiteOptions, build_site
from .turns.find import find_turns, kind_of
from .turns.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildOptions:
    seeds: Path = ROOT / "seeds"
    out: Path = ROOT / "site"
    docs_dir: Path = ROOT / "site_src"
    templates: Path = ROOT / "templates"
    config: Path = ROOT / "mkdocs.yml"
    site_url: str | None = None  # the public address; default: found by public_url (mkdocs.yml, the git remote)
    offline: bool = False
    publish: bool = True  # False: the corpus only (read to annotate), no file written
    run_mkdocs: bool = True
    cache: Path | None = None  # parsed seeds and the units' records kept between builds; default: beside docs_dir
    jobs: int | None = None  # worker processes for parsing and rendering; default: every core
    release: Path | None = None  # where the corpus-level files are made, for a release; None: not made (the offline copy keeps them inside)
    repository: str | None = None  # OWNER/REPO whose latest release the Data page links; default: public_url.github_repository

    @property
    def cache_dir(self) -> Path | None:
        """Where the caches are: ``cache``, else beside the docs folder when the build publishes (else nowhere)."""
        if self.cache is not None or not self.publish:
            return self.cache
        return self.docs_dir.parent / f".{self.docs_dir.name}.cache"

    def kept(self, name: str) -> Path | None:
        """The file ``name`` of the cache folder (``None``: no cache)."""
        return self.cache_dir / name if self.cache_dir else None


@dataclass
class BuildReport:
    documents: list[Document] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    mkdocs_warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    terms: tuple[Term, ...] = ()  # the glossary

    @property
    def turns(self) -> int:
        return sum(len(d.turns) for d in self.documents)


class Clock:
    """The seconds spent in each stage: ``with clock("people"): ...`` adds the block's time to the stage's."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add({stage: time.perf_counter() - started})

    def add(self, seconds: dict[str, float]) -> None:
        for stage, spent in seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + spent


@dataclass(frozen=True)
class Read:
    """One seed through the per-seed stages: its document (``None``: skipped), the text it was read from, its problems.

    The text is kept as its "Original text" download publishes it (``export.files.original_text``): gzip-compressed, it is
    a sixth of the size it has as a Python string (two bytes a character once one is not Latin-1), which was a quarter
    of a large archive's build's memory (0.36 of 1.4 GB at 10,000 documents)."""

    document: Document | None
    original: bytes = b""
    problems: tuple[Problem, ...] = ()
    body: str | None = None  # the hash of its body's words, which dedupe compares (``dedupe.body_key``)


def read_document(path: Path, clock: Clock | None = None) -> Read:
    """One seed through read, profile and clean, turns and parse, each timed on ``clock``."""
    clock = Clock() if clock is None else clock
    with clock("read"):
        seed, problems = read_seed(path)
        sidecar, found = read_sidecar(path) if seed is not None else (None, [])
        problems += found
    if seed is None:
        return Read(None, problems=tuple(problems))
    with clock("clean"):
        cleaned = detect(seed.text).clean(seed)
    with clock("turns"):
        turns = find_turns(cleaned.body)
    with clock("parse"):
        overrides = sidecar.overrides if sidecar else Overrides()
        doc, found = parse_document(seed, cleaned, turns, kind_of(turns, cleaned.kind), overrides, sidecar.tags if sidecar else ())
        problems += found
        if sidecar:
            notes, note_problems = annotate_stage.read_notes(sidecar)
            problems += note_problems
            doc = replace(doc, notes=notes)
    return Read(doc, original_text(seed.verbatim or seed.text), tuple(problems), body_key(doc))


def read_document_safely(path: Path) -> tuple[Read, dict[str, float]]:
    """``read_document`` that turns a bug met on one seed into that seed's problem; with the seconds of each stage."""
    clock = Clock()
    try:
        return read_document(path, clock), clock.seconds
    except Exception as err:  # a bug met on one seed must not stop the others
        problem = Problem(path.name, 1, "internal", f"the builder failed on this seed ({type(err).__name__}: {err}); please report it",
                          "error")
        return Read(None, problems=(problem,)), clock.seconds


def build(options: BuildOptions) -> BuildReport:
    """Every stage in order, each timed; the corpus, the problems met and (unless told not to) the site."""
    try:
        return _build(options)
    finally:
        gc.unfreeze()  # what the stages left alive is the garbage collector's again


def _settle() -> None:
    """After a stage: every object alive (the corpus, mostly, which lives on) left out of the cyclic garbage collector's
    later passes (``gc.freeze``), which would otherwise walk millions of them again and again, a long document's most
    (a quarter of its stages' time); what is dropped later is still freed, as Python frees what nothing refers to."""
    gc.freeze()


def _build(options: BuildOptions) -> BuildReport:
    clock = Clock()
    problems: list[Problem] = []
    with clock("read+clean+parse wall"):
        paths = list_seeds(options.seeds)
        reads, seconds, seed_keys = read_all(paths, read_document_safely, ParseCache(options.cache_dir), options.jobs)
        # What each document came from, hashed, by the name it is published under: two seeds whose names print
        # the same (names that are not UTF-8) cannot be told apart by it, and then no stage's memo is used.
        keys: dict[str, str] = {}
        shared = False
        for read, key in zip(reads, seed_keys, strict=True):
            if read.document is not None:
                shared |= read.document.source.file in keys
                keys[read.document.source.file] = key
    clock.add(seconds)  # read, clean, turns and parse: summed over the worker processes
    problems += [p for read in reads for p in read.problems]
    _settle()

    with clock("dedupe"):
        documents, found = distinct([read.document for read in reads if read.document is not None],
                                    {doc.source.file: read.body for read in reads if (doc := read.document) is not None})
        problems += found
        corpus = Corpus(documents, {doc.source.file: read.original for read in reads if (doc := read.document) is not None})
        del reads  # the corpus holds all of them the later stages need
    _settle()

    with clock("people"):
        registry = people_stage.load_curated(options.seeds / people_stage.PEOPLE_FILE)
        problems += registry.problems
        with _memo(options, "people.pickle", shared) as found_people:
            people_stage.collect(registry, list(corpus.documents), [keys[d.source.file] for d in corpus.documents], found_people)
            resolver = people_stage.Resolver(registry, keys, found_people)
            documents = _gathered(resolver.all(corpus.documents, options.jobs), problems)
        corpus = replace(corpus, documents=documents, people=people_stage.people_of(registry))
        # What each document's words, people and names came from, hashed (the search stage's memo is keyed on it).
        resolved = {doc.id: keyed(resolver.state, keys[doc.source.file], doc.id) for doc in documents}
    _settle()

    with clock("annotate"):
        terms, found = load_glossary(options.seeds / GLOSSARY_FILE)
        problems += found
        roles = people_stage.RoleIndex(corpus.people)
        # What each document as annotated comes from, hashed: as resolved, the glossary, the roles marked in it.
        glossary = content_hash(terms)
        annotated = {doc.id: keyed(resolved[doc.id], glossary, content_hash(annotate_stage.marked_roles(doc, corpus.people, roles)))
                     for doc in corpus.documents}
        anchor = partial(annotate_stage.anchor, people=corpus.people, terms=terms, index=roles)
        with _memo(options, "annotate.pickle", shared) as anchored:
            documents = _gathered(annotate_stage.Annotator(anchor, annotated, anchored).all(corpus.documents), problems)
        corpus = replace(corpus, documents=documents, terms=terms)
        known = None if shared else annotated  # the documents' keys, where they tell every document apart
    _settle()
    del registry, roles, resolver  # from here on the corpus is all the build holds of the documents (a large archive's memory)

    report = BuildReport(list(corpus.documents), corpus.people, problems, terms=corpus.terms, timings=clock.seconds)
    if not options.publish:
        return report
    folder = DocsFolder(options.docs_dir)
    site_url, found = public_url(options.config, options.site_url)
    problems += found
    exported, rendered = UnitCache(options.kept("export.json")), UnitCache(options.kept("render.json"))

    repository = options.repository or github_repository(options.config, site_url)
    if repository is not None and not REPOSITORY.match(repository):
        raise ValueError(f"not a GitHub repository (OWNER/REPO): {repository!r}")

    with clock("export"):  # the corpus-level files: inside the offline copy, else into the release folder if one is given
        sizes = write_exports(folder, corpus, site_url, exported, options.jobs, options.release, known, options.offline)
        corpus_files = CorpusFiles(sizes, repository, local=options.offline)
        corpus = replace(corpus, originals={})  # the seeds' texts were for the downloads alone
    _settle()

    with clock("search"), _memo(options, "search.pickle", shared) as counted:
        folder.put_all(search_files(corpus.documents, corpus.people, not options.offline, options.jobs, memo=counted, keys=resolved))
    _settle()

    with clock("render"):
        render = RenderOptions(options.templates, site_url, corpus_files, not options.offline, options.jobs, options.kept("templates"))
        render_site(folder, corpus, render, rendered, known)
        folder.put_folder("assets", options.templates / "assets")
    _settle()

    with clock("feeds"), _memo(options, "feeds.pickle", shared) as followed:
        folder.put_all(dict(atom_feeds(corpus.documents, corpus.people, site_url, followed, known)))

    with clock("write"):
        folder.finish()
        for units in (exported, rendered):
            units.save(options.docs_dir)

    if options.run_mkdocs:
        with clock("mkdocs"):
            state = options.kept(f"site-{hashlib.sha256(str(options.out.resolve()).encode()).hexdigest()[:16]}.json")
            site = SiteOptions(options.config, options.docs_dir, options.out, True, site_url, options.offline,
                               _newest_date(corpus.documents), state, options.jobs)
            report.mkdocs_warnings = build_site(site)
    return report


def parse_corpus(seeds_dir: Path, cache_dir: Path | None = None, jobs: int | None = None) -> BuildReport:
    """The corpus of ``seeds_dir``, read to annotate; nothing written but, with ``cache_dir``, its parse cache."""
    return build(BuildOptions(seeds=seeds_dir, cache=cache_dir, jobs=jobs, publish=False))


@contextmanager
def _memo(options: BuildOptions, name: str, shared: bool) -> Iterator[Memo]:
    """The stage memo ``name`` of the cache folder (none if two seeds share a published name), saved once the stage is
    done with it, and its entries let go then (a large archive's memo is hundreds of megabytes)."""
    memo = Memo(None if shared else options.kept(name))
    yield memo
    memo.save()
    memo.last, memo.now = {}, {}


def _gathered(done: Iterable[tuple[Document, list[Problem]]], problems: list[Problem]) -> tuple[Document, ...]:
    """The documents a stage gave, in order; the problems it found with them added to ``problems``."""
    documents = []
    for doc, found in done:
        documents.append(doc)
        problems += found
    return tuple(documents)


def _newest_date(documents: Iterable[Document]) -> str | None:
    """The date the site is stamped with: its newest document's, so that rebuilding the same seeds changes nothing."""
    return max((d.date for d in documents if d.date), default=None)
