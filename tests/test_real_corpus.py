"""The whole development corpus of real en.kremlin.ru pages through the parser, against its truth.

``benchmarks/fidelity.py`` measures each source shape (the text dumps, the saved
HTML pages, transcripts pasted as plain text) against ``truth.jsonl``, the labels of
the pages' own bold markup. These floors are the figures reached (see
``benchmarks/RESULTS.md``): a change that reads real pages worse fails here, and the
figure it fell to is in the message. Raise a floor when the parser gets better;
never lower one to make a change pass.
"""

from __future__ import annotations

import pytest

from benchmarks.fidelity import CORPUS, load_truth, measure

pytestmark = pytest.mark.skipif(
    not (CORPUS / "truth.jsonl").is_file(), reason="the development corpus (../shared/corpus/kremlin) is absent"
)

# Per shape: (turns right, transcripts detected, false transcripts at most, people found, dates right, words lost at most), in %.
FLOORS = {
    "text": (99.8, 99.5, 0, 96.0, 99.8, 0.05),
    "html": (99.9, 99.9, 0, 96.0, 99.8, 0.05),
    "pasted": (99.9, 99.9, 0, 97.0, 100.0, 0.0),
    "pasted-caps": (99.8, 99.7, 0, 97.0, 100.0, 0.0),
    "pasted-alone": (99.8, 99.9, 0, 97.0, 100.0, 0.0),
}


@pytest.fixture(scope="module")
def truth():
    return load_truth()


@pytest.mark.parametrize("shape", sorted(FLOORS))
def test_real_pages_are_read_at_least_as_well_as_before(shape, truth):
    tally, _ = measure(shape, truth, misses=20)
    turns, transcripts, false_transcripts, people, dates, lost = FLOORS[shape]
    figures = {
        "turns right": (100 * tally.turns_right / tally.turns, turns),
        "transcripts detected": (100 * tally.transcripts_found / tally.transcripts, transcripts),
        "people found": (100 * tally.persons_found / tally.persons, people),
        "dates right": (100 * tally.dates_right / tally.dates, dates),
    }
    fallen = {name: round(got, 2) for name, (got, floor) in figures.items() if got < floor}
    assert not fallen, f"{shape}: fell below the floor: {fallen}; first wrong turns:\n" + "\n".join(tally.misses)
    assert tally.false_transcripts <= false_transcripts, f"{shape}: {tally.false_transcripts} pages built as transcripts are not"
    assert 100 * tally.words_lost / tally.words <= lost, f"{shape}: {tally.words_lost} of {tally.words} body words lost"
