"""The render stage's units and their keys: what each page is made from, hashed.

The bulk of the render stage's work is a document's page and each page of a
person's record. Each is a unit whose key is a hash of everything its page is
made from (``unit_keys``): with a unit cache (``cache.UnitCache``), a unit whose
key and file are unchanged since the last build is not rendered again.
"""

from __future__ import annotations

from ..cache import content_hash
from ..corpus import people_shown
from ..model import Document, Person
from ..parallel import fork_map
from ..people import RoleIndex
from . import pages
from .views import PersonView


def document_unit(doc: Document) -> str:
    """The unit of a document's page."""
    return f"document:{doc.id}"


def person_unit(view: PersonView, number: int) -> str:
    """The unit of page ``number`` of a person's record."""
    return f"person:{view.person.id}:{number}"


def unit_keys(documents: list[Document], people: dict[str, Person], roles: RoleIndex, listed: list[PersonView],
              corpus_months: object, setting: tuple, jobs: int | None = None,
              cite_keys: dict[str, str] | None = None, annotated: dict[str, str] | None = None) -> dict[str, str]:
    """The key of every unit: a hash of everything its page is made from.

    ``setting`` is what every page depends on (the builder's code, the templates, the
    site's address, the link style). A document's page shows the document and what it
    shows of each person (``corpus.people_shown``) and its citation key in the corpus (``cite_keys``). A person's page shows the person and
    the documents they are in (so a key holds those documents' keys), the people they
    appeared with, and (on its first page) the corpus' months. A document is hashed whole,
    or stands for by its key in ``annotated`` (a hash of all it came from, which a rebuild
    need not read through). Documents are hashed on ``jobs`` processes.
    """

    def document_key(index: int) -> str:
        doc = documents[index]
        made = annotated[doc.id] if annotated else doc
        return content_hash((setting, made, people_shown(doc, people, roles), (cite_keys or {}).get(doc.id)))

    doc_keys = dict(zip((d.id for d in documents), fork_map(document_key, range(len(documents)), jobs), strict=True))
    keys = {document_unit(doc): doc_keys[doc.id] for doc in documents}
    for view in listed:
        ids = {d.id for d in view.documents} | {r.doc.id for r in view.turns} | {r.doc.id for r in view.mentions}
        ids |= {r.document for r in view.person.roles if r.document in doc_keys}
        shared = content_hash((setting, view.person, [doc_keys[i] for i in sorted(ids)],
                               [(other.id, other.name, n) for other, n in view.companions], corpus_months))
        keys[person_unit(view, 1)] = content_hash((shared, 1))
        # Hashed once for all the later pages: a frequent speaker's person (their roles, one per document) is long.
        record = content_hash((setting, view.person, view.turn_count, view.words, view.mention_count, view.document_count, view.pages))
        for number in range(2, view.pages + 1):
            keys[person_unit(view, number)] = _later_page_key(record, view, number, doc_keys)
    return keys


def _later_page_key(record: str, view: PersonView, number: int, doc_keys: dict[str, str]) -> str:
    """The key of page ``number`` (2 or more) of a person's record: what every page shows of the person (``record``:
    the hash of the person, the counts, the number of pages), and this page's own turns and mentions, each named by its document,
    turn or paragraph (and a turn's words), with the keys of their documents. A change to a document elsewhere in the
    record leaves the page alone (the first page, with the figure, roles and companions, holds every document's key)."""
    turns = [(r.doc.id, r.turn.number, r.words) for r in pages.page_of(view.turns, number)]
    mentions = [(r.doc.id, r.paragraph.id) for r in pages.page_of(view.mentions, number)]
    shown = sorted({ref[0] for ref in turns} | {ref[0] for ref in mentions})
    return content_hash((record, number, turns, mentions, [doc_keys[i] for i in shown]))
