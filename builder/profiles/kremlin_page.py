"""A full en.kremlin.ru page saved as text: menus and footer around the body.

Shape: site menus; ``Events``; title; lead; date, time, place; photo captions;
the body; then ``Topics``, ``Persons``, ``Publication date``, ``Direct link``,
share widgets and the footer.
"""

from __future__ import annotations

import re

from ..labels import parse_label
from ..model import Cleaned, Line, Problem, Removal, Seed
from .clean import DATE, audit, chrome, clean_lines, find_date, normalise_spaces, split_lines
from .publishers import KREMLIN

NAME = "kremlin-page"
KIND = "article"  # when its text holds no speakers' turns (``turns.kind_of``)

# The permanent short link kremlin.ru prints under each page.
DIRECT_LINK = re.compile(r"^Direct link: (?P<url>(?:https?://)?(?:en\.)?kremlin\.ru/\S+)\s*$")
# The line where kremlin.ru's own menus end, just before the page's section name.
MENU_END = re.compile(r"^Presidential Executive Office\s*\d{4}$")
# The line under the title and lead: a date, or an announcement's "Announcement, March 15, 2013".
DATE_LINE = re.compile(rf"^(?:{DATE.pattern}|Announcement, .*\d{{4}})$")
# The publication date of the bottom metadata, the date of a page whose head gives none.
PUBLICATION_DATE = re.compile(r"^Publication date: (?P<date>.+)$")
# A time of day on its own line, under the date.
TIME_LINE = re.compile(r"^(?P<hh>\d{1,2}):(?P<mm>\d{2})$")
# Lines that open the metadata block after the body.
BODY_END = re.compile(r"^(?:Topics|Persons|Geography|Publication status|Publication date:.*)$")
# The heading of a "See also" or "Additional" box (its links and dates follow, without full stops).
SEE_ALSO = re.compile(r"^(?:See also|Additional)$")
# A line of a box's link or date: short, and not ending as a sentence does.
BOX_ITEM = re.compile(r"^.{1,300}(?<![.!?:;,”\"…])$")
# A word: what a caption has and a separator ("* * *") or an elision ("<…>") has not.
WORD = re.compile(r"[^\W\d_]{2}")
# Characters of a photo caption, at most.
CAPTION_LENGTH = 300
# A photo's credit, which the picture's text may add to its caption: " Photo: Konstantin Zavrazhin".
PHOTO_CREDIT = re.compile(r" Photo(?: by|:) .*$")
# A horizontal rule as the dump draws it.
RULE = re.compile(r"^[━─—_=\-]{10,}$")
# A superscript as the text dump shows it: "the 20^th anniversary" (the page has "20<sup>th</sup>").
SUPERSCRIPT = re.compile(r"(?<=\w)\^(?=\w)")
# The text dump wraps a paragraph's line after this many characters, with no blank line between.
WRAP_WIDTH = 1000
# Lowercase words a place's name may hold ("Republic of Tatarstan"); a photo caption has others ("During a visit to").
PLACE_LINKS = frozenset("of the de on upon am sur region range training".split())
# A parenthetical inside a place's name.
PARENTHETICAL = re.compile(r"\([^()]*\)")
# A bullet item of a metadata list.
LIST_ITEM = re.compile(r"^\s*•\s*(?P<item>.+?)\s*$")


def detect(text: str) -> bool:
    if "Publication date:" not in text or "Direct" not in text:
        return False
    return any(DIRECT_LINK.match(normalise_spaces(line)) for line in text.split("\n") if "Direct" in line)


def clean(seed: Seed) -> Cleaned:
    lines = [Line(l.number, normalise_spaces(l.text)) for l in split_lines(seed.text)]
    raw = split_lines(seed.text)
    problems: list[Problem] = []
    start = next((i for i, l in enumerate(lines) if MENU_END.match(l.text)), -1) + 1
    date_at = next((i for i in range(start, len(lines)) if DATE_LINE.match(lines[i].text)), None)
    if date_at is None:
        message = "no date line under the title: the page's date is unknown; add 'date:' to its sidecar"
        problems.append(Problem(seed.name, 1, "no-date", message))
        date_at = start
    head = [Line(l.number, SUPERSCRIPT.sub("", l.text)) for l in lines[start:date_at] if l.text]
    # The head is the section name ("Events"), the title, then the lead.
    section, title, lead = (head[0].text if head else None), None, None
    title_line = head[1].number if len(head) > 1 else 1
    if len(head) >= 3:
        title, lead = head[1].text, " ".join(l.text for l in head[2:])
    elif len(head) == 2:
        title = head[1].text
    i = date_at + 1
    time = place = None
    if i < len(lines) and (m := TIME_LINE.match(lines[i].text)):
        time = f"{int(m['hh']):02d}:{m['mm']}"
        i += 1
    if i < len(lines) and is_place(lines[i].text):
        place = lines[i].text
        i += 1
    captions_end = i
    while captions_end < len(lines) and lines[captions_end].text:
        captions_end += 1
    end = next((j for j in range(captions_end, len(lines)) if BODY_END.match(lines[j].text)), len(lines))
    kept, furniture = unfurnish(raw[captions_end:end])
    body, tooltips, repaired = clean_lines(kept)
    tail = lines[end:]
    removed = audit(
        chrome(raw[:start], "site menu"),
        [] if section is None else chrome([head[0]], "site section name"),
        chrome(raw[captions_end - (captions_end - i) : captions_end], "photo caption"),
        repaired,
        furniture,
        chrome(raw[end:], "page metadata and footer"),
    )
    url = next((m["url"] for l in tail if (m := DIRECT_LINK.match(l.text))), None)
    if url and not url.startswith("http"):
        url = "http://" + url
    return Cleaned(
        profile=NAME,
        kind=KIND,
        body=tuple(body),
        title=title,
        lead=lead,
        date=_date(lines, date_at, tail),
        time=time,
        place=place,
        url=url,
        publisher=KREMLIN,
        topics=tuple(_list_after(tail, "Topics")),
        removed=removed,
        tooltips=tuple(tooltips),
        title_line=title_line,
        problems=tuple(problems),
    )


