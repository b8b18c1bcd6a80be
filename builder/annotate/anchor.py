"""The annotate stage: notes anchored to the passages they quote, and automatic annotations.

A maintainer's note (in the seed's sidecar) targets its passage as a W3C
``TextQuoteSelector``: ``exact``, with optional ``prefix`` and ``suffix``. The
passage is found in a fixed order, each step tried only when the one before
found nothing:

1. ``exact`` as written, inside one paragraph: one place anchors there; several
   places are told apart by how well ``prefix``/``suffix`` match around each;
2. fuzzy: the passage of one paragraph closest to ``exact`` (rapidfuzz: a
   fixed-width alignment finds where it may be, then its edges move to the word
   boundaries that match best), when it scores at least ``FUZZY_CUTOFF`` and no
   other place scores about as well. This re-anchors a quote whose words the
   cleaner (or a new scrape) shifted a little.

A note found nowhere, or in several places that nothing tells apart, is an
orphan: kept on the document, unanchored (its data says so), reported as a
warning naming the note, and never shown to readers: the page lists only the
notes that anchored, with the words each landed on. A note anchored by fuzzy match is reported as a notice, so
that its quote is brought up to date before the text drifts further. The build
also adds automatic annotations: the role a person held in this document on
each mention of them, and the glossary's entry on each name of an organisation.

What anchoring gives a document depends on it (as resolved), the glossary and the
roles it marks (``marked_roles``) alone: with a memo (``cache.Memo``), a rebuild that
meets them again applies what it gave last time (``Annotator``, ``Anchored``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from rapidfuzz import fuzz

from ..cache import Memo, keyed, replayed
from ..ingest.sidecar import Sidecar
from ..model import Document, MentionRole, Note, Paragraph, Person, Problem, TermUse
from ..people import RoleIndex
from .glossary import Term, find_terms, term_pattern

T = TypeVar("T", MentionRole, TermUse)

# Fields a note may have, and whether each is required.
NOTE_FIELDS = {"id": True, "exact": True, "body": True, "prefix": False, "suffix": False, "tags": False, "author": False}
# Lowest rapidfuzz score (0-100) at which a quote that is not found as written still anchors.
FUZZY_CUTOFF = 75.0
# Lowest score of the first, fixed-width search for where such a quote may be (its edges are then refined).
CANDIDATE_CUTOFF = 60.0
# Quotes shorter than this are anchored as written only: a short quote matches too much fuzzily.
FUZZY_MIN_LENGTH = 12
# Two places whose scores differ by less than this are a tie: the quote is ambiguous there.
TIE_MARGIN = 3.0
# Edges a fuzzy passage may snap to: of a run of non-space, or of a word inside it ("GLONASS" in "GLONASS.").
WORD = re.compile(r"\S+")
WORD_CORE = re.compile(r"\w+")
# What separates paragraphs in the text a prefix or suffix is read from.
PARAGRAPH_BREAK = "\n"


# ---------------------------------------------------------------- read


def read_notes(sidecar: Sidecar) -> tuple[tuple[Note, ...], list[Problem]]:
    """The sidecar's ``annotations`` as unanchored notes; a bad entry is reported and skipped."""
    notes: list[Note] = []
    problems: list[Problem] = []
    for n, entry in enumerate(sidecar.notes):
        note, entry_problems = _note(entry.written, n + 1, sidecar.path, entry.line, {a.id for a in notes})
        problems += entry_problems
        if note is not None:
            notes.append(note)
    return tuple(notes), problems


