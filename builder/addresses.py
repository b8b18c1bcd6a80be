"""Where the site keeps what a reader downloads or cites: every such address named once, and the site's name.

The export stage writes a document's downloads and the corpus' JSON Lines under
these paths, the render stage links them from the pages, and the search index
tells its worker where a document's JSON is. Paths are from the site's root. A
document page's permanent URL (``page_url``) is what citations, TEI headers and
feeds give.
"""

from __future__ import annotations

from .model import Document

JSON_PATH = "data/{id}.json.gz"  # a document's JSON (the search worker reads it too)
TEI_PATH = "data/tei/{id}.xml.gz"  # a transcript's TEI
SOURCE_PATH = "sources/{id}.txt.gz"  # a document's seed as it was read
DOCUMENTS_PATH = "data/documents.jsonl.gz"  # every document's JSON, one a line, by id
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
