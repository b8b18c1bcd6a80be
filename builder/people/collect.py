"""The first pass of the people stage: every person the documents name joins the registry.

All the corpus is read before any document is resolved, so that a name said in full in
one document (or given by a tooltip) lets a surname alone find that person in another.
"""

from __future__ import annotations

from ..model import Document, Role
from ..names import name_form
from .full_names import courtesy_surnames, full_names, texts
from .registry import Registry


def collect(registry: Registry, documents: list[Document]) -> None:
    """Every full name the documents give joins the registry: tooltips and labels first, then the text."""
    for doc in documents:
        for tip in doc.tooltips:
            pid = registry.add(f"{tip.given} {tip.surname}", stated=True)
            if tip.role:
                registry.people[pid].add_role(Role(tip.role, doc.date, doc.id, "tooltip"))
        for turn in doc.turns:
            if turn.name and name_form(turn.name).given:
                pid = registry.add(turn.name)
                if turn.role:
                    registry.people[pid].add_role(Role(turn.role, doc.date, doc.id, "label"))
    for doc in documents:  # given names the tooltips taught are known in every document now
        confirmed = courtesy_surnames(doc)
        for text in texts(doc):
            for _start, _end, name in full_names(text, registry, confirmed):
                registry.add(name)
    registry.join_misspellings()
    registry.settle_names()
    for doc in documents:  # a speaker named only "A. Repik", "Alina", "Patriarch Kirill", whom no full name can be
        for turn in doc.turns:
            if turn.name and not name_form(turn.name).given and not registry.with_surname(name_form(turn.name).surname):
                pid = registry.add(turn.name)
                if turn.role:
                    registry.people[pid].add_role(Role(turn.role, doc.date, doc.id, "label"))
