"""Any text no other profile recognised: built as it is, saying what could not be found.

The turn stage still finds its speakers' turns. The first line is taken as the title
(and kept in the body) unless it is a speaker label or too long to be one; the date is
the first date line near the top, in any form ``plain_transcript`` reads.
"""

from __future__ import annotations

from ..labels import parse_label
from ..model import Cleaned, Problem, Seed
from .clean import audit, clean_lines, find_date, first_line, shorten_title, split_lines
from .plain_transcript import TITLE_LENGTH, read_date_line

NAME = "plain-text"
KIND = "text"
# How many lines from the top the date is looked for.
DATE_LINES = 10


def detect(text: str) -> bool:
    return True


def clean(seed: Seed) -> Cleaned:
    body, tooltips, repaired = clean_lines(split_lines(seed.text))
    first = body[0].text if body else ""
    title = shorten_title(first) if first and len(first) <= TITLE_LENGTH and parse_label(first) is None else None
    problems = []
    date = next((d for line in body[:DATE_LINES] if (d := _date(line.text))), None)
    if date is None:
        problems.append(Problem(seed.name, 1, "no-date", "no date found: add 'date:' to its sidecar"))
    return Cleaned(
        profile=NAME,
        kind=KIND,
        body=tuple(body),
        title=title,
        date=date,
        removed=audit(repaired),
        tooltips=tuple(tooltips),
        title_line=first_line(body),
        problems=tuple(problems),
    )


def _date(text: str) -> str | None:
    dated = read_date_line(text)
    return dated[0] if dated else find_date(text)
