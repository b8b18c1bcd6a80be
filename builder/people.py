"""Stage 5, people: resolve every speaker and every person named to one canonical person.

Resolution order, for a name in a document (each step is tried only when the one
before found nothing):

1. an explicit alias from the people file (``other_names``), or a full name
   (``Given Surname``; spelling variants such as Yuri/Yury are one name);
2. ``Mr``/``Ms``/``Dr`` + surname, or a surname alone: a person of *that
   document* with that surname; if none, one person of the whole registry
   with that surname (accepted only when exactly one fits);
3. ``Mr President``: the document's speaker whose role is President;
   ``Mr Minister``: the next speaker, when a minister.

An ambiguous or unknown name is a reported problem, never a guess.
The people file (``seeds/people.yml``) overrides what is inferred.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from .model import Document, Mention, Paragraph, Person, Problem, Role, Turn
from .names import COURTESY, is_given_name, name_key, slug, surname_of
from .yamlfile import load_yaml

# A run of capitalised words ("President Vladimir Putin", "Mr Medinsky").
NAME_RUN = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*(?: [A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)*")
# One word inside a run.
RUN_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*")
# Roles that make a speaker "Mr President" of a meeting.
PRESIDENT_ROLE = re.compile(r"^President of (?:Russia|the Russian Federation)\b")
# Roles that make a speaker "Mr Minister".
MINISTER_ROLE = re.compile(r"\bMinister\b")
PEOPLE_FILE = "people.yml"


@dataclass
class Registry:
    """Every known person, with the keys that find them."""

    people: dict[str, dict] = field(default_factory=dict)  # id -> entry
    by_key: dict[str, str] = field(default_factory=dict)  # name_key -> id
    aliases: dict[str, str] = field(default_factory=dict)  # exact alias text -> id
    problems: list[Problem] = field(default_factory=list)
    _surnames: dict[str, list[str]] | None = field(default=None, repr=False)  # surname -> ids, built on first use

    def add(self, name: str, *, curated: bool = False, pid: str | None = None) -> str:
        key = name_key(name)
        self._surnames = None
        if key in self.by_key:
            found = self.by_key[key]
            if name not in self.people[found]["names"]:
                self.people[found]["names"].append(name)
            return found
        pid = pid or _free_id(slug(name) or "person", self.people)
        self.people[pid] = {"name": name, "names": [name], "roles": [], "summary": None, "curated": curated}
        self.by_key[key] = pid
        return pid

    def find(self, name: str) -> str | None:
        return self.aliases.get(name) or self.by_key.get(name_key(name))

    def with_surname(self, surname: str) -> list[str]:
        if self._surnames is None:  # built once the registry stops growing (resolve does not add)
            index: dict[str, set[str]] = defaultdict(set)
            for pid, entry in self.people.items():
                for n in entry["names"]:
                    index[surname_of(n)].add(pid)
            self._surnames = {k: sorted(v) for k, v in index.items()}
        return self._surnames.get(surname, [])


def _free_id(base: str, taken: dict) -> str:
    pid, n = base, 2
    while pid in taken:
        pid, n = f"{base}-{n}", n + 1
    return pid


def load_curated(path: Path) -> Registry:
    """The maintainers' people file, read into a fresh registry (problems name file and line)."""
    registry = Registry()
    if not path.exists():
        return registry
    entries, problems = load_yaml(path, "people file")
    if problems:
        registry.problems += problems
        return registry
    entries = entries or []
    if not isinstance(entries, list):
        registry.problems.append(Problem(path.name, 1, "people file", "the people file must be a list of people ('- name: ...'): it was ignored", "error"))
        return registry
    lines = _entry_lines(path)
    for n, entry in enumerate(entries):
        line = lines[n] if n < len(lines) else 1
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            registry.problems.append(Problem(path.name, line, "people file", "an entry has no 'name': give each person a name; the entry was skipped", "error"))
            continue
        pid = registry.add(entry["name"], curated=True, pid=entry.get("id"))
        person = registry.people[pid]
        registry._surnames = None  # aliases are added to the entry below
        person["summary"] = entry.get("summary")
        for alias in entry.get("other_names") or []:
            alias = str(alias)
            if alias not in person["names"]:
                person["names"].append(alias)
            if len(alias.split()) == 1:
                registry.aliases[alias] = pid
            else:
                registry.by_key.setdefault(name_key(alias), pid)
        for role in entry.get("roles") or []:
            if isinstance(role, dict) and role.get("title"):
                person["roles"].append(Role(str(role["title"]), _date(role.get("start")), role.get("source") or PEOPLE_FILE, "curated", _date(role.get("end"))))
            else:
                registry.problems.append(Problem(path.name, line, "people file", f"a role of {entry['name']} has no 'title': it was skipped"))
    return registry


