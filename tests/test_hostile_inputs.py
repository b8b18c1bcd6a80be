"""Broken inputs: each bad seed gets one clear line naming it, and every other seed still builds.

Each test builds a folder holding one good seed and one broken or unusual one,
and asserts the exact report line and that the good seed is published. Binary,
huge and oddly named files are made here, never committed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from builder import cli
from builder.ingest import seeds
from builder.pipeline import parse_corpus

from .conftest import build_into, download

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
GOOD = "good.txt"
GOOD_TEXT = "# A good article\n\nMay 7, 2025\n\nThe good seed's only paragraph.\n"
GOOD_ID = "2025-05-07-a-good-article"


def seeds_with(folder: Path, files: dict[str, bytes | str]) -> Path:
    """A seeds folder holding the good seed and ``files`` (text is written as UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / GOOD).write_text(GOOD_TEXT, "utf-8")
    for name, content in files.items():
        path = folder / name
        if isinstance(content, str):
            path.write_text(content, "utf-8", newline="")
        else:
            path.write_bytes(content)
    return folder


def build_folder(tmp_path: Path, files: dict[str, bytes | str]):
    built = build_into(tmp_path / "out", seeds=seeds_with(tmp_path / "seeds", files), run_mkdocs=False)
    assert GOOD_ID in {d.id for d in built.report.documents}, "the good seed must always be published"
    assert (built.docs / "documents" / f"{GOOD_ID}.md").is_file()
    return built


def lines_about(report, name: str) -> list[str]:
    """The report's lines about ``name``, but the notice every transcript with no source link gets (``tests/test_about.py``)."""
    return [str(p) for p in sorted(report.problems) if p.path == name and p.code != "no-source-url"]


def document_from(report, name: str):
    return next(d for d in report.documents if d.source.file == name)


# ---------------------------------------------------------------- files with nothing usable in them


def test_empty_seed_is_reported_and_the_rest_builds(tmp_path):
    built = build_folder(tmp_path, {"empty.txt": b""})
    assert lines_about(built.report, "empty.txt") == [
        "empty.txt:1: error: the file is empty: nothing to build; fill it or remove it [empty]"
    ]
    assert [d.source.file for d in built.report.documents] == [GOOD]


def test_seed_of_only_white_space_is_reported_as_empty(tmp_path):
    built = build_folder(tmp_path, {"blank.txt": b"  \r\n\n\t \n"})
    assert lines_about(built.report, "blank.txt") == [
        "blank.txt:1: error: the file is empty: nothing to build; fill it or remove it [empty]"
    ]


