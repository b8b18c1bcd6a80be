"""Where a text names a person: runs of capitalised words, and the full names inside them.

Both passes over the corpus read names this way: ``collect`` adds every full name it
finds to the registry, ``resolve`` finds the person each one names. A full name is
one the registry knows, a known given name and a surname, two given names and a
surname, or any name word before a surname the same document writes after ``Mr``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Document
from ..names import COURTESY, not_given_names, not_surnames
from .registry import Registry

# A name word: a capital and small letters ("Putin", "Abdel-Fattah"), "al-" or "el-" before it ("al-Assad").
_WORD_TAIL = r"[a-zß-ÿā-ž]+(?:-[A-ZÀ-Ý]?[a-zß-ÿā-ž]+)*"
_WORD = rf"(?:(?:al|el)-)?[A-ZÀ-Ý]{_WORD_TAIL}"
# Small words inside a name ("Salman bin Abdulaziz Al Saud", "Alexander Van der Bellen").
_PARTICLE = r"(?:bin|ibn|bint|al|el|van|der|von|de|da|del|dos|la|le)"
PARTICLES = frozenset({"bin", "Bin", "ibn", "Ibn", "bint", "al", "el", "Al", "El", "van", "Van", "der", "von", "Von", "de", "De", "da",
                       "del", "dos", "la", "le"})


def _first_letter_first(first: str, word_start: str) -> str:
    """A pattern's start that is a word's first letter (one of the set ``first``, not after ``word_start``'s characters),
    then the rest as it began: a regular expression that begins with the set of its first letters lets Python's engine
    skip to those letters; one that begins with ``\\b`` or a look-behind is tried at every character of the text, and the
    people stage runs these over every paragraph several times (a third of its time went in them)."""
    return rf"[{first}](?<![{word_start}][{first}])"


def _at_word_start(words: tuple[str, ...]) -> str:
    """Any of ``words`` at the start of a word (as ``\\b(?:Mr|Ms|...)``), begun with their first letters (``_first_letter_first``)."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    branches = [f"(?<={re.escape(letter)})(?:{'|'.join(rest)})" for letter, rest in rests.items()]
    return _first_letter_first("".join(rests), r"\w") + f"(?:{'|'.join(branches)})"


# A run of capitalised words ("President Vladimir Putin", "Mr [Sergei] Lavrov", "Bashar al-Assad"):
# an editorial insertion's brackets do not cut a run, nor do a name's small words. Its first word is
# ``_WORD`` begun with its first letter (a capital, or the "a" or "e" of "al-" or "el-").
NAME_RUN = re.compile(_first_letter_first("A-ZÀ-Ýae", r"\w’'-") + rf"(?:(?<=[ae])l-[A-ZÀ-Ý]|(?<=[A-ZÀ-Ý])){_WORD_TAIL}"
                      rf"(?:\]? \[?(?:{_PARTICLE} )*{_WORD})*")
# One word inside a run (a small word only between two others).
RUN_WORD = re.compile(rf"{_WORD}|(?<= ){_PARTICLE}(?= )")
# A courtesy title and the surname after it ("Mr Chirac", "Ms [Tatyana] Golikova" gives Golikova later).
COURTESY_SURNAME = re.compile(rf"{_at_word_start(COURTESY)}\.? (?P<surname>{_WORD})\b(?! [A-Z])")
# Words of an office a courtesy title addresses ("Mr Prime Minister", "Madam Federal Chancellor").
ADDRESS_WORDS = frozenset({"President", "Prime", "First", "Supreme", "Minister-President", "Minister", "Chancellor", "Federal", "Secretary",
                           "Chairman", "Chairwoman", "Governor", "Speaker", "Ambassador", "Mayor", "Premier", "Vice", "General", "Director",
                           "Prosecutor", "Deputy"})
_NOT_GIVEN = not_given_names()
_NOT_SURNAME = not_surnames()

Word = tuple[int, int, str]  # a word of a run: its start and end in the text, and the word


def texts(doc: Document) -> Iterator[str]:
    """The texts of a document that name people: its title, its lead, every paragraph."""
    yield from (t for t in (doc.title, doc.lead) if t)
    for _, paragraph in doc.paragraphs():
        yield paragraph.text


@dataclass
class Confirmed:
    """Surnames a document writes after ``Mr``/``Ms``, and its text, to ask which words it also writes in lower case."""

    surnames: frozenset[str]
    text: str = ""
    _lower: dict[str, bool] = field(default_factory=dict, repr=False)

    def writes_lower(self, word: str) -> bool:
        """Whether the text has ``word`` in lower case ('has', 'messrs'): asked of few words, so searched, not indexed."""
        folded = word.casefold()
        if folded not in self._lower:
            self._lower[folded] = re.search(rf"\b{re.escape(folded)}\b", self.text) is not None
        return self._lower[folded]


NO_SURNAMES = Confirmed(frozenset())


def courtesy_surnames(doc: Document) -> Confirmed:
    """Surnames the document writes after ``Mr``/``Ms``: the word before such a surname elsewhere is a given name,
    unless the document writes that word in lower case too ('has', 'messrs')."""
    text = "\n".join(texts(doc))
    surnames = frozenset(m["surname"] for m in COURTESY_SURNAME.finditer(text) if address_word(m["surname"]) is None)
    if not surnames:
        return NO_SURNAMES
    return Confirmed(surnames, text)


def address_word(word: str) -> str | None:
    """The office word a title addresses: 'President', 'Secretary' of 'Secretary-General'; else None."""
    head = word.split("-")[0]
    return head if head in ADDRESS_WORDS else None


def run_words(run: re.Match[str]) -> list[Word]:
    """The words of a run of capitalised words, placed in the text the run was found in."""
    return [(run.start() + m.start(), run.start() + m.end(), m.group()) for m in RUN_WORD.finditer(run.group())]


def full_names(text: str, registry: Registry, confirmed: Confirmed = NO_SURNAMES) -> Iterator[Word]:
    """``(start, end, name)`` for each full personal name in a text."""
    for run in NAME_RUN.finditer(text):
        if " " not in run.group():
            continue  # one capitalised word is never a full name
        words = run_words(run)
        i = 0
        while i < len(words):
            width = full_name_width(words, i, registry, confirmed)
            if width:
                yield words[i][0], words[i + width - 1][1], " ".join(w[2] for w in words[i : i + width])
                i += width
            else:
                i += 1


def full_name_width(words: list[Word], i: int, registry: Registry, confirmed: Confirmed = NO_SURNAMES) -> int:
    """How many words from ``i`` make a full name: one the registry knows, a known given name and a surname,
    two given names and a surname (``Jose Manuel Barroso``), or any name word before a surname the document
    writes after ``Mr`` (``Jacques Chirac`` beside ``Mr Chirac``)."""
    # The longest name the registry knows ("Hamad Bin Isa Al Khalifa", not "Hamad Bin"); a two-word one either way round.
    starts = registry.may_start(words[i][2])
    for width in range(min(registry.longest, len(words) - i), 1, -1):
        if (starts or width == 2 and registry.may_start(words[i + 1][2])) and registry.find(" ".join(w[2] for w in words[i : i + width])):
            return width
    if i + 2 > len(words):
        return 0
    first, second = words[i][2], words[i + 1][2]
    if second in COURTESY or address_word(second) or second in _NOT_SURNAME or first in COURTESY:
        return 0
    if registry.is_given(first):
        if second in PARTICLES:
            return _with_particles(words, i)
        third = words[i + 2][2] if i + 2 < len(words) else None
        if third and registry.is_given(second) and third not in COURTESY and not address_word(third):
            return 3
        return 2
    # "China Hu Jintao" beside "Mr Hu": the name starts at Hu.
    if (second in confirmed.surnames and first != second and first not in _NOT_GIVEN and not confirmed.writes_lower(first)
            and not (i + 2 < len(words) and registry.is_given(second))):
        return 2
    return 0


def _with_particles(words: list[Word], i: int) -> int:
    """The width of a name whose given name is followed by small words: 'Mohammed bin Zayed Al Nahyan' is five."""
    j, seen = i + 1, {words[i][2]}
    while j < len(words) and (words[j][2] in PARTICLES or words[j][2][:3] in ("al-", "el-")):
        k = j
        while k < len(words) and words[k][2] in PARTICLES:
            k += 1
        if k == len(words) or not words[k][2][0].isupper() and words[k][2][:3] not in ("al-", "el-"):
            return 0 if j == i + 1 else j - i
        if words[k][2] in seen:  # a tooltip's leftover repeats the name: "Van der Bellen Van der Bellen"
            break
        seen.add(words[k][2])
        j = k + 1
    return j - i