def _entry_lines(path: Path) -> list[int]:
    """The line each top-level '- ' entry of a YAML list starts on."""
    return [i for i, text in enumerate(path.read_text("utf-8").split("\n"), start=1) if text.startswith("- ")]


def _date(value) -> str | None:
    return None if value is None else str(value)


# ---------------------------------------------------------------- collect


def collect(registry: Registry, documents: list[Document]) -> None:
    """First pass: every full name a document gives (labels, tooltips, text) joins the registry."""
    for doc in documents:
        for tip in doc.tooltips:
            pid = registry.add(f"{tip.given} {tip.surname}")
            _add_role(registry, pid, Role(tip.role, doc.date, doc.id, "tooltip"))
        for turn in doc.turns:
            if turn.name:
                pid = registry.add(turn.name)
                if turn.role:
                    _add_role(registry, pid, Role(turn.role, doc.date, doc.id, "label"))
        for text in _texts(doc):
            for _start, _end, name in _full_names(text, registry):
                registry.add(name)


def _add_role(registry: Registry, pid: str, role: Role) -> None:
    entry = registry.people[pid]
    if "stated" not in entry:  # (title, document) of the roles already there
        entry["stated"] = {(r.title, r.document) for r in entry["roles"]}
    stated = entry["stated"]
    if (role.title, role.document) not in stated:
        stated.add((role.title, role.document))
        entry["roles"].append(role)


def _texts(doc: Document):
    yield from (t for t in (doc.title, doc.lead) if t)
    for _, paragraph in doc.paragraphs():
        yield paragraph.text


def _full_names(text: str, registry: Registry):
    """``(start, end, name)`` for each full personal name in a text."""
    for run in NAME_RUN.finditer(text):
        if " " not in run.group():
            continue  # one capitalised word is never a full name
        words = [(run.start() + m.start(), run.start() + m.end(), m.group()) for m in RUN_WORD.finditer(run.group())]
        i = 0
        while i < len(words):
            width = _full_name_width(words, i, registry)
            if width:
                yield words[i][0], words[i + width - 1][1], " ".join(w[2] for w in words[i : i + width])
                i += width
            else:
                i += 1


def _full_name_width(words, i: int, registry: Registry) -> int:
    for width in (3, 2):
        if i + width <= len(words):
            name = " ".join(w[2] for w in words[i : i + width])
            if registry.find(name) or (width == 2 and is_given_name(words[i][2]) and words[i + 1][2] not in COURTESY):
                return width
    return 0


# ---------------------------------------------------------------- resolve


def resolve(registry: Registry, doc: Document) -> tuple[Document, list[Problem]]:
    """Second pass: speakers and mentions of one document get person ids."""
    problems: list[Problem] = []
    speakers = [registry.find(t.name) if t.name else None for t in doc.turns]
    known = {pid for pid in speakers if pid}
    known |= {registry.find(f"{t.given} {t.surname}") for t in doc.tooltips}
    for text in _texts(doc):
        known |= {registry.find(name) for _, _, name in _full_names(text, registry)}
    known.discard(None)
    by_surname: dict[str, set[str]] = defaultdict(set)
    for pid in known:
        for name in registry.people[pid]["names"]:
            if len(name.split()) > 1:
                by_surname[surname_of(name)].add(pid)
    president = next((pid for pid, t in zip(speakers, doc.turns, strict=True) if pid and t.role and PRESIDENT_ROLE.match(t.role)), None)
    if president is None:
        president = next((pid for pid in sorted(known) if any(PRESIDENT_ROLE.match(r.title) for r in registry.people[pid]["roles"])), None)

    # After each turn: the next speaker, and the role of the next named turn (one pass, not one per turn).
    following: list[tuple[str | None, str | None]] = []
    next_speaker = next_role = None
    for speaker, turn in zip(reversed(speakers), reversed(doc.turns), strict=True):
        following.append((next_speaker, next_role))
        next_speaker = speaker or next_speaker
        next_role = turn.role if turn.name else next_role
    following.reverse()
    # The President's own "Mr President" is the other president of the meeting.
    others = {s for s, t in zip(speakers, doc.turns, strict=True) if s and s != president and t.role and t.role.startswith("President")}
    turns = []
    mentioned: set[str] = set()
    for index, turn in enumerate(doc.turns):
        next_speaker, next_role = following[index]
        minister = next_speaker if next_role and MINISTER_ROLE.search(next_role) else None
        addressed = president
        if speakers[index] and speakers[index] == president:
            addressed = next(iter(others)) if len(others) == 1 else None
        context = _Context(doc, registry, by_surname, addressed, minister, problems)
        paragraphs = []
        for paragraph in turn.paragraphs:
            mentions = tuple(context.mentions(paragraph))
            mentioned |= {m.person for m in mentions}
            paragraphs.append(replace(paragraph, mentions=mentions))
        turns.append(replace(turn, speaker=speakers[index], paragraphs=tuple(paragraphs)))
    involved = {s for s in speakers if s} | mentioned
    involved |= {registry.find(name) for t in (doc.title, doc.lead) if t for _, _, name in _full_names(t, registry)} - {None}
    return replace(doc, turns=tuple(turns), people=tuple(sorted(involved))), problems


