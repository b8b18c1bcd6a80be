"""Transcript shapes beyond the three seeds: press conferences, interpreted talks, moderated forums."""

from pathlib import Path

import pytest

from builder.cli import parse_corpus_single

SHAPES = Path(__file__).parent / "fixtures" / "shapes"

# Reviewed by hand: the speaker of every turn, in order (None: narration or a journalist).
EXPECTED = {
    "press_conference.txt": [
        "dmitry-peskov", None, "vladimir-putin", "dmitry-peskov", None, "vladimir-putin", None, "vladimir-putin", None, None,
        "vladimir-putin",
    ],
    "talks_retranslated.txt": [
        None, "vladimir-putin", "kassym-jomart-tokayev", "vladimir-putin", "kassym-jomart-tokayev", "vladimir-putin",
    ],
    "forum_moderator.txt": [
        "fyodor-lukyanov", "vladimir-putin", "fyodor-lukyanov", "ivan-timofeev", "vladimir-putin", "fyodor-lukyanov",
        "vladimir-putin",
    ],
}
EXPECTED_LABELS = {
    "press_conference.txt": [None, "Question", None, None, "Question", None, "Question (retranslated)", None, None, "Remark", None],
}


@pytest.mark.parametrize("shape", sorted(EXPECTED))
def test_every_turn_of_other_transcript_shapes_goes_to_the_right_speaker(shape):
    report = parse_corpus_single(SHAPES / shape)
    [doc] = report.documents
    speakers = [t.speaker for t in doc.turns]
    right = sum(a == b for a, b in zip(speakers, EXPECTED[shape], strict=False))
    assert len(speakers) == len(EXPECTED[shape])
    assert right / len(speakers) >= 0.98, list(zip(speakers, EXPECTED[shape], strict=False))


def test_questions_remarks_and_separators_keep_their_labels():
    [doc] = parse_corpus_single(SHAPES / "press_conference.txt").documents
    labels = [t.label if t.speaker is None else None for t in doc.turns]
    assert labels == EXPECTED_LABELS["press_conference.txt"]
    assert doc.turns[8].paragraphs[0].text == "* * *"


def test_retranslated_is_kept_in_the_label_but_not_in_the_name():
    report = parse_corpus_single(SHAPES / "talks_retranslated.txt")
    [doc] = report.documents
    assert doc.turns[2].label == "President of Kazakhstan Kassym-Jomart Tokayev (retranslated)"
    assert doc.turns[2].role == "President of Kazakhstan"
    assert report.people["kassym-jomart-tokayev"].name == "Kassym-Jomart Tokayev"


def test_the_presidents_own_mr_president_is_the_other_president():
    [doc] = parse_corpus_single(SHAPES / "talks_retranslated.txt").documents
    first = doc.turns[1].paragraphs[0]
    assert [(first.text[m.start:m.end], m.person) for m in first.mentions] == [("Mr President", "kassym-jomart-tokayev")]


def test_taking_part_lists_link_every_participant():
    [doc] = parse_corpus_single(SHAPES / "talks_retranslated.txt").documents
    narration = doc.turns[0].paragraphs[0]
    assert narration.text.startswith("Taking part in the talks were")
    assert [m.person for m in narration.mentions] == ["sergei-lavrov", "alexei-overchuk", "yury-ushakov"]


def test_a_stage_remark_in_brackets_is_kept_and_marked_editorial():
    [doc] = parse_corpus_single(SHAPES / "talks_retranslated.txt").documents
    remark = doc.turns[4].paragraphs[1]
    assert remark.text == "[The talks continued in a restricted format.]"
    assert [(m.kind, m.start, m.end) for m in remark.marks] == [("insertion", 0, len(remark.text))]


def test_an_unknown_courtesy_name_in_a_press_conference_is_reported_with_its_line():
    report = parse_corpus_single(SHAPES / "press_conference.txt")
    found = [(p.path, p.line, p.code) for p in report.problems if p.code != "no-source-url"]  # a pasted transcript: no link
    assert found == [("press_conference.txt", 11, "unresolved-name")]
