"""The export stage: documents and people as the dataset researchers download.

The shapes here are the data contract documented in the README; they change
only on purpose.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence

from ..addresses import downloads
from ..model import Document, Licence, Note, Person
from ..names import slug
from ..people import PEOPLE_FILE, SOURCES, Membership, RoleIndex, involved, memberships


def document_record(doc: Document, people: dict[str, Person], roles: RoleIndex | None = None) -> dict:
    """One document in the data contract's shape.

    ``roles``: ``RoleIndex(people)``, made once for a whole corpus (else made for this document's people).
    """
    roles = roles or RoleIndex.of(doc, people)
    return {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "date": doc.date,
        "time": doc.time,
        "place": doc.place,
        "lead": doc.lead,
        "source": {
            "file": doc.source.file,
            "sha256": doc.source.sha256,
            "url": doc.source.url,
            "publisher": doc.source.publisher,
            "authors": list(doc.source.authors),
            "encoding": doc.source.encoding,
            "profile": doc.profile,
            "licence": licence_record(doc.source.licence),
        },
        "topics": list(doc.topics),
        "turns": [
            {
                "n": turn.number,
                "speaker": turn.speaker,
                "label": turn.label,
                "role": turn.role,
                "paragraphs": [
                    {
                        "id": p.id,
                        "text": p.text,
                        "mentions": [{"person": m.person, "start": m.start, "end": m.end} for m in p.mentions],
                        "editorial": [{"kind": k.kind, "start": k.start, "end": k.end} for k in p.marks],
                        "terms": [{"term": t.term, "start": t.start, "end": t.end} for t in p.terms],
                    }
                    for p in turn.paragraphs
                ],
            }
            for turn in doc.turns
        ],
        "people": [
            {"id": pid, "name": people[pid].name, "roles": [r.title for r in roles.stated_in(doc.id, pid)]}
            for pid in doc.people
        ],
        "annotations": [annotation_record(a, doc) for a in doc.notes],
        "audit": {
            "removed": [{"line": r.line, "reason": r.reason, "text": r.text} for r in doc.removed],
            "tooltips": [{"line": t.line, "visible": t.visible, "name": f"{t.given} {t.surname}", "role": t.role} for t in doc.tooltips],
        },
    }


def annotation_record(note: Note, doc: Document) -> dict:
    """A maintainer's note: its W3C ``TextQuoteSelector``, where it anchored (or null), and its body."""
    text = next((p.text for _, p in doc.paragraphs() if p.id == note.paragraph), None)
    anchored = text is not None
    return {
        "id": note.id,
        "target": {"type": "TextQuoteSelector", "exact": note.exact, "prefix": note.prefix, "suffix": note.suffix},
        "paragraph": note.paragraph if anchored else None,
        "start": note.start if anchored else None,
        "end": note.end if anchored else None,
        "quote": text[note.start : note.end] if text is not None else None,
        "anchored": note.anchored if anchored else None,
        "score": note.score if anchored else None,
        "body": note.body,
        "tags": list(note.tags),
        "author": note.author,
    }


def person_record(person: Person) -> dict:
    """A Popolo person: id, name, other names, and the people file's summary."""
    return {"id": person.id, "name": person.name, "other_names": [{"name": n} for n in person.other_names], "summary": person.summary}


def membership_record(membership: Membership, mid: str, documents: dict[str, Document]) -> dict:
    """A Popolo membership: its person, its organization (null: the role names none), its role, the dates.

    ``start_date`` and ``end_date`` are the people file's (null where it gives none, and for a role only
    the documents state); ``first_seen`` and ``last_seen`` are the dates of the first and last documents
    stating it; ``sources`` are those documents (and the people file).
    """
    sources = [{"note": f"curated: {PEOPLE_FILE}"}] if membership.curated else []
    stated = _kinds(membership)
    for document in membership.documents:
        doc = documents.get(document)
        source = {"note": f"{'/'.join(stated.get(document, []))}: {doc.title if doc else document}"}
        if doc and doc.source.url:
            source["url"] = doc.source.url
        sources.append(source)
    return {"id": mid, "person_id": membership.person, "organization_id": membership.body.id if membership.body else None,
            "role": membership.title, "wordings": list(membership.wordings),
            "start_date": membership.start, "end_date": membership.end,
            "first_seen": membership.first_seen, "last_seen": membership.last_seen,
            "via": list(membership.sources), "documents": list(membership.documents), "sources": sources}


def _kinds(membership: Membership) -> dict[str | None, list[str]]:
    """How each document states the role: ``tooltip``, ``label``, in that order (one pass over the statements,
    not one a document: a role the whole archive states is stated ten thousand times)."""
    found: dict[str | None, set[str]] = {}
    for role in membership.stated:
        found.setdefault(role.document, set()).add(role.source)
    return {document: [k for k in SOURCES if k in sources] for document, sources in found.items()}


def people_record(people: dict[str, Person], documents: dict[str, Document] | None = None) -> dict:
    """The people registry in Popolo form: top-level ``persons``, ``organizations`` and ``memberships`` pointing at both.

    A membership is one role of a person, however many wordings and documents state it
    (``people.memberships``); an organization is the body a role belongs to (``people.bodies``).
    """
    persons, memberships_out, bodies = [], [], {}
    for _, person in sorted(people.items()):
        persons.append(person_record(person))
        taken: set[str] = set()
        for membership in memberships(person):
            mid = base = f"{person.id}/{slug(membership.title) or 'role'}"
            n = 2
            while mid in taken:
                mid, n = f"{base}-{n}", n + 1
            taken.add(mid)
            memberships_out.append(membership_record(membership, mid, documents or {}))
            if membership.body:
                bodies[membership.body.id] = membership.body
    organizations = [{"id": b.id, "name": b.name, "classification": b.classification} for _, b in sorted(bodies.items())]
    return {"persons": persons, "organizations": organizations, "memberships": memberships_out}


def licence_record(licence: Licence) -> dict[str, str | None]:
    """A source's licence in the data: its SPDX id (null: unknown), names, text's URL, whom to credit, where it was found."""
    return {"id": licence.id, "name": licence.name, "short": licence.short, "url": licence.url, "attribution": licence.attribution,
            "via": licence.via}


def document_files(doc: Document, people: dict[str, Person], original: bytes, site_url: str | None = None,
                   roles: RoleIndex | None = None) -> dict[str, bytes]:
    """One document's downloads (``addresses.downloads``), by path from the site's root: its JSON, its TEI if a transcript, its seed.

    ``original``: the seed's text as read, as ``original_text`` publishes it.
    """
    from .tei import tei_document

    roles = roles or RoleIndex.of(doc, people)
    paths = downloads(doc)
    files = {paths["JSON"]: gzip_text(record_json(document_record(doc, people, roles)))}
    if "TEI" in paths:
        files[paths["TEI"]] = gzip_text(tei_document(doc, people, site_url, roles))
    files[paths["Original text"]] = original
    return files


def dataset_files(documents: Sequence[Document], people: dict[str, Person]) -> dict[str, str | bytes]:
    """The site's own corpus-wide downloads, by path from the site's root: the people registry and the schemas.

    The registry is published gzip-compressed (see ``gzip_text``), the schemas as they
    are. The corpus-level files too large for the site (every document, every turn,
    every TEI file) are ``corpus.corpus_writers``'.
    """
    from importlib import resources

    by_id = {d.id: d for d in documents}
    anyone = set().union(*map(involved, documents))
    files: dict[str, str | bytes] = {
        "data/people.json.gz": gzip_text(dumps(people_record({pid: people[pid] for pid in sorted(anyone) if pid in people}, by_id))),
    }
    for schema in SCHEMAS:
        files[f"data/{schema}"] = resources.files("builder").joinpath(f"data/{schema}").read_text("utf-8")
    return files


# gzip's level for the corpus-wide files: most of level 9's gain at a fraction of its time.
GZIP_LEVEL = 6


def original_text(seed: str) -> bytes:
    """A seed's "Original text" download: its text as read (``Seed.verbatim``), in UTF-8, gzip-compressed (``gzip_text``)."""
    return gzip_text(seed)


def gzip_text(text: str) -> bytes:
    """``text`` as UTF-8 in a gzip file with no name and no time in its header: the same text gives the same bytes."""
    return gzip.compress(text.encode("utf-8"), GZIP_LEVEL, mtime=0)


# The JSON Schemas shipped with the dataset (in builder/data/).
SCHEMAS = ("document.schema.json", "people.schema.json")


def dumps(record) -> str:
    """JSON text for people to read (the ``parse`` command, ``people.json.gz``): indented, UTF-8, a final newline."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def record_json(record) -> str:
    """A document's JSON as the site publishes it: one compact line, UTF-8, a final newline.

    The same line is the file ``data/<id>.json.gz`` and the document's line of ``documents.jsonl.gz``.
    """
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
