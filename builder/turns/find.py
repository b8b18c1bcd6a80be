"""The turns stage: speaker labels found in any profile's cleaned body, and the document's kind.

Detection runs on every shape: a label the source's markup marks (``Line.label``,
from an HTML page's bold) is trusted; any other line is read with the label
grammar of ``labels``. Whether a document is a transcript is then decided from
its text (labels of speakers, repeated); a sidecar's ``kind:`` wins over both.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..labels import STRONG, WEAK, Label, read_label, read_marked_label
from ..model import Line, Paragraph, Turn
from .parse import editorial_marks

# A separator between parts of a transcript.
SEPARATOR = re.compile(r"^(?:\*\s*){3}$")
# Labelled turns from which a document is a transcript.
TRANSCRIPT_LABELS = 2
# Label lines, one-word labels said more than once included, from which those are labels too.
REPEATED_LABELS = 4


@dataclass
class _Open:
    """The turn being gathered."""

    line: int
    label: Label | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class _Turns:
    """The turns gathered so far, the one being gathered, and the paragraphs numbered through the document."""

    turns: list[Turn] = field(default_factory=list)
    current: _Open | None = None
    paragraphs: int = 0

    def open(self, line: int, label: Label | None = None) -> None:
        """A new turn starts at ``line`` (after the one being gathered closes)."""
        self.close()
        self.current = _Open(line, label)

    def add(self, line: int, text: str) -> None:
        """A paragraph of the turn being gathered; text before any turn opens one of narration."""
        if self.current is None:
            self.current = _Open(line)
        self.paragraphs += 1
        self.current.paragraphs.append(Paragraph(f"p{self.paragraphs}", line, text, editorial_marks(text)))

    def close(self) -> None:
        """The turn being gathered is done: kept when it has words or a label."""
        current, self.current = self.current, None
        if current is not None and (current.paragraphs or current.label):
            label = current.label
            self.turns.append(Turn(len(self.turns) + 1, current.line, label.label if label else None, label.name if label else None,
                                   label.role if label else None, tuple(current.paragraphs)))


def find_turns(body: tuple[Line, ...]) -> tuple[Turn, ...]:
    """The body as turns: a label opens one; text before any label is narration."""
    gathered = _Turns()
    for line, label in zip(body, speaker_labels(body), strict=True):
        separator = label is None and SEPARATOR.match(line.text) is not None  # "* * *": a narration turn of its own
        if label is not None:
            gathered.open(line.number, label)
            if not label.rest:
                continue  # the turn's words are on the next lines
        elif separator:
            gathered.close()
        gathered.add(line.number, label.rest if label is not None and label.rest else line.text)
        if separator:
            gathered.close()
    gathered.close()
    return tuple(gathered.turns)


def speaker_labels(body: tuple[Line, ...]) -> list[Label | None]:
    """The label each line opens with, or None.

    A weak label (one name word: ``Putin:``, ``President Putin:``) is a label only when
    a named speaker of the same document has that name word (``Vladimir Putin:``).
    """
    found = [read_marked_label(line) if line.label else read_label(line.text) for line in body]
    known = {word.casefold() for label in found if label and label.name and label.strength != WEAK for word in label.name.split()}
    weak = Counter(label.label for label in found if label and label.strength == WEAK)
    strong = sum(1 for label in found if label and label.strength == STRONG)
    repeated = sum(n for n in weak.values() if n > 1)
    if strong >= TRANSCRIPT_LABELS or strong + repeated >= REPEATED_LABELS:
        # In a transcript, a one-word label said more than once is a speaker too ("Alina:" twice; "PUTIN:", "BUSH:" throughout).
        known |= {label.name.casefold() for label in found if label and label.name and weak[label.label] > 1}
    return [label if label is None or label.strength != WEAK or (label.name or "").casefold() in known else None for label in found]


def kind_of(turns: tuple[Turn, ...], fallback: str) -> str:
    """``transcript`` when speakers' labels open turns more than once, else the profile's kind."""
    labelled = sum(1 for turn in turns if turn.label)
    return "transcript" if labelled >= TRANSCRIPT_LABELS else fallback