def is_place(text: str) -> bool:
    """The place line under the date (a photo caption there is not one): 'Novo-Ogaryovo, Moscow Region'."""
    words = PARENTHETICAL.sub(" ", text).replace(",", " ").split()
    if not words or len(text) >= 80:
        return False
    if text.endswith("."):
        return len(words) == 1  # "Bangkok."; a caption ends with a full stop
    return all(not w[0].isalpha() or w[0].isupper() or w in PLACE_LINKS for w in words)


def _date(lines: list[Line], date_at: int, tail: list[Line]) -> str | None:
    """The date under the title; for an announcement (which gives none), the publication date."""
    if date_at < len(lines) and DATE.fullmatch(lines[date_at].text):
        return find_date(lines[date_at].text)
    return next((find_date(m["date"]) for l in tail if (m := PUBLICATION_DATE.match(l.text))), None)


def unfurnish(lines: list[Line]) -> tuple[list[Line], list[Removal]]:
    """The body's lines with the text dump's wraps joined, and "See also" boxes and photo captions out.

    The dump separates the page's paragraphs by blank lines, so lines that follow one
    another with none between are a wrapped paragraph (the first is long), a "See also"
    box, or the captions of a photo slider in the middle of the body.
    """
    kept: list[Line] = []
    removed: list[Removal] = []
    groups = _groups(_unwrap(lines))
    in_box = False
    for i, group in enumerate(groups):
        texts = [normalise_spaces(l.text) for l in group]
        in_box = in_box and all(BOX_ITEM.match(t) for t in texts)
        if _is_media_caption(groups, i):
            removed += chrome(group, "photo caption")
        elif SEE_ALSO.match(texts[0]) or in_box:
            removed += chrome(group, "see also box")
            in_box = True
        elif all(RULE.match(t) for t in texts):
            removed += chrome(group, "horizontal rule")
        elif _is_caption_run(texts):
            removed += chrome(group, "photo caption")
        else:
            kept += [Line(l.number, SUPERSCRIPT.sub("", l.text)) for l in group]
    return kept, removed


def _is_caption_run(texts: list[str]) -> bool:
    """Photo captions in the body: short sentences one after another, none a list item or a speaker's label."""
    return len(texts) > 1 and all(
        len(t) <= CAPTION_LENGTH and WORD.search(t)
        and not LIST_ITEM.match(t) and parse_label(t) is None
        for t in texts
    )


def _is_media_caption(groups: list[list[Line]], i: int) -> bool:
    """A photo's media block: its picture's text and its title, the same single line twice."""
    def single(j: int) -> str | None:
        if 0 <= j < len(groups) and len(groups[j]) == 1:
            return PHOTO_CREDIT.sub("", normalise_spaces(groups[j][0].text))
        return None

    here = single(i)
    return here is not None and bool(WORD.search(here)) and here in (single(i - 1), single(i + 1))


def _unwrap(lines: list[Line]) -> list[Line]:
    """Lines the dump wrapped (a long line, then more text with no blank line) joined again."""
    out: list[Line] = []
    for line in lines:
        if out and line.text.strip() and len(out[-1].text) >= WRAP_WIDTH:
            out[-1] = Line(out[-1].number, out[-1].text.rstrip() + " " + line.text.lstrip())
        else:
            out.append(line)
    return out


def _groups(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines, as the blank lines of the dump divide them."""
    groups: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _list_after(lines: list[Line], heading: str) -> list[str]:
    """The bullet items under a heading line such as ``Topics``."""
    items: list[str] = []
    inside = False
    for line in lines:
        if line.text == heading:
            inside = True
        elif inside and (m := LIST_ITEM.match(line.text)):
            items.append(m["item"])
        elif inside and line.text:
            break
    return items
