"""Speaker labels: the grammar of ``Role Given Surname:`` that opens a turn.

A speaker label opens a turn: ``Role Given Surname:`` at the start of a line,
alone on its line or followed by the first words of the turn. Colons in times
(``10:33 p.m.``) and in running prose (``lost their lives: the``) are not labels,
because a label's words are only capitalised words, dashes and a few small
connecting words, and it ends with a name or a known generic speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Line
from .names import COURTESY, is_given_name

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
@dataclass(frozen=True)
class Label:
    """A speaker label read off a line: as written, the person's name and role in it, the text after it."""

    label: str  # as written, without the colon
    name: str | None  # None: a generic speaker ("Question") or no one the label names
    role: str | None
    rest: str | None  # the turn's first words on the label's line


def read_marked_label(line: Line) -> Label:
    """A label the source's markup marks (``line.label``): read with the grammar, kept even where the grammar would refuse it."""
    marked = line.label or ""
    rest = line.text[len(marked):].lstrip(" :").strip() or None
    found = parse_label(f"{marked}:")
    if found is None:
        return Label(marked, None, None, rest)
    return Label(found.label, found.name, found.role, rest)


def parse_label(text: str) -> Label | None:
    """The label a line opens with, else ``None``.

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
        return Label(label, " ".join(named) if named else None, head if named else None, m["rest"])
    words = head.replace(",", "").split()
    if len(words) < 2 or len(words) > 30:
        return None
    name_words = _name_words(words)
    if not name_words:
        return None
    role = " ".join(head.split()[: len(head.split()) - len(name_words)]).rstrip(" ,–—-") or None
    return Label(label, " ".join(name_words), role, m["rest"])


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
