"""The research page (templates/research.md.j2, templates/assets/search/research.js and concordance.js), on the
served site and in the offline copy opened from file:// with the network shut: the form writes
a query in the query language and the address keeps it, a speaker's search lists that
speaker's paragraphs, results link to permalinks that exist, the concordance and its CSV hold
the same rows, the form's lists carry their counts, and the page documents its language."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urldefrag, urlencode, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from builder.pipeline import BuildReport
from builder.search.fields import facets

from .test_accessibility import SERIOUS, axe_violations
from .test_html_validity import validate
from .test_offline_copy import offline_context

COUNT = "#research-count"
CSV_HEADER = ["document", "title", "date", "speaker", "left", "match", "right", "link"]
CONTEXT = 60  # characters either side of a match (CONTEXT in concordance.js)


@dataclass(frozen=True)
class Research:
    page: Page
    address: str  # the research page's address: research/ served, research.html offline
    report: BuildReport  # the build's report: its documents and people
    offline: bool


@pytest.fixture(params=["served", "offline"])
def research(request, browser, served_site) -> Iterator[Research]:
    """A page of a browser ready to open the research page, of the served site or the offline copy (nothing may leave the machine)."""
    if request.param == "served":
        context, left = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True), None
        address = served_site.url("research/")
    else:
        context, left = offline_context(browser, viewport={"width": 1280, "height": 900}, offline=True, accept_downloads=True)
        address = request.getfixturevalue("offline_copy").url("research.html")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Research(page, address, served_site.report, request.param == "offline")
    context.close()
    assert not left, left


def search(page: Page, **fields: str) -> None:
    """Fill the form's fields (words, speaker, topic, kind, from, to, sort, view) and press Search; wait for the count."""
    for name, value in fields.items():
        selector = f"#research-{name}"
        if name in ("topic", "kind", "sort", "view"):
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.get_by_role("button", name="Search").click()
    expect(page.locator(COUNT)).to_contain_text("found")


def shown_paragraphs(page: Page) -> list[tuple[str, str]]:
    """(speaker label, permalink) of every paragraph listed, folded ones included."""
    return page.locator(".research-paragraph").evaluate_all("""items => items.map(item => [
        (item.querySelector('.research-paragraph__speaker') || {textContent: ''}).textContent,
        item.querySelector('.research-paragraph__link').getAttribute('href')])""")


def table_rows(page: Page) -> list[list[str]]:
    return page.locator(".research-kwic tbody tr").evaluate_all(
        "rows => rows.map(row => Array.from(row.cells, cell => cell.textContent))")


def test_the_form_composes_the_query_and_the_address_keeps_it(research):
    page = research.page
    page.goto(research.address)
    page.fill("#research-words", "Istanbul")
    page.fill("#research-speaker", "Sergei Lavrov")
    page.fill("#research-from", "2025-01")
    page.fill("#research-to", "2025-06")
    query = 'Istanbul speaker:"Sergei Lavrov" from:2025-01 to:2025-06'
    expect(page.locator("#research-query")).to_have_text(f"Query: {query}")  # shown as it is being written
    search(page, sort="newest", view="concordance")
    asked = parse_qs(urlsplit(page.url).query)
    assert asked == {"q": [query], "sort": ["newest"], "view": ["concordance"]}

    page.goto(page.url)  # the address cited and opened again
    page.wait_for_load_state("load")
    expect(page.locator(COUNT)).to_contain_text("found")
    assert parse_qs(urlsplit(page.url).query)["q"] == [query]  # still there once the page has loaded
    assert not page.locator("#__search").is_checked()  # Material's search box left closed: the q is this page's
    assert [page.input_value(f"#research-{name}") for name in ("words", "speaker", "from", "to", "sort", "view")] == [
        "Istanbul", "Sergei Lavrov", "2025-01", "2025-06", "newest", "concordance"]
    expect(page.locator("#research-query")).to_have_text(f"Query: {query}")


def test_a_query_written_in_the_address_fills_the_form_it_can_and_keeps_the_rest_as_words(research):
    page = research.page
    page.goto(research.address + "?" + urlencode({"q": '-Kiev kind:transcript topic:Space "humanitarian pause" year:2025'}))
    expect(page.locator(COUNT)).to_contain_text("found")
    assert page.input_value("#research-words") == '-Kiev "humanitarian pause" year:2025'
    assert (page.input_value("#research-kind"), page.input_value("#research-topic")) == ("transcript", "Space")
    expect(page.locator("#research-query")).to_have_text('Query: -Kiev "humanitarian pause" year:2025 topic:Space kind:transcript')


