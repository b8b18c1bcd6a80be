"""The real site, built from the real seeds: links, speakers, faithful text, no chrome."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup

from builder.site.minifier import minify_pages

from .conftest import ROOT, SEEDS

NBSP = re.compile(r"[\u00a0\u202f\u2009]")
# Strings of the sources' site chrome that must never reach a document page.
CHROME = [
    "Subscribe", "Select font", "Kerning", "Документ", "Telegram Channel", "Creative Commons", "Send by email",
    "Related article", "Original url", "Publication date", "Direct link:", "Last updated", "Mobile version",
    "Version for People with Disabilities", "Presidential Executive Office", "Official Internet Resources",
    "Борисов", "Borisov Yury", "Bakanov Dmitry", "Mishustin Mikhail", "DmitryGeneral", "YurySpecial",
]
# The name tooltips of seed 000, as reviewed: each goes, with the space before it.
TOOLTIPS_000 = [
    " Borisov Yury Borisov YurySpecial Representative of the President for International Cooperation in Space Exploration ",
    " Bakanov Dmitry Bakanov DmitryGeneral Director of the Roscosmos State Corporation for Space Activities ",
    " Mishustin Mikhail Mishustin MikhailPrime Minister of the Russian Federation",
    " Manturov Denis Manturov DenisFirst Deputy Prime Minister of the Government of the Russian Federation ",
]


def words(text: str) -> list[str]:
    return NBSP.sub(" ", text).split()


def page(site: Path, doc) -> BeautifulSoup:
    return BeautifulSoup((site / "documents" / doc.id / "index.html").read_text("utf-8"), "html.parser")


def document(built_site, seed: str):
    return next(d for d in built_site.report.documents if d.source.file == seed)


def body_words(soup: BeautifulSoup) -> list[str]:
    """What a reader reads as the body: the lead, turn labels and paragraphs, without permalinks."""
    content = soup.select_one("article.md-content__inner")
    out: list[str] = []
    for element in content.select(".lead, h3.turn, p.para"):
        element = BeautifulSoup(str(element), "html.parser")
        for extra in element.select(".permalink, .annotation-marker, .md-annotation"):
            extra.decompose()
        out += words(element.get_text())
    return out


def seed_lines(name: str) -> list[str]:
    return (SEEDS / name).read_text("utf-8").split("\n")


def source_words_000() -> list[str]:
    lines = seed_lines("000_29aedf8857b15add.txt")
    text = "\n".join(lines)
    for tip in TOOLTIPS_000:
        assert text.count(tip) == 1
        text = text.replace(tip, "")
    lines = text.split("\n")
    lead = lines.index(next(line for line in lines if line.startswith("The\u00a0President had")))
    start = lines.index(next(line for line in lines if line.startswith("President of\u00a0Russia Vladimir Putin:")))
    end = lines.index("Topics")
    return words(lines[lead]) + words("\n".join(lines[start:end]))


def source_words_004() -> list[str]:
    lines = [line for line in seed_lines("004_92ebfd5003dffd4c.txt") if line.strip()]
    assert lines[2].startswith("Документ") and lines[-1].startswith("June 4, 2025")
    return words("\n".join(lines[3:-1]))


def source_words_001() -> list[str]:
    """The article's body as a reader of the rendered Markdown sees it, without title, date, promo and footer."""
    lines = seed_lines("001_b1332721dcb18903.txt")
    start = lines.index("February 06, 2025") + 1
    end = lines.index("Original url:")
    body = "\n".join(line for line in lines[start:end] if not line.startswith("**Related article:**"))
    html = markdown.markdown(body.replace("\\\\$", "\\$"))
    return words(BeautifulSoup(html, "html.parser").get_text(" "))


@pytest.mark.parametrize(
    ("seed", "source"),
    [("000_29aedf8857b15add.txt", source_words_000), ("004_92ebfd5003dffd4c.txt", source_words_004),
     ("001_b1332721dcb18903.txt", source_words_001)],
)
def test_each_body_reads_word_for_word_as_its_source(built_site, seed, source):
    expected = source()
    actual = body_words(page(built_site.site, document(built_site, seed)))
    assert actual == expected


