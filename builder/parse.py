"""Stage 4, parse: cleaned body lines into turns and numbered paragraphs.

A speaker label opens a turn: ``Role Given Surname:`` at the start of a line,
alone on its line or followed by the first words of the turn. Colons in times
(``10:33 p.m.``) and in running prose (``lost their lives: the``) are not labels,
because a label's words are only capitalised words, dashes and a few small
connecting words, and it ends with a name or a known generic speaker.
"""

from __future__ import annotations

import re

from .model import Cleaned, Document, Line, Mark, Paragraph, Source, Turn
from .names import COURTESY, is_given_name, slug

_CONNECTOR = r"(?:of|the|for|and|on|in|at|to|de|da|del|der|van|von|al|bin|ibn|le|la|under|with|upon)"
# (Its alternatives never match the same text: overlapping ones backtrack exponentially on a line of capitals.)
_CAP_WORD = r"(?:[A-Z][\w’'.\-]*|\d+(?:st|nd|rd|th))"
# A speaker label at the start of a line, then ':' and the first words (or nothing).
SPEAKER_LABEL = re.compile(
    rf"^(?P<label>{_CAP_WORD},?(?: (?:{_CAP_WORD},?|{_CONNECTOR}|[–—-]))*"
    rf"(?: \((?P<note>[^()]{{1,40}})\))?)"
    rf":(?: +(?P<rest>\S.*))?$"
)
# A long label whose role has lowercase words ("Moderator of the plenary session, ... Fyodor Lukyanov:").
LOOSE_LABEL = re.compile(r"^(?P<label>[A-Z][^.:;!?()\[\]<>\"“”]{0,200}?(?: \((?P<note>[^()]{1,40})\))?):(?: +(?P<rest>\S.*))?$")
# Words that show a stretch of prose, not a role: pronouns and common verbs.
PROSE_WORD = frozenset(
    "i we you he she it they me us him her them my our your his their this that these those is are was were be been "
    "am has have had do does did said says say will would can could should must may might not no as if when what which "
    "who whom why how because about turned told asked".split()
)
# Generic speakers whose label names no one ("Question:", "Moderator:").
GENERIC_SPEAKER = re.compile(
    r"^(?:Question|Answer|Reply|Response|Remark|Remarks|Comment|Moderator|Interpreter|Voice|Voices"
    r"|Voice from the audience|Participant|Audience|Journalist|Correspondent|Host|Presenter|Anchor"
    r"|Speaker)(?: \d+)?$"
)
# Words that end a label but are no one's name ("Mr President:", "Deputy Prime Minister:").
NOT_A_NAME = frozenset({
    *COURTESY, "President", "Minister", "Chairman", "Chairwoman", "Governor", "Director", "General",
    "Colleagues", "Friends", "Region", "Federation", "Russia", "Committee", "Council", "Government",
    "Ministry", "Board", "Prosecutor", "Mayor", "Secretary", "Aide", "Head", "Deputy", "Ambassador",
    "Note", "Notes", "First", "Second", "Third", "Finally", "Next", "Today", "Yesterday", "Example",
})
# A separator between parts of a transcript.
SEPARATOR = re.compile(r"^(?:\*\s*){3}$")
# An editorial insertion of the source: "[with the fallen debris of a bridge]".
INSERTION = re.compile(r"\[[^\[\]\n]{1,300}\]")
# An editorial elision of the source: "<…>", "<...>", "[…]".
ELISION = re.compile(r"<(?:…|\.\.\.)>|\[(?:…|\.\.\.)\]")


def parse_label(text: str) -> tuple[str, str | None, str | None, str | None] | None:
    """``(label, name, role, rest)`` when a line opens with a speaker label, else ``None``.

    A label is either made of capitalised words and small connecting words only, or,
    when its role has other lowercase words, ends with a known given name and a surname
    and holds no pronoun or common verb.
    """
    m = SPEAKER_LABEL.match(text)
    if not m:
        m = LOOSE_LABEL.match(text)
        if not m or not _loose_label_is_a_role(m["label"]):
            return None
    label = m["label"]
    head = label[: label.rfind(" (")] if m["note"] else label
    if GENERIC_SPEAKER.match(head):
        note = m["note"] or ""
        named = note.split() if len(note.split()) in (2, 3) and all(w[0].isupper() for w in note.split()) else None
        return label, " ".join(named) if named else None, head if named else None, m["rest"]
    words = head.replace(",", "").split()
    if len(words) < 2 or len(words) > 30:
        return None
    name_words = _name_words(words)
    if not name_words:
        return None
    role = " ".join(head.split()[: len(head.split()) - len(name_words)]).rstrip(" ,–—-") or None
    return label, " ".join(name_words), role, m["rest"]