def test_a_speaker_query_from_the_form_lists_only_the_paragraphs_that_person_speaks(research):
    report = research.report
    lavrov = {p.id for doc in report.documents for turn in doc.turns if turn.speaker == "sergei-lavrov" for p in turn.paragraphs}
    assert lavrov, "the seeds should hold turns of Sergei Lavrov"
    page = research.page
    page.goto(research.address)
    search(page, speaker="Lavrov")
    expect(page.locator("#research-query")).to_have_text("Query: speaker:Lavrov")
    shown = shown_paragraphs(page)
    assert shown and all("Lavrov" in label for label, _ in shown), shown
    assert {urldefrag(href)[1] for _, href in shown} == lavrov


def test_the_last_word_of_a_query_is_a_whole_word_not_a_prefix_as_while_typing_in_the_search_box(served_site, page):
    page.goto(served_site.url("research/"))
    search(page, words="Istanbu")
    expect(page.locator(COUNT)).to_have_text("0 documents found")
    search(page, words="Istanbul")
    expect(page.locator(COUNT)).to_have_text("1 document found")


def test_results_link_to_the_document_and_to_paragraph_permalinks_that_exist_on_its_page(research):
    page = research.page
    page.goto(research.address)
    search(page, words="Kyiv")
    titles = page.locator(".research-result__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    links = [href for _, href in shown_paragraphs(page)]
    assert titles and links
    suffix = ".html" if research.offline else "/"
    for href in titles + links:
        assert not urlsplit(href).scheme and not href.startswith("/"), href  # relative: any subpath, file:// too
        assert urldefrag(href)[0].startswith("documents/" if research.offline else "../documents/"), href
        assert urldefrag(href)[0].endswith(suffix), href
    base = page.url
    for href in links:
        target, fragment = urldefrag(urljoin(base, href))
        page.goto(target + "#" + fragment)
        expect(page.locator(f"[id='{fragment}']")).to_have_count(1)
        expect(page.locator(f"[id='{fragment}']")).to_contain_text("Kiev")  # the spelling the text has


def test_the_concordance_shows_each_match_in_context_and_downloads_the_same_rows_as_csv(research, tmp_path):
    page = research.page
    page.goto(research.address)
    search(page, words="Istanbul", view="concordance")
    rows = table_rows(page)
    texts = {p.text for doc in research.report.documents for _, p in doc.paragraphs() if p.id}  # the numbered: those a result can show
    assert len(rows) == sum(text.count("Istanbul") for text in texts)
    for _, date, _, left, match, right in rows:
        assert match == "Istanbul" and date
        assert len(left) <= CONTEXT and len(right) <= CONTEXT
        assert any(f"{left} {match}".lstrip() in t or f"{left}{match}" in t for t in texts), left
        assert any(f"{match}{right}" in t or f"{match} {right}".rstrip() in t for t in texts), right
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "concordance.csv"
    data = tmp_path / "concordance.csv"
    download.save_as(data)
    raw = data.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # UTF-8 with BOM (Excel), RFC 4180 line ends
    table = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert table[0] == CSV_HEADER
    assert [[title, date, speaker, left, match, right] for _, title, date, speaker, left, match, right, _ in table[1:]] == rows
    for doc_id, *_, link in table[1:]:
        assert link.startswith("http") and f"/documents/{doc_id}/#p" in link  # the published permalink


def test_the_speaker_list_and_the_topic_and_kind_selects_are_filled_with_counts(research):
    expected = facets(research.report.documents, research.report.people)
    page = research.page
    page.goto(research.address)
    speakers = page.locator("#research-speakers option")
    expect(speakers).to_have_count(len(expected["speakers"]))

    def documents(n: int) -> str:
        return f"{n} document" if n == 1 else f"{n} documents"

    options = speakers.evaluate_all("options => options.map(o => [o.value, o.textContent])")
    assert options == [[name, f"{name} ({documents(n)})"] for _, name, n in expected["speakers"]]
    topics = page.locator("#research-topic option").evaluate_all("options => options.map(o => [o.value, o.textContent])")
    assert topics == [["", "any topic"]] + [[name, f"{name} ({documents(n)})"] for name, n in expected["topics"]]
    kinds = dict(expected["kinds"])
    shown = page.locator("#research-kind option").evaluate_all("options => options.map(o => [o.value, o.textContent])")
    assert shown == [["", "any kind"]] + [[kind, f"{kind} ({documents(kinds.get(kind, 0))})"] for kind in ("transcript", "article", "text")]


def test_every_example_of_the_query_language_is_a_link_to_a_search_that_finds_something(served_site, page):
    page.goto(served_site.url("research/"))
    section = page.locator("#query-language ~ *")
    for name in ("speaker:", "person:", "topic:", "kind:", "year:", "from:", "to:"):
        expect(section.filter(has_text=name).first).to_be_visible()
    examples = page.locator("a[href^='?q=']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(examples) >= 10
    for href in examples:
        page.goto(served_site.url("research/") + href)
        expect(page.locator(COUNT)).to_contain_text("found")
        assert not page.locator(COUNT).inner_text().startswith("0 "), href
        expect(page.locator("#research-problems li")).to_have_count(0)


# The engine's search answered by a stand-in (installed before engine.js runs): 30 candidates, to be
# checked, 10 read a call, every other one a match, each a title and a paragraph full of markup,
# quotes, commas and a line break.
FAKE_ENGINE = """(() => {
  const title = %(title)s, text = %(text)s, label = %(label)s;
  function session() {
    const s = {query: {problems: []}, exact: false, ranked: Array.from({length: 30}, (_, i) => i), checked: 0, found: 0};
    s.more = n => {
      const read = s.ranked.slice(s.checked, s.checked + 10);
      s.checked += read.length;
      const found = read.filter(i => i %% 2 === 0).map(i => ({number: i, id: "fake-" + i, title: title, date: "2025-01-0" + (i %% 9 + 1),
        score: 1, titleMatches: [], lead: null, paragraphs: [{id: "p1", label: label, speaker: null, text: text, count: 1,
        matches: [...text.matchAll(/Istanbul/g)].map(m => ({start: m.index, end: m.index + 8}))}]}));
      return Promise.resolve(found);
    };
    return s;
  }
  let real;
  Object.defineProperty(window, "StenogramEngine", {configurable: true, get: () => real, set: value => {
    real = Object.assign({}, value, {create: (root, load) => Object.assign({}, value.create(root, load),
      {search: () => Promise.resolve(session()), suffix: () => "/"})});
  }});
})();"""
HOSTILE = {"title": "<script>alert('title')</script> Talks & <b>bold</b>",
           "text": 'He said, "no" <img src=x onerror=alert(1)>\nthen Istanbul, and "Istanbul" again.',
           "label": 'Mr "Quote", Esq.'}


def test_more_results_reads_on_and_document_text_stays_text_in_results_concordance_and_csv(served_site, page, tmp_path):
    page.add_init_script(FAKE_ENGINE % {key: json.dumps(value) for key, value in HOSTILE.items()})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served_site.url("research/?q=Istanbul"))
    count, more = page.locator(COUNT), page.get_by_role("button", name="More results")
    expect(count).to_have_text("5 found so far, 20 more to check")
    for found, left in ((10, 10), (15, 0)):
        more.click()
        expect(count).to_have_text(f"{found} found so far, {left} more to check" if left else f"{found} documents found")
    expect(more).to_be_hidden()
    results = page.locator("#research-results")
    assert results.locator("script, b, img").count() == 0
    expect(page.locator(".research-result__title").first).to_have_text(HOSTILE["title"])
    expect(page.locator(".research-paragraph__text").first).to_contain_text("<img src=x onerror=alert(1)>")
    expect(results.locator("mark")).to_have_count(30)

    page.select_option("#research-view", "concordance")
    assert parse_qs(urlsplit(page.url).query)["view"] == ["concordance"]
    expect(page.locator(".research-kwic tbody tr")).to_have_count(30)
    assert results.locator("script, b, img").count() == 0
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    info.value.save_as(tmp_path / "concordance.csv")
    table = list(csv.reader(io.StringIO((tmp_path / "concordance.csv").read_text("utf-8-sig"), newline="")))
    assert len(table) == 31
    document, title, date, speaker, left, match, right, link = table[1]
    assert (document, title, speaker, match) == ("fake-0", HOSTILE["title"], HOSTILE["label"], "Istanbul")
    assert left == 'He said, "no" <img src=x onerror=alert(1)>\nthen' and right == ', and "Istanbul" again.'
    assert link == served_site.url("documents/fake-0/#p1")
    assert dialogs == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_the_research_page_with_results_and_concordance(served_site, page, scheme):
    page.emulate_media(color_scheme=scheme)
    found = []
    for view in ("results", "concordance"):
        page.goto(served_site.url(f"research/?q=Kyiv&view={view}"))
        expect(page.locator(COUNT)).to_contain_text("found")
        found += [v for v in axe_violations(page) if v["impact"] in SERIOUS]
    assert found == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in found)


def test_the_research_page_is_valid_html_in_both_builds(served_site, offline_copy, tmp_path):
    pages = [served_site.site / "research" / "index.html", offline_copy.folder / "research.html"]
    assert validate(pages, tmp_path) == []
