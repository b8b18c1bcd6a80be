"""People on real lines cut from en.kremlin.ru pages (tests/fixtures/people/, see its README)."""

from pathlib import Path

from tests.test_people import corpus, mentions, transcript

FIXTURES = Path(__file__).parent / "fixtures" / "people"


def test_the_sources_typo_vlaidmir_putin_is_vladimir_putin_with_a_notice(tmp_path):
    body = (FIXTURES / "63754-vlaidmir-putin.txt").read_text("utf-8")
    report = corpus(tmp_path, {"63754.txt": transcript(body, date="July 26, 2020")})
    speakers = [t.speaker for t in report.documents[0].turns if t.label]
    assert speakers == ["vladimir-putin", "sergei-shoigu", "vladimir-putin", "sergei-shoigu", "vladimir-putin"]
    assert "vlaidmir-putin" not in report.people
    [notice] = [p for p in report.problems if p.code == "name-variant"]
    assert notice.severity == "notice" and "Vlaidmir Putin" in notice.message
    assert ("Mr President", "vladimir-putin") in mentions(report)  # said by Shoigu on a date of Putin's presidency


def test_names_inside_the_sources_insertions_are_mentions_and_the_brackets_stay(tmp_path):
    body = (FIXTURES / "insertions.txt").read_text("utf-8")
    report = corpus(tmp_path, {"a.txt": transcript(body, date="March 12, 2013")},
                    people="- name: Veronika Skvortsova\n  summary: Minister of Healthcare.\n")
    found = mentions(report)
    assert ("Mr [Arkady] Dvorkovich", "arkady-dvorkovich") in found
    assert ("Ms Skvortsova", "veronika-skvortsova") in found
    assert "[Healthcare Minister] Ms Skvortsova" in "\n".join(p.text for _, p in report.documents[0].paragraphs())
