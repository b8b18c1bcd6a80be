"""What a reader does in the browser, shared by the served and the offline tests."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

# A link in the search results, in Material's own result list.
RESULT_LINK = ".md-search-result a[href]"


def follow(link: Locator) -> None:
    """Click a link as a reader does: scrolled to, a moment's pause, then the click."""
    link.scroll_into_view_if_needed()
    link.page.wait_for_timeout(250)
    link.click()


def search(page: Page, phrase: str):
    """Type ``phrase`` into the site's search box; the result links once they show."""
    box = page.locator(".md-search__input")
    magnifier = page.locator("label.md-header__button[for='__search']")
    if magnifier.is_visible():  # on a phone, the box opens (focused) from the header's magnifier
        magnifier.click()
        expect(box).to_be_focused()
    else:
        box.click()
    box.press_sequentially(phrase)
    results = page.locator(RESULT_LINK)
    expect(results.first).to_be_visible()
    return results


def search_and_follow(page: Page, phrase: str, document_id: str) -> None:
    """Search for ``phrase``, see the document among the results, follow it to the phrase."""
    results = search(page, phrase)
    expect(page.locator(".md-search-result__meta")).not_to_have_text("No matching documents")
    hit = results.filter(has_text=phrase).and_(page.locator(f"a[href*='{document_id}']")).first
    expect(hit).to_be_visible()
    follow(hit)
    page.wait_for_url(lambda url: document_id in url)
    said = page.locator("p.para", has_text=phrase).first
    expect(said).to_be_in_viewport()
