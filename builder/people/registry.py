"""The people registry: every known person and the names that find them, while the corpus is read.

The registry is built up (the people file, then every document's names) before any
document is resolved, so its entries are mutable; ``people_of`` freezes them into
``Person`` records once it is complete.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Problem, Role
from ..names import fold, is_given_name, name_key, not_given_names, slug, surname_of, surnames_of

# How alike a misspelt given name must be to a known one beside the same surname to be read
# as it (rapidfuzz ratio, 0-100): 'Vladmir' and 'Vlaidmir' score 93 and 87.5 against 'Vladimir';
# 'Oleg'/'Olga' 75 and 'Pyotr'/'Petro' 60 stay apart. Two *known* given names never join
# ('Alexander'/'Alexandra' score 89), nor two unknown ones ('Jan'/'Jana' 86), so the threshold
# only decides between a known name and a word no list and no tooltip calls a given name.
VARIANT_SCORE = 85


@dataclass
class Entry:
    """One person of the registry while it is built: the names the sources write, the roles they state."""

    name: str  # the display name
    names: list[str]  # every form that names them, the display name first
    roles: list[Role] = field(default_factory=list)
    summary: str | None = None
    curated: bool = False  # from the people file
    seen: Counter[str] = field(default_factory=Counter)  # how often the text writes each form
    stated: bool = False  # a tooltip or the people file gives the name: never read as a misspelling
    _role_keys: set[tuple[str, str]] | None = field(default=None, init=False, repr=False)  # (title, document) of the roles there

    @property
    def given(self) -> str:
        """The first word of the display name (the given name of a full one)."""
        return self.name.split()[0]

    def add_name(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def add_role(self, role: Role) -> None:
        """``role``, unless the same title was stated by the same document already."""
        if self._role_keys is None:
            self._role_keys = {(r.title, r.document) for r in self.roles}
        if (role.title, role.document) not in self._role_keys:
            self._role_keys.add((role.title, role.document))
            self.roles.append(role)


@dataclass
class Registry:
    """Every known person, with the keys that find them."""

    people: dict[str, Entry] = field(default_factory=dict)  # id -> entry
    by_key: dict[str, str] = field(default_factory=dict)  # name_key -> id
    aliases: dict[str, str] = field(default_factory=dict)  # exact alias text -> id
    given: set[str] = field(default_factory=set)  # given names tooltips and the people file state
    variants: dict[str, str] = field(default_factory=dict)  # name_key of a misspelling -> the name it was read as
    problems: list[Problem] = field(default_factory=list)
    _surnames: dict[str, list[str]] | None = field(default=None, repr=False)  # folded surname -> ids, built on first use
    longest: int = 2  # the most words of any name the registry knows
    _firsts: set[str] = field(default_factory=set, repr=False)  # the first word of every key (a name's start)

    def key(self, key: str, pid: str) -> None:
        """Let ``key`` (a ``name_key``) find ``pid``."""
        self.by_key[key] = pid
        words = key.split()
        self._firsts.add(words[0] if words else "")
        self.longest = max(self.longest, len(words))

    def alias(self, pid: str, alias: str) -> None:
        """Let a people file's other name find ``pid``: one word as written, more by its key (a misname joins its person)."""
        self.people[pid].add_name(alias)
        if len(alias.split()) == 1:
            self.aliases[alias] = pid
        else:
            self.key(name_key(alias), pid)
        self._surnames = None

    def may_start(self, word: str) -> bool:
        """Whether some name the registry knows starts with ``word`` (read as a name's first word): a quick refusal."""
        return name_key(f"{word} x").split()[0] in self._firsts

    def add(self, name: str, *, curated: bool = False, pid: str | None = None, stated: bool = False) -> str:
        """The id of ``name``'s person, added if new; ``stated``: a tooltip or the people file gives it."""
        key = name_key(name)
        self._surnames = None
        found = self.by_key.get(key) or self.by_key.get(_reversed_key(name))
        if found:
            entry = self.people[found]
            entry.add_name(name)
            if not stated:  # how often the text writes a form: a tooltip's form is rebuilt, not written
                entry.seen[name] += 1
            entry.stated |= stated
            return found
        pid = pid or _free_id(slug(name) or "person", self.people)
        self.people[pid] = Entry(name, [name], curated=curated, seen=Counter() if stated else Counter({name: 1}), stated=stated or curated)
        self.key(key, pid)
        if stated and len(name.split()) > 1:
            self.given.add(name.split()[0])
        return pid

    def find(self, name: str) -> str | None:
        """The person a full name (or a people-file alias) names, in either name order."""
        return self.aliases.get(name) or self.by_key.get(name_key(name)) or self.by_key.get(_reversed_key(name))

    def is_given(self, word: str) -> bool:
        return (is_given_name(word) or word in self.given) and word not in not_given_names()

    def with_surname(self, surname: str) -> list[str]:
        if self._surnames is None:  # built once the registry stops growing (resolve does not add)
            index: dict[str, set[str]] = defaultdict(set)
            for pid in self.people:
                for word in self.surnames(pid):
                    index[fold(word)].add(pid)
            self._surnames = {k: sorted(v) for k, v in index.items()}
        return self._surnames.get(fold(surname), [])

    def surnames(self, pid: str) -> set[str]:
        """The surnames a person's full names give ('Putin'; 'Xi' of 'Xi Jinping'), not those of a name read backwards."""
        entry = self.people[pid]
        display = name_key(entry.name)
        return {word for n in entry.names if len(n.split()) > 1 and (n == entry.name or _reversed_key(n) != display)
                for word in surnames_of(n)}

    def fingerprint(self) -> str:
        """A hash of all that finding a name reads: every key, alias, given name and variant, and each person's
        names (their roles, summary and how often each form is written aside, which no name is found by)."""
        people = [(pid, e.name, e.names, e.curated, e.stated) for pid, e in sorted(self.people.items())]
        state = (people, sorted(self.by_key.items()), sorted(self.aliases.items()), sorted(self.given), sorted(self.variants.items()),
                 self.longest)
        return hashlib.sha256(repr(state).encode("utf-8", "surrogatepass")).hexdigest()

    # ------------------------------------------------------------ after collecting

    def join_misspellings(self) -> None:
        """A misspelt given name beside a known surname ('Vladmir Putin') joins the person of the right one."""
        groups: dict[str, list[str]] = defaultdict(list)
        for pid, entry in self.people.items():
            if len(entry.name.split()) > 1:
                groups[fold(surname_of(entry.name))].append(pid)
        for pids in groups.values():
            if len(pids) < 2:
                continue
            known = [p for p in pids if self._known_given(p)]
            for pid in pids:
                if pid in known or self.people[pid].stated:
                    continue
                target = self._closest(pid, known)
                if target:
                    self._merge(pid, target)

    def _known_given(self, pid: str) -> bool:
        entry = self.people[pid]
        return entry.stated or self.is_given(entry.given)

    def _closest(self, pid: str, known: list[str]) -> str | None:
        given = fold(_given_names(self.people[pid]))
        scored = sorted(((fuzz.ratio(given, fold(_given_names(self.people[k]))), k) for k in known), reverse=True)
        if scored and scored[0][0] >= VARIANT_SCORE and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            return scored[0][1]
        return None

    def _merge(self, source: str, target: str) -> None:
        entry, into = self.people.pop(source), self.people[target]
        for name in entry.names:
            into.add_name(name)
            self.variants[name_key(name)] = into.name
        into.seen.update(entry.seen)
        into.roles += entry.roles
        for table in (self.by_key, self.aliases):
            for key, pid in table.items():
                if pid == source:
                    table[key] = target
        self._surnames = None

    def settle_names(self) -> None:
        """Each inferred person's display name: the full form the sources write most (``Xi Jinping``, not ``Jinping Xi``)."""
        for entry in self.people.values():
            if entry.curated:
                continue
            full = [(n, c) for n, c in entry.seen.items() if len(n.split()) > 1 and name_key(n) not in self.variants]
            if full:
                entry.name = max(full, key=lambda nc: (nc[1], -entry.names.index(nc[0])))[0]


def _given_names(entry: Entry) -> str:
    """Every word of the display name but the last."""
    return " ".join(entry.name.split()[:-1])


def _reversed_key(name: str) -> str:
    """The key of a two-word name read the other way round ('Abe Shinzo' for 'Shinzo Abe')."""
    words = name.split()
    if len(words) != 2:
        return ""
    return name_key(f"{words[1]} {words[0]}")


def _free_id(base: str, taken: dict[str, Entry]) -> str:
    pid, n = base, 2
    while pid in taken:
        pid, n = f"{base}-{n}", n + 1
    return pid
