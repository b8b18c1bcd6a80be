"""What the templates show, made here so that a template only loops and escapes.

A person's page is a ``PersonView``: their turns, mentions, documents, roles and
the people they appeared with, gathered once for the whole corpus
(``person_views``) and split into pages (``pages``). A document's People list is
its ``DocumentPerson`` rows, its Annotations list its ``ShownNote`` rows, and the glossary page its ``GlossaryEntry`` rows. The
indexes group documents by year, month and topic and people by the first letter of
the surname.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby

from ..annotate.glossary import Term
from ..model import Document, Note, Paragraph, Person, Turn
from ..names import surname_of
from ..people import Membership, RoleIndex, latest, memberships
from . import pages
from .figures import words_by_speaker


@dataclass(frozen=True)
class TurnRef:
    doc: Document
    turn: Turn
    words: int

    @property
    def first(self) -> str | None:
        """The id of the turn's first numbered paragraph (``None``: it has none, and is linked by its number)."""
        ids = self._ids()
        return ids[0] if ids else None

    @property
    def last(self) -> str | None:
        """The id of the turn's last numbered paragraph, when it has more than one."""
        ids = self._ids()
        return ids[-1] if len(ids) > 1 else None

    @property
    def anchor(self) -> str:
        """What a link to the turn points at: its first numbered paragraph, else its heading (``t5``)."""
        return self.first or f"t{self.turn.number}"

    def _ids(self) -> list[str]:
        return [p.id for p in self.turn.paragraphs if p.id]


@dataclass(frozen=True)
class MentionRef:
    """A paragraph that names a person: the page links it, the document says the rest."""

    doc: Document
    paragraph: Paragraph


# The documents a role's row links; the others stating it are counted.
ROLE_DOCUMENTS = 3


@dataclass(frozen=True)
class RoleRow:
    """One role of a person as their page lists it: the curated dates it was held, the dates the documents were seen stating it."""

    membership: Membership

    @property
    def title(self) -> str:
        return self.membership.title

    @property
    def wordings(self) -> tuple[str, ...]:
        """The other titles the sources give it."""
        return self.membership.wordings

    @property
    def held(self) -> str:
        """The people file's dates: '2022-07-15 to 2025-02-06', 'from 2012-05-07', 'until 2025-02-06' ('' if it gives none)."""
        return "; ".join(_tenure(start, end) for start, end in self.membership.held if start or end)

    @property
    def first_seen(self) -> str:
        return self.membership.first_seen or ""

    @property
    def last_seen(self) -> str:
        return self.membership.last_seen or ""

    @property
    def documents(self) -> tuple[str, ...]:
        """The documents the row links, oldest first."""
        return self.membership.documents[:ROLE_DOCUMENTS]

    @property
    def more(self) -> int:
        """The documents stating it besides those linked."""
        return len(self.membership.documents) - len(self.documents)

    @property
    def sources(self) -> str:
        return ", ".join(self.membership.sources)


def _tenure(start: str | None, end: str | None) -> str:
    return f"{start} to {end}" if start and end else f"from {start}" if start else f"until {end}"


def role_rows(person: Person) -> list[RoleRow]:
    """A person's roles, one row a role (``memberships``), so a role stated in a thousand documents, in any wording, is one row."""
    return [RoleRow(m) for m in memberships(person)]


@dataclass(frozen=True)
class PageLink:
    """One entry of a long record's pager: a page's number and file, and whether it is the page shown."""

    number: int
    file: str
    current: bool


@dataclass
class PersonView:
    person: Person
    turns: list[TurnRef] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    companions: list[tuple[Person, int]] = field(default_factory=list)
    page: int = 1  # a long record is split: this page shows the turns and mentions numbered from (page - 1) * PAGE_SIZE

    words: int = 0  # words spoken in all their turns (set once the turns are gathered)

    @property
    def roles(self) -> list[RoleRow]:
        return role_rows(self.person)

    @property
    def latest_role(self) -> str | None:
        """The title of the role they held or were seen in last (None: no role is known)."""
        found = latest(memberships(self.person))
        return found.title if found else None

    @property
    def turn_count(self) -> int:
        return len(self.turns)

    @property
    def mention_count(self) -> int:
        return len(self.mentions)

    @property
    def document_count(self) -> int:
        return len(self.documents)

    @property
    def page_window(self) -> list[int | None]:
        """The page numbers the pager links: the first, the last and the three either side of this one (None: a gap)."""
        near = [n for n in range(1, self.pages + 1) if n in (1, self.pages) or abs(n - self.page) <= 3]
        out: list[int | None] = []
        for n in near:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out

    @property
    def page_links(self) -> list[PageLink | None]:
        """The pager: ``page_window``, each page with its file (None: a gap)."""
        return [None if n is None else PageLink(n, pages.person_page(self.person.id, n), n == self.page) for n in self.page_window]

    @property
    def pages(self) -> int:
        return pages.page_count(max(len(self.turns), len(self.mentions)))

    @property
    def shown_turns(self) -> list[tuple[Document, list[TurnRef]]]:
        """This page's turns, under their documents (a document is named once, not once a turn)."""
        return _by_document(pages.page_of(self.turns, self.page))

    @property
    def shown_mentions(self) -> list[tuple[Document, list[str]]]:
        """This page's mentions under their documents: the ids of the paragraphs that name them, each once."""
        return [(doc, list(dict.fromkeys(ref.paragraph.id for ref in refs)))
                for doc, refs in _by_document(pages.page_of(self.mentions, self.page))]


