"""The print view of a kremlin.ru page: font pickers on top, no title, date and place last.

Shape: ``Select font ...``, ``Character spacing (Kerning) ...``, ``Документ /``;
the lead ("The President held a meeting with ..."); the body; and a last line
``June 4, 2025, Novo-Ogaryovo, Moscow Region``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Cleaned, Line, Problem, Seed
from .clean import DATE, TITLE_CHARS, audit, chrome, clean_lines, find_date, first_line, normalise_spaces, shorten_title, split_lines
from .publishers import KREMLIN

NAME = "kremlin-print"
KIND = "article"  # when its text holds no speakers' turns (``turns.kind_of``)

# The print view's own controls, at the top of the page.
PRINT_CHROME = re.compile(r"^(?:Select font\b.*|Character spacing \(Kerning\).*|Документ\s*/?|Document\s*/)$")
# The closing line: a date, then the place.
DATE_PLACE = re.compile(rf"^(?P<date>{DATE.pattern})(?:, (?P<place>.+))?$")
# A lead that says what the President did, from which a title is derived.
LEAD_EVENT = re.compile(
    r"^(?:The President|Vladimir Putin) (?:held|had|chaired|took part in|attended|met with|made|gave|visited)"
    r" (?:an? |the )?(?P<event>.+?)(?:, via videoconference| via videoconference)?\.?$"
)


def detect(text: str) -> bool:
    head = [normalise_spaces(l) for l in text.split("\n")[:6]]
    return sum(bool(PRINT_CHROME.match(l)) for l in head) >= 2


def clean(seed: Seed) -> Cleaned:
    raw = split_lines(seed.text)
    problems: list[Problem] = []
    start = 0
    while start < len(raw) and (PRINT_CHROME.match(normalise_spaces(raw[start].text)) or not raw[start].text.strip()):
        start += 1
    end = len(raw)
    while end > start and not raw[end - 1].text.strip():
        end -= 1
    date = place = None
    closing = normalise_spaces(raw[end - 1].text) if end > start else ""
    if m := DATE_PLACE.match(closing):
        date, place = find_date(m["date"]), m["place"]
        end -= 1
    else:
        message = "the last line is not 'Month D, YYYY, Place': the date is unknown; add 'date:' to its sidecar"
        problems.append(Problem(seed.name, end, "no-date", message))
    body, tooltips, repaired = clean_lines(raw[start:end])
    lead, title, body, lead_line = split_lead(body, lambda line: _is_label(line.text))
    return Cleaned(
        profile=NAME,
        kind=KIND,
        body=tuple(body),
        title=title,
        lead=lead,
        date=date,
        place=place,
        publisher=KREMLIN,
        removed=audit(chrome(raw[:start], "print view controls"), repaired),
        tooltips=tuple(tooltips),
        title_line=lead_line,
        problems=tuple(problems),
    )


def split_lead(body: list[Line], is_label: Callable[[Line], bool]) -> tuple[str | None, str | None, list[Line], int]:
    """The print view's lead (its first line, unless a speaker's label), the title derived from it, the rest, and the lead's line."""
    lead_line = first_line(body)
    if body and not is_label(body[0]):
        return body[0].text, derive_title(body[0].text), body[1:], lead_line
    return None, None, body, lead_line


def derive_title(lead: str) -> str:
    """A title from a lead: 'The President held a meeting with X.' gives 'Meeting with X'."""
    if m := LEAD_EVENT.match(lead):
        event = m["event"]
        return event[0].upper() + event[1:]
    first = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0].rstrip(".")
    # A longer sentence is cut shorter than TITLE_CHARS, as it always was: a document's id is made from its title.
    return first if len(first) <= TITLE_CHARS else shorten_title(first, TITLE_CHARS - 2)


def _is_label(text: str) -> bool:
    from ..labels import parse_label

    return parse_label(text) is not None
