"""Seed text into Markdown as literal text: nothing a seed holds may become markup.

Every character that Markdown, the HTML inside it, attribute lists or the
pymdownx extensions could read as syntax is written as a numeric character
reference, which the browser shows as the character itself.
"""

from __future__ import annotations

import re

# Characters that carry meaning to Markdown, HTML, attr_list, Jinja or pymdownx.
SPECIAL = frozenset("\\`*_{}[]()#!|<>&~=^$%\"'@:")
# Characters that are syntax only at the start of a line (list markers, rules).
LEADING = frozenset("-+")
# A line that opens with "1." would become an ordered list.
LIST_NUMBER = re.compile(r"^(\d+)\.")
# Any run of white space, line breaks included.
WHITESPACE = re.compile(r"\s+")


def md_text(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text`` (white space folded)."""
    text = WHITESPACE.sub(" ", text).strip()
    out = "".join(f"&#{ord(ch)};" if ch in SPECIAL or (i == 0 and ch in LEADING) else ch for i, ch in enumerate(text))
    return LIST_NUMBER.sub(lambda m: f"{m[1]}&#46;", out)


def md_attr(text: str) -> str:
    """``text`` for a quoted attribute value (a link title or ``title=`` in attr_list)."""
    return md_text(text)
