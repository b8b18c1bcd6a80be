"""An en.kremlin.ru page saved as HTML: the article read from its own markup.

Shape: ``h1.entry-title``, ``.read__lead``, ``time.read__published``, ``.read__time``,
``.read__place``; the body is the blocks of ``.entry-content`` (photo sliders, media,
"See also" boxes and the bottom metadata out); names carry their tooltips as
``a.person_tag > .read__tooltip``; speaker labels are bold (``<b>Name:</b>``).
The print view of today's site (``Документ /``, no title, date and place last) is
read by ``kremlin_print_html``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag

from ..model import Cleaned, Line, Removal, Seed, Tooltip
from .clean import audit, normalise_spaces, tooltip_from_title
from .html_label import Run, folded, marked_label
from .publishers import KREMLIN

NAME = "kremlin-html"
KIND = "article"  # when its text holds no speakers' turns (``turns.kind_of``)

# The article body's class on a kremlin.ru page.
ENTRY_CONTENT = re.compile(r"""class=["'][^"']*\bentry-content\b""")
# kremlin.ru's own address, somewhere in the page.
KREMLIN_ADDRESS = re.compile(r"\bkremlin\.ru\b")
# A time of day as ``.read__time`` writes it.
TIME_OF_DAY = re.compile(r"^(?P<hh>\d{1,2}):(?P<mm>\d{2})$")
# The date of ``time[datetime]``.
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# The permanent short link of the bottom metadata: ``http://en.kremlin.ru/d/7506``.
SHORT_LINK = re.compile(r"^(?:https?://)?(?:en\.)?kremlin\.ru/d/\d+/?$")
# Classes of body blocks that are not the article's text, and why they go.
CHROME_CLASSES = (
    ("slider", "photo slider"),
    ("media", "media block"),
    ("media__container", "media block"),
    ("read__cut", "see also box"),
    ("read__bottommeta", "page metadata"),
    ("masha-ignore", "page furniture"),
    ("hidden-copy", "page furniture"),
)
# Tags of body blocks that are never the article's text.
CHROME_TAGS = {"figure": "figure", "figcaption": "photo caption", "script": "script", "style": "style", "noscript": "script"}
# Inline tags whose text is bold.
BOLD_TAGS = frozenset({"b", "strong"})
# Block-level tags inside a block: their text starts a new line, as the text dump shows it.
INNER_BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol"})


def detect(text: str) -> bool:
    return bool(ENTRY_CONTENT.search(text)) and bool(KREMLIN_ADDRESS.search(text)) and "entry-title" in text


def clean(seed: Seed) -> Cleaned:
    soup = BeautifulSoup(seed.text, "html.parser")
    title_tag = soup.select_one("h1.entry-title")
    content = soup.select_one(".entry-content")
    body: list[Line] = []
    tooltips: list[Tooltip] = []
    removed: list[Removal] = []
    if content is not None:
        body, tooltips, removed = read_blocks(content)
    return Cleaned(
        profile=NAME,
        kind=KIND,
        body=tuple(body),
        title=_text_of(title_tag),
        lead=_text_of(soup.select_one(".read__lead")),
        date=_date(soup),
        time=_time(soup),
        place=_text_of(soup.select_one(".read__place")),
        url=_short_link(soup),
        publisher=KREMLIN,
        topics=tag_column(soup, "Topics"),
        removed=audit(removed),
        tooltips=tuple(tooltips),
        title_line=(title_tag.sourceline or 1) if title_tag is not None else 1,
    )


def read_blocks(content: Tag) -> tuple[list[Line], list[Tooltip], list[Removal]]:
    """The body's lines, the tooltips read off its names, and the audit of what went."""
    body: list[Line] = []
    tooltips: list[Tooltip] = []
    removed: list[Removal] = []
    for block in content.children:
        if isinstance(block, NavigableString):
            text = normalise_spaces(str(block))
            if text and not _is_comment(block):
                body.append(Line(_line_of(content), text))
            continue
        if not isinstance(block, Tag):
            continue
        number = block.sourceline or _line_of(content)
        if reason := chrome_reason(block):
            if text := _audit_text(block):
                removed.append(Removal(number, text, reason))
            continue
        for runs in block_lines(block, number, tooltips, removed):
            line = runs_to_line(number, runs)
            if line is not None:
                body.append(line)
    return body, tooltips, removed


def chrome_reason(tag: Tag) -> str | None:
    """Why a body block is not the article's text, or ``None`` when it is."""
    if tag.name in CHROME_TAGS:
        return CHROME_TAGS[tag.name]
    classes = set(tag.get("class") or ())
    return next((reason for cls, reason in CHROME_CLASSES if cls in classes), None)


def block_lines(block: Tag, number: int, tooltips: list[Tooltip], removed: list[Removal]) -> Iterator[list[Run]]:
    """A block's text as runs of (text, bold), one list per line (``<br>`` and inner blocks break lines)."""
    current: list[Run] = []
    for piece in _walk(block, False, number, tooltips, removed):
        if piece is None:
            if current:
                yield current
            current = []
        else:
            current.append(piece)
    if current:
        yield current


def _walk(node: Tag, bold: bool, number: int, tooltips: list[Tooltip], removed: list[Removal]) -> Iterator[Run | None]:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not _is_comment(child):
                yield Run(str(child), bold)
            continue
        if not isinstance(child, Tag):
            continue
        classes = set(child.get("class") or ())
        if "read__tooltip" in classes:
            _read_tooltip(child, node, number, tooltips, removed)
            continue
        if child.name == "br":
            yield None
            continue
        if reason := chrome_reason(child):
            if text := _audit_text(child):
                removed.append(Removal(number, text, reason))
            continue
        breaks = child.name in INNER_BLOCKS
        if breaks:
            yield None
        yield from _walk(child, bold or child.name in BOLD_TAGS, number, tooltips, removed)
        if breaks:
            yield None


def _read_tooltip(tip: Tag, anchor: Tag, number: int, tooltips: list[Tooltip], removed: list[Removal]) -> None:
    """A person tooltip as structured data (glossary tooltips only go to the audit)."""
    title = _text_of(tip.select_one(".tooltip_link")) or ""
    role = _text_of(tip.select_one(".tooltip_description_dark")) or ""
    person = "person_tag" in (anchor.get("class") or ()) or "tooltip_person" in (tip.get("class") or ())
    if person and title:
        visible = normalise_spaces("".join(str(s) for s in anchor.find_all(string=True, recursive=False)))
        if tooltip := tooltip_from_title(number, visible or title, title, role):
            tooltips.append(tooltip)
        removed.append(Removal(number, f"{title} {role}".strip(), "name tooltip"))
    elif title:
        removed.append(Removal(number, title, "glossary tooltip"))


def runs_to_line(number: int, runs: list[Run]) -> Line | None:
    """One body line from its runs; a bold speaker label at its start sets ``label``."""
    text, _ = folded(runs)
    if not text:
        return None
    return Line(number, text, marked_label(runs))


def tag_column(soup: BeautifulSoup, heading: str) -> tuple[str, ...]:
    """The items of one of the bottom tag columns ("Topics", "Persons", "Geography")."""
    for column in soup.select(".read__tagscol"):
        head = column.find("h3")
        if head is not None and normalise_spaces(head.get_text()) == heading:
            return tuple(t for li in column.select("li") if (t := _text_of(li)))
    return ()


def _short_link(soup: BeautifulSoup) -> str | None:
    for link in soup.select("a.print_link"):
        for candidate in (str(link.get("href") or ""), link.get_text(strip=True)):
            if SHORT_LINK.match(candidate):
                return candidate if candidate.startswith("http") else "http://" + candidate
    return None


def _date(soup: BeautifulSoup) -> str | None:
    """The date under the title; for an announcement (which gives none), the publication date."""
    tag = soup.select_one("time.read__published[datetime]") or soup.select_one(".read__bottommeta time[datetime]")
    m = ISO_DATE.match(str(tag["datetime"])) if tag is not None else None
    return m.group(0) if m else None


def _time(soup: BeautifulSoup) -> str | None:
    m = TIME_OF_DAY.match(_text_of(soup.select_one(".read__time")) or "")
    return f"{int(m['hh']):02d}:{m['mm']}" if m else None


def _text_of(tag: Tag | None) -> str | None:
    """A tag's text as the reader sees it (tooltips aside), its lines joined by spaces."""
    if tag is None:
        return None
    lines = [folded(runs)[0] for runs in block_lines(tag, 1, [], [])]
    return " ".join(t for t in lines if t) or None


def _audit_text(tag: Tag) -> str:
    """What the audit keeps of a block taken out: its text, else its pictures' captions."""
    text = normalise_spaces(" ".join(tag.stripped_strings))
    return text or " | ".join(dict.fromkeys(str(img["alt"]).strip() for img in tag.find_all("img", alt=True) if str(img["alt"]).strip()))


def _line_of(tag: Tag) -> int:
    return tag.sourceline or 1


def _is_comment(node: NavigableString) -> bool:
    return type(node) is not NavigableString