@pytest.mark.parametrize("seed", ["000_29aedf8857b15add.txt", "001_b1332721dcb18903.txt", "004_92ebfd5003dffd4c.txt"])
def test_no_site_chrome_reaches_a_document_page(built_site, seed):
    # The text as a browser has it: no space added between elements, which could join two
    # list items ("Dmitry Bakanov", "Dmitry Peskov") into a tooltip's "Bakanov Dmitry".
    article = page(built_site.site, document(built_site, seed)).select_one("article.md-content__inner")
    # The licence's credit is the site's own words, and names what the source's footer named
    # ("Creative Commons", "Presidential Executive Office"): it is checked apart, as the credit.
    for credit in article.select("dd.licence"):
        credit.decompose()
    text = article.get_text()
    assert [c for c in CHROME if c in text] == []


def test_every_speaker_links_to_an_existing_person_page(built_site):
    checked = 0
    for doc in built_site.report.documents:
        soup = page(built_site.site, doc)
        for heading in soup.select("h3.turn"):
            link = heading.find("a")
            assert link is not None, heading
            target = (built_site.site / "documents" / doc.id / link["href"]).resolve() / "index.html"
            assert target.exists(), link["href"]
            person = BeautifulSoup(target.read_text("utf-8"), "html.parser")
            assert person.h1.get_text(strip=True) == link.get_text(strip=True) or link.get_text(strip=True) in person.get_text()
            checked += 1
    assert checked == sum(1 for d in built_site.report.documents for t in d.turns if t.label) == 31


def test_every_turn_of_both_transcripts_is_attributed(built_site):
    for seed in ("000_29aedf8857b15add.txt", "004_92ebfd5003dffd4c.txt"):
        doc = document(built_site, seed)
        assert all(turn.speaker for turn in doc.turns)
    assert [t.speaker for t in document(built_site, "000_29aedf8857b15add.txt").turns] == ["vladimir-putin", "dmitry-bakanov"] * 4


def test_the_metadata_of_each_seed_is_right(built_site):
    page_000 = document(built_site, "000_29aedf8857b15add.txt")
    assert (page_000.title, page_000.date, page_000.time, page_000.place, page_000.source.url, page_000.topics) == (
        "Meeting with Director General of Roscosmos State Corporation Dmitry Bakanov", "2025-03-31", "13:30",
        "The Kremlin, Moscow", "http://en.kremlin.ru/d/76574", ("Industry", "Space", "Telecommunications"))
    article = document(built_site, "001_b1332721dcb18903.txt")
    assert (article.kind, article.title, article.date, article.source.publisher) == (
        "article", "Putin Sacks Roscosmos Chief Yury Borisov Amid Setbacks at Space Agency", "2025-02-06", "The Moscow Times")
    assert article.source.url.startswith("https://www.themoscowtimes.com/2025/02/06/putin-sacks")
    meeting = document(built_site, "004_92ebfd5003dffd4c.txt")
    assert (meeting.title, meeting.date, meeting.time, meeting.place, meeting.lead) == (
        "Meeting with Government members", "2025-06-04", None, "Novo-Ogaryovo, Moscow Region",
        "The President held a meeting with Government members, via videoconference.")


def test_editorial_marks_of_the_source_survive_and_are_marked(built_site):
    soup = page(built_site.site, document(built_site, "004_92ebfd5003dffd4c.txt"))
    assert [e.get_text() for e in soup.select(".editorial.insertion")] == ["[with the fallen debris of a bridge]"]
    assert [e.get_text() for e in soup.select(".editorial.elision")] == ["<…>"]


def test_every_paragraph_has_a_visible_permalink_with_its_id(built_site):
    for doc in built_site.report.documents:
        soup = page(built_site.site, doc)
        paragraphs = soup.select("p.para")
        assert [p["id"] for p in paragraphs] == [f"p{i}" for i in range(1, len(paragraphs) + 1)]
        for p in paragraphs:
            assert p.select_one(f'a.permalink[href="#{p["id"]}"]').get_text() == p["id"]


