"""The plain data that flows between the pipeline's stages.

Every stage takes and returns these small frozen dataclasses; only ``export``
turns them into dicts and JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


def _quick_pickle(cls):
    """``cls`` (a frozen dataclass with slots) pickled as its fields' values, in order, set straight into its slots.

    The dataclass's own ``__setstate__`` looks the class's fields up again for every object
    it loads: reading a 10,000-document archive's parsed seeds back from the parse cache
    (a million and a half objects) spent most of its time there. Same state, same pickles.
    """
    slots = tuple(cls.__dict__[f.name] for f in fields(cls))  # the member descriptors, in the fields' order

    def __getstate__(self):
        return [slot.__get__(self) for slot in slots]

    def __setstate__(self, state):
        for slot, value in zip(slots, state, strict=True):
            slot.__set__(self, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls


@_quick_pickle
@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """Something wrong with an input, reported as ``path:line: message``."""

    path: str
    line: int
    code: str
    message: str
    severity: str = "warning"  # "error" | "warning" | "notice" (worth a look, not wrong: ``--strict`` lets it pass)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message} [{self.code}]"


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Seed:
    """A raw source file as read from ``seeds/``: its name, bytes' hash and text."""

    name: str
    sha256: str
    text: str
    encoding: str
    size: int
    verbatim: str = ""  # the decoded text before line ends were normalised (what the site's copy keeps)


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Line:
    """One line of a seed, with its 1-based number in the source file.

    ``label`` is set by a profile whose source marks speaker labels itself (the bold
    ``<b>Name:</b>`` of an HTML page): the label's words as written, without the colon;
    the line's text then starts with them.
    """

    number: int
    text: str
    label: str | None = None


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Removal:
    """What cleaning took out of a line, and why (the audit)."""

    line: int
    text: str
    reason: str


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Tooltip:
    """A kremlin.ru name tooltip found glued to a visible name, and the role it gives."""

    line: int
    visible: str
    given: str
    surname: str
    role: str


@_quick_pickle
@dataclass(frozen=True, kw_only=True, slots=True)
class Cleaned:
    """A seed after its profile's cleaner: body lines, metadata lines, and the audit.

    A profile states its name and kind and what it found: metadata it did not find is
    ``None``, lists it found nothing for are empty, and ``title_line`` (where a missing
    title is reported) is the first line.
    """

    profile: str
    body: tuple[Line, ...] = ()
    title: str | None = None
    lead: str | None = None
    date: str | None = None
    time: str | None = None
    place: str | None = None
    url: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()  # the names of the source's byline
    topics: tuple[str, ...] = ()
    kind: str
    removed: tuple[Removal, ...] = ()  # the audit, in line order
    tooltips: tuple[Tooltip, ...] = ()
    title_line: int = 1
    problems: tuple[Problem, ...] = ()


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Mark:
    """An editorial mark of the source inside a paragraph: ``[insertion]`` or ``<…>``."""

    kind: str  # "insertion" | "elision"
    start: int
    end: int


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Mention:
    """A person named inside a paragraph: ``text[start:end]`` names ``person``."""

    person: str
    start: int
    end: int


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Note:
    """A maintainer's note on a passage (an annotation, in the seed's sidecar), targeted by quote and anchored by the build.

    The target is a W3C ``TextQuoteSelector``: ``exact``, with ``prefix`` and ``suffix``.
    Once anchored, ``text[start:end]`` of paragraph ``paragraph`` is the passage; an
    orphan (quote gone or ambiguous) keeps ``paragraph`` None and is reported.
    """

    id: str
    exact: str
    body: str  # Markdown written by a maintainer (trusted)
    prefix: str | None = None
    suffix: str | None = None
    tags: tuple[str, ...] = ()
    author: str | None = None
    line: int = 1  # where the note starts in its sidecar
    paragraph: str | None = None
    start: int = 0
    end: int = 0
    anchored: str | None = None  # "exact" | "context" | "fuzzy"; None while unanchored
    score: float = 100.0  # how closely the anchored passage matches ``exact`` (0-100)


@_quick_pickle
@dataclass(frozen=True, slots=True)
class TermUse:
    """Where a paragraph names an organisation of the glossary: ``text[start:end]`` names entry ``term``."""

    term: str  # the glossary entry's id
    name: str  # the entry's name
    summary: str  # what the entry says it is (plain text)
    start: int
    end: int


@_quick_pickle
@dataclass(frozen=True, slots=True)
class MentionRole:
    """The role the person a mention names held in this document, on that mention: ``text[start:end]``."""

    person: str
    title: str  # the role, as the document (or the people file, on its date) states it
    start: int
    end: int


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a turn: its text, what the source marks in it, and what the build found and anchored there.

    Its notes, terms and roles are each in text order (by start, the longer first).
    """

    id: str
    line: int
    text: str
    marks: tuple[Mark, ...] = ()
    mentions: tuple[Mention, ...] = ()
    notes: tuple[Note, ...] = ()  # the maintainers' notes anchored here
    terms: tuple[TermUse, ...] = ()  # the glossary's organisations it names
    roles: tuple[MentionRole, ...] = ()  # the roles of the people it mentions


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Turn:
    """A stretch of the body said by one speaker (or narration, ``label`` None)."""

    number: int
    line: int
    label: str | None
    name: str | None
    role: str | None
    paragraphs: tuple[Paragraph, ...]
    speaker: str | None = None

    @property
    def words(self) -> int:
        """The words of the turn's paragraphs (runs of characters between white space)."""
        return sum(len(p.text.split()) for p in self.paragraphs)


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Role:
    """A role a person held, as a source stated it on a date."""

    title: str
    date: str | None
    document: str
    source: str  # "label" | "tooltip" | "curated"
    end: str | None = None


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    other_names: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    summary: str | None = None
    curated: bool = False


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Licence:
    """The terms a source's text is published under (``builder/data/licences.yml``), and the credit they ask for."""

    id: str | None  # the SPDX identifier ("CC-BY-4.0"); None: no licence is known
    name: str  # "Creative Commons Attribution 4.0 International"
    short: str  # "CC BY 4.0"; "licence unknown"
    url: str | None = None  # the licence's text
    attribution: str | None = None  # whom to credit, as the source's terms ask ("Presidential Executive Office ..., en.kremlin.ru")
    via: str = "unknown"  # where it was found: "sidecar" | "publisher" | "unknown"


# The licence of a source no sidecar and no known publisher gives one.
UNKNOWN_LICENCE = Licence(None, "Licence unknown: the text stays its author's and publisher's copyright", "licence unknown")


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Source:
    file: str
    sha256: str
    url: str | None
    publisher: str | None
    encoding: str = "utf-8"
    authors: tuple[str, ...] = ()  # the source's byline, each name as written ("Jake Epstein"); none for most pages
    licence: Licence = UNKNOWN_LICENCE


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Document:
    id: str
    kind: str  # "transcript" | "article" | "text"
    title: str
    date: str | None
    time: str | None
    place: str | None
    lead: str | None
    source: Source
    topics: tuple[str, ...]
    turns: tuple[Turn, ...]
    profile: str
    removed: tuple[Removal, ...] = ()
    tooltips: tuple[Tooltip, ...] = ()
    people: tuple[str, ...] = field(default=())
    notes: tuple[Note, ...] = ()  # the maintainers' notes: in file order, then (anchored) in text order, orphans last

    def paragraphs(self):
        for turn in self.turns:
            yield from ((turn, p) for p in turn.paragraphs)
