"""A person's roles as researchers read them: one membership per role, however many wordings state it.

The sources state a role again in every document, in the words of a label or a tooltip; the
people file states it once, with the dates it was held. A ``Membership`` is one role of one
person (``bodies.role_key``: its wordings are one role): the curated entries of it, whose title,
start and end replace what was inferred (a curated role covers every statement of that role),
and the statements the documents make, with the first and last dates they were seen. What the
person page lists and what ``people.json.gz`` gives as Popolo memberships are these.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import Person, Role
from .bodies import Body, read_role

# The kinds of source of a role, most authoritative first: a tooltip is the site's own full title.
SOURCES = ("curated", "tooltip", "label")


@dataclass(frozen=True)
class Membership:
    """One role of a person: its curated entries (real dates) and the documents' statements of it (dates seen)."""

    person: str
    key: str  # what its wordings share (``bodies.role_key``)
    title: str  # the curated title, else the wording most documents state (a tooltip's before a label's, then the longest)
    body: Body | None  # the organization the role belongs to (None: it names none)
    curated: tuple[Role, ...]  # the people file's entries of it, by start
    stated: tuple[Role, ...]  # the documents' statements of it, by date and document

    @property
    def wordings(self) -> tuple[str, ...]:
        """The other titles it is written in."""
        return tuple(sorted({r.title for r in (*self.curated, *self.stated)} - {self.title}))

    @property
    def sources(self) -> tuple[str, ...]:
        """Where it came from: ``curated``, ``tooltip``, ``label``, in that order."""
        found = {r.source for r in (*self.curated, *self.stated)}
        return tuple(s for s in SOURCES if s in found)

    @property
    def documents(self) -> tuple[str, ...]:
        """The documents stating it, oldest first."""
        return tuple(dict.fromkeys(r.document for r in self.stated))

    @property
    def first_seen(self) -> str | None:
        return next((r.date for r in self.stated if r.date), None)

    @property
    def last_seen(self) -> str | None:
        return next((r.date for r in reversed(self.stated) if r.date), None)

    @property
    def start(self) -> str | None:
        """The day it was first held, as the people file gives it."""
        return min((r.date for r in self.curated if r.date), default=None)

    @property
    def end(self) -> str | None:
        """The day it was last held, as the people file gives it (None: still held, or no end given)."""
        ends = [r.end for r in self.curated]
        return None if not ends or None in ends else max(e for e in ends if e)

    @property
    def held(self) -> tuple[tuple[str | None, str | None], ...]:
        """Each curated tenure's start and end."""
        return tuple((r.date, r.end) for r in self.curated)

    @property
    def since(self) -> str:
        """When it was first held or seen, for ordering: the curated start, else the first date seen."""
        return self.start or self.first_seen or ""

    @property
    def until(self) -> str:
        """When it was last held or seen, for finding the latest role ("~" sorts after every date: still held)."""
        if self.curated and self.end is None and self.start:
            return "~"
        return max(self.end or "", self.last_seen or "")


def memberships(person: Person) -> tuple[Membership, ...]:
    """``person``'s roles, one membership per role, by the date it was first held or seen and title."""
    groups: dict[str, list[Role]] = defaultdict(list)
    for role in person.roles:
        groups[read_role(role.title).key].append(role)
    out = []
    for key, roles in groups.items():
        curated = tuple(sorted((r for r in roles if r.source == "curated"), key=lambda r: (r.date or "", r.end or "", r.title)))
        stated = tuple(sorted((r for r in roles if r.source != "curated"), key=lambda r: (r.date or "", r.document, r.title)))
        title = curated[0].title if curated else _most_stated(stated)
        out.append(Membership(person.id, key, title, read_role(title).body, curated, stated))
    return tuple(sorted(out, key=lambda m: (m.since, m.title)))


def latest(roles: tuple[Membership, ...]) -> Membership | None:
    """The role held or seen last (one still held, as the people file says, before any other)."""
    return max(roles, key=lambda m: (m.until, m.since, m.title), default=None)


def _most_stated(stated: tuple[Role, ...]) -> str:
    """The wording most documents state; a tooltip's before a label's, then the longest, then the first by name."""
    documents = Counter(title for title, _ in {(r.title, r.document) for r in stated})
    rank: dict[str, int] = {}  # each wording's best source, in one pass (a role of every document is stated thousands of times)
    for r in stated:
        rank[r.title] = min(rank.get(r.title, len(SOURCES)), SOURCES.index(r.source))
    return min(documents, key=lambda t: (-documents[t], rank[t], -len(t), t))