EXPECTED_LINKS = {
    "000_29aedf8857b15add.txt": {"Mr Bakanov": "dmitry-bakanov", "Yury Borisov": "yury-borisov", "Mr President": "vladimir-putin",
                                 "Mr Mishustin": "mikhail-mishustin", "Mr Manturov": "denis-manturov"},
    "001_b1332721dcb18903.txt": {"Yuri Borisov": "yury-borisov", "Vladimir Putin": "vladimir-putin", "Borisov": "yury-borisov",
                                 "Dmitry Bakanov": "dmitry-bakanov", "Dmitry Peskov": "dmitry-peskov",
                                 "Sergei Shoigu": "sergei-shoigu", "Bakanov": "dmitry-bakanov"},
    "004_92ebfd5003dffd4c.txt": {"Mr Medinsky": "vladimir-medinsky", "Mr Lavrov": "sergei-lavrov", "Zelensky": "volodymyr-zelensky",
                                 "Donald Trump": "donald-trump", "Mr Bastrykin": "alexander-bastrykin", "Dr Roshal": "leonid-roshal",
                                 "Ms Golikova": "tatyana-golikova", "Mr Grigorenko": "dmitry-grigorenko", "Mr Minister": "maksut-shadayev",
                                 "Mr Alexander Novak": "alexander-novak", "Pavel Mishin": "pavel-mishin", "Mr Belozerov": "oleg-belozerov",
                                 "Mr Bogomaz": "alexander-bogomaz", "Mr Murashko": "mikhail-murashko", "Mr Shadayev": "maksut-shadayev"},
}


@pytest.mark.parametrize("seed", sorted(EXPECTED_LINKS))
def test_every_person_named_in_a_seed_links_to_their_page(built_site, seed):
    soup = page(built_site.site, document(built_site, seed))
    linked = {a.get_text(): a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup.select("a.mention")}
    for text, person in EXPECTED_LINKS[seed].items():
        assert linked.get(text) == person, text


def test_person_pages_list_every_turn_and_mention_linked_to_the_paragraph(built_site):
    person = BeautifulSoup((built_site.site / "people" / "yury-borisov" / "index.html").read_text("utf-8"), "html.parser")
    text = person.get_text(" ")
    assert "Yuri Borisov" in text  # the other spelling
    links = [a["href"] for a in person.select("article a")]
    assert sum("#p" in href for href in links) >= 7
    lavrov = BeautifulSoup((built_site.site / "people" / "sergei-lavrov" / "index.html").read_text("utf-8"), "html.parser")
    spoke = [(doc, t) for doc in built_site.report.documents for t in doc.turns if t.speaker == "sergei-lavrov"]
    assert spoke
    links = {(a["href"], a.get_text()) for a in lavrov.select("article a")}
    for doc, turn in spoke:  # each turn: a link to its first paragraph, naming its first and last
        first, last = turn.paragraphs[0].id, turn.paragraphs[-1].id
        assert (f"../../documents/{doc.id}/#{first}", first if first == last else f"{first}–{last}") in links
    assert "Foreign Minister" in lavrov.get_text()


def test_a_person_page_lists_who_they_appeared_with_most_often_first(built_site):
    report = built_site.report
    together = Counter(other for doc in report.documents if "yury-borisov" in doc.people for other in doc.people if other != "yury-borisov")
    assert len(together) > 5
    page = BeautifulSoup((built_site.site / "people" / "yury-borisov" / "index.html").read_text("utf-8"), "html.parser")
    listed = page.select_one("h2#appeared-with").find_next_sibling("ul").find_all("li", recursive=False)
    shown = [(li.a["href"], li.get_text(" ", strip=True)) for li in listed]
    expected = [(f"../{pid}/", f"{report.people[pid].name} ({n} document{'' if n == 1 else 's'})")
                for pid, n in sorted(together.items(), key=lambda kv: (-kv[1], report.people[kv[0]].name))]
    assert shown == expected
    assert not [li for li in listed if li.p], "a tight list: one line a person"


def test_indexes_by_date_topic_and_person_exist_and_list_every_document(built_site):
    site = built_site.site
    dates = {a["href"] for a in BeautifulSoup((site / "documents" / "index.html").read_text("utf-8"), "html.parser").select("a[href]")}
    for doc in built_site.report.documents:
        assert f"{doc.id}/" in dates
    assert (site / "topics" / "space" / "index.html").exists()
    people = BeautifulSoup((site / "people" / "index.html").read_text("utf-8"), "html.parser")
    names = [a.get_text() for a in people.select("article li a")]
    assert "Vladimir Putin" in names and "Dmitry Grigorenko" in names
    for doc in built_site.report.documents:
        assert (site / "data" / f"{doc.id}.json.gz").exists()
    assert (site / "data" / "people.json.gz").exists()


