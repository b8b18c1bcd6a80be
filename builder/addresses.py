"""Where the site keeps what a reader downloads or cites: every such address named once, and the site's name.

The export stage writes a document's downloads under these paths, the render
stage links them from the pages, and the search index tells its worker where a
document's JSON is. Paths are from the site's root. A document page's permanent
URL (``page_url``) is what citations, TEI headers and feeds give.

The corpus-level files (``CORPUS_FILES``) are too large for the pages a reader
browses: the served site does not hold them. A build writes them into a release
folder, which the Pages workflow publishes as a GitHub Release, and the Data page
links them at that release's stable address (``release_download``); the offline
copy holds them under ``data/`` (``corpus_path``), beside its zip's other files.
"""

from __future__ import annotations

from .model import Document

JSON_PATH = "data/{id}.json.gz"  # a document's JSON (the search worker reads it too)
TEI_PATH = "data/tei/{id}.xml.gz"  # a transcript's TEI
SOURCE_PATH = "sources/{id}.txt.gz"  # a document's seed as it was read
# The corpus-level files, by name: every document's JSON, one a line, by id; every turn of the corpus; every TEI file.
DOCUMENTS_FILE = "documents.jsonl.gz"
TURNS_FILE = "turns.csv.gz"
TEI_ARCHIVE = "tei.zip"
CORPUS_FILES = (DOCUMENTS_FILE, TURNS_FILE, TEI_ARCHIVE)
# The offline copy's zip, as `python -m builder offline` names it and the release publishes it.
OFFLINE_ARCHIVE = "stenogram-offline.zip"
# A GitHub Release asset of the latest release, at an address that stays the same from one release to the next.
RELEASE_DOWNLOAD = "https://github.com/{repository}/releases/latest/download/{name}"
# The page of a repository's latest release.
RELEASE_PAGE = "https://github.com/{repository}/releases/latest"
# The site's name, as its pages, citations, TEI headers and feeds give it (``site_name`` in ``mkdocs.yml`` too).
SITE_NAME = "Stenogram"


def page_url(site_url: str, doc_id: str) -> str:
    """The document page's permanent URL (directory URLs, as the published site has them)."""
    return f"{site_url.rstrip('/')}/documents/{doc_id}/"


def downloads(doc: Document) -> dict[str, str]:
    """A document's own downloads, by label, as paths from the site's root.

    Each is gzip-compressed, as the corpus-wide files are: its JSON, for a transcript
    its TEI, and its seed as it was read (the "Original text"). Compressed, the three
    weigh about a fifth of what they would as they are, and that is what keeps an
    archive of 10,000 documents under the 1 GB of a GitHub Pages site.
    """
    paths = {"JSON": JSON_PATH.format(id=doc.id)}
    if doc.kind == "transcript":
        paths["TEI"] = TEI_PATH.format(id=doc.id)
    paths["Original text"] = SOURCE_PATH.format(id=doc.id)
    return paths


def corpus_path(name: str) -> str:
    """Where the offline copy keeps the corpus-level file ``name``, from the site's root."""
    return f"data/{name}"


def release_download(repository: str, name: str) -> str:
    """The stable address of ``name`` in the latest GitHub Release of ``repository`` (``OWNER/REPO``)."""
    return RELEASE_DOWNLOAD.format(repository=repository, name=name)


def release_page(repository: str) -> str:
    """The page of the latest GitHub Release of ``repository`` (``OWNER/REPO``)."""
    return RELEASE_PAGE.format(repository=repository)
