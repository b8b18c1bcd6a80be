"""Stage 7, export: documents and people as the dataset researchers download.

The shapes here are the data contract documented in the README; they change
only on purpose.
"""

from __future__ import annotations

import json

from .model import Document, Person, Role


def document_record(doc: Document, people: dict[str, Person]) -> dict:
    """One document in the data contract's shape."""
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
            "encoding": doc.source.encoding,
            "profile": doc.profile,
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
                    }
                    for p in turn.paragraphs
                ],
            }
            for turn in doc.turns
        ],
        "people": [
            {"id": pid, "name": people[pid].name, "roles": [r.title for r in people[pid].roles if r.document == doc.id]}
            for pid in doc.people
        ],
        "audit": {
            "removed": [{"line": r.line, "reason": r.reason, "text": r.text} for r in doc.removed],
            "tooltips": [{"line": t.line, "visible": t.visible, "name": f"{t.given} {t.surname}", "role": t.role} for t in doc.tooltips],
        },
    }


def person_record(person: Person) -> dict:
    return {
        "id": person.id,
        "name": person.name,
        "other_names": [{"name": n} for n in person.other_names],
        "summary": person.summary,
        "memberships": [_membership(r) for r in person.roles],
    }


def _membership(role: Role) -> dict:
    return {"role": role.title, "start_date": role.date, "end_date": role.end, "source": role.document, "via": role.source}


def people_record(people: dict[str, Person]) -> dict:
    """The people registry, Popolo-style (persons with other_names and memberships)."""
    return {"persons": [person_record(p) for _, p in sorted(people.items())]}


def dumps(record) -> str:
    """JSON text as every export writes it: stable key order, UTF-8, a final newline."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