def internal_targets(site: Path):
    """Every internal link and asset of every page: (page, href, resolved file, fragment)."""
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                ref = element.get(attr)
                if not ref or ref.startswith(("mailto:", "javascript:", "data:")):
                    continue
                parts = urlsplit(ref)
                if parts.scheme or parts.netloc:
                    continue
                if parts.path.startswith("/"):  # root-relative, as on the 404 page (site_url's path is "/")
                    target = (site / unquote(parts.path).lstrip("/")).resolve()
                else:
                    target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
                if target.is_dir():
                    target = target / "index.html"
                yield html, ref, target, parts.fragment


def test_every_internal_link_and_anchor_resolves(built_site):
    site = built_site.site.resolve()
    broken = []
    ids: dict[Path, set[str]] = {}
    for html, ref, target, fragment in internal_targets(site):
        if not target.exists() or site not in target.parents:
            broken.append(f"{html.relative_to(site)}: {ref}")
            continue
        if fragment and target.suffix == ".html":
            if target not in ids:
                soup = BeautifulSoup(target.read_text("utf-8"), "html.parser")
                ids[target] = {e["id"] for e in soup.find_all(id=True)}
            if fragment not in ids[target]:
                broken.append(f"{html.relative_to(site)}: {ref} (no anchor)")
    assert broken == []


def test_mkdocs_strict_build_has_no_warning(built_site):
    assert built_site.report.mkdocs_warnings == []


def test_every_page_is_minified_but_its_preformatted_blocks(built_site):
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) > len(built_site.report.documents)
    for html in pages:
        text = html.read_text("utf-8")
        outside_pre = re.sub(r"<pre\b.*?</pre>", "", text, flags=re.S)
        assert not re.search(r">\s*\n\s+<", outside_pre), html  # Material's indentation is gone
    first = built_site.site / "documents" / built_site.report.documents[0].id / "index.html"
    bibtex = BeautifulSoup(first.read_text("utf-8"), "html.parser").select_one("pre.cite-bibtex").get_text()
    assert "\n  title = {" in bibtex  # a <pre> block keeps its lines and indentation


def test_minifying_a_minified_page_changes_nothing(built_site, tmp_path):
    """A page written just before a build started may be minified again (``MTIME_SLACK_NS``): it must stay the same."""
    copy = tmp_path / "site"
    shutil.copytree(built_site.site, copy)
    before = {p: p.read_bytes() for p in copy.rglob("*.html")}
    minify_pages(copy, since_ns=0)
    assert {p: p.read_bytes() for p in copy.rglob("*.html")} == before


def test_pages_minified_on_several_processes_are_the_pages_minified_in_one(tmp_path):
    """A large site's pages are minified by forked workers when this process has not loaded the minifier's Go runtime
    (which does not survive a fork): run where it has not, they give the bytes one process gives."""
    pages = tmp_path / "site"
    for n in range(12):
        page = pages / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html>\n<html>\n  <head><title>Page {n}</title></head>\n  <body>\n    <p class="para" id="p{n}">'
                        f'Words  of page {n}</p>\n    <pre>  kept\n  as is</pre>\n  </body>\n</html>\n', "utf-8")
    serial = tmp_path / "serial"
    shutil.copytree(pages, serial)
    script = ("import sys; from pathlib import Path; import builder.site.minifier as m; m.MINIFY_SPLIT = 1;"
              "m.minify_pages(Path(sys.argv[1]), 0, jobs=2); assert 'minify' not in sys.modules, 'minified in the parent'")
    subprocess.run([sys.executable, "-c", script, str(pages)], check=True, cwd=ROOT)
    minify_pages(serial, since_ns=0, jobs=1)
    forked = {p.relative_to(pages): p.read_bytes() for p in sorted(pages.rglob("*.html"))}
    assert forked == {p.relative_to(serial): p.read_bytes() for p in sorted(serial.rglob("*.html"))}
    assert b"<p class=para id=p3>Words of page 3</p>" in forked[Path("p3/index.html")]
