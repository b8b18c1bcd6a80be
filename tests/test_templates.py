"""The templates only loop and escape: what a page computes is made in Python (builder/publish/views.py)."""

from __future__ import annotations

import re

from builder.model import Document, Paragraph, Person, Source, Turn
from builder.people import RoleIndex
from builder.pipeline import ROOT
from builder.publish import views
from builder.publish.filters import plural
from builder.publish.pages import Pager

TEMPLATES = ROOT / "templates"
# What a template must not do: chain filters over data, sum, count or index with arithmetic, search a list in a loop.
LOGIC = re.compile(r"\|\s*(?:map|select|reject|sum|selectattr|rejectattr|groupby)\b|\[[^\]]*[-+][^\]]*\]"
                   r"|\{[{%][^}]*\s[-+*/]\s[^}]*[}%]\}|\{%\s*for [^%]* if ")


def test_no_template_computes_what_a_view_can_give_it():
    found = {path.name: LOGIC.findall(path.read_text("utf-8")) for path in sorted(TEMPLATES.glob("*.j2"))}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_a_count_reads_with_its_noun_in_the_singular_only_for_one():
    assert [f"{n} {plural(n, 'document')}" for n in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]


def turn(paragraphs: tuple[Paragraph, ...], speaker: str | None = None) -> Turn:
    return Turn(1, 1, "President Putin" if speaker else None, "Putin" if speaker else None, None, paragraphs, speaker)


def document(*turns: Turn, people: tuple[str, ...] = ()) -> Document:
    return Document("2025-01-01-x", "transcript", "X", "2025-01-01", None, None, None, Source("x.txt", "0", None, None),
                    (), turns, "plain-transcript", people=people)


def test_a_documents_people_carry_their_roles_there_and_the_words_they_spoke():
    doc = document(turn((Paragraph("p1", 1, "Good afternoon, colleagues."),), "putin"), people=("putin", "lavrov"))
    people = {pid: Person(pid, name, (), (), None, False) for pid, name in (("putin", "Vladimir Putin"), ("lavrov", "Sergei Lavrov"))}
    rows = views.document_people(doc, people, RoleIndex(people))
    assert [(row.person.id, row.roles, row.words) for row in rows] == [("putin", (), 3), ("lavrov", (), None)]


def test_a_turn_is_linked_by_its_first_paragraph_and_shows_its_last():
    one, two, unnumbered = Paragraph("p1", 1, "a"), Paragraph("p2", 2, "b"), Paragraph("", 3, "c")
    refs = [views.TurnRef(document(), turn(paragraphs), 0) for paragraphs in ((one, unnumbered, two), (one,), (unnumbered,))]
    assert [(ref.first, ref.last) for ref in refs] == [("p1", "p2"), ("p1", None), (None, None)]


def test_a_pages_entries_are_numbered_through_the_whole_list():
    pagers = [Pager(n, ["a", "b", "c"], 450) for n in (1, 2, 3)]
    assert [(pager.first, pager.last) for pager in pagers] == [(1, 200), (201, 400), (401, 450)]
