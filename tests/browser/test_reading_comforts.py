"""Reading on a phone, in the dark, and on paper."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PHONE
from .pages import PHRASE, page_kinds, phrase_turn
from .reading import search_and_follow

# Everything of the site's frame that has no place on paper.
FRAME = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".md-top")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def overflow(page) -> list[str]:
    """Elements wider than the screen, which would make the reader scroll sideways."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('.md-content *')]
            .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed')
            .filter(e => !e.closest('.md-typeset__scrollwrap'));
        return [String(document.documentElement.scrollWidth - width)]
            .concat(wide.slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 60)));
    }""")


@pytest.mark.parametrize("kind", ["transcript", "person", "home"])
def test_a_page_reads_on_a_phone_without_horizontal_scrolling(served_site, phone, kind):
    phone.goto(served_site.url(page_kinds(served_site.report)[kind]))
    expect(phone.locator("h1").first).to_be_visible()
    assert overflow(phone) == ["0"]


def test_search_on_a_phone_opens_from_the_header_and_lands_on_the_phrase(served_site, phone):
    doc, _ = phrase_turn(served_site.report)
    phone.goto(served_site.url())
    search_and_follow(phone, PHRASE, doc.id)


def test_the_palette_toggle_switches_between_light_and_dark(served_site, page):
    page.goto(served_site.url())
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle = page.locator("form[data-md-component=palette] label:visible")  # one shows at a time
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_a_printed_transcript_keeps_speakers_and_paragraph_ids_and_drops_the_navigation(served_site, page):
    doc, turn = phrase_turn(served_site.report)
    page.goto(served_site.url(page_kinds(served_site.report)["transcript"]))
    page.emulate_media(media="print", color_scheme="dark")
    for selector in FRAME:
        assert not page.locator(selector).first.is_visible(), f"{selector} prints"
    heading = page.locator(f"h3#t{turn.number}")
    expect(heading).to_be_visible()
    expect(heading).to_contain_text(turn.name or turn.label.rstrip(": "))
    paragraph = turn.paragraphs[0].id
    permalink = page.locator(f"p#{paragraph} .permalink")
    expect(permalink).to_be_visible()
    cited = permalink.evaluate("e => getComputedStyle(e, '::before').content + e.textContent")
    assert cited == f'"¶ "{paragraph}'
    colours = page.locator(f"p#{paragraph}").evaluate("e => [getComputedStyle(e).color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"], "print is black on white, whatever the palette"
    assert page.pdf(format="A4")[:5] == b"%PDF-"


def test_the_back_to_top_button_appears_on_a_long_transcript(served_site, page):
    page.goto(served_site.url(page_kinds(served_site.report)["transcript"]))
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)  # Material shows it when the reader scrolls back up
    top = page.locator(".md-top")
    expect(top).to_be_visible()
    top.click()
    page.wait_for_function("window.scrollY === 0")


def test_a_paragraph_permalink_explains_itself_copies_its_address_and_stays_out_of_a_copied_passage(served_site, page):
    doc, turn = phrase_turn(served_site.report)
    paragraph = turn.paragraphs[0].id
    page.goto(served_site.url(f"documents/{doc.id}/"))
    permalink = page.locator(f"p#{paragraph} a.permalink")
    permalink.hover()
    expect(permalink).to_have_attribute("title", f"Copy the permanent address of paragraph {paragraph}")
    permalink.click()
    expect(page.get_by_role("status")).to_contain_text(f"documents/{doc.id}/#{paragraph}")
    copied = page.locator(f"p#{paragraph}").evaluate(
        "p => { const s = getSelection(); s.selectAllChildren(p); return s.toString(); }")
    assert " ".join(copied.split()) == " ".join(turn.paragraphs[0].text.split())