def _by_document(refs: list) -> list[tuple[Document, list]]:
    """``refs`` (turns or mentions, in document order) in runs of one document each."""
    return [(group[0].doc, group) for group in (list(g) for _, g in groupby(refs, key=lambda ref: ref.doc.id))]


def snippet(text: str, start: int, end: int, width: int = 80) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def person_views(documents: Sequence[Document], people: dict[str, Person]) -> dict[str, PersonView]:
    """Every person's record, their turns and mentions in the order of ``documents``."""
    views = {pid: PersonView(p) for pid, p in people.items()}
    for doc in documents:
        for turn in doc.turns:
            if turn.speaker:
                views[turn.speaker].turns.append(TurnRef(doc, turn, turn.words))
            for p in turn.paragraphs:
                for m in p.mentions:
                    views[m.person].mentions.append(MentionRef(doc, p))
        for pid in doc.people:
            views[pid].documents.append(doc)
    for pid, view in views.items():
        view.words = sum(t.words for t in view.turns)
        together = Counter(other for doc in view.documents for other in doc.people if other != pid)
        view.companions = [(people[o], n) for o, n in sorted(together.items(), key=lambda kv: (-kv[1], people[kv[0]].name))]
    return views


def listed(views: dict[str, PersonView]) -> list[PersonView]:
    """The people who are in a document, by surname: those with a page."""
    shown = [v for v in views.values() if v.documents]
    return sorted(shown, key=lambda v: (surname_of(v.person.name).casefold(), v.person.name.casefold()))


@dataclass(frozen=True)
class DocumentPerson:
    """One person of a document's People list."""

    person: Person
    roles: tuple[str, ...]  # the roles the document states for them, one wording a role
    words: int | None  # the words they spoke in it (None: they did not speak)


def document_people(doc: Document, people: dict[str, Person], roles: RoleIndex) -> list[DocumentPerson]:
    spoken = dict(words_by_speaker(doc))
    return [DocumentPerson(people[pid], roles.titles_in(doc.id, pid), spoken.get(pid)) for pid in doc.people]


@dataclass(frozen=True)
class ShownNote:
    """A note of the Annotations list: the note, and the words of the text it is anchored to (not its quote as written)."""

    note: Note
    words: str


def shown_notes(doc: Document) -> list[ShownNote]:
    """The document's anchored notes, in text order; an orphan is the maintainers' to fix (reported), never shown to readers."""
    texts = {p.id: p.text for _, p in doc.paragraphs()}
    return [ShownNote(n, texts[n.paragraph][n.start : n.end]) for n in doc.notes if n.paragraph in texts]


def by_year(documents: Sequence[Document]) -> list[tuple[str, list[Document]]]:
    """The documents by year, newest first (``undated`` last of all)."""
    years: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        years[doc.date[:4] if doc.date else "undated"].append(doc)
    return sorted(years.items(), reverse=True)


def by_month(documents: Sequence[Document]) -> list[tuple[str, list[Document]]]:
    """The documents by month (``YYYY-MM-01``; "" for the undated), newest first."""
    months: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        months[doc.date[:7] + "-01" if doc.date else ""].append(doc)
    return sorted(months.items(), reverse=True)


@dataclass(frozen=True)
class TopicEntry:
    """A topic as its pages list it: its documents (newest first), how many, and the dates they span."""

    topic: str
    documents: list[Document]

    @property
    def count(self) -> int:
        return len(self.documents)

    @property
    def span(self) -> str:
        return date_span(self.documents)


def by_topic(documents: Sequence[Document]) -> list[TopicEntry]:
    """Each topic and its documents, topics in order."""
    topics: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        for topic in doc.topics:
            topics[topic].append(doc)
    return [TopicEntry(topic, docs) for topic, docs in sorted(topics.items())]


def date_span(documents: Sequence[Document]) -> str:
    """The dates documents span, oldest to newest: '2025-03-31 to 2025-06-04', one date, or '' if none is dated."""
    dates = sorted(d.date for d in documents if d.date)
    return "" if not dates else dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def by_letter(views: list[PersonView]) -> list[tuple[str, list[PersonView]]]:
    """People by the first letter of the surname; a surname not starting with a letter of A to Z is under ``#``, last."""
    letters: dict[str, list[PersonView]] = defaultdict(list)
    for view in views:
        initial = surname_of(view.person.name)[:1].upper()
        letters[initial if initial.isascii() and initial.isalpha() else "#"].append(view)
    return sorted(letters.items(), key=lambda kv: (kv[0] == "#", kv[0]))


@dataclass(frozen=True)
class GlossaryEntry:
    """One entry of the glossary page."""

    term: Term
    also: tuple[str, ...] | None  # the forms it is written in besides its name (None: it has one form)
    uses: list[tuple[Document, int]]  # the documents that name it, and how often


def glossary_entries(terms: Sequence[Term], documents: Sequence[Document]) -> list[GlossaryEntry]:
    """The glossary's entries by name, each with the documents that name it."""
    uses: dict[str, list[tuple[Document, int]]] = defaultdict(list)
    for doc in documents:
        counts = Counter(t.term for _, p in doc.paragraphs() for t in p.terms)
        for term_id, n in sorted(counts.items()):
            uses[term_id].append((doc, n))
    return [GlossaryEntry(term, tuple(f for f in term.forms if f != term.name) if len(term.forms) > 1 else None, uses[term.id])
            for term in sorted(terms, key=lambda t: t.name.casefold())]