def _loose_label_is_a_role(label: str) -> bool:
    words = label.split(" (")[0].replace(",", "").split()
    return (
        3 <= len(words) <= 25
        and not any(w.casefold() in PROSE_WORD for w in words)
        and is_given_name(words[-2])
        and words[-1][:1].isupper()
    )


def _name_words(words: list[str]) -> list[str] | None:
    """The person's name at the end of a label: 'Given Surname', or three words when known."""
    last, before = words[-1], words[-2]
    if last in NOT_A_NAME or before in NOT_A_NAME or not last[0].isupper() or not before[0].isupper():
        return None
    if len(words) >= 3 and is_given_name(words[-3]) and words[-3] not in NOT_A_NAME:
        return words[-3:]
    if before.isupper() or last.isupper():
        return None
    return words[-2:]


def editorial_marks(text: str) -> tuple[Mark, ...]:
    """The source's own editorial marks in a paragraph, by position."""
    marks = [Mark("insertion", m.start(), m.end()) for m in INSERTION.finditer(text) if not ELISION.fullmatch(m.group())]
    marks += [Mark("elision", m.start(), m.end()) for m in ELISION.finditer(text)]
    return tuple(sorted(marks, key=lambda k: k.start))


def parse_turns(cleaned: Cleaned) -> tuple[Turn, ...]:
    """The body as turns; an article or plain text is one narration turn."""
    find_labels = cleaned.kind == "transcript"
    turns: list[Turn] = []
    current: dict | None = None
    counter = 0

    def open_turn(line: Line, label=None, name=None, role=None):
        nonlocal current
        close_turn()
        current = {"line": line.number, "label": label, "name": name, "role": role, "paragraphs": []}

    def close_turn():
        if current is not None and (current["paragraphs"] or current["label"]):
            turns.append(Turn(len(turns) + 1, current["line"], current["label"], current["name"], current["role"], tuple(current["paragraphs"])))

    def add_paragraph(line: Line, text: str):
        nonlocal counter
        if current is None:
            open_turn(line)
        counter += 1
        current["paragraphs"].append(Paragraph(f"p{counter}", line.number, text, editorial_marks(text)))

    for line in cleaned.body:
        found = parse_label(line.text) if find_labels else None
        if found:
            label, name, role, rest = found
            open_turn(line, label, name, role)
            if rest:
                add_paragraph(line, rest)
        elif find_labels and SEPARATOR.match(line.text):
            open_turn(line)
            add_paragraph(line, line.text)
            open_turn(line)
        else:
            add_paragraph(line, line.text)
    close_turn()
    return tuple(turns)


# Longest document id, in characters (ids are file names and URLs).
ID_LENGTH = 80


def parse_document(seed, cleaned: Cleaned, overrides: dict) -> Document:
    """The whole document: metadata (a sidecar's fields win), turns and provenance."""
    meta = {
        "title": cleaned.title, "date": cleaned.date, "time": cleaned.time, "place": cleaned.place,
        "url": cleaned.url, "topics": list(cleaned.topics), "kind": cleaned.kind,
    }
    meta.update(overrides)
    title = meta["title"] or seed.name
    return Document(
        id=document_id(meta["date"], title),
        kind=meta["kind"],
        title=title,
        date=meta["date"],
        time=meta["time"],
        place=meta["place"],
        lead=cleaned.lead,
        source=Source(seed.name, seed.sha256, meta["url"], cleaned.publisher, seed.encoding),
        topics=tuple(meta["topics"]),
        turns=parse_turns(cleaned),
        profile=cleaned.profile,
        removed=cleaned.removed,
        tooltips=cleaned.tooltips,
    )


def document_id(date: str | None, title: str) -> str:
    """A stable slug: the date, then the title's words, cut at a word."""
    base = f"{slug(date or '') or 'undated'}-{slug(title) or 'untitled'}"
    if len(base) > ID_LENGTH:
        base = base[:ID_LENGTH].rsplit("-", 1)[0]
    return base