def _note(entry: object, number: int, file: str, line: int, taken: set[str]) -> tuple[Note | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(file, line, "annotation", f"annotation {number} is not a mapping ('- id: ... exact: ... body: ...'); it was "
                                                        "skipped")]
    name: str = entry["id"] if isinstance(entry.get("id"), str) and entry["id"].strip() else f"note-{number}"
    problems = [Problem(file, line, "annotation", f"annotation '{name}': unknown field '{key}' (known: {', '.join(NOTE_FIELDS)}); it was "
                                                  "ignored")
                for key in entry if key not in NOTE_FIELDS]
    missing = [key for key, required in NOTE_FIELDS.items() if required and not (isinstance(entry.get(key), str) and entry[key].strip())]
    if "id" in missing:
        problems.append(Problem(file, line, "annotation", f"annotation {number} has no 'id': it is called '{name}' until it has one"))
        missing.remove("id")
    if missing:
        return None, [*problems, Problem(file, line, "annotation", f"annotation '{name}' has no {' or '.join(repr(k) for k in missing)}; "
                                                                   "it was skipped")]
    if name in taken:
        problems.append(Problem(file, line, "annotation", f"annotation id '{name}' is used twice in this file; this one is "
                                                          f"'{name}-{number}'"))
        name = f"{name}-{number}"
    optional = {key: entry.get(key) for key in ("prefix", "suffix", "author")}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            problems.append(Problem(file, line, "annotation", f"annotation '{name}': '{key}' must be text; it was ignored"))
            optional[key] = None
    tags = entry.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list):
        problems.append(Problem(file, line, "annotation", f"annotation '{name}': 'tags' must be a list; it was ignored"))
        tags = []
    note = Note(id=name, exact=entry["exact"], body=entry["body"].strip(), prefix=optional["prefix"] or None,
                      suffix=optional["suffix"] or None, tags=tuple(str(t) for t in tags), author=optional["author"], line=line)
    return note, problems


# ---------------------------------------------------------------- anchor


@dataclass(frozen=True)
class Place:
    """Where a quote may be: a paragraph, offsets in it, and how well it matched."""

    paragraph: int  # index into the document's paragraphs
    start: int
    end: int
    score: float = 100.0  # the quote's match (100: as written)
    context: float = 0.0  # the prefix's and suffix's match around it


@dataclass(frozen=True)
class Passage:
    """The document's paragraphs as one text, so a prefix may reach into the paragraph before."""

    paragraphs: tuple[Paragraph, ...]
    text: str
    offsets: tuple[int, ...]  # where each paragraph starts in ``text``

    @classmethod
    def of(cls, paragraphs: tuple[Paragraph, ...]) -> Passage:
        offsets, at = [], 0
        for p in paragraphs:
            offsets.append(at)
            at += len(p.text) + len(PARAGRAPH_BREAK)
        return cls(paragraphs, PARAGRAPH_BREAK.join(p.text for p in paragraphs), tuple(offsets))


def locate(note: Note, passage: Passage) -> tuple[Place | None, str, list[Place]]:
    """Where ``note`` anchors: ``(place, how, candidates)``; place None when it is an orphan."""
    places = _exact_places(note.exact, passage)
    how = "exact"
    if not places and len(note.exact.strip()) >= FUZZY_MIN_LENGTH:
        places, how = _fuzzy_places(note.exact, passage), "fuzzy"
    if not places:
        return None, "missing", []
    places = [replace(p, context=_context_score(note, p, passage)) for p in places]
    ranked = sorted(places, key=lambda p: (-p.score, -p.context, p.paragraph, p.start))
    if len(ranked) == 1:
        return ranked[0], how, ranked
    best, second = ranked[0], ranked[1]
    if best.score - second.score >= TIE_MARGIN:
        return best, how, ranked
    rival = max(p.context for p in ranked[1:] if best.score - p.score < TIE_MARGIN)
    if (note.prefix or note.suffix) and best.context - rival >= TIE_MARGIN:
        return best, "context" if how == "exact" else how, ranked
    return None, "ambiguous", ranked


def _exact_places(exact: str, passage: Passage) -> list[Place]:
    places = []
    for index, paragraph in enumerate(passage.paragraphs):
        at = paragraph.text.find(exact)
        while at != -1:
            places.append(Place(index, at, at + len(exact)))
            at = paragraph.text.find(exact, at + 1)
    return places


def _fuzzy_places(exact: str, passage: Passage) -> list[Place]:
    places = []
    for index, paragraph in enumerate(passage.paragraphs):
        found = fuzz.partial_ratio_alignment(exact, paragraph.text, score_cutoff=CANDIDATE_CUTOFF)
        if found is None:
            continue
        start, end = (found.dest_start, found.dest_end) if len(exact) <= len(paragraph.text) else (0, len(paragraph.text))
        start, end, score = _snap(exact, paragraph.text, start, end)
        if score >= FUZZY_CUTOFF:
            places.append(Place(index, start, end, score))
    return places


