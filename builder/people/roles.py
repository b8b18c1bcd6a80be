"""People as frozen records, and their roles by document (one wording a role where a page lists them)."""

from __future__ import annotations

from ..model import Document, Person, Role
from .bodies import role_key
from .registry import Registry


def people_of(registry: Registry) -> dict[str, Person]:
    """The registry as frozen ``Person`` records, by id."""
    out = {}
    for pid, entry in sorted(registry.people.items()):
        others = tuple(n for n in entry.names if n != entry.name)
        roles = tuple(sorted(entry.roles, key=lambda r: (r.date or "", r.document or "", r.title)))
        out[pid] = Person(pid, entry.name, others, roles, entry.summary, entry.curated)
    return out


def involved(doc: Document) -> set[str]:
    """The ids of the people ``doc`` involves: its people and its speakers."""
    return {*doc.people, *(t.speaker for t in doc.turns if t.speaker)}


class RoleIndex:
    """People's roles by the document that states them, so that finding a role does not scan every role."""

    def __init__(self, people: dict[str, Person]) -> None:
        self.stated: dict[tuple[str, str], list[Role]] = {}
        self.curated: dict[str, list[Role]] = {}
        for pid, person in people.items():
            for role in person.roles:
                self.stated.setdefault((pid, role.document), []).append(role)
                if role.source == "curated":
                    self.curated.setdefault(pid, []).append(role)

    @classmethod
    def of(cls, doc: Document, people: dict[str, Person]) -> RoleIndex:
        """The index of just the people ``doc`` involves: for one document on its own."""
        return cls({pid: people[pid] for pid in involved(doc) if pid in people})

    def stated_in(self, doc_id: str, pid: str) -> list[Role]:
        """The roles ``doc_id`` states for ``pid``, in the order of the person's roles."""
        return self.stated.get((pid, doc_id), [])

    def titles_in(self, doc_id: str, pid: str) -> tuple[str, ...]:
        """The roles ``doc_id`` states for ``pid``, one wording a role (a tooltip's before a label's)."""
        kept: dict[str, Role] = {}
        for role in self.stated_in(doc_id, pid):
            key = role_key(role.title)
            if kept.setdefault(key, role).source != "tooltip" and role.source == "tooltip":
                kept[key] = role
        return tuple(role.title for role in kept.values())

    def role_in(self, doc: Document, pid: str) -> str | None:
        """The role ``pid`` held in ``doc``: a tooltip's, else a speaker label's, else a curated one valid on its date."""
        here = self.stated_in(doc.id, pid)
        for source in ("tooltip", "label"):
            for role in here:
                if role.source == source:
                    return role.title
        for role in self.curated.get(pid, []):
            if _valid_on(role, doc.date):
                return role.title
        return None


def _valid_on(role: Role, date: str | None) -> bool:
    if date is None:
        return False
    return (role.date is None or role.date <= date) and (role.end is None or date <= role.end)


