"""Editorial annotations: anchored by quote, re-anchored when the text shifts, orphans reported; roles and glossary terms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from builder.annotate.anchor import FUZZY_CUTOFF, Passage, locate, read_notes
from builder.annotate.glossary import find_terms, load_glossary
from builder.cli import main
from builder.ingest.sidecar import NoteEntry, Overrides, Sidecar
from builder.model import Note, Paragraph
from builder.pipeline import parse_corpus

from .conftest import SEEDS, build_into

MEETING = "000_29aedf8857b15add.txt"
GOVERNMENT = "004_92ebfd5003dffd4c.txt"
ARTICLE = "001_b1332721dcb18903.txt"


def document(report, seed: str):
    return next(d for d in report.documents if d.source.file == seed)


def page(built, doc) -> BeautifulSoup:
    return BeautifulSoup((built.site / "documents" / doc.id / "index.html").read_text("utf-8"), "html.parser")


def seeds_with_notes(folder: Path, seed: str, notes: list[dict], text: str | None = None) -> Path:
    """A seeds folder holding one seed (its text replaced when ``text`` is given) and a sidecar with ``notes``."""
    folder.mkdir(parents=True, exist_ok=True)
    if text is None:
        shutil.copy2(SEEDS / seed, folder / seed)
    else:
        (folder / seed).write_text(text, "utf-8")
    for extra in ("people.yml", "glossary.yml"):
        shutil.copy2(SEEDS / extra, folder / extra)
    (folder / f"{seed}.yml").write_text(yaml.safe_dump({"annotations": notes}, allow_unicode=True), "utf-8")
    return folder


def passage(*texts: str) -> Passage:
    return Passage.of(tuple(Paragraph(f"p{n}", n, text) for n, text in enumerate(texts, start=1)))


# ---------------------------------------------------------------- anchoring, on its own


def test_a_quote_found_as_written_anchors_exactly():
    place, how, _ = locate(Note("n", "satellite cluster", "b"), passage("One thing.", "The GLONASS satellite cluster is ours."))
    assert (place.paragraph, place.start, place.end, how) == (1, 12, 29, "exact")


def test_a_quote_whose_words_moved_a_little_still_anchors_fuzzily():
    text = "Over the past two years we were able, with partners, to triple the annual revenue of GLONASS services."
    note = Note("glonass", "we were able to triple the revenue of GLONASS", "b")
    place, how, _ = locate(note, passage("Something else entirely.", text))
    assert how == "fuzzy" and place.paragraph == 1
    assert place.score >= FUZZY_CUTOFF
    anchored = text[place.start : place.end]
    assert anchored.startswith("we were able") and anchored.endswith("GLONASS")


def test_a_quote_that_is_gone_is_an_orphan():
    place, how, _ = locate(Note("n", "a sentence nobody ever said here", "b"), passage("The talks began.", "They lasted three hours."))
    assert place is None and how == "missing"


def test_a_quote_found_twice_is_ambiguous_until_a_prefix_or_suffix_chooses():
    texts = ("The head of Roscosmos spoke.", "Our flagship company, Roscosmos, will grow.")
    assert locate(Note("n", "Roscosmos", "b"), passage(*texts))[1] == "ambiguous"
    place, how, _ = locate(Note("n", "Roscosmos", "b", prefix="flagship company, "), passage(*texts))
    assert (place.paragraph, how) == (1, "context")
    place, how, _ = locate(Note("n", "Roscosmos", "b", suffix=" spoke"), passage(*texts))
    assert (place.paragraph, how) == (0, "context")


def test_a_short_quote_is_never_matched_fuzzily():
    place, how, _ = locate(Note("n", "Gonetz", "b"), passage("His work at Gonets."))
    assert place is None and how == "missing"


def test_a_note_without_exact_or_body_is_reported_and_skipped():
    written = ({"id": "a", "exact": "words"}, {"id": "b", "body": "text"}, {"exact": "q", "body": "c", "colour": "red"})
    sidecar = Sidecar("x.txt.yml", Overrides(), tuple(NoteEntry(line, entry) for line, entry in zip((3, 6, 9), written, strict=True)))
    notes, problems = read_notes(sidecar)
    assert [n.id for n in notes] == ["note-3"]
    messages = [f"{p.path}:{p.line}: {p.message}" for p in problems]
    assert any(m.startswith("x.txt.yml:3:") and "'a'" in m and "'body'" in m for m in messages)
    assert any(m.startswith("x.txt.yml:6:") and "'b'" in m and "'exact'" in m for m in messages)
    assert any(m.startswith("x.txt.yml:9:") and "colour" in m for m in messages)


# ---------------------------------------------------------------- anchoring, in a build


def test_every_shipped_note_anchors_and_none_is_an_orphan(built_site):
    notes = {n.id: n for d in built_site.report.documents for n in d.notes}
    assert {"gonets", "glonass", "borisov-predecessor", "borisov-spellings", "lora", "rosavtodor", "rustore", "grigorenko"} <= set(notes)
    assert all(n.paragraph for n in notes.values())
    assert not [p for p in built_site.report.problems if p.code in ("orphan-annotation", "ambiguous-annotation", "fuzzy-annotation")]
    grigorenko = notes["grigorenko"]
    meeting = document(built_site.report, GOVERNMENT)
    text = next(p.text for _, p in meeting.paragraphs() if p.id == grigorenko.paragraph)
    assert text[grigorenko.start : grigorenko.end] == "Mr Grigorenko"


def shifted_seeds(folder: Path) -> Path:
    """The meeting with a note whose quote the text no longer has word for word."""
    original = (SEEDS / MEETING).read_text("utf-8")
    said = "we were able to\u00a0triple"  # the seed keeps kremlin.ru's non-breaking spaces
    assert said in original
    shifted = original.replace(said, "we were able, together, to\u00a0triple")
    return seeds_with_notes(folder, MEETING, [
        {"id": "revenue", "exact": "we were able to triple the revenue of GLONASS", "body": "Gonets and GLONASS revenue."},
    ], text=shifted)


def test_a_note_re_anchors_when_the_cleaned_text_has_shifted(tmp_path):
    report = parse_corpus(shifted_seeds(tmp_path / "seeds"))
    note = document(report, MEETING).notes[0]
    assert note.anchored == "fuzzy" and note.paragraph == "p11"
    text = next(p.text for _, p in document(report, MEETING).paragraphs() if p.id == "p11")
    assert text[note.start : note.end].split() == "we were able, together, to triple the revenue of GLONASS".split()
    notices = [p for p in report.problems if "'revenue'" in p.message]
    assert [(p.path, p.code, p.severity) for p in notices] == [(f"{MEETING}.yml", "fuzzy-annotation", "notice")]
    assert "¶ p11" in notices[0].message and "we were able, together, to" in notices[0].message


def test_a_note_whose_quote_is_gone_is_reported_by_name_file_and_line(tmp_path):
    seeds = seeds_with_notes(tmp_path / "seeds", MEETING, [
        {"id": "gonets", "exact": "Gonets", "body": "A satellite company."},
        {"id": "moon-landing", "exact": "we landed on the Moon last Tuesday", "body": "Never said."},
    ])
    report = parse_corpus(seeds)
    orphans = [p for p in report.problems if p.code == "orphan-annotation"]
    assert len(orphans) == 1
    orphan = orphans[0]
    lines = (seeds / f"{MEETING}.yml").read_text("utf-8").split("\n")
    second = [n for n, line in enumerate(lines, start=1) if line.startswith("- ")][1]
    assert orphan.path == f"{MEETING}.yml" and orphan.line == second and orphan.severity == "warning"
    assert "'moon-landing'" in orphan.message and "we landed on the Moon" in orphan.message
    kept = {n.id: n for n in document(report, MEETING).notes}
    assert kept["moon-landing"].paragraph is None and kept["gonets"].paragraph == "p8"


def test_an_ambiguous_quote_is_reported_with_the_paragraphs_it_fits(tmp_path):
    seeds = seeds_with_notes(tmp_path / "seeds", MEETING, [{"id": "agency", "exact": "Roscosmos", "body": "The space agency."}])
    report = parse_corpus(seeds)
    [problem] = [p for p in report.problems if p.code == "ambiguous-annotation"]
    assert "'agency'" in problem.message and "p3" in problem.message and "prefix" in problem.message


def test_a_re_anchored_note_is_a_notice_that_a_strict_build_lets_pass(tmp_path, capsys):
    seeds = shifted_seeds(tmp_path / "seeds")
    status = main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "site"), "--docs-dir", str(tmp_path / "site_src"), "--strict",
                   "--site-url", "https://example.org/stenogram/"])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert f"{MEETING}.yml:2: notice: annotation 'revenue' anchored by fuzzy match" in printed
    assert "0 errors, 0 warnings, 1 notice" in printed


def test_strict_build_fails_on_an_orphan_and_no_page_shows_an_orphaned_or_ambiguous_note(tmp_path, capsys):
    notes = [{"id": "ghost", "exact": "a passage that is not there at all", "body": "Gone for good."},
             {"id": "twice", "exact": "Mr Bakanov", "body": "Found in two places."},
             {"id": "gonets", "exact": "Gonets", "prefix": "including your work at ", "body": "Still here."}]
    seeds = seeds_with_notes(tmp_path / "seeds", MEETING, notes)
    status = main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "site"), "--docs-dir", str(tmp_path / "site_src"), "--strict"])
    printed = capsys.readouterr().out
    assert status == 1
    assert f"{MEETING}.yml:2: warning: annotation 'ghost' is an orphan" in printed
    assert "warning: annotation 'twice' is an orphan: its quote \"Mr Bakanov\" fits" in printed
    pages = [p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html")]
    hidden = ("Gone for good", "Found in two places", "not found in this text")
    assert pages and not any(words in text for text in pages for words in hidden)
    shown = BeautifulSoup((tmp_path / "site" / "documents" / document_id(tmp_path) / "index.html").read_text("utf-8"), "html.parser")
    assert [li.get_text(" ", strip=True)[:20] for li in shown.select("#annotations ~ ul > li")] == ["“Gonets” (¶ p8): Sti"]


def document_id(folder: Path) -> str:
    return next((folder / "site_src" / "documents").glob("2025-03-31-*.md")).stem


# ---------------------------------------------------------------- on the page


def test_the_annotated_words_are_highlighted_and_the_note_follows_as_a_material_annotation(built_site):
    soup = page(built_site, document(built_site.report, MEETING))
    paragraph = soup.select_one("p.para#p8")
    assert "annotate" in paragraph["class"]
    assert paragraph.select_one("mark.annotated").get_text() == "Gonets"
    assert paragraph.select_one("span.annotation-marker").get_text() == "(1)"
    notes = paragraph.find_next_sibling()
    assert notes.name == "ol" and "satellite communications system" in notes.get_text()


def test_a_highlight_adds_markup_but_no_words(built_site):
    doc = document(built_site.report, GOVERNMENT)
    soup = page(built_site, doc)
    for _, paragraph in doc.paragraphs():
        if not paragraph.notes:
            continue
        element = soup.select_one(f"p.para#{paragraph.id}")
        for extra in element.select(".permalink, .annotation-marker"):
            extra.decompose()
        assert element.get_text().split() == paragraph.text.split()


def test_every_note_is_listed_in_the_annotations_section_linked_to_its_paragraph(built_site):
    for doc in built_site.report.documents:
        if not doc.notes:
            continue
        soup = page(built_site, doc)
        section = soup.select_one("h2#annotations").find_next_sibling("ul")
        for note in doc.notes:
            link = section.select_one(f'a[href="#{note.paragraph}"]')
            assert link is not None and note.exact in link.get_text()
        assert "Stenogram editors" in section.get_text()


def test_seed_text_inside_a_highlight_stays_literal(tmp_path):
    text = (SEEDS / MEETING).read_text("utf-8").replace(
        "at\u00a0Gonets.", "at <b>Gonets</b> (1) and *Lora* {{ x }}.")
    assert "<b>Gonets</b>" in text
    seeds = seeds_with_notes(tmp_path / "seeds", MEETING, [
        {"id": "markup", "exact": "<b>Gonets</b> (1) and *Lora* {{ x }}", "body": "A note with **Markdown**."}], text=text)
    built = build_into(tmp_path, seeds)
    doc = document(built.report, MEETING)
    soup = page(built, doc)
    mark = soup.select_one("mark.annotated")
    assert mark.get_text() == "<b>Gonets</b> (1) and *Lora* {{ x }}"
    assert mark.find("b") is None and mark.find("em") is None
    assert soup.select_one("p.para ~ ol strong").get_text() == "Markdown"


def test_a_mention_shows_on_hover_the_role_its_tooltip_gave(built_site):
    soup = page(built_site, document(built_site.report, MEETING))
    link = soup.select_one('p.para#p1 a.mention[href$="yury-borisov/"]')
    assert link["title"] == "Yury Borisov, Special Representative of the President for International Cooperation in Space Exploration"


def test_organisations_of_the_glossary_are_marked_with_what_they_are(built_site):
    soup = page(built_site, document(built_site.report, GOVERNMENT))
    terms = {a.get_text(): a["title"] for a in soup.select("p.para abbr.term")}
    assert terms["FSB"].startswith("FSB: The Federal Security Service")
    assert terms["RZD"].startswith("Russian Railways: ")
    assert "Rosgvardiya" in terms
    glossary = BeautifulSoup((built_site.site / "glossary" / "index.html").read_text("utf-8"), "html.parser")
    assert glossary.select_one("h2#rzd") is not None and "Meeting with Government members" in glossary.get_text()


def test_the_glossary_matches_whole_names_only():
    terms, problems = load_glossary(SEEDS / "glossary.yml")
    assert not problems
    found = [(text[s:e], term.id) for text in ["RZD staff, not RZDs; the Russian Railways’ fund"] for s, e, term in find_terms(text, terms)]
    assert found == [("RZD", "rzd"), ("Russian Railways", "rzd")]


@pytest.mark.parametrize("entry", [{"name": "X"}, {"summary": "no name"}, "just text"])
def test_a_bad_glossary_entry_is_reported_with_its_line(tmp_path, entry):
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump([{"name": "FSB", "summary": "Security service."}, entry]), "utf-8")
    terms, problems = load_glossary(path)
    assert [t.name for t in terms] == ["FSB"]
    assert len(problems) == 1 and problems[0].path == "glossary.yml" and problems[0].line == 3


def test_a_marker_sits_right_after_the_last_word_and_keeps_the_punctuation_after_it(built_site):
    paragraph = page(built_site, document(built_site.report, MEETING)).select_one("p.para#p1")
    mark = paragraph.select_one('mark[data-note="borisov-predecessor"]')
    tail = mark.find_next_sibling()
    assert mark.get_text() == "Yury Borisov" and "annotation-tail" in tail["class"]
    assert str(tail) == '<span class="annotation-tail"><span class="annotation-marker">(1)</span>.</span>'
    assert "Borisov (1)" not in paragraph.get_text() and "(1) ." not in paragraph.get_text()


def test_the_annotations_list_quotes_the_words_a_note_landed_on_not_its_quote_as_written(tmp_path):
    seeds = seeds_with_notes(tmp_path / "seeds", MEETING, [
        {"id": "cluster", "exact": "GLONASS satelite clustre", "body": "Misspelt on purpose."}])
    built = build_into(tmp_path, seeds)
    item = page(built, document(built.report, MEETING)).select_one("h2#annotations").find_next_sibling("ul").select_one("li")
    assert item.select_one("a").get_text() == "“GLONASS satellite cluster”"
