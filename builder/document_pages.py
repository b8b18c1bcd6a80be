"""A long document split over pages: what each page holds, and the page of a paragraph or a turn.

Python-Markdown's cost for a page grows with its blocks times its length (at the end of
every raw HTML block, and each paragraph is one, it copies the rest of the page), so a
document of 30,000 turns on one page takes minutes, and one of 100,000 never ends. A
document whose body is longer than one page holds (``PAGE_PARAGRAPHS`` paragraphs,
``PAGE_CHARACTERS`` characters of their text) is written as several pages, each within
that bound, so every page costs about the same and a document's build grows with its
length. Nearly every document is one page: the longest of the 3,587 real pages of the
development corpus has 1,038 paragraphs and 223,000 characters.

A page is cut between two turns; a turn too long for a page of its own is cut between its
paragraphs, and the pages after its first carry it ``continued``. Paragraph ids (``p1`` to
``pN``) and turn ids (``t1``...) are the document's, not a page's: each is on exactly one
page. ``Layout`` says which: every page's first paragraph and first turn, all that a link
(``builder/publish/pages.py``), the page's own redirect script
(``templates/assets/permalink.js``) and the search (``builder/search/index.py``) need.

This module is shared by the search and render stages (neither may import the other);
the file names of the pages are ``builder/publish/pages.py``'s.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .model import Document, Paragraph, Turn

# The paragraphs one page holds at most: each is a raw HTML block. Measured (Python-Markdown
# with the site's extensions): a page of 1,200 short turns takes 0.3 to 0.45 s, and a paragraph
# costs about the same from 250 to 2,000 of them (0.2 ms); at 4,000 a third more, at 8,000
# short turns on one real page twice as much (0.7 ms), at 32,000 thirty times.
PAGE_PARAGRAPHS = 1200
# The characters of paragraph text one page holds at most (the copying grows with the
# page's length: 400,000 characters are about 500 KB of Markdown).
PAGE_CHARACTERS = 400_000


@dataclass(frozen=True)
class Part:
    """A turn, or the share of a turn, on one page: ``continued`` when the turn began on an earlier page."""

    turn: Turn
    paragraphs: tuple[Paragraph, ...]
    continued: bool = False


@dataclass(frozen=True)
class Layout:
    """Where a document's paragraphs and turns are: the page (from 1) each starts on.

    ``paragraphs[k]`` is the number of the first paragraph of page ``k + 1``; ``turns[k]``
    the number of the first turn whose heading is on page ``k + 1`` or after it (so a
    page that only continues a turn begun before has the next turn's number). The page of
    ``pN`` is the last whose first paragraph is ``N`` or less, and likewise for ``tN``.
    """

    id: str
    paragraphs: tuple[int, ...] = (1,)
    turns: tuple[int, ...] = (1,)
    last: int = 0  # the number of the document's last paragraph (0: none, or not known)

    @property
    def count(self) -> int:
        """The document's pages."""
        return len(self.paragraphs)

    def page_of(self, anchor: str) -> int:
        """The page (from 1) that holds ``anchor``: a paragraph's id (``p12``) or a turn's (``t5``); else the first."""
        starts = self.turns if anchor[:1] == "t" else self.paragraphs
        number = _number(anchor)
        if len(starts) == 1 or number is None:
            return 1
        return max(1, bisect.bisect_right(starts, number))

    def paragraph_range(self, page: int) -> tuple[int, int] | None:
        """The first and last paragraph numbers of ``page`` (``None``: the page holds none)."""
        first = self.paragraphs[page - 1]
        last = self.paragraphs[page] - 1 if page < self.count else self.last
        return (first, last) if last >= first else None


def split(doc: Document) -> list[tuple[Part, ...]]:
    """The document's body as pages, first to last: each a run of parts within the bound (one page for most documents)."""
    if fits(doc.turns):
        return [tuple(Part(turn, turn.paragraphs) for turn in doc.turns)]
    turns = doc.turns
    return [tuple(Part(turns[t], turns[t].paragraphs[a:b] if a or b < len(turns[t].paragraphs) else turns[t].paragraphs, a > 0)
                  for t, a, b in page) for page in _cuts(turns)]


def fits(turns: tuple[Turn, ...]) -> bool:
    """Whether these turns fit on one page."""
    count = length = 0
    for turn in turns:
        count += len(turn.paragraphs)
        length += sum(len(p.text) for p in turn.paragraphs)
        if count > PAGE_PARAGRAPHS or length > PAGE_CHARACTERS:
            return False
    return True


def layout(doc: Document) -> Layout:
    """Where the document's paragraphs and turns are."""
    if fits(doc.turns):
        return Layout(doc.id)
    turns = doc.turns
    pages = _cuts(turns)
    paragraphs = [next((n for t, a, b in page for p in turns[t].paragraphs[a:b] if (n := _number(p.id)) is not None), None)
                  for page in pages]
    begun = [next((turns[t].number for t, a, _ in page if a == 0), None) for page in pages]
    last = max((n for turn in turns for p in turn.paragraphs if (n := _number(p.id)) is not None), default=0)
    return Layout(doc.id, _filled(paragraphs, last + 1), _filled(begun, turns[-1].number + 1), last)


def _cuts(turns: tuple[Turn, ...]) -> list[list[tuple[int, int, int]]]:
    """Where the pages are cut: each page as its parts, ``(turn index, first paragraph index, end index)``."""
    pages: list[list[tuple[int, int, int]]] = []
    page: list[tuple[int, int, int]] = []
    count = length = 0
    for t, turn in enumerate(turns):
        size, text = len(turn.paragraphs), sum(len(p.text) for p in turn.paragraphs)
        if page and (count + size > PAGE_PARAGRAPHS or length + text > PAGE_CHARACTERS):
            pages.append(page)
            page, count, length = [], 0, 0
        if size <= PAGE_PARAGRAPHS and text <= PAGE_CHARACTERS:
            page.append((t, 0, size))
            count, length = count + size, length + text
            continue
        start = 0  # a turn longer than a page (it starts one of its own): cut between its paragraphs
        for i, paragraph in enumerate(turn.paragraphs):
            if i > start and (count + 1 > PAGE_PARAGRAPHS or length + len(paragraph.text) > PAGE_CHARACTERS):
                pages.append([*page, (t, start, i)])
                page, count, length, start = [], 0, 0, i
            count, length = count + 1, length + len(paragraph.text)
        page.append((t, start, size))
    if page:
        pages.append(page)
    return pages


def _filled(starts: list[int | None], after: int) -> tuple[int, ...]:
    """Each page's first number; a page that begins none takes the next page's (``after``: the last page's), the first 1."""
    out = []
    for start in reversed(starts):
        after = start if start is not None else after
        out.append(after)
    out.reverse()
    return (1, *out[1:]) if out else (1,)


def _number(anchor: str) -> int | None:
    """The number of a paragraph's or a turn's id (``p12``: 12); ``None`` for any other."""
    digits = anchor[1:]
    return int(digits) if digits.isdigit() else None
