"""Speaker labels: which colons open a turn and which belong to the text."""

import pytest

from builder.labels import parse_label


@pytest.mark.parametrize(
    ("line", "name", "role"),
    [
        ("President of Russia Vladimir Putin: Colleagues, good afternoon.", "Vladimir Putin", "President of Russia"),
        ("Vladimir Putin: Thank you.", "Vladimir Putin", None),
        ("Russian Railways CEO – Chairman of the Executive Board Oleg Belozerov: Mr President, colleagues,",
         "Oleg Belozerov", "Russian Railways CEO – Chairman of the Executive Board"),
        ("Minister of Digital Development, Communications and Mass Media Maksut Shadayev: Good afternoon.",
         "Maksut Shadayev", "Minister of Digital Development, Communications and Mass Media"),
        ("Deputy Prime Minister Tatyana Golikova: Mr President, colleagues,", "Tatyana Golikova", "Deputy Prime Minister"),
        ("Recep Tayyip Erdogan (retranslated): Thank you.", "Recep Tayyip Erdogan", None),
        ("Moderator (Fyodor Lukyanov): Good evening.", "Fyodor Lukyanov", "Moderator"),
    ],
)
def test_a_role_and_name_before_a_colon_is_a_speaker_label(line, name, role):
    found = parse_label(line)
    assert (found.name, found.role) == (name, role)
    assert line.startswith(found.label)


def test_a_label_may_stand_alone_on_its_line():
    found = parse_label("President of the Research Institute for Emergency Children’s Surgery and Traumatology Leonid Roshal:")
    assert found is not None
    assert found.name == "Leonid Roshal"
    assert found.rest is None


@pytest.mark.parametrize("line", ["Question: Mr President, what now?", "Question (retranslated): And then?", "Moderator: Please."])
def test_a_generic_label_opens_a_turn_with_no_person(line):
    found = parse_label(line)
    assert found.name is None and found.rest


@pytest.mark.parametrize(
    "line",
    [
        "The first attack occurred at 10:33 p.m. on May 31, 2025, at the 43rd kilometre.",
        "As a result, 122 individuals were affected. Tragically, seven people lost their lives: the train driver and six passengers.",
        "It is rare to have this opportunity, and I want to say this, Mr President: I have seen many health ministers.",
        "A decision was made to use Russian Railways’ charitable funds to provide financial support as follows: 2.2 million rubles.",
        "When it comes to humanitarian issues, we agreed on the following:",
        "Mr President: thank you.",
        "Deputy Prime Minister: yes.",
        "10:33 p.m.",
        "Note: this is not a speaker.",
    ],
)
def test_a_colon_in_running_prose_or_a_time_is_not_a_speaker_label(line):
    assert parse_label(line) is None


def test_time_of_day_colon_is_not_a_speaker_label():
    assert parse_label("10:33 p.m. on May 31") is None
