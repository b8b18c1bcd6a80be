"""A news article saved as Markdown: ``# title``, a date, a byline, a caption, paragraphs, ``Original url:``.

Links keep their words and lose their targets (most are dead ``(#)`` links);
an inline promo (``**Related article:** ...``) is chrome. A byline (``By Jake
Epstein and Jane Doe``) in the article's head, before its first paragraph of
prose, names its authors, whom a citation names.
"""

from __future__ import annotations

import re

from ..model import Cleaned, Line, Problem, Removal, Seed
from .clean import DATE, audit, clean_lines, find_date, normalise_spaces, split_lines
from .publishers import publisher_of

NAME = "markdown-article"
KIND = "article"

# The article's title: the first level-one Markdown heading.
TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*#*$")
# "Original url:" footer line, with the URL on it or on a following line.
ORIGINAL_URL = re.compile(r"^Original url:\s*(?:<?(?P<url>https?://[^>\s]+)>?)?$", re.IGNORECASE)
# A bare or angle-bracketed URL on its own line.
URL_LINE = re.compile(r"^<?(?P<url>https?://[^>\s]+)>?$")
# A Markdown link: its words are kept, its target goes to the audit.
# (No part may run past a "[": on a long line of unclosed links the scan would be quadratic.)
LINK = re.compile(r"(?<!!)\[(?P<words>[^\[\]]*)\]\((?P<target>[^)\s\[]*)(?:\s+\"[^\"\[]*\")?\)")
# An inline promotion of another article.
PROMO = re.compile(r"^\*\*(?:Related article|Read more|See also|Also read):?\*\*", re.IGNORECASE)
# One author's name in a byline: capitalised words (initials, particles between them), four at most.
AUTHOR = r"[A-Z](?:[^\W_]|[’'.-])*(?:\s+(?:(?:al|bin|da|de|del|der|du|la|le|van|von)\s+)*[A-Z](?:[^\W_]|[’'.-])*){0,3}"
# What separates two authors in a byline: "A, B and C", "A, B, and C", "A & B".
AUTHORS_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
# A byline, links and emphasis gone: "By Jake Epstein", "By Jake Epstein and Jane Doe", "Author: Reuters".
BYLINE = re.compile(rf"^[*_]*(?:By|Authors?:)\s+(?P<names>{AUTHOR}(?:(?:{AUTHORS_SEPARATOR.pattern}){AUTHOR})*)[*_]*$")
# Words a line needs to be a paragraph of prose, which ends the article's head (where a byline may be).
PROSE_WORDS = 12
# Bold or italic markers around words.
EMPHASIS = re.compile(r"(\*\*|__)(?P<words>.+?)\1")
# A backslash escape (Markdown writes \$ for $; some scrapes double the backslash).
ESCAPE = re.compile(r"\\+(?P<char>[\\`*_{}\[\]()#+\-.!$|<>~])")


def detect(text: str) -> bool:
    first = next((l for l in text.split("\n") if l.strip()), "")
    return bool(TITLE.match(normalise_spaces(first)))


def clean(seed: Seed) -> Cleaned:
    raw = split_lines(seed.text)
    problems: list[Problem] = []
    removed: list[Removal] = []
    title = date = url = None
    title_line = 1
    authors: tuple[str, ...] = ()
    head = True  # the article's head, where a byline may be: until its first paragraph of prose
    body_lines: list[Line] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        text = normalise_spaces(line.text)
        if title is None and (m := TITLE.match(text)):
            title, title_line = unmarkdown(m["title"]), line.number
        elif title is not None and date is None and DATE.fullmatch(text):
            date = find_date(text)
        elif m := ORIGINAL_URL.match(text):
            url = m["url"]
            removed.append(Removal(line.number, text, "source footer"))
            while not url and i + 1 < len(raw):
                i += 1
                nxt = normalise_spaces(raw[i].text)
                if (u := URL_LINE.match(nxt)):
                    url = u["url"]
                    removed.append(Removal(raw[i].number, nxt, "source footer"))
                elif nxt:
                    break
        elif head and not authors and (m := BYLINE.match(unmarkdown(text))):
            authors = tuple(AUTHORS_SEPARATOR.split(m["names"].rstrip(".")))
            removed.append(Removal(line.number, text, "byline"))
        elif PROMO.match(text):
            removed.append(Removal(line.number, text, "promotion of another article"))
        elif text:
            for link in LINK.finditer(text):
                removed.append(Removal(line.number, link["target"], "link target"))
            body_lines.append(Line(line.number, unmarkdown(text)))
            head = head and len(text.split()) < PROSE_WORDS
        i += 1
    if title is None:
        problems.append(Problem(seed.name, 1, "no-title", "no '# title' line: add 'title:' to its sidecar"))
    if date is None:
        problems.append(Problem(seed.name, title_line, "no-date", "no date line under the title: add 'date:' to its sidecar"))
    body, tooltips, repaired = clean_lines(body_lines)
    return Cleaned(
        profile=NAME,
        kind=KIND,
        body=tuple(body),
        title=title,
        date=date,
        url=url,
        publisher=publisher_of(url),
        authors=authors,
        removed=audit(removed, repaired),
        tooltips=tuple(tooltips),
        title_line=title_line,
        problems=tuple(problems),
    )


def unmarkdown(text: str) -> str:
    """The words a reader of the rendered Markdown sees: links and emphasis give their words."""
    text = LINK.sub(lambda m: m["words"], text)
    text = EMPHASIS.sub(lambda m: m["words"], text)
    return ESCAPE.sub(lambda m: m["char"], text)


