"""Any text no other profile recognised: built as plain narration, with a warning."""

from __future__ import annotations

from ..clean import clean_lines, find_date, split_lines
from ..model import Cleaned, Problem, Seed

NAME = "plain-text"
KIND = "text"


def detect(text: str) -> bool:
    return True


def clean(seed: Seed) -> Cleaned:
    body, tooltips, repaired = clean_lines(split_lines(seed.text))
    title = body[0].text if body else None
    problems = [Problem(seed.name, 1, "unknown-shape", "the source's shape is not recognised: built as plain text; add a source profile if more files like it will come")]
    date = next((d for line in body[:10] if (d := find_date(line.text))), None)
    if date is None:
        problems.append(Problem(seed.name, 1, "no-date", "no date found: add 'date:' to its sidecar"))
    return Cleaned(
        profile=NAME,
        body=tuple(body),
        title=_shorten(title) if title else None,
        lead=None,
        date=date,
        time=None,
        place=None,
        url=None,
        publisher=None,
        topics=(),
        kind=KIND,
        removed=tuple(repaired),
        tooltips=tuple(tooltips),
        title_line=body[0].number if body else 1,
        problems=tuple(problems),
    )


def _shorten(text: str, limit: int = 120) -> str:
    """A title from the first line: whole if short, else cut at a word with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
