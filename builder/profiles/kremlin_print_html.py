"""The print view of today's kremlin.ru page, saved as HTML: font pickers on top, no title, date and place last.

The page's blocks are read as lines (one per paragraph, ``<br>`` breaking one), with
the bold speaker labels of its markup; then the print view's own rules apply, as
``kremlin_print`` reads its text dump: the controls out, the lead first, the closing
``June 4, 2025, Novo-Ogaryovo, Moscow Region`` giving the date and place. No saved
print view was at hand to model it on: the shape is read from its text, not its classes.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..model import Cleaned, Line, Removal, Seed, Tooltip
from .clean import audit, find_date
from .kremlin_html import INNER_BLOCKS, block_lines, chrome_reason, runs_to_line
from .kremlin_print import DATE_PLACE, PRINT_CHROME, split_lead
from .publishers import KREMLIN

NAME = "kremlin-print-html"
KIND = "article"  # when its text holds no speakers' turns (``turns.kind_of``)

# An HTML document: its root or body tag.
HTML_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
# The print view's document marker, which its controls end with.
DOCUMENT_MARK = re.compile(r"Документ\s*/")
# Tags whose text is never the document's.
UNSEEN = ("script", "style", "noscript", "head", "title")


def detect(text: str) -> bool:
    return bool(HTML_DOCUMENT.search(text)) and bool(DOCUMENT_MARK.search(text)) and "Kerning" in text


def clean(seed: Seed) -> Cleaned:
    soup = BeautifulSoup(seed.text, "html.parser")
    for tag in soup.find_all(UNSEEN):
        tag.decompose()
    tooltips: list[Tooltip] = []
    removed: list[Removal] = []
    lines = page_lines(soup.body or soup, tooltips, removed)
    start = 0
    while start < len(lines) and PRINT_CHROME.match(lines[start].text):
        start += 1
    removed += [Removal(line.number, line.text, "print view controls") for line in lines[:start]]
    body = lines[start:]
    date = place = None
    if body and (m := DATE_PLACE.match(body[-1].text)):
        date, place = find_date(m["date"]), m["place"]
        body = body[:-1]
    lead, title, body, lead_line = split_lead(body, lambda line: line.label is not None)
    return Cleaned(
        profile=NAME,
        kind=KIND,
        body=tuple(body),
        title=title,
        lead=lead,
        date=date,
        place=place,
        publisher=KREMLIN,
        removed=audit(removed),
        tooltips=tuple(tooltips),
        title_line=lead_line,
    )


def page_lines(root: Tag, tooltips: list[Tooltip], removed: list[Removal]) -> list[Line]:
    """Every innermost block of the page as lines, in document order."""
    lines: list[Line] = []
    for block in root.find_all(INNER_BLOCKS):
        if any(chrome_reason(t) for t in (block, *block.parents) if isinstance(t, Tag)):
            continue
        if block.find(INNER_BLOCKS) is not None:
            continue
        number = block.sourceline or 1
        lines += [line for runs in block_lines(block, number, tooltips, removed) if (line := runs_to_line(number, runs))]
    return lines