def test_binary_seed_is_reported_and_the_rest_builds(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
    built = build_folder(tmp_path, {"photo.txt": png})
    assert lines_about(built.report, "photo.txt") == [
        "photo.txt:1: error: the file is binary, not text: remove it or replace it with the page's text [binary]"
    ]
    assert len(built.report.documents) == 1


def test_binary_seed_without_zero_bytes_is_still_reported_as_binary(tmp_path):
    built = build_folder(tmp_path, {"noise.dat": bytes(range(1, 32)) * 200})
    assert lines_about(built.report, "noise.dat") == [
        "noise.dat:1: error: the file is binary, not text: remove it or replace it with the page's text [binary]"
    ]


def test_seed_above_the_size_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(seeds, "MAX_SEED_BYTES", 1000)
    built = build_folder(tmp_path, {"huge.txt": "word " * 400})
    assert lines_about(built.report, "huge.txt") == [
        "huge.txt:1: error: the file is 0.0 MB, more than the 0.0 MB a seed may have: not built;"
        " split it into one file per document [too-large]"
    ]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need POSIX")
def test_link_to_a_file_outside_the_seeds_folder_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes\nNot for publication.\n", "utf-8")
    folder = seeds_with(tmp_path / "seeds", {})
    (folder / "link.txt").symlink_to(secret)
    built = build_into(tmp_path / "out", seeds=folder, run_mkdocs=False)
    assert lines_about(built.report, "link.txt") == [
        "link.txt:1: error: the file is a link to a file outside the seeds folder: not read; copy the file itself into the folder [link]"
    ]
    assert [d.source.file for d in built.report.documents] == [GOOD]


# ---------------------------------------------------------------- encodings, BOM, line ends


def test_windows_1251_seed_is_decoded_and_the_decoding_reported(tmp_path):
    text = "Встреча с губернатором\nJune 4, 2025\nПрезидент провёл встречу с губернатором области. Обсуждались вопросы развития региона.\n"
    built = build_folder(tmp_path, {"cp1251.txt": text.encode("cp1251")})
    assert (
        "cp1251.txt:1: warning: the text is not UTF-8 (first on this line); decoded as Windows-1251 (Cyrillic):"
        " check the page reads right, or save it as UTF-8 [encoding]"
    ) in lines_about(built.report, "cp1251.txt")
    doc = document_from(built.report, "cp1251.txt")
    assert doc.title == "Встреча с губернатором"
    assert doc.id == "2025-06-04-vstrecha-s-gubernatorom"  # the id transliterated, not "untitled"
    assert doc.source.encoding == "cp1251"
    assert "Президент провёл встречу" in doc.turns[0].paragraphs[-1].text


def test_latin_1_seed_is_decoded_and_the_decoding_reported(tmp_path):
    text = "Café meeting in Zürich\nMarch 3, 2025\nThe naïve façade of the résumé was discussed.\n"
    built = build_folder(tmp_path, {"latin1.txt": text.encode("latin-1")})
    assert (
        "latin1.txt:1: warning: the text is not UTF-8 (first on this line); decoded as Windows-1252 (Latin-1):"
        " check the page reads right, or save it as UTF-8 [encoding]"
    ) in lines_about(built.report, "latin1.txt")
    doc = document_from(built.report, "latin1.txt")
    assert doc.title == "Café meeting in Zürich"
    assert doc.turns[0].paragraphs[-1].text == "The naïve façade of the résumé was discussed."


def test_encoding_problem_names_the_first_line_that_is_not_utf8(tmp_path):
    text = "Plain title\nMarch 3, 2025\nAll ASCII here.\nBut the café is not.\n"
    built = build_folder(tmp_path, {"late.txt": text.encode("latin-1")})
    assert any(line.startswith("late.txt:4: warning: the text is not UTF-8") for line in lines_about(built.report, "late.txt"))


def test_utf8_seed_cut_inside_a_character_is_read_as_utf8_and_reported_as_truncated(tmp_path):
    raw = "# Статья\n\nMay 8, 2025\n\nТекст обрывается на полуслове".encode()[:-1]
    built = build_folder(tmp_path, {"cut.txt": raw})
    assert lines_about(built.report, "cut.txt") == [
        "cut.txt:5: warning: the file ends in the middle of a character, so it was cut short: built without that character;"
        " check the end of the text against the source [truncated]"
    ]
    doc = document_from(built.report, "cut.txt")
    assert (doc.title, doc.source.encoding) == ("Статья", "utf-8")
    assert [p.text for _, p in doc.paragraphs()] == ["Текст обрывается на полуслов"]


def test_utf16_seed_with_its_bom_is_decoded_and_reported(tmp_path):
    text = "# UTF-16 article\n\nMay 8, 2025\n\nSaved by a Windows editor.\n"
    built = build_folder(tmp_path, {"utf16.txt": text.encode("utf-16")})
    assert lines_about(built.report, "utf16.txt") == [
        "utf16.txt:1: warning: the text is UTF-16 (it starts with a UTF-16 byte-order mark): decoded as such; save it as UTF-8 [encoding]"
    ]
    assert document_from(built.report, "utf16.txt").title == "UTF-16 article"


def test_utf8_bom_is_dropped_from_the_text_and_kept_in_the_verbatim_copy(tmp_path):
    raw = "\ufeff# Article with a BOM\n\nMay 9, 2025\n\nBody.\n".encode()
    built = build_folder(tmp_path, {"bom.txt": raw})
    assert lines_about(built.report, "bom.txt") == []
    doc = document_from(built.report, "bom.txt")
    assert doc.title == "Article with a BOM"
    assert doc.source.encoding == "utf-8-sig"
    assert download(built.docs, doc, "Original text") == raw


def test_crlf_line_ends_are_read_as_lines_and_kept_in_the_verbatim_copy(tmp_path):
    raw = b"# CRLF article\r\n\r\nMay 10, 2025\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n"
    built = build_folder(tmp_path, {"crlf.txt": raw})
    assert lines_about(built.report, "crlf.txt") == []
    doc = document_from(built.report, "crlf.txt")
    assert (doc.title, doc.date) == ("CRLF article", "2025-05-10")
    assert [p.text for _, p in doc.paragraphs()] == ["First paragraph.", "Second paragraph."]
    assert download(built.docs, doc, "Original text") == raw
    assert hashlib.sha256(raw).hexdigest() == doc.source.sha256


def test_control_characters_are_removed_and_reported_with_their_line(tmp_path):
    built = build_folder(tmp_path, {"ctrl.txt": "# Control article\n\nMay 11, 2025\n\nA bell\x07 and a \x02forged\x03 placeholder.\n"})
    assert lines_about(built.report, "ctrl.txt") == [
        "ctrl.txt:5: warning: 3 invisible control characters (the first here) removed from the text: check the scrape [control-characters]"
    ]
    doc = document_from(built.report, "ctrl.txt")
    assert [p.text for _, p in doc.paragraphs()] == ["A bell and a forged placeholder."]


# ---------------------------------------------------------------- what the text lacks


def test_seed_with_no_date_is_built_undated_with_a_warning(tmp_path):
    built = build_folder(tmp_path, {"nodate.txt": "Remarks without a date\nSome words of the remarks.\n"})
    assert lines_about(built.report, "nodate.txt") == [
        "nodate.txt:1: warning: no date found: add 'date:' to its sidecar [no-date]",
    ]
    assert document_from(built.report, "nodate.txt").id == "undated-remarks-without-a-date"


def test_sidecar_date_silences_the_missing_date_warning(tmp_path):
    built = build_folder(tmp_path, {"nodate.txt": "Remarks without a date\nWords.\n", "nodate.txt.yml": "date: 2025-01-02\n"})
    assert [line for line in lines_about(built.report, "nodate.txt") if "[no-date]" in line] == []
    assert document_from(built.report, "nodate.txt").date == "2025-01-02"


def test_print_view_with_no_title_or_date_is_published_under_its_file_name(tmp_path):
    text = (FIXTURES / "print_no_title_no_date.txt").read_text("utf-8")
    built = build_folder(tmp_path, {"print.txt": text})
    assert lines_about(built.report, "print.txt") == [
        "print.txt:4: warning: no title found: published under the file name; add 'title:' to its sidecar [no-title]",
        "print.txt:7: warning: the last line is not 'Month D, YYYY, Place': the date is unknown; add 'date:' to its sidecar [no-date]",
    ]
    doc = document_from(built.report, "print.txt")
    assert (doc.title, doc.id) == ("print.txt", "undated-print-txt")


def test_a_page_with_no_speaker_labels_is_an_article_not_a_transcript_missing_its_labels(tmp_path):
    text = (FIXTURES / "print_no_speakers.txt").read_text("utf-8")
    built = build_folder(tmp_path, {"nolabels.txt": text})
    assert lines_about(built.report, "nolabels.txt") == []
    doc = document_from(built.report, "nolabels.txt")
    assert doc.kind == "article" and all(t.label is None for t in doc.turns)


def test_a_sidecar_transcript_with_no_speaker_labels_is_built_as_narration_with_a_warning(tmp_path):
    text = (FIXTURES / "print_no_speakers.txt").read_text("utf-8")
    built = build_folder(tmp_path, {"nolabels.txt": text, "nolabels.txt.yml": "kind: transcript\n"})
    assert lines_about(built.report, "nolabels.txt") == [
        "nolabels.txt:1: warning: a transcript with no speaker labels ('Name Surname: ...'): built as narration;"
        " check the source [no-speakers]"
    ]
    doc = document_from(built.report, "nolabels.txt")
    assert doc.kind == "transcript" and all(t.label is None for t in doc.turns)


def test_unknown_shape_is_built_as_plain_text_with_a_warning(tmp_path):
    # No title, no date: only turns. The turns are still found; the warnings say what is missing.
    text = "Vladimir Putin: Good afternoon. Let us begin.\nAnton Siluanov: Good afternoon, colleagues.\n"
    built = build_folder(tmp_path, {"memo.txt": text})
    assert lines_about(built.report, "memo.txt") == [
        "memo.txt:1: warning: no date found: add 'date:' to its sidecar [no-date]",
        "memo.txt:1: warning: no title found: published under the file name; add 'title:' to its sidecar [no-title]",
    ]
    doc = document_from(built.report, "memo.txt")
    assert (doc.kind, doc.profile, doc.date, doc.title) == ("transcript", "plain-text", None, "memo.txt")
    assert [t.label for t in doc.turns] == ["Vladimir Putin", "Anton Siluanov"]


# ---------------------------------------------------------------- duplicates and collisions


def test_two_seeds_with_the_same_source_url_are_published_once(tmp_path):
    first = "# Talks\n\nMay 12, 2025\n\nFirst scrape.\n\nOriginal url: https://www.themoscowtimes.com/2025/05/12/talks\n"
    again = "# Talks (updated)\n\nMay 12, 2025\n\nSecond scrape, edited.\n\nOriginal url: http://themoscowtimes.com/2025/05/12/talks/\n"
    built = build_folder(tmp_path, {"a_talks.txt": first, "b_talks.txt": again})
    assert lines_about(built.report, "b_talks.txt") == [
        "b_talks.txt:1: warning: the same document as a_talks.txt (the same source URL, http://themoscowtimes.com/2025/05/12/talks/):"
        " skipped, a_talks.txt is published; remove one of the two seeds [duplicate]"
    ]
    assert sorted(d.source.file for d in built.report.documents) == ["a_talks.txt", GOOD]


def test_two_seeds_with_the_same_body_are_published_once_whatever_their_line_ends(tmp_path):
    text = "# Same body\n\nMay 13, 2025\n\nWord for word the same.\n"
    built = build_folder(tmp_path, {"copy1.txt": text, "copy2.txt": text.replace("\n", "\r\n") + "\n\n"})
    assert lines_about(built.report, "copy2.txt") == [
        "copy2.txt:1: warning: the same document as copy1.txt (the same text): skipped, copy1.txt is published;"
        " remove one of the two seeds [duplicate]"
    ]
    assert len(built.report.documents) == 2


def test_two_pages_of_the_same_words_on_different_dates_or_addresses_are_two_documents(tmp_path):
    notice = "Information on incomes of the Presidential Executive Office staff has been published.\n"
    built = build_folder(tmp_path, {
        "y2016.txt": f"# Incomes published\n\nApril 15, 2016\n\n{notice}",
        "y2017.txt": f"# Incomes published\n\nApril 14, 2017\n\n{notice}",
        "a.txt": "# Call\n\nMay 2, 2018\n\nRelevant issues were discussed.\n\nOriginal url: https://tass.com/1\n",
        "b.txt": "# Call\n\nMay 2, 2018\n\nRelevant issues were discussed.\n\nOriginal url: https://tass.com/2\n",
    })
    assert not [p for p in built.report.problems if p.code == "duplicate"]
    assert len(built.report.documents) == 5


def test_a_duplicate_of_the_good_seed_is_reported_against_the_first_in_name_order(tmp_path):
    built = build_folder(tmp_path, {"zz_copy.txt": GOOD_TEXT})
    assert [p.code for p in built.report.problems if p.path == "zz_copy.txt"] == ["duplicate"]
    assert [d.source.file for d in built.report.documents] == [GOOD]


def test_two_documents_whose_ids_collide_are_both_published_under_distinct_ids(tmp_path):
    one = "# Meeting\n\nMay 14, 2025\n\nThe morning session.\n"
    two = "# Meeting\n\nMay 14, 2025\n\nThe evening session.\n"
    built = build_folder(tmp_path, {"m1.txt": one, "m2.txt": two})
    assert lines_about(built.report, "m2.txt") == [
        "m2.txt:1: warning: another seed already has the id 2025-05-14-meeting: this one is published as 2025-05-14-meeting-2;"
        " give one a 'title:' in its sidecar [id-collision]"
    ]
    assert {document_from(built.report, n).id for n in ("m1.txt", "m2.txt")} == {"2025-05-14-meeting", "2025-05-14-meeting-2"}
    assert (built.docs / "documents" / "2025-05-14-meeting-2.md").is_file()


# ---------------------------------------------------------------- size and names


def test_very_large_seed_builds_with_a_warning(tmp_path):
    # Over ten megabytes in long turns: every per-character step runs on all of it.
    words = "roads bridges harvest budget schools hospitals railways ports airports pensions".split()
    paragraph = " ".join(words[(i * 7) % len(words)] for i in range(1500)) + "."
    turn = f"Vladimir Putin: {paragraph}\nAnton Siluanov: {paragraph}\n"
    text = "Select font Arial\nCharacter spacing (Kerning): Standard\nДокумент /\nThe President held a large meeting.\n"
    text += turn * (seeds.LARGE_SEED_BYTES // len(turn) + 1) + "June 4, 2025, Moscow\n"
    built = build_folder(tmp_path, {"large.txt": text})
    size = len(text.encode())
    assert lines_about(built.report, "large.txt")[0] == (
        f"large.txt:1: warning: the file is {size / 1e6:.1f} MB, far larger than one transcript: built;"
        " check it is one document, not several pasted together [large]"
    )
    doc = document_from(built.report, "large.txt")
    assert len(doc.turns) == text.count("Vladimir Putin:") + text.count("Anton Siluanov:")
    assert doc.date == "2025-06-04"


def test_seed_name_with_spaces_and_non_ascii_letters_builds_under_an_ascii_id(tmp_path):
    built = build_folder(tmp_path, {"Встреча и café notes.txt": "Notes of the café meeting\nMay 15, 2025\nWords.\n"})
    doc = document_from(built.report, "Встреча и café notes.txt")
    assert doc.id == "2025-05-15-notes-of-the-cafe-meeting"
    assert [p.code for p in built.report.problems if p.path == doc.source.file] == []
    record = json.loads(download(built.docs, doc, "JSON"))
    assert record["source"]["file"] == "Встреча и café notes.txt"


def test_untitled_seed_with_an_odd_name_gets_an_id_from_that_name(tmp_path):
    text = (FIXTURES / "print_no_title_no_date.txt").read_text("utf-8")
    built = build_folder(tmp_path, {"заседание 5 (копия).txt": text})
    assert document_from(built.report, "заседание 5 (копия).txt").id == "undated-zasedanie-5-kopiya-txt"


@pytest.mark.skipif(os.name != "posix", reason="file names of raw bytes are a POSIX thing")
def test_seed_name_that_is_not_utf8_is_reported_and_built(tmp_path):
    folder = seeds_with(tmp_path / "seeds", {})
    raw_name = os.path.join(os.fsencode(folder), b"caf\xe9 notes.txt")
    try:
        with open(raw_name, "wb") as f:
            f.write(b"Notes\nMay 16, 2025\nWords.\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    report = parse_corpus(folder)
    name = "caf\N{REPLACEMENT CHARACTER} notes.txt"
    assert (
        f"{name}:1: warning: the file name is not valid UTF-8 text or holds control characters: built under the name shown;"
        " rename the file [file-name]"
    ) in [str(p) for p in report.problems]
    assert name in {d.source.file for d in report.documents}


# ---------------------------------------------------------------- many at once, and --strict


def test_a_folder_of_broken_seeds_reports_each_once_and_publishes_every_good_one(tmp_path):
    broken = {
        "empty.txt": b"",
        "binary.bin": b"\x00\x01\x02" * 100,
        "also empty.txt": b"\n\n",
    }
    good = {
        "cp1251.txt": "Доклад\nJune 4, 2025\nТекст доклада.\n".encode("cp1251"),
        "bom.txt": "\ufeff# With BOM\n\nMay 1, 2025\n\nText.\n".encode(),
        "markup.txt": "# <script>alert(1)</script>\n\nMay 2, 2025\n\n<img src=x onerror=alert(2)>\n",
    }
    built = build_folder(tmp_path, {**broken, **good})
    errors = [p for p in built.report.problems if p.severity == "error"]
    assert sorted(p.path for p in errors) == sorted(broken)
    assert all("\n" not in str(p) for p in built.report.problems)
    assert sorted(d.source.file for d in built.report.documents) == sorted([*good, GOOD])


def test_strict_turns_warnings_into_a_failing_exit_status(tmp_path, capsys):
    folder = seeds_with(tmp_path / "seeds", {"memo.txt": "Remarks without a date\nWords.\n"})
    argv = ["build", "--seeds", str(folder), "--out", str(tmp_path / "site"), "--docs-dir", str(tmp_path / "site_src")]
    assert cli.main(argv) == 0
    assert cli.main([*argv, "--strict"]) == 1
    out = capsys.readouterr().out
    assert "memo.txt:1: warning: no date found" in out and "[no-date]" in out
    assert (tmp_path / "site" / "documents" / GOOD_ID / "index.html").is_file()


def test_strict_passes_when_nothing_is_wrong(tmp_path):
    folder = seeds_with(tmp_path / "seeds", {})
    argv = ["build", "--seeds", str(folder), "--out", str(tmp_path / "site"), "--docs-dir", str(tmp_path / "site_src"), "--strict",
            "--site-url", "https://example.org/stenogram/"]
    assert cli.main(argv) == 0


def test_ids_keep_latin_letters_transliterate_other_scripts_and_drop_signs():
    from builder.names import slug

    assert slug("Café “naïve” façade — résumé") == "cafe-naive-facade-resume"
    assert slug("Putin’s talks") == "putins-talks"  # an apostrophe joins, as before
    assert slug("Сергей Шойгу") == "sergey-shoygu"
    assert slug("Straße in Łódź") == "strasse-in-lodz"
    assert slug("½ ﬁnal") == "12-final"
    assert slug("“” — …") == ""
