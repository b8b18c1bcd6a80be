"""The Cite block as a reader sees it: each copy button stands clear of the reference it copies."""

from __future__ import annotations

import pytest

from .conftest import PHONE

# For each citation block of the page: the boxes of its text's lines that the copy button's box (Material's
# .md-code__nav, the button and the tinted padding around it) overlaps.
OVERLAPS = """() => [...document.querySelectorAll('pre.cite')].map(pre => {
    const nav = pre.querySelector('.md-code__nav').getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(pre.querySelector('code'));
    const lines = [...range.getClientRects()].filter(r => r.width > 0);
    const under = lines.filter(r => r.left < nav.right && r.right > nav.left && r.top < nav.bottom && r.bottom > nav.top);
    return {block: pre.className, lines: lines.length, under: under.map(r => [r.left, r.top, r.right, r.bottom].map(Math.round))};
})"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_the_copy_button_of_a_citation_never_covers_its_text(served_site, browser, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        for doc in served_site.report.documents:
            page.goto(served_site.url(f"documents/{doc.id}/"))
            page.locator("pre.cite-bibtex .md-code__button").wait_for(state="attached")  # Material adds it as the page loads
            blocks = page.evaluate(OVERLAPS)
            assert [b["block"] for b in blocks] == ["cite cite-text", "cite cite-bibtex"], doc.id
            for block in blocks:
                assert block["lines"] > 1 and not block["under"], f"{doc.id}: the copy button covers {block}"
    finally:
        context.close()
