"""The first pass of the people stage: every person the documents name joins the registry.

All the corpus is read before any document is resolved, so that a name said in full in
one document (or given by a tooltip) lets a surname alone find that person in another.

The full names of a document's text depend on the registry as the documents before it
left it: with a memo (``cache.Memo``), the names each document gave are kept under its key
(``keys``: a hash of all the document came from) and the registry's state before it (the
hash of its state after the tooltips and labels, then of that and each document's names in
turn), and given back, in order, to a rebuild that meets the same key and state.
"""

from __future__ import annotations

from ..cache import Memo, keyed
from ..model import Document, Role
from ..names import name_form
from .full_names import courtesy_surnames, full_names, texts
from .registry import Registry


def collect(registry: Registry, documents: list[Document], keys: list[str] | None = None, memo: Memo | None = None) -> None:
    """Every full name the documents give joins the registry: tooltips and labels first, then the text.

    ``keys``: each document's key, for ``memo`` (see the module's text)."""
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
    state = registry.fingerprint() if memo is not None and keys is not None else ""
    for index, doc in enumerate(documents):  # given names the tooltips taught are known in every document now
        key = keyed("names", state, keys[index]) if state and keys is not None else ""
        names = memo.get(key) if key and memo is not None else None
        if names is None:
            names = _text_names(doc, registry)
            if key and memo is not None:
                memo.put(key, names)
        else:
            for name in names:
                registry.add(name)
        if key:
            state = keyed(state, *names)  # the registry after it: as before it, and its names added
    registry.join_misspellings()
    registry.settle_names()
    for doc in documents:  # a speaker named only "A. Repik", "Alina", "Patriarch Kirill", whom no full name can be
        for turn in doc.turns:
            if turn.name and not name_form(turn.name).given and not registry.with_surname(name_form(turn.name).surname):
                pid = registry.add(turn.name)
                if turn.role:
                    registry.people[pid].add_role(Role(turn.role, doc.date, doc.id, "label"))


def _text_names(doc: Document, registry: Registry) -> tuple[str, ...]:
    """The full names of ``doc``'s text, each joining the registry as it is found (a name found helps find the next)."""
    confirmed = courtesy_surnames(doc)
    names = []
    for text in texts(doc):
        for _start, _end, name in full_names(text, registry, confirmed):
            registry.add(name)
            names.append(name)
    return tuple(names)
