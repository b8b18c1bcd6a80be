"""Which real pages the browser tests visit, chosen from the build's report, not hard-coded."""

from __future__ import annotations

from builder.model import Document, Turn
from builder.pipeline import BuildReport

# A phrase said in exactly one turn of the seeds: a search for it must land on that turn.
PHRASE = "LoRa"


def turns_saying(report: BuildReport, phrase: str) -> list[tuple[Document, Turn]]:
    return [(doc, turn) for doc in report.documents for turn in doc.turns
            if any(phrase in p.text for p in turn.paragraphs)]


def phrase_turn(report: BuildReport) -> tuple[Document, Turn]:
    found = turns_saying(report, PHRASE)
    assert len(found) == 1, f"{PHRASE!r} should occur in exactly one turn, found {len(found)}"
    return found[0]


def page_kinds(report: BuildReport, directory_urls: bool = True) -> dict[str, str]:
    """Home, a transcript (the one with PHRASE) and a person page (its speaker's), as site paths."""
    doc, turn = phrase_turn(report)
    assert turn.speaker, "the turn with the phrase should have a resolved speaker"

    def path(folder: str, name: str) -> str:
        return f"{folder}/{name}/" if directory_urls else f"{folder}/{name}.html"

    return {
        "home": "" if directory_urls else "index.html",
        "transcript": path("documents", doc.id),
        "person": path("people", turn.speaker),
    }