def _snap(exact: str, text: str, start: int, end: int) -> tuple[int, int, float]:
    """The word-bounded passage near ``text[start:end]`` that best matches ``exact``, and its score."""
    slack = 12 + len(exact) * 2 // 3  # words inserted or dropped move the edges this far
    words = sorted({(m.start(), m.end()) for pattern in (WORD, WORD_CORE) for m in pattern.finditer(text)})
    starts = [s for s, _ in words if abs(s - start) <= slack] or [min((s for s, _ in words), key=lambda s: abs(s - start))]
    ends = [e for _, e in words if abs(e - end) <= slack] or [min((e for _, e in words), key=lambda e: abs(e - end))]
    best = (start, end, 0.0)
    for s in starts:
        for e in ends:
            if e > s:
                score = fuzz.ratio(exact, text[s:e])
                if score > best[2]:
                    best = (s, e, score)
    return best


def _context_score(note: Note, place: Place, passage: Passage) -> float:
    """How well the text around ``place`` matches the note's prefix and suffix (0-100; 0 without them)."""
    at = passage.offsets[place.paragraph]
    scores = []
    if note.prefix:
        before = passage.text[max(0, at + place.start - len(note.prefix)) : at + place.start]
        scores.append(fuzz.ratio(note.prefix, before))
    if note.suffix:
        after = passage.text[at + place.end : at + place.end + len(note.suffix)]
        scores.append(fuzz.ratio(note.suffix, after))
    return sum(scores) / len(scores) if scores else 0.0


def anchor(doc: Document, people: dict[str, Person], terms: tuple[Term, ...] = (),
           index: RoleIndex | None = None) -> tuple[Document, list[Problem]]:
    """The document with its notes anchored, and roles and glossary terms marked on its paragraphs.

    ``index``: ``RoleIndex(people)``, made once for a whole corpus.
    """
    passage = Passage.of(tuple(p for _, p in doc.paragraphs()))
    problems: list[Problem] = []
    notes: list[Note] = []
    for note in doc.notes:
        place, how, candidates = locate(note, passage)
        if place is None:
            problems.append(_orphan(doc, note, how, candidates, passage))
            notes.append(replace(note, paragraph=None, anchored=None))
            continue
        paragraph = passage.paragraphs[place.paragraph]
        if how == "fuzzy":
            problems.append(_drifted(doc, note, paragraph, place))
        notes.append(replace(note, paragraph=paragraph.id, start=place.start, end=place.end, anchored=how, score=round(place.score, 1)))
    by_paragraph: dict[str, list[Note]] = {}
    for note in notes:
        if note.paragraph:
            by_paragraph.setdefault(note.paragraph, []).append(note)
    pattern = term_pattern(terms)
    roles = marked_roles(doc, people, index or RoleIndex.of(doc, people))
    turns = []
    for turn in doc.turns:
        paragraphs = []
        for p in turn.paragraphs:
            here = tuple(sorted(by_paragraph.get(p.id, []), key=lambda a: (a.start, -a.end, a.id)))  # in text order, as its terms and roles
            found = (here, _mention_roles(p, roles), _term_uses(p, terms, pattern))
            paragraphs.append(p if found == (p.notes, p.roles, p.terms) else replace(p, notes=found[0], roles=found[1], terms=found[2]))
        same = all(new is old for new, old in zip(paragraphs, turn.paragraphs, strict=True))
        turns.append(turn if same else replace(turn, paragraphs=tuple(paragraphs)))  # most paragraphs name nothing to mark
    order: dict[str | None, int] = {p.id: n for n, p in enumerate(passage.paragraphs)}
    notes.sort(key=lambda a: (a.paragraph is None, order.get(a.paragraph, 0), a.start, a.end))
    return replace(doc, turns=tuple(turns), notes=tuple(notes)), problems


@dataclass(frozen=True)
class Anchored:
    """What ``anchor`` gave one document, as its changes: the notes, and each paragraph's notes, roles and terms where it
    changed them (by turn and paragraph number)."""

    notes: tuple[Note, ...]
    paragraphs: dict[tuple[int, int], tuple[tuple[Note, ...], tuple[MentionRole, ...], tuple[TermUse, ...]]]
    problems: tuple[Problem, ...]

    @classmethod
    def of(cls, before: Document, after: Document, problems: list[Problem]) -> Anchored:
        changed = {(t, p): (new.notes, new.roles, new.terms)
                   for t, (old_turn, new_turn) in enumerate(zip(before.turns, after.turns, strict=True)) if new_turn is not old_turn
                   for p, (old, new) in enumerate(zip(old_turn.paragraphs, new_turn.paragraphs, strict=True)) if new is not old}
        return cls(after.notes, changed, tuple(problems))

    def apply(self, doc: Document) -> tuple[Document, list[Problem]]:
        """``doc`` as ``anchor`` gives it."""
        turns = []
        for t, turn in enumerate(doc.turns):
            marked = [(p, paragraph) for p, paragraph in enumerate(turn.paragraphs) if (t, p) in self.paragraphs]
            if not marked:
                turns.append(turn)
                continue
            paragraphs = list(turn.paragraphs)
            for p, paragraph in marked:
                notes, roles, terms = self.paragraphs[t, p]
                paragraphs[p] = replace(paragraph, notes=notes, roles=roles, terms=terms)
            turns.append(replace(turn, paragraphs=tuple(paragraphs)))
        return replace(doc, turns=tuple(turns), notes=self.notes), list(self.problems)


