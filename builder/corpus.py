"""The corpus as the stages hand it on, from dedupe to the site: documents, texts, people, terms.

The per-seed stages (read, profile and clean, turns, parse) give each seed's
document and its text as read; dedupe keeps the documents to publish; people
resolves their names into the registry; annotate anchors the glossary's terms.
Each of these stages takes the ``Corpus`` and gives a new one (``replace``),
and the export, search and render stages publish the last.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .annotate.glossary import Term
from .model import Document, Person, Role
from .people import RoleIndex, involved


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...] = ()
    # each seed's text as read (``Seed.verbatim``), by seed file name, as its download publishes it (``export.files.original_text``)
    originals: dict[str, bytes] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # the registry: every person resolved, by id
    terms: tuple[Term, ...] = ()  # the glossary

    def original(self, doc: Document) -> bytes:
        """The text ``doc`` was read from, as its "Original text" download (gzip-compressed UTF-8)."""
        return self.originals[doc.source.file]


def people_shown(doc: Document, people: dict[str, Person], roles: RoleIndex) -> list[tuple[Person, list[Role]]]:
    """What ``doc``'s page and downloads show of each person it involves or names: the person (their roles
    aside, which are the corpus') and the roles ``doc`` states. Part of the key of every unit made from ``doc``."""
    shown = involved(doc) | {m.person for _, p in doc.paragraphs() for m in p.mentions}
    return [(replace(people[pid], roles=()), roles.stated_in(doc.id, pid)) for pid in sorted(shown & people.keys())]
