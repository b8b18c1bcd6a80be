"""The stages in order: read, detect, clean, parse, people, export/render, site.

Each stage is a function of the ones before; this module only calls them and
gathers their problems. A bad seed is reported and skipped; the rest builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import people as people_stage
from .model import Document, Person, Problem
from .parse import parse_document
from .profiles import detect
from .render import render_site
from .seeds import list_seeds, read_seed
from .sidecar import read_sidecar
from .site import SiteOptions, build_site

ROOT = Path(__file__).resolve().parent.parent


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


@dataclass
class BuildReport:
    documents: list[Document] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    mkdocs_warnings: list[str] = field(default_factory=list)

    @property
    def turns(self) -> int:
        return sum(len(d.turns) for d in self.documents)


def read_document(path: Path) -> tuple[Document | None, str | None, list[Problem]]:
    """One seed through read, detect, clean and parse: the document and the seed's text."""
    seed, problems = read_seed(path)
    if seed is None:
        return None, None, problems
    sidecar, sidecar_problems = read_sidecar(path)
    problems += sidecar_problems
    profile = detect(seed.text)
    cleaned = profile.clean(seed)
    overrides = sidecar.overrides if sidecar else {}
    problems += [p for p in cleaned.problems if not (p.code == "no-date" and "date" in overrides)]
    doc = parse_document(seed, cleaned, overrides)
    if doc.kind == "transcript" and not any(t.label for t in doc.turns):
        problems.append(Problem(seed.name, 1, "no-speakers", "a transcript with no speaker labels ('Name Surname: ...'): built as narration; check the source"))
    return doc, seed.text, problems


def parse_corpus(seeds_dir: Path) -> BuildReport:
    """Every seed read and parsed, people resolved; problems gathered, bad seeds skipped."""
    report = BuildReport()
    registry = people_stage.load_curated(seeds_dir / people_stage.PEOPLE_FILE)
    report.problems += registry.problems
    documents: list[Document] = []
    texts: dict[str, str] = {}
    for path in list_seeds(seeds_dir):
        try:
            doc, text, problems = read_document(path)
        except Exception as err:  # a bug met on one seed must not stop the others
            report.problems.append(Problem(path.name, 1, "internal", f"the builder failed on this seed ({type(err).__name__}: {err}); please report it", "error"))
            continue
        report.problems += problems
        if doc is not None:
            doc = _unique_id(doc, {d.id for d in documents}, report.problems)
            documents.append(doc)
            texts[doc.id] = text
    people_stage.collect(registry, documents)
    resolved = []
    for doc in documents:
        doc, problems = people_stage.resolve(registry, doc)
        resolved.append(doc)
        report.problems += problems
    report.documents = resolved
    report.people = people_stage.people_of(registry)
    report.texts = texts
    return report


def _unique_id(doc: Document, taken: set[str], problems: list[Problem]) -> Document:
    if doc.id not in taken:
        return doc
    n = 2
    while f"{doc.id}-{n}" in taken:
        n += 1
    problems.append(Problem(doc.source.file, 1, "id-collision", f"another seed already has the id {doc.id}: this one is published as {doc.id}-{n}; give one a 'title:' in its sidecar"))
    return replace(doc, id=f"{doc.id}-{n}")


def build(options: BuildOptions) -> BuildReport:
    report = parse_corpus(options.seeds)
    render_site(report.documents, report.people, report.texts, options.templates, options.docs_dir)
    if options.run_mkdocs:
        report.mkdocs_warnings = build_site(SiteOptions(options.config, options.docs_dir, options.out, True, options.site_url, options.offline))
    return report
