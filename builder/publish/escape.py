"""Seed text into Markdown (or the raw HTML inside it) as literal text: nothing a seed holds may become markup.

Every character that Markdown, the HTML inside it, attribute lists or the
pymdownx extensions could read as syntax is written as a numeric character
reference, which the browser shows as the character itself. Control characters
are dropped: they show as nothing, and STX/ETX are Markdown's own placeholders.
"""

from __future__ import annotations

import re
from html import escape

# Control characters (the seeds' own pattern) are dropped: invisible, not allowed in HTML, and
# two of them (STX, ETX) delimit Python-Markdown's placeholders for stashed HTML, so a seed could forge one.
from ..ingest.seeds import CONTROL

# Characters that carry meaning to Markdown, HTML, attr_list, Jinja or pymdownx.
SPECIAL = frozenset("\\`*_{}[]()#!|<>&~=^$%\"'@:")
# Each special character as its numeric character reference (one ``str.translate`` pass).
REFERENCES = {ord(ch): f"&#{ord(ch)};" for ch in SPECIAL}
# Characters that are syntax only at the start of a line (list markers, rules).
LEADING = frozenset("-+")
# A line that opens with "1." would become an ordered list.
LIST_NUMBER = re.compile(r"^(\d+)\.")
# Any run of white space, line breaks included.
WHITESPACE = re.compile(r"\s+")


def folded(text: str) -> str:
    """``text`` with control characters dropped and white space folded to single spaces, trimmed."""
    return WHITESPACE.sub(" ", CONTROL.sub(lambda m: " " if m.group().isspace() else "", text)).strip()


def md_text(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text`` (white space folded)."""
    text = folded(text)
    out = text.translate(REFERENCES)
    if text[:1] in LEADING:
        out = f"&#{ord(text[0])};" + out[1:]
    return LIST_NUMBER.sub(lambda m: f"{m[1]}&#46;", out)


def md_attr(text: str) -> str:
    """``text`` for a quoted attribute value (a link title or ``title=`` in attr_list)."""
    return md_text(text)


def html_text(text: str) -> str:
    """``text`` for a raw HTML block, which Markdown passes through untouched (white space folded)."""
    return escape(folded(text), quote=False)


def html_attr(text: str) -> str:
    """``text`` for a double-quoted attribute value inside a raw HTML block."""
    return escape(folded(text), quote=True)
