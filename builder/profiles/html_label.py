"""Speaker labels marked by an HTML page's bold: ``<b>Vladimir Putin:</b> Thank you``.

A line opens with a label when its first text is bold and a colon ends the label,
inside the bold or just outside it (``<b>Vladimir Putin</b>:``). Between the name
and the colon only spaces and parentheticals may stand (``<b>Viktor Orban</b>
(<i>retranslated</i>)<b>:</b>``); a bold run may spill up to five words past the
colon (``<b>Vladimir Putin: G</b>ood afternoon``); the first few words may be roman
(``Vladimir <b>Putin</b>:``). A wholly bold line is a heading, not a label, and so
is a label of lowercase words (``Meeting points:``) unless it ends in a word for a
person (``operator``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The soft hyphen: a hint where a word may break, never shown (the text dump drops it too).
SOFT_HYPHEN = "\u00ad"
# What may stand between a label's last bold word and its colon: spaces and parentheticals.
LABEL_GAP = re.compile(r"\s*(?:\([^()]*\)\s*)*")
# A parenthetical inside a label ("(retranslated)").
PARENTHETICAL = re.compile(r"\([^()]*\)")
# Roman words allowed before a label's bold ("Vladimir <b>Putin</b>:").
ROMAN_LEAD_WORDS = 3
# Bold words allowed past the colon when roman text follows.
SPILL_WORDS = 5
# Words in a label, at most.
LABEL_WORDS = 30
# Last words that make a lowercase label a person ("Interpreter", "voice from the hall").
PERSON_WORDS = frozenset(
    "operator hall audience moderator interpreter voice participant correspondent journalist reporter "
    "host presenter speaker question answer remark reply".split()
)


@dataclass(frozen=True)
class Run:
    """A stretch of a line's text and whether the page shows it bold."""

    text: str
    bold: bool


def folded(runs: list[Run]) -> tuple[str, list[bool]]:
    """The runs' text with white space folded as ``normalise_spaces`` does, and each character's boldness."""
    chars: list[tuple[str, bool]] = []
    for run in runs:
        for ch in run.text:
            if ch == SOFT_HYPHEN:
                continue
            if ch.isspace():
                if chars and chars[-1][0] != " ":
                    chars.append((" ", run.bold))
            else:
                chars.append((ch, run.bold))
    while chars and chars[-1][0] == " ":
        chars.pop()
    return "".join(c for c, _ in chars), [b for _, b in chars]


def marked_label(runs: list[Run]) -> str | None:
    """The bold speaker label a line opens with (as written, no colon), else ``None``."""
    line, bold = folded(runs)
    solid = [i for i, ch in enumerate(line) if ch != " "]
    if not solid:
        return None
    first_bold = next((i for i in solid if bold[i]), None)
    if first_bold is None or len(line[:first_bold].split()) > ROMAN_LEAD_WORDS:
        return None
    if any(not w[:1].isupper() for w in line[:first_bold].split()):
        return None
    colon = line.find(":", first_bold)
    if colon < 0:
        return None
    inside = [i for i in solid if first_bold <= i < colon]
    last_bold = max((i for i in inside if bold[i]), default=first_bold)
    if not LABEL_GAP.fullmatch(line[last_bold + 1 : colon]):
        return None
    span = PARENTHETICAL.sub(lambda m: " " * len(m.group(0)), line[first_bold:last_bold + 1])
    if any(not bold[first_bold + i] for i, ch in enumerate(span) if ch != " "):
        return None
    if not _spill_is_short(line, bold, colon):
        return None
    label = line[:colon].strip()
    words = label.split()
    if not words or not label[0].isalpha() or len(words) > LABEL_WORDS:
        return None
    if len(words) >= 2 and not any(w[:1].isupper() for w in words[1:]) and words[-1].casefold() not in PERSON_WORDS:
        return None
    return label


def _spill_is_short(line: str, bold: list[bool], colon: int) -> bool:
    """Bold past the colon is a label's spill when roman text follows within a few words."""
    end = colon + 1
    while end < len(line) and (bold[end] or line[end] == " "):
        end += 1
    if end >= len(line):
        return line[colon + 1 :].strip() == ""
    return len(line[colon + 1 : end].split()) <= SPILL_WORDS
