"""A transcript pasted from anywhere, alone or reposted in a forum's or a blog's chrome.

The fixtures (``fixtures/plain/``) are real transcripts cut from the kremlin.ru corpus
(``../shared/corpus/kremlin/truth.jsonl``): title, date, time, place, lead and body lines
as a reader pastes them from the page, in several layouts. ``truth.json`` holds, for
each, the page it comes from, its metadata, its body lines and the labels that open turns.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from builder.cli import parse_corpus_single
from builder.model import Seed
from builder.profiles import detect, plain_text, plain_transcript, repost

FIXTURES = Path(__file__).parent / "fixtures" / "plain"
TRUTH = json.loads((FIXTURES / "truth.json").read_text("utf-8"))
REPOSTS = ("forum_phpbb.txt", "forum_vbulletin.txt", "blog_wordpress.txt")
KREMLIN = "President of Russia (en.kremlin.ru)"
# A word: letters and digits, as the fidelity benchmark counts them (a label's colon aside).
WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")


def document(name: str):
    [doc] = parse_corpus_single(FIXTURES / name).documents
    return doc


def body_words(doc) -> Counter:
    words = Counter()
    for turn in doc.turns:
        words.update(WORD.findall(turn.label or ""))
        for paragraph in turn.paragraphs:
            words.update(WORD.findall(paragraph.text))
    return words


def seed(text: str) -> Seed:
    return Seed("pasted.txt", "0" * 64, text, "utf-8", len(text))


# ---------------------------------------------------------------- the head: title, date, time, place, lead


def test_a_date_time_and_place_line_gives_all_three():
    doc = document("one_line_date_time_place.txt")
    truth = TRUTH["one_line_date_time_place.txt"]
    read = (doc.date, doc.time, doc.place)
    assert read == (truth["date"], truth["time"], truth["place"]) == ("2013-03-11", "12:30", "Novo-Ogaryovo, Moscow Region")


def test_a_date_then_a_time_then_a_place_on_lines_of_their_own_give_all_three():
    doc = document("date_time_place_lines.txt")
    assert (doc.date, doc.time, doc.place) == ("2013-02-15", "14:30", "The Kremlin, Moscow")


def test_a_date_and_place_line_gives_no_time():
    doc = document("date_and_place.txt")
    assert (doc.date, doc.time, doc.place) == ("2016-02-02", None, "Novo-Ogaryovo, Moscow Region")


def test_a_day_month_year_date_and_an_iso_date_are_read_too():
    assert (document("labels_alone_lead_after_date.txt").date, document("iso_date_no_place.txt").date) == ("2016-03-28", "2016-03-22")
    assert document("iso_date_no_place.txt").time == "15:20"


@pytest.mark.parametrize(("line", "read"), [
    ("June 4, 2025, Novo-Ogaryovo", ("2025-06-04", None, "Novo-Ogaryovo")),
    ("June 4, 2025 - 13:30 - The Kremlin, Moscow", ("2025-06-04", "13:30", "The Kremlin, Moscow")),
    ("4 June 2025", ("2025-06-04", None, None)),
    ("04.06.2025, 1.30 p.m., Sochi", ("2025-06-04", "13:30", "Sochi")),
    ("2025-06-04 13:30", ("2025-06-04", "13:30", None)),
])
def test_every_date_line_form_is_read(line, read):
    assert plain_transcript.read_date_line(line) == read


@pytest.mark.parametrize("line", [
    "June 4, 2025, the President said that the talks went well.",
    "June 4, 2025: a date the talks began",
    "31.02.2025",
    "June 4, 2025 - 25:10",
])
def test_a_sentence_or_an_impossible_date_is_not_a_date_line(line):
    assert plain_transcript.read_date_line(line) is None


def test_the_title_is_the_line_above_the_date_and_the_lead_between_them():
    for name in ("one_line_date_time_place.txt", "date_time_place_lines.txt", "date_and_place.txt"):
        doc, truth = document(name), TRUTH[name]
        assert (doc.title, doc.lead) == (truth["title"], truth["lead"])


def test_a_lead_first_after_the_date_is_read_when_it_says_what_the_president_did():
    doc = document("labels_alone_lead_after_date.txt")
    assert doc.lead == TRUTH["labels_alone_lead_after_date.txt"]["lead"]
    assert doc.lead.startswith("Vladimir Putin had a working meeting with")


def test_a_first_paragraph_that_is_not_a_lead_stays_in_the_body():
    text = (
        "Meeting with Government members\nJune 4, 2025\n\nThe meeting began late.\n"
        "Vladimir Putin: Good afternoon.\nAnton Siluanov: Good afternoon.\n"
    )
    cleaned = plain_transcript.clean(seed(text))
    assert cleaned.lead is None
    assert cleaned.body[0].text == "The meeting began late."


def test_a_page_with_no_title_above_its_date_takes_one_from_its_lead():
    text = (
        "June 4, 2025, Novo-Ogaryovo\nThe President held a meeting with Government members.\n"
        "Vladimir Putin: Good afternoon.\nAnton Siluanov: Good afternoon.\n"
    )
    cleaned = plain_transcript.clean(seed(text))
    assert (cleaned.title, cleaned.date, cleaned.place) == ("Meeting with Government members", "2025-06-04", "Novo-Ogaryovo")


def test_a_speaker_label_near_the_top_is_body_not_a_title():
    assert not plain_transcript.detect("Vladimir Putin: Good afternoon.\nJune 4, 2025\nAnton Siluanov: Thank you.\n")


# ---------------------------------------------------------------- the body: every word, every turn


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_body_word_is_kept(name):
    assert body_words(document(name)) == Counter(WORD.findall("\n".join(TRUTH[name]["body"])))


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_the_document_is_a_transcript_whose_turns_carry_the_pages_labels(name):
    doc = document(name)
    assert doc.kind == "transcript"
    assert [t.label for t in doc.turns if t.label] == TRUTH[name]["labels"]


def test_labels_alone_on_their_line_open_the_turn_of_the_next_line():
    doc = document("labels_alone_lead_after_date.txt")
    label = "Rosneft President and CEO Igor Sechin"
    said = next(line for line in TRUTH["labels_alone_lead_after_date.txt"]["body"] if line.startswith(label + ": "))
    assert f"{label}:\n{said[len(label) + 2:]}\n" in (FIXTURES / "labels_alone_lead_after_date.txt").read_text("utf-8")
    sechin = next(t for t in doc.turns if t.label == label)
    assert sechin.paragraphs[0].text == said[len(label) + 2 :]


def test_a_pasted_transcript_is_read_by_its_own_profile_with_no_problem():
    for name in sorted(set(TRUTH) - set(REPOSTS)):
        report = parse_corpus_single(FIXTURES / name)
        assert report.documents[0].profile == "plain-transcript"
        assert [p.code for p in report.problems if p.code in ("no-title", "no-date", "unknown-shape")] == []


# ---------------------------------------------------------------- reposts in forum and blog chrome


@pytest.mark.parametrize("name", REPOSTS)
def test_a_repost_gives_the_transcripts_metadata_and_its_source(name):
    doc, truth = document(name), TRUTH[name]
    assert doc.profile == "repost"
    fields = ("title", "date", "time", "place", "lead")
    assert (doc.title, doc.date, doc.time, doc.place, doc.lead) == tuple(truth[f] for f in fields)
    assert (doc.source.url, doc.source.publisher) == (truth["url"], KREMLIN)


@pytest.mark.parametrize("name", REPOSTS)
def test_every_line_of_a_reposts_chrome_goes_to_the_audit(name):
    doc = document(name)
    lines = (FIXTURES / name).read_text("utf-8").split("\n")
    body = set(TRUTH[name]["body"])
    head = {TRUTH[name][k] for k in ("title", "lead")} | {doc.time, doc.place}
    removed = {r.line for r in doc.removed if r.reason != "name tooltip"}
    for number, text in enumerate(lines, start=1):
        if text.strip() and text not in body | head and not plain_transcript.read_date_line(text):
            assert number in removed, text
    assert not any(r.text in body for r in doc.removed)


def test_chrome_lines_are_audited_under_the_name_of_their_kind():
    reasons = {r.text: r.reason for r in document("forum_phpbb.txt").removed}
    assert reasons["Board index ‹ World affairs ‹ Russia"] == "breadcrumb"
    assert reasons["Post by steppe_reader » Fri Apr 05, 2013 9:12 am"] == "post header"
    assert reasons["Top"] == "post buttons"
    assert reasons["The source of information - http://en.kremlin.ru/events/president/news/17802"] == "source line"
    assert reasons["Thanks for posting, the aviation cluster part is interesting."] == "repost footer"
    wordpress = {r.text: r.reason for r in document("blog_wordpress.txt").removed}
    kinds = (wordpress["Share this:"], wordpress["Leave a Reply Cancel reply"], wordpress["Kremlin Digest"])
    assert kinds == ("post buttons", "comment form", "repost header")


def test_a_post_that_opens_with_its_date_takes_its_title_from_the_post_header():
    wordpress = (FIXTURES / "blog_wordpress.txt").read_text("utf-8")
    title = TRUTH["blog_wordpress.txt"]["title"]
    moved = wordpress.replace(f"{title}\n", "", 1).replace("Posted on", f"{title}\nPosted on", 1)
    cleaned = repost.clean(seed(moved))
    assert (cleaned.title, cleaned.date, cleaned.place) == (title, "2016-03-18", "Tuzla Island")
    assert moved.split("\n")[cleaned.title_line - 1] == title


@pytest.mark.parametrize("line", [
    "Vladimir Putin: Thank you.", "Thank you.", "Good afternoon, colleagues.", "* * *", "13:30", "The Kremlin, Moscow",
    "Question: Will you meet him?", "Today this special economic zone is in operation.",
])
def test_lines_of_a_transcript_are_not_chrome(line):
    assert repost.chrome_kind(line) is None


def test_a_source_line_names_the_source_in_any_of_its_forms():
    for line in ("The source of information - http://en.kremlin.ru/d/1", "Source: http://en.kremlin.ru/d/1", "Original: <http://en.kremlin.ru/d/1>"):
        assert plain_transcript.SOURCE_LINE.match(line)["url"] == "http://en.kremlin.ru/d/1"
    assert not plain_transcript.SOURCE_LINE.match("Source: the Ministry of Finance")


def test_a_repost_is_detected_from_its_chrome_and_a_plain_paste_is_not():
    assert all(repost.detect((FIXTURES / name).read_text("utf-8")) for name in REPOSTS)
    assert not any(repost.detect((FIXTURES / name).read_text("utf-8")) for name in set(TRUTH) - set(REPOSTS))


# ---------------------------------------------------------------- the fallback


def test_an_unknown_shape_still_finds_its_turns_and_says_what_it_lacks():
    text = "Vladimir Putin: Good afternoon.\nAnton Siluanov: Good afternoon, Mr President.\n"
    assert detect(text) is plain_text
    report_problems = {p.code for p in plain_text.clean(seed(text)).problems}
    assert report_problems == {"no-date"}
    assert plain_text.clean(seed(text)).title is None


def test_a_pasted_transcript_gives_each_speaker_their_turns_on_their_person_page(tmp_path):
    from .conftest import build_into

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "pasted.txt").write_text(
        "Meeting with Transport Minister Maxim Sokolov\nJune 4, 2015, The Kremlin, Moscow\n\n"
        "Vladimir Putin: Mr Sokolov, how are the roads?\nMaxim Sokolov: Mr President, we have built 500 kilometres.\n"
        "Vladimir Putin: Good.\nMaxim Sokolov: And 200 more next year.\n", "utf-8")
    built = build_into(tmp_path, seeds=seeds, run_mkdocs=False)
    [doc] = built.report.documents
    assert doc.kind == "transcript" and [t.speaker for t in doc.turns] == ["vladimir-putin", "maxim-sokolov"] * 2
    page = (built.docs / "people" / "maxim-sokolov.md").read_text("utf-8")
    assert "2 turns, 12 words spoken" in page
