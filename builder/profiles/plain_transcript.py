"""A transcript pasted from anywhere: a title, the date (time, place) lines, maybe a lead, the body.

Shape: ``Title``; then ``June 4, 2025, Novo-Ogaryovo``, ``June 4, 2025 - 13:30 - The
Kremlin, Moscow``, or the date, the time and the place on lines of their own (the date
also as ``4 June 2025``, ``04.06.2025`` or ``2025-06-04``); a lead, where the page has one
(between the title and the date) or first after the date when it reads like one ("The
President held a meeting with ..."); then the body, whose speakers' turns ``turns`` finds.
A line that is a speaker label is body wherever it stands; a line naming the source
(``Source: http://...``) gives the URL. Without a label near the top, a text is not a
transcript and stays plain text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..labels import parse_label
from ..model import Cleaned, Line, Problem, Removal, Seed
from .clean import MONTHS, audit, clean_lines, first_line, normalise_spaces, split_lines
from .kremlin_print import derive_title
from .publishers import publisher_of

NAME = "plain-transcript"
KIND = "article"  # when its text holds no speakers' turns (``turns.kind_of``)

_MONTH = "|".join(MONTHS)
# The ways a date opens a line: "June 4, 2025", "4 June 2025", "04.06.2025", "2025-06-04".
DATE_FORMS = (
    re.compile(rf"^(?P<month>{_MONTH}) (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})\b"),
    re.compile(rf"^(?P<day>\d{{1,2}}) (?P<month>{_MONTH}),? (?P<year>\d{{4}})\b"),
    re.compile(r"^(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})\b"),
    re.compile(r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
)
# What separates the date, the time and the place on one line: a comma, a dash, a bar, or a space.
SEPARATOR = re.compile(r"^\s*(?:[,|–—-]\s*|\s+)")
# A time of day opening what follows the date (or a line of its own): "13:30", "1.30 p.m.".
TIME = re.compile(r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*(?P<half>[ap])\.?\s?m\b\.?)?", re.IGNORECASE)
# A place: capitalised words (and a few small ones), commas, no sentence: "Novo-Ogaryovo, Moscow Region".
PLACE = re.compile(r"^[A-Z][\w’'.\-]*(?:,? (?:[A-Z][\w’'.\-]*|of|the|on|upon|de|am|an|der|sur|al|el))*$")
# Longest place, in words.
PLACE_WORDS = 8
# A line naming the source of the text: "The source of information - http://...", "Source: http://...".
SOURCE_LINE = re.compile(
    r"^(?:The )?(?:source(?: of (?:information|the text))?|original(?: url| text| source)?|originally published (?:at|on|by)"
    r"|read (?:the original|more) (?:at|on)|via|Источник)\s*[:–—-]?\s*<?(?P<url>https?://[^\s<>]+?)>?[.)]?$",
    re.IGNORECASE,
)
# A word of a name or a title in a lead's subject: "President of Azerbaijan Ilham Aliyev".
_NAME_WORD = r"(?:[A-Z][\w’'.\-]*|of|the|and)"
# A lead of one sentence that says what someone did: "The President held a meeting with ...".
LEAD = re.compile(
    rf"^(?:The President|The Prime Minister|The head of state|{_NAME_WORD}(?: {_NAME_WORD}){{0,12}})"
    r" (?:held|had|chaired|took part in|attended|met|made|gave|visited|addressed|delivered"
    r"|spoke|opened|received|hosted|inspected|conferred|presented|discussed|reviewed|toured|talked)\b"
    r"(?:[^.!?:]|[.!?](?! ))*[.!]$"
)
# Longest lead read after the date, in words; how far down the date may be (title and lead above it).
LEAD_WORDS, DATE_BY_LINE = 80, 3
# How many lines from the top detection reads the head in, and then a speaker's label.
HEAD_LINES, LABEL_LINES = 40, 200
# Longest title, in characters.
TITLE_LENGTH = 300


@dataclass
class Head:
    """The metadata lines at the top of a transcript, and where its body starts."""

    title: Line | None = None
    date: str | None = None
    time: str | None = None
    place: str | None = None
    lead: Line | None = None
    body_start: int = 0  # index, into the lines read, of the first line of the body
    taken: list[int] = field(default_factory=list)  # indexes of the lines the head took


def detect(text: str) -> bool:
    """A head near the top, and a speaker's label within the first lines after it (else it is plain text)."""
    lines = [Line(i, normalise_spaces(t)) for i, t in enumerate(text.split("\n")[: HEAD_LINES + LABEL_LINES])]
    head = read_head(lines[:HEAD_LINES])
    return head is not None and any(parse_label(line.text) for line in lines[head.body_start :] if line.text)


def clean(seed: Seed) -> Cleaned:
    return transcript(seed, split_lines(seed.text), NAME)


