"""Source profiles: one module per input shape, each with ``detect`` and ``clean``.

A profile is chosen from the text itself, never from the file name. The first
profile (in ``PROFILES`` order) whose ``detect`` says yes wins; ``plain_text``
accepts anything and comes last.
"""

from __future__ import annotations

from types import ModuleType

from . import kremlin_html, kremlin_page, kremlin_print, kremlin_print_html, markdown_article, plain_text, plain_transcript, repost

PROFILES: tuple[ModuleType, ...] = (
    kremlin_print, kremlin_print_html, kremlin_html, kremlin_page, markdown_article, repost, plain_transcript, plain_text,
)


def detect(text: str) -> ModuleType:
    """The profile that knows this text's shape."""
    return next(p for p in PROFILES if p.detect(text))
