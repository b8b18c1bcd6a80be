"""The second pass of the people stage: the speakers and mentions of one document get person ids.

The registry is complete by now (``collect`` has read the whole corpus) and is only
read here. A name is tried in the order the package's docstring gives; what fits no
one, or more than one, is a problem of the document, never a guess.

What resolving a document gives depends on the document and on the registry's names
alone (``Registry.fingerprint``), so with a memo (``cache.Memo``) it is kept as a
``Resolved`` under both, and a rebuild that meets them again applies it instead of
reading every name again (``Resolver``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from ..cache import Memo, keyed, replayed
from ..model import Document, Mention, Paragraph, Problem, Turn
from ..names import COURTESY, female_given_names, fold, name_form, name_key, surname_of
from .curated import PEOPLE_FILE
from .full_names import NAME_RUN, PARTICLES, Word, address_word, courtesy_surnames, full_name_width, full_names, run_words, texts
from .offices import PRESIDENT_OF_RUSSIA, holders_on, office
from .registry import Registry

# Roles that make a speaker "Mr President" of a Russian meeting.
PRESIDENT_ROLE = re.compile(r"^President of (?:Russia|the Russian Federation)\b")
# Roles that make a speaker "Mr Minister".
MINISTER_ROLE = re.compile(r"\bMinister\b")
# A foreign head of state: "President of Finland", "US President", "King of Jordan", "Emir of Qatar".
HEAD_OF_STATE = re.compile(r"^(?:[A-Z][\w.-]* )?(?:President|King|Queen|Emir|Sultan|Emperor|Crown Prince|Ruling Prince)"
                           r"\b(?! of the Russian)")
# Words that show a "President" heads an organisation, not a country.
ORGANISATION = re.compile(r"\b(?:Russia|Russian|Bank|Academy|Company|Corporation|Union|Association|Institute|Foundation|Centre|Center"
                          r"|Society|Chamber|Court|Group|University|Committee|Council|Fund|Agency|Board|Club|League|Federation|Vice)\b"
                          r"|(?i:bank|neft|prom|gaz)")  # Gazprombank, Rosneft, Transneft
WOMEN_TITLES = ("Ms", "Mrs", "Madam")
# A head of state's title just before a name in the text: "President of Turkey Recep Tayyip Erdogan", "US President Barack Obama".
HEAD_BEFORE_NAME = re.compile(r"(?P<role>(?:[A-Z][\w.-]* )?(?:President|King|Emir|Sultan|Emperor)"
                              r"(?: of(?: the)?(?: (?:[A-Z][\w’'-]+|of|and))+?)?) $")

def resolve(registry: Registry, doc: Document) -> tuple[Document, list[Problem]]:
    """Second pass: speakers and mentions of one document get person ids."""
    context = _Context(doc, registry)
    speakers = [context.speaker(t, t.name) if t.name else None for t in doc.turns]
    context.speakers = speakers
    # After each turn: the next speaker, and the role of the next named turn (one pass, not one per turn).
    following: list[tuple[str | None, str | None]] = []
    next_speaker = next_role = None
    for speaker, turn in zip(reversed(speakers), reversed(doc.turns), strict=True):
        following.append((next_speaker, next_role))
        next_speaker = speaker or next_speaker
        next_role = turn.role if turn.name else next_role
    following.reverse()
    turns = []
    mentioned: set[str] = set()
    for index, turn in enumerate(doc.turns):
        next_speaker, next_role = following[index]
        context.turn_speaker = speakers[index]
        context.minister = next_speaker if next_role and MINISTER_ROLE.search(next_role) else None
        paragraphs = []
        for paragraph in turn.paragraphs:
            mentions = tuple(context.mentions(paragraph))
            mentioned |= {m.person for m in mentions}
            paragraphs.append(replace(paragraph, mentions=mentions) if mentions != paragraph.mentions else paragraph)
        turns.append(replace(turn, speaker=speakers[index], paragraphs=tuple(paragraphs)))
    people = {s for s in speakers if s} | mentioned
    people |= {pid for t in (doc.title, doc.lead) if t for _, _, name in full_names(t, registry, context.confirmed)
               if (pid := registry.find(name)) is not None}
    return replace(doc, turns=tuple(turns), people=tuple(sorted(people))), context.problems


@dataclass(frozen=True)
class Resolved:
    """What ``resolve`` gave one document, as plain values: each turn's speaker, the mentions of each paragraph whose
    mentions it changed (by turn and paragraph number, as ``(person, start, end)``), the people, the problems."""

    speakers: tuple[str | None, ...]
    mentions: dict[tuple[int, int], tuple[tuple[str, int, int], ...]]
    people: tuple[str, ...]
    problems: tuple[Problem, ...]

    @classmethod
    def of(cls, before: Document, after: Document, problems: list[Problem]) -> Resolved:
        changed = {(t, p): tuple((m.person, m.start, m.end) for m in new.mentions)
                   for t, (old_turn, new_turn) in enumerate(zip(before.turns, after.turns, strict=True))
                   for p, (old, new) in enumerate(zip(old_turn.paragraphs, new_turn.paragraphs, strict=True))
                   if new.mentions != old.mentions}
        return cls(tuple(t.speaker for t in after.turns), changed, after.people, tuple(problems))

    def apply(self, doc: Document) -> tuple[Document, list[Problem]]:
        """``doc`` as ``resolve`` gives it."""
        turns = tuple(replace(turn, speaker=self.speakers[t], paragraphs=tuple(
            replace(paragraph, mentions=tuple(Mention(*m) for m in self.mentions[t, p])) if (t, p) in self.mentions else paragraph
            for p, paragraph in enumerate(turn.paragraphs))) for t, turn in enumerate(doc.turns))
        return replace(doc, turns=turns, people=self.people), list(self.problems)


@dataclass
class Resolver:
    """``resolve`` with a memo: a document whose key (``keys``, by seed file) and registry were met last build gets what it got."""

    registry: Registry
    keys: dict[str, str]
    memo: Memo
    state: str = ""

    def __post_init__(self) -> None:
        self.state = self.registry.fingerprint()

    def all(self, documents: Sequence[Document], jobs: int | None = None) -> list[tuple[Document, list[Problem]]]:
        """Every document resolved, in order, with its problems; those not met last build on ``jobs`` processes."""
        keys = [keyed("resolved", self.state, self.keys[doc.source.file]) for doc in documents]
        return replayed(self.memo, keys, documents, partial(resolve, self.registry), Resolved, jobs)


@dataclass
class _Context:
    """What resolving one document needs to know: its people by surname, their roles here, who speaks."""

    doc: Document
    registry: Registry
    problems: list[Problem] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)
    turn_speaker: str | None = None
    minister: str | None = None

    def __post_init__(self) -> None:
        doc, registry = self.doc, self.registry
        self.confirmed = courtesy_surnames(doc)
        self.roles: dict[str, list[str]] = defaultdict(list)  # person -> roles this document states
        known: set[str | None] = set()
        for tip in doc.tooltips:
            pid = registry.find(f"{tip.given} {tip.surname}")
            known.add(pid)
            if pid:
                self.roles[pid].append(tip.role)
        for turn in doc.turns:
            if turn.name and name_form(turn.name).given:
                pid = registry.find(turn.name)
                known.add(pid)
                if pid and turn.role:
                    self.roles[pid].append(turn.role)
        for text in texts(doc):
            for start, _end, name in full_names(text, registry, self.confirmed):
                pid = registry.find(name)
                known.add(pid)
                head = HEAD_BEFORE_NAME.search(text, max(0, start - 80), start) if pid else None
                if pid and head and _heads_a_state(head["role"]):  # the text states a foreign leader's title
                    self.roles[pid].append(head["role"])
        self.known = {pid for pid in known if pid is not None}
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        for pid in self.known:
            for surname in registry.surnames(pid):
                self.by_surname[fold(surname)].add(pid)
        self.office_holders = {pid for name in holders_on(doc.date) if (pid := registry.find(name))}
        self.noticed: set[str] = set()

    # ------------------------------------------------------------ speakers

    def speaker(self, turn: Turn, name: str) -> str | None:
        """The person a named turn's speaker is; ``name`` is the turn's."""
        pid = self.registry.find(name)
        if pid:
            self._notice_variant(name, turn.line)
            if not name_form(self.registry.people[pid].name).given:
                self._problem(turn.line, "partial-name",
                              f"the speaker '{name}' is known by no fuller name in any seed: a person of their own;"
                              f" give their full name in {PEOPLE_FILE} (other_names) if they are someone known", "notice")
            return pid
        form = name_form(name)
        if form.given and len(name.split()) > 1:
            return None  # a full name collect did not keep (cannot happen for a label's full name)
        return self.surname(form.surname, turn.line, name, initial=form.initial, report_unknown=True)

    # ------------------------------------------------------------ mentions

    def mentions(self, paragraph: Paragraph) -> Iterator[Mention]:
        text = paragraph.text
        for run in NAME_RUN.finditer(text):
            words = run_words(run)
            i = 0
            while i < len(words):
                found, width = self._at(words, i, paragraph)
                if found:
                    start, end = _widen_over_marks(words[i][0], words[i + width - 1][1], paragraph)
                    yield Mention(found, start, end)
                i += max(width, 1)

    def _at(self, words: list[Word], i: int, paragraph: Paragraph) -> tuple[str | None, int]:
        word = words[i][2]
        if word in COURTESY and i + 1 < len(words):
            return self._courtesy(words, i, paragraph)
        width = full_name_width(words, i, self.registry, self.confirmed)
        if width:
            name = " ".join(w[2] for w in words[i : i + width])
            pid = self.registry.find(name)
            if pid:
                self._notice_variant(name, paragraph.line)
            return pid, width
        if word in self.registry.aliases:
            return self.registry.aliases[word], 1
        if fold(word) in self.by_surname:
            return self.surname(word, paragraph.line, word), 1
        holder = [pid for pid in self.office_holders if fold(surname_of(self.registry.people[pid].name)) == fold(word)]
        if len(holder) == 1:  # "Putin" in a text of his presidency
            return holder[0], 1
        return None, 1

    def _courtesy(self, words: list[Word], i: int, paragraph: Paragraph) -> tuple[str | None, int]:
        title = words[i + 1][2]
        if address_word(title):
            return self._address(words, i, paragraph)
        width = full_name_width(words, i + 1, self.registry, self.confirmed)
        if width:
            name = " ".join(w[2] for w in words[i + 1 : i + 1 + width])
            return self.registry.find(name), width + 1
        j = i + 1
        while j + 1 < len(words) and words[j][2] in PARTICLES:  # "Mr Al Nahyan", "Mr Van der Bellen"
            j += 1
        form = " ".join(w[2] for w in words[i : j + 1])
        return self.surname(words[j][2], paragraph.line, form, courtesy=words[i][2], report_unknown=True), j - i + 1

    def _address(self, words: list[Word], i: int, paragraph: Paragraph) -> tuple[str | None, int]:
        """``Mr President``, ``Mr Minister``, ``Mr Prime Minister``: the holder of the office addressed."""
        width = 1
        while i + 1 + width < len(words) and address_word(words[i + 1 + width][2]):
            width += 1
        office_words = " ".join(w[2] for w in words[i + 1 : i + 1 + width])
        form = f"{words[i][2]} {office_words}"
        if office_words == "President":
            return self._president(paragraph, form), 2
        if office_words == "Minister":
            if self.minister is None:
                self._problem(paragraph.line, "unresolved-name",
                              f"'{form}': the next speaker is not a minister, so who is addressed is unknown")
            return self.minister, 2
        # Any other office: the one person of this document with that title (an office, not a name: no warning).
        holders = {pid for pid, roles in self.roles.items() if pid != self.turn_speaker and any(office_words in r for r in roles)}
        return (next(iter(holders)) if len(holders) == 1 else None), width + 1

    def _president(self, paragraph: Paragraph, form: str) -> str | None:
        if self.turn_speaker is None:
            return None  # narration: who says "Mr President" is unknown, so is who is addressed
        russian = self._russian_president()
        if russian and self.turn_speaker == russian:
            others = {pid for pid, roles in self.roles.items() if pid != russian and any(_heads_a_state(r) for r in roles)}
            if len(others) == 1:
                return next(iter(others))
            self._problem(paragraph.line, "unresolved-name",
                          f"'{form}' said by the President of Russia: which head of state he addresses is unknown"
                          f" ({'several: ' + ', '.join(sorted(others)) if others else 'none with such a role'} in this document)")
            return None
        if russian:
            return russian
        self._problem(paragraph.line, "unresolved-name",
                      f"'{form}': which president is addressed is unknown (no President of Russia of this date speaks or is named here)")
        return None

    def _russian_president(self) -> str | None:
        """The President of Russia of the document's date when he speaks or is named here; else a speaker with that role."""
        president = office(PRESIDENT_OF_RUSSIA)
        pid = self.registry.find(president.holder_on(self.doc.date) or "") if president else None
        if pid and (pid in self.known or pid in self.speakers):
            return pid
        return next((s for s, t in zip(self.speakers, self.doc.turns, strict=True) if s and t.role and PRESIDENT_ROLE.match(t.role)), None)

    # ------------------------------------------------------------ surnames

    def surname(self, surname: str, line: int, form: str, *, initial: str | None = None, courtesy: str | None = None,
                report_unknown: bool = False) -> str | None:
        """The person a surname names here: one of this document, else the one of the registry that fits."""
        here = self._fitting(self.by_surname.get(fold(surname), ()), initial, courtesy)
        if len(here) == 1:
            return here[0]
        if len(here) > 1:
            self._problem(line, "ambiguous-name",
                          f"'{form}' could be {', '.join(here)}: give the full name in an annotation or the people file")
            return None
        anywhere = self._fitting(self.registry.with_surname(surname), initial, courtesy)
        if len(anywhere) > 1:
            in_office = [pid for pid in anywhere if pid in self.office_holders]
            if len(in_office) == 1:
                return in_office[0]
            self._problem(line, "ambiguous-name", f"'{form}' could be {', '.join(anywhere)}: add the right one to the people file")
            return None
        if anywhere:
            return anywhere[0]
        if report_unknown:
            self._problem(line, "unresolved-name", f"'{form}': no person with the surname {surname} is known; add them to {PEOPLE_FILE}")
        return None

    def _fitting(self, pids: Iterable[str], initial: str | None, courtesy: str | None) -> list[str]:
        """The people whose given name fits the initial, and who a ``Mr`` (or ``Ms``) may address."""
        out = []
        for pid in sorted(pids):
            given = self.registry.people[pid].given
            if initial and not fold(given).startswith(fold(initial)):
                continue
            if courtesy in ("Mr", "Mister") and given in female_given_names():
                continue
            out.append(pid)
        if courtesy in WOMEN_TITLES:
            women = [pid for pid in out if self.registry.people[pid].given in female_given_names()]
            out = women or out
        return out

    # ------------------------------------------------------------ problems

    def _notice_variant(self, name: str, line: int) -> None:
        key = name_key(name)
        if key in self.registry.variants and key not in self.noticed:
            self.noticed.add(key)
            right = self.registry.variants[key]
            self.problems.append(Problem(self.doc.source.file, line, "name-variant",
                                         f"'{name}' was read as {right} (a misspelling of the given name?); if they are two people,"
                                         f" give both in {PEOPLE_FILE}", "notice"))

    def _problem(self, line: int, code: str, message: str, severity: str = "warning") -> None:
        self.problems.append(Problem(self.doc.source.file, line, code, message, severity))


def _heads_a_state(role: str) -> bool:
    return bool(HEAD_OF_STATE.match(role)) and not ORGANISATION.search(role)


def _widen_over_marks(start: int, end: int, paragraph: Paragraph) -> tuple[int, int]:
    """A mention's span, widened to hold whole any editorial insertion it cuts (``[Foreign Minister Sergei] Lavrov``)."""
    for mark in paragraph.marks:
        if mark.start < end and start < mark.end and not (start <= mark.start and mark.end <= end):
            start, end = min(start, mark.start), max(end, mark.end)
    return start, end