@dataclass
class _Context:
    doc: Document
    registry: Registry
    by_surname: dict[str, set[str]]
    president: str | None
    minister: str | None
    problems: list[Problem]

    def mentions(self, paragraph: Paragraph):
        text = paragraph.text
        for run in NAME_RUN.finditer(text):
            words = [(run.start() + m.start(), run.start() + m.end(), m.group()) for m in RUN_WORD.finditer(run.group())]
            i = 0
            while i < len(words):
                found, width = self._at(words, i, paragraph)
                if found:
                    yield Mention(found, words[i][0], words[i + width - 1][1])
                i += max(width, 1)

    def _at(self, words, i: int, paragraph: Paragraph) -> tuple[str | None, int]:
        word = words[i][2]
        if word in COURTESY and i + 1 < len(words):
            return self._courtesy(words, i, paragraph)
        width = _full_name_width(words, i, self.registry)
        if width:
            return self.registry.find(" ".join(w[2] for w in words[i : i + width])), width
        if word in self.registry.aliases:
            return self.registry.aliases[word], 1
        if word in self.by_surname:
            return self._surname(word, paragraph, word), 1
        return None, 1

    def _courtesy(self, words, i: int, paragraph: Paragraph) -> tuple[str | None, int]:
        form = f"{words[i][2]} {words[i + 1][2]}"
        title = words[i + 1][2]
        if title == "President":
            if self.president is None:
                self._problem(paragraph, "unresolved-name", f"'{form}': which president is addressed is unknown (none, or several, speak in this document)")
            return self.president, 2
        if title == "Minister":
            if self.minister is None:
                self._problem(paragraph, "unresolved-name", f"'{form}': the next speaker is not a minister, so who is addressed is unknown")
            return self.minister, 2
        width = _full_name_width(words, i + 1, self.registry)
        if width:
            return self.registry.find(" ".join(w[2] for w in words[i + 1 : i + 1 + width])), width + 1
        return self._surname(title, paragraph, form), 2

    def _surname(self, surname: str, paragraph: Paragraph, form: str) -> str | None:
        here = sorted(self.by_surname.get(surname, ()))
        if len(here) == 1:
            return here[0]
        if len(here) > 1:
            self._problem(paragraph, "ambiguous-name", f"'{form}' could be {', '.join(here)}: give the full name in an annotation or the people file")
            return None
        anywhere = self.registry.with_surname(surname)
        if len(anywhere) == 1:
            return anywhere[0]
        if len(anywhere) > 1:
            self._problem(paragraph, "ambiguous-name", f"'{form}' could be {', '.join(anywhere)}: add the right one to the people file")
        elif form != surname:
            self._problem(paragraph, "unresolved-name", f"'{form}': no person with the surname {surname} is known; add them to {PEOPLE_FILE}")
        return None

    def _problem(self, paragraph: Paragraph, code: str, message: str) -> None:
        self.problems.append(Problem(self.doc.source.file, paragraph.line, code, message))


def people_of(registry: Registry) -> dict[str, Person]:
    """The registry as frozen ``Person`` records, by id."""
    out = {}
    for pid, entry in sorted(registry.people.items()):
        others = tuple(n for n in entry["names"] if n != entry["name"])
        roles = tuple(sorted(entry["roles"], key=lambda r: (r.date or "", r.document or "", r.title)))
        out[pid] = Person(pid, entry["name"], others, roles, entry["summary"], entry["curated"])
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


__all__ = ["Registry", "RoleIndex", "involved", "collect", "load_curated", "people_of", "resolve", "Turn"]
