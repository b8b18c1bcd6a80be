"""What the search's filters look up: a document's field terms, the people's names, the facets.

A query's filters (``speaker:``, ``person:``, ``topic:``, ``kind:``, ``year:``, ``from:``,
``to:``) and the names in its words are answered from the same postings as its words:
each document is also posted under field terms, which no text can give (a token holds
no colon):

``s:<person id>``
    the person speaks in the document (the weight: how many of its turns);
``p:<person id>``
    the person speaks in it or a paragraph names them (how many times);
``t:<topic>``
    the document is filed under the topic (its name folded, as ``name_key`` gives it);
``k:<kind>``
    the document's kind (``transcript``, ``article``, ``text``);
``d:<YYYY-MM>``
    the month of its date (a year or a range of months is the union of its months).

Who says a word in a document is not a field term but the shards' ``w`` (``seats``, ``said``;
``index.encoded_postings``): a bit per speaker beside the word's postings, and ``s:``'s
seat beside its own.

A name becomes a person through the ``names`` of the shards: every name of every person
the documents name or hear (the registry's name, its other names, the surname alone),
folded (``name_key``), mapped to the ids of the people who bear it. A name key sits in the
shard where it sorts among the terms, so a query finds it in the shard of its first word
(or the next).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from ..model import Document, Person
from ..names import surnames_of
from .words import name_key, terms


def field_counts(doc: Document, people: dict[str, Person]) -> Counter[str]:
    """The document's field terms, each with its count (see the module's docstring)."""
    counts: Counter[str] = Counter()
    for turn in doc.turns:
        if turn.speaker in people:
            counts[f"s:{turn.speaker}"] += 1
            counts[f"p:{turn.speaker}"] += 1
    for _, paragraph in doc.paragraphs():
        counts.update(f"p:{m.person}" for m in paragraph.mentions if m.person in people)
    counts.update(f"t:{name_key(topic)}" for topic in doc.topics if name_key(topic))
    counts[f"k:{doc.kind}"] = 1
    if doc.date and len(doc.date) >= 7:
        counts[f"d:{doc.date[:7]}"] = 1
    return counts



def seats(doc: Document, people: dict[str, Person]) -> dict[str, int]:
    """Each person who speaks in ``doc``: their seat, from 0, by how many turns they have
    (most first, then by id). The index's who (``index.encoded_postings``) names speakers by seat."""
    turns = Counter(t.speaker for t in doc.turns if t.speaker in people)
    return {speaker: n for n, (speaker, _) in enumerate(sorted(turns.items(), key=lambda item: (-item[1], item[0])))}


def said(doc: Document, speakers: Iterable[str]) -> dict[str, Counter[str]]:
    """The terms of each of ``speakers``' paragraphs in ``doc`` (their turns' labels aside), counted."""
    texts: dict[str, list[str]] = {speaker: [] for speaker in speakers}
    for turn in doc.turns:
        if turn.speaker in texts:
            texts[turn.speaker] += (p.text for p in turn.paragraphs)
    return {speaker: Counter(terms("\n".join(parts))) for speaker, parts in texts.items()}

def person_names(person: Person) -> set[str]:
    """A person's names as a query may give them, folded: the registry's name and other names, and their surnames."""
    names = {person.name, *person.other_names}
    keys = {name_key(name) for name in names}
    keys.update(name_key(surname) for name in names for surname in surnames_of(name) if len(name.split()) > 1)
    return keys - {""}


def name_index(people: dict[str, Person], present: Iterable[str]) -> dict[str, str]:
    """Every name of the people in ``present`` (the ids the documents name or hear): name key -> ids, space-separated."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for person_id in present:
        for key in person_names(people[person_id]):
            found[key].add(person_id)
    return {key: " ".join(sorted(ids)) for key, ids in found.items()}


def facets(documents: Sequence[Document], people: dict[str, Person]) -> dict:
    """What the research page's form lists, with the number of documents of each: the
    speakers, topics, kinds and months, most documents first (then by name)."""
    speakers: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for doc in documents:
        speakers.update({t.speaker for t in doc.turns if t.speaker in people})
        topics.update(set(doc.topics))
        kinds[doc.kind] += 1
        if doc.date and len(doc.date) >= 7:
            months[doc.date[:7]] += 1

    def ranked(counts: Counter[str], name=lambda key: key) -> list[list]:
        return [[key, name(key), n] for key, n in sorted(counts.items(), key=lambda item: (-item[1], name(item[0]), item[0]))]

    return {
        "speakers": ranked(speakers, lambda person_id: people[person_id].name),
        "topics": [[name, n] for _, name, n in ranked(topics)],
        "kinds": [[kind, n] for _, kind, n in ranked(kinds)],
        "months": [[month, months[month]] for month in sorted(months)],
    }