def transcript(seed: Seed, raw: list[Line], profile: str, removed: Iterable[Removal] = (), url: str | None = None) -> Cleaned:
    """The post's lines (a whole seed, or a repost's post) as a transcript: head, lead, body."""
    lines = [Line(line.number, normalise_spaces(line.text)) for line in raw]
    removed = list(removed)
    kept: list[Line] = []
    for line, norm in zip(raw, lines, strict=True):
        if m := SOURCE_LINE.match(norm.text):
            url = url or m["url"]
            removed.append(Removal(line.number, norm.text, "source line"))
        else:
            kept.append(line)
    head = read_head(Line(line.number, normalise_spaces(line.text)) for line in kept) or Head()
    body_lines = [line for i, line in enumerate(kept) if i >= head.body_start and i not in head.taken]
    body, tooltips, repaired = clean_lines(body_lines)
    lead = None
    if head.lead is not None:
        [lead_line], lead_tooltips, lead_repaired = clean_lines([kept[_index(kept, head.lead.number)]])
        lead, tooltips, repaired = lead_line.text, [*lead_tooltips, *tooltips], [*lead_repaired, *repaired]
    title = head.title.text if head.title else (derive_title(lead) if lead else None)
    problems: list[Problem] = []
    first = head.title.number if head.title else first_line(body)
    if head.date is None:
        problems.append(Problem(seed.name, first, "no-date", "no date line under the title: add 'date:' to its sidecar"))
    return Cleaned(
        profile=profile,
        kind=KIND,
        body=tuple(body),
        title=title,
        lead=lead,
        date=head.date,
        time=head.time,
        place=head.place,
        url=url,
        publisher=publisher_of(url),
        removed=audit(removed, repaired),
        tooltips=tuple(tooltips),
        title_line=first,
        problems=tuple(problems),
    )


def read_head(lines: Iterable[Line]) -> Head | None:
    """The title, date, time, place and lead at the top of ``lines``; None when no date line is near the top."""
    lines = list(lines)
    filled = [i for i, line in enumerate(lines) if line.text]
    pos = next((k for k, i in enumerate(filled[:DATE_BY_LINE]) if parse_label(lines[i].text) or read_date_line(lines[i].text)), None)
    if pos is None or not (dated := read_date_line(lines[i := filled[pos]].text)):
        return None
    above = filled[:pos]
    if above and len(lines[above[0]].text) > TITLE_LENGTH:
        return None
    head = Head(date=dated[0], time=dated[1], place=dated[2], taken=[*above, i])
    if above:
        head.title = lines[above[0]]
    if len(above) > 1:
        head.lead = lines[above[1]]
    rest = filled[pos + 1 :]
    if rest and head.time is None and TIME.match(lines[rest[0]].text) and (timed := read_time_and_place(lines[rest[0]].text)):
        head.time, head.place = timed
        head.taken.append(rest.pop(0))
    if rest and head.time is not None and head.place is None and len(rest) > 1 and is_place(lines[rest[0]].text):
        head.place = lines[rest[0]].text
        head.taken.append(rest.pop(0))
    if head.lead is None and len(rest) > 1 and reads_like_a_lead(lines[rest[0]].text):
        head.lead = lines[rest[0]]
        head.taken.append(rest.pop(0))
    head.body_start = rest[0] if rest else len(lines)
    return head


def read_date_line(text: str) -> tuple[str, str | None, str | None] | None:
    """A line that is a date, maybe followed by a time and a place: ``(YYYY-MM-DD, HH:MM, place)``."""
    for form in DATE_FORMS:
        if not (m := form.match(text)):
            continue
        date = _iso_date(m)
        tail = text[m.end() :]
        if date is None:
            return None
        if not tail.strip():
            return date, None, None
        if (sep := SEPARATOR.match(tail)) and (timed := read_time_and_place(tail[sep.end() :])):
            return date, *timed
        return None
    return None


def read_time_and_place(text: str) -> tuple[str | None, str | None] | None:
    """``13:30``, ``13:30 - The Kremlin, Moscow`` or ``Novo-Ogaryovo`` as ``(HH:MM, place)``."""
    if m := TIME.match(text):
        time = _clock(m)
        tail = text[m.end() :]
        if time is None:
            return None
        if not tail.strip():
            return time, None
        sep = SEPARATOR.match(tail)
        place = tail[sep.end() :] if sep else ""
        return (time, place) if is_place(place) else None
    return (None, text) if is_place(text) else None


def is_place(text: str) -> bool:
    return bool(PLACE.match(text)) and len(text.split()) <= PLACE_WORDS and parse_label(text) is None


def reads_like_a_lead(text: str) -> bool:
    return bool(LEAD.match(text)) and len(text.split()) <= LEAD_WORDS and parse_label(text) is None


def _iso_date(m: re.Match) -> str | None:
    month = MONTHS.index(m["month"]) + 1 if "month" in m.re.groupindex else int(m["mon"])
    try:
        return datetime.date(int(m["year"]), month, int(m["day"])).isoformat()
    except ValueError:
        return None


def _clock(m: re.Match) -> str | None:
    hour, minute = int(m["hour"]), int(m["minute"])
    if m["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["half"].lower() == "p" else 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _index(lines: list[Line], number: int) -> int:
    return next(i for i, line in enumerate(lines) if line.number == number)
