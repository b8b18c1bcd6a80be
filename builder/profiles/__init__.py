"""Source profiles: one module per input shape, each a ``Profile``.

A profile is chosen from the text itself, never from the file name. The first
profile (in ``PROFILES`` order) whose ``detect`` says yes wins; ``plain_text``
accepts anything and comes last. A profile is a module, and ``Profile`` says what
it holds: mypy checks every module listed in ``PROFILES`` against it.
"""

from __future__ import annotations

from typing import Protocol

from ..model import Cleaned, Seed
from . import kremlin_html, kremlin_page, kremlin_print, kremlin_print_html, markdown_article, plain_text, plain_transcript, repost


class Profile(Protocol):
    """A source shape: its name, what its documents are without turns, how to know it and how to clean it.

    ``clean`` states only what it finds: every field of ``Cleaned`` it leaves out is
    ``None`` or empty (and ``title_line`` 1).
    """

    NAME: str  # the profile's name, as a document's ``profile`` gives it
    KIND: str  # what its documents are when their text holds no speakers' turns (``turns.kind_of``)

    def detect(self, text: str) -> bool:
        """Whether ``text`` has this shape."""
        ...

    def clean(self, seed: Seed) -> Cleaned:
        """The seed's body lines and metadata, chrome out, and the audit of what went."""
        ...


PROFILES: tuple[Profile, ...] = (
    kremlin_print, kremlin_print_html, kremlin_html, kremlin_page, markdown_article, repost, plain_transcript, plain_text,
)


def detect(text: str) -> Profile:
    """The profile that knows this text's shape."""
    return next(p for p in PROFILES if p.detect(text))
