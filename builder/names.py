"""Personal names: given names, their spelling variants, courtesy titles.

The lists live in ``builder/data/names.yml`` (data maintainers may extend);
this module only reads them and answers questions about a name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

# A courtesy or academic title before a surname: "Mr Lavrov", "Ms Golikova", "Dr Roshal".
COURTESY = ("Mr", "Ms", "Mrs", "Dr", "Madam", "Mister")
# Initials and a surname: "V. Putin", "V.Putin", "A.V. Dvorkovich", "V Putin".
INITIAL_NAME = re.compile(r"^(?P<initials>(?:[A-Z]\.\s?)+|[A-Z] )(?P<surname>[A-Z][\w’'-]+)$")


@cache
def _data() -> dict:
    return yaml.safe_load(resources.files("builder").joinpath("data/names.yml").read_text("utf-8"))


@cache
def given_names() -> frozenset[str]:
    """Known given names, every spelling variant included."""
    names = set(_data()["given_names"])
    for group in _data()["variants"]:
        names.update(group)
    return frozenset(names)


@cache
def _variant_key() -> dict[str, str]:
    return {name: group[0] for group in _data()["variants"] for name in group}


def given_key(given: str) -> str:
    """One spelling for all variants of a given name: 'Yuri' and 'Yury' give 'Yury'."""
    return _variant_key().get(given, given)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A key equal for two spellings of one full name ('Yuri Borisov', 'Yury Borisov', 'Sauli Niinisto', 'Sauli Niinistö')."""
    words = name.split()
    if len(words) >= 2:
        words[0] = given_key(words[0])
    return fold(" ".join(words))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents: 'Niinistö' and 'Niinisto' give 'niinisto'."""
    if text.isascii():
        return text.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class NameForm:
    """A name as a label or the text writes it: a full name, an initial and a surname, or a surname alone."""

    surname: str
    given: str | None = None  # the given name(s), when written out
    initial: str | None = None  # "V" of "V. Putin"


def name_form(name: str) -> NameForm:
    """The parts of a written name: 'Putin', 'V. Putin' / 'V.Putin', 'Vladimir Putin'."""
    m = INITIAL_NAME.match(name)
    if m:
        return NameForm(m["surname"], initial=m["initials"][0])
    words = name.split()
    if len(words) == 1:
        return NameForm(words[0])
    return NameForm(words[-1], given=" ".join(words[:-1]))


@cache
def female_given_names() -> frozenset[str]:
    """Given names only women bear: a 'Mr' never addresses one of them."""
    return frozenset(_data().get("female_given_names") or ())


@cache
def family_first() -> frozenset[str]:
    """East Asian family names written before the given name: the first word of "Xi Jinping" is the surname."""
    return frozenset(_data().get("family_first") or ())


def surnames_of(name: str) -> tuple[str, ...]:
    """The words of a full name that may be its surname: the last, and the first of "Xi Jinping"."""
    words = name.split()
    return (words[-1], words[0]) if len(words) > 1 and words[0] in family_first() else (words[-1],)


@cache
def not_surnames() -> frozenset[str]:
    """Capitalised words that never end a person's name: 'Roman Catholic' is no one."""
    return frozenset(_data().get("not_surnames") or ())


@cache
def not_given_names() -> frozenset[str]:
    """Capitalised words that never start a person's name (titles, sentence openers): 'President Chirac' is no name."""
    return frozenset(_data().get("not_given_names") or ())


def is_given_name(word: str) -> bool:
    return word in given_names()


def surname_of(name: str) -> str:
    return name.split()[-1]


def slug(text: str) -> str:
    """A URL-safe id: lower-case ASCII letters, digits and hyphens.

    Accented Latin letters lose their accents (``é``: ``e``); a letter with no ASCII
    form inside it (Cyrillic, Greek, ``ß``) is transliterated by anyascii (``Встреча``:
    ``vstrecha``), so a title or a name in another script still gives a readable id.
    Any other character (quotes, dashes, signs) separates words.
    """
    return re.sub(r"[^a-z0-9]+", "-", "".join(map(_ascii, text)).lower()).strip("-")


def _ascii(char: str) -> str:
    """One character in ASCII: itself, its decomposition's ASCII part, a letter's transliteration, else nothing."""
    import unicodedata

    from anyascii import anyascii

    if char.isascii():
        return char
    folded = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
    if folded or unicodedata.category(char)[0] != "L":
        return folded
    return anyascii(char)