@dataclass(frozen=True)
class Annotator:
    """``anchor`` with a memo: a document whose key (``keys``, by id: a hash of all ``anchor`` reads of it) was met last
    build gets what it got."""

    anchor: Callable[[Document], tuple[Document, list[Problem]]]
    keys: dict[str, str]
    memo: Memo

    def all(self, documents: Sequence[Document]) -> list[tuple[Document, list[Problem]]]:
        """Every document anchored, in order, with its problems: in this process, since anchoring a document costs less
        than sending its changes back from a worker (4 s against 7 at 10,000 documents)."""
        return replayed(self.memo, [keyed("anchored", self.keys[doc.id]) for doc in documents], documents, self.anchor, Anchored, jobs=1)


def marked_roles(doc: Document, people: dict[str, Person], index: RoleIndex) -> dict[str, str]:
    """The role ``anchor`` marks on the mentions of each person of ``doc`` (all it reads of the people but their ids)."""
    return {pid: role for pid in doc.people if pid in people and (role := index.role_in(doc, pid))}


def _orphan(doc: Document, note: Note, how: str, candidates: list[Place], passage: Passage) -> Problem:
    quote = note.exact if len(note.exact) <= 60 else note.exact[:57] + "..."
    if how == "ambiguous":
        ids = {passage.paragraphs[p.paragraph].id for p in candidates}
        where = ", ".join(sorted(ids, key=lambda i: int(i[1:]) if i[1:].isdigit() else 0))
        message = (f"annotation '{note.id}' is an orphan: its quote \"{quote}\" fits {len(candidates)} places (¶ {where}) "
                   "and its prefix/suffix do not choose one; add or lengthen 'prefix' or 'suffix'")
        return Problem(_sidecar_name(doc), note.line, "ambiguous-annotation", message)
    message = (f"annotation '{note.id}' is an orphan: its quote \"{quote}\" is not in the text (nor anything close); update 'exact' or "
               "remove the note")
    return Problem(_sidecar_name(doc), note.line, "orphan-annotation", message)


def _drifted(doc: Document, note: Note, paragraph: Paragraph, place: Place) -> Problem:
    """A note anchored by fuzzy match: right for now, and its quote is worth bringing up to date."""
    now = paragraph.text[place.start : place.end]
    now = now if len(now) <= 60 else now[:57] + "..."
    message = (f"annotation '{note.id}' anchored by fuzzy match (score {place.score:.0f}) in ¶ {paragraph.id}, "
               f"where the text now reads \"{now}\"; update 'exact' to it")
    return Problem(_sidecar_name(doc), note.line, "fuzzy-annotation", message, "notice")


def _sidecar_name(doc: Document) -> str:
    return doc.source.file + ".yml"


# ---------------------------------------------------------------- automatic annotations


def _in_text_order(found: list[T]) -> tuple[T, ...]:
    """By where they start, the longer first (a mention widened over an insertion may start before the one before it)."""
    return tuple(sorted(found, key=lambda a: (a.start, -a.end)))


def _mention_roles(paragraph: Paragraph, roles: dict[str, str]) -> tuple[MentionRole, ...]:
    return _in_text_order([MentionRole(m.person, roles[m.person], m.start, m.end) for m in paragraph.mentions if m.person in roles])


def _term_uses(paragraph: Paragraph, terms: tuple[Term, ...], pattern: re.Pattern[str] | None) -> tuple[TermUse, ...]:
    """Each name of a glossary entry the paragraph writes, but where it names a person."""
    if pattern is None:
        return ()
    taken = [(m.start, m.end) for m in paragraph.mentions]
    found = find_terms(paragraph.text, terms, pattern)
    return _in_text_order([TermUse(term.id, term.name, term.summary, start, end) for start, end, term in found
                           if not any(s < end and start < e for s, e in taken)])
