"""What the site says of itself: the dataset's version, date, files and citation, and its sources' licences.

A reader who reuses the data must know which release they hold, how large each
file is before they fetch it, under what terms each text may be reused and how to
cite the whole. The Data page shows a ``Dataset`` and the About page the
``SourceTerms`` of each publisher whose licence is known. Everything here comes from
the build's own inputs, never from the clock: the dataset's date is its newest
document's, and each file's size is that of the bytes this build wrote.

The corpus-level files are not on the served site (``builder/addresses.py``): the
Data page links them at the latest GitHub Release of the project's repository, when
the build knows it (``CorpusFiles``); in the offline copy, as its own files; and with
neither, names them and says where they are, never linking an address that is not there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata

from markupsafe import Markup

from ..addresses import (
    DOCUMENTS_FILE,
    OFFLINE_ARCHIVE,
    SITE_NAME,
    TEI_ARCHIVE,
    TURNS_FILE,
    corpus_path,
    downloads,
    release_download,
    release_page,
)
from ..licences import publisher_licences
from ..model import Document, Licence
from .cite import long_date

# The project's name as installed (``pyproject.toml``), whose version is the dataset's.
PACKAGE = "stenogram"
# The corpus-level files, in the order the Data page lists them, with what each holds (not on the served site).
CORPUS_FILES = (
    (DOCUMENTS_FILE, "All documents, one JSON object a line (JSON Lines), each valid against the document schema"),
    (TURNS_FILE, "Every turn of every document, one row a turn (CSV)"),
    (TEI_ARCHIVE, "Every transcript's TEI, one file a transcript (tei/<id>.xml), in one zip"),
)
# The corpus-wide files the site serves under ``data/``, listed after them.
SITE_FILES = (
    ("data/people.json.gz", "The people registry, in Popolo form (JSON)"),
    ("data/document.schema.json", "The JSON Schema of a document's record"),
    ("data/people.schema.json", "The JSON Schema of the people registry"),
)
# Each document's own downloads, by the label its page links them with, and what the Data page calls them.
DOCUMENT_FILES = (("JSON", "Each document's JSON"), ("TEI", "Each transcript's TEI"), ("Original text", "Each document's original text"))
UNITS = ("bytes", "KB", "MB", "GB")
# The size the Data page gives a corpus-level file this build did not make (a build given no release folder).
NOT_MADE = "not made by this build"


@dataclass(frozen=True)
class CorpusFiles:
    """The corpus-level files as this build wrote them (their sizes, by name; none if it made none), and where a reader finds them."""

    sizes: Mapping[str, int]
    repository: str | None = None  # OWNER/REPO on GitHub (``public_url.REPOSITORY``), whose latest release holds them; None: not known
    local: bool = False  # they are in the site itself, under data/ (the offline copy)


@dataclass(frozen=True)
class DatasetFile:
    """A download of the Data page: its name, its link (None: not linked), what it is, its size; a set of files has no name."""

    name: str | None
    href: str | None
    what: str
    size: str  # "12.3 KB"
    files: int = 1


@dataclass(frozen=True)
class Dataset:
    """The dataset as one citable thing: its version and date, its files, and how to cite it."""

    version: str
    date: str | None  # YYYY-MM-DD: the newest document's
    documents: int
    files: tuple[DatasetFile, ...]
    total: str
    citation: str
    bibtex: str
    local: bool  # the offline copy: the corpus-level files are its own
    release: str | None  # the page of the latest release, which holds the corpus-level files and the offline zip
    offline_zip: str | None  # the offline zip's stable address there


@dataclass(frozen=True)
class SourceTerms:
    """A publisher whose licence is known, for the About page."""

    publisher: str
    licence: Licence


def version() -> str:
    """The project's version, which is the dataset's (``pyproject.toml``)."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "unreleased"


def dataset(documents: Sequence[Document], size_of: Callable[[str], int], site_url: str, corpus: CorpusFiles) -> Dataset:
    """The dataset of ``documents``; ``size_of`` gives the bytes of a file of the site written this build, by path."""
    repository = corpus.repository
    rows = [DatasetFile(Markup(name), _corpus_link(name, corpus), what,  # our own names: no escaping
                        human_size(corpus.sizes[name]) if name in corpus.sizes else NOT_MADE)
            for name, what in CORPUS_FILES]
    rows += [DatasetFile(Markup(path), Markup(path), what, human_size(size_of(path))) for path, what in SITE_FILES]
    total = sum(corpus.sizes.values()) + sum(size_of(path) for path, _ in SITE_FILES)
    for label, what in DOCUMENT_FILES:
        paths = [downloads(d)[label] for d in documents if label in downloads(d)]
        if paths:
            size = sum(size_of(path) for path in paths)
            rows.append(DatasetFile(None, None, what, human_size(size), len(paths)))
            total += size
    dated = [d.date for d in documents if d.date]
    date = max(dated) if dated else None
    number = version()
    url = site_url.rstrip("/") + "/data/"
    citation = (f"{SITE_NAME} editors. {SITE_NAME}: annotated transcripts of official meetings (dataset), version {number}, "
                f"{long_date(date)}. {url}")
    bibtex = "\n".join(["@misc{stenogram" + (date or "")[:4] + ",",
                        f"  author = {{{{{SITE_NAME} editors}}}},",
                        f"  title = {{{{{SITE_NAME}}}: annotated transcripts of official meetings (dataset)}},",
                        f"  version = {{{number}}},",
                        f"  date = {{{date or 'n.d.'}}},",
                        f"  url = {{{url}}},",
                        "}"])
    made = all(name in corpus.sizes for name, _ in CORPUS_FILES)
    return Dataset(number, date, len(documents), tuple(rows), human_size(total) + ("" if made else " without the corpus-level files"),
                   citation, bibtex, corpus.local,
                   Markup(release_page(repository)) if repository else None,
                   Markup(release_download(repository, OFFLINE_ARCHIVE)) if repository else None)


def _corpus_link(name: str, corpus: CorpusFiles) -> str | None:
    """Where the Data page links a corpus-level file: the offline copy's own, else the latest release's, else nowhere."""
    if corpus.local:
        return Markup(corpus_path(name))
    return Markup(release_download(corpus.repository, name)) if corpus.repository else None


def human_size(size: int) -> str:
    """``size`` bytes as a reader reads them: 512 bytes, 12.3 KB, 4.5 MB (1 KB is 1,000 bytes)."""
    value, unit = float(size), 0
    while value >= 1000 and unit < len(UNITS) - 1:
        value, unit = value / 1000, unit + 1
    return f"{size:,} bytes" if unit == 0 else f"{value:.1f} {UNITS[unit]}"


def source_terms() -> list[SourceTerms]:
    """Each publisher whose licence ``builder/data/licences.yml`` gives, by name."""
    return [SourceTerms(publisher, licence) for publisher, licence in publisher_licences()]
