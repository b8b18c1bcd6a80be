"""Personal names: given names, their spelling variants, courtesy titles; slugs, cut where no name is.

The lists live in ``builder/data/names.yml`` (data maintainers may extend);
this module only reads them and answers questions about a name. A slug is
here because a short one must know where a title names someone: a document's
id cut inside a name (``...-state-corporation-dmitry``) names no one.
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
# Small words a shortened slug never ends on: "...-president-of" leaves its phrase hanging.
DANGLING = frozenset(("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"))
# Small words between the capitalised words of a name: "Hamad Bin Isa Al Khalifa", "Ursula von der Leyen".
NAME_PARTICLES = frozenset(("al", "bin", "bint", "ibn", "da", "de", "del", "der", "di", "dos", "du", "el", "la", "le", "van", "von"))
# The punctuation around a title's word: "(Yakutia)" is the word "Yakutia".
WORD_EDGES = re.compile(r"^\W+|\W+$")
# A word that ends a name: punctuation after it ("Russia–Africa: Horizons"), or a possessive ("Medvedev’s visit").
NAME_END = re.compile(r"(?:[,:;.!?)\]”\"]|[’']s)$")
# Initials and abbreviations, whose periods end no name: "George W. Bush", "U.S. President", "St. Petersburg".
INITIALS = re.compile(r"^(?:(?:[A-Z]\.)+|St\.|Mt\.|Ft\.|Jr\.|Sr\.)$")
# A capitalised word after a particle and a hyphen: "al-Maliki".
PARTICLE_NAME = re.compile(r"^[a-z]{1,3}-[A-Z]")


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


def given_variants() -> tuple[tuple[str, ...], ...]:
    """The spelling variants of given names, a group each ("Yuri", "Yury")."""
    return tuple(tuple(group) for group in _data()["variants"])


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


@dataclass(frozen=True)
class NameSpan:
    """Words ``start`` to ``end`` (exclusive) of a title name someone or something: a slug is never cut inside."""

    start: int
    end: int
    person: bool  # a person's name (a known given name opens it, or it ends a run no given name is in)


def title_slug(title: str, limit: int) -> str:
    """The slug of ``title`` in ``limit`` characters at most, cut after a whole word and never inside a name.

    A title whose slug fits is its whole slug. A longer one is cut after the last
    word that fits and is neither a small word (``of``, ``with``) nor a known given
    name, and that ends no name early (``name_spans``): "... Roscosmos State
    Corporation Dmitry Bakanov" gives ``...-roscosmos-state-corporation``, not
    ``...-corporation-dmitry``. When that keeps less than half of ``limit`` (a long
    run of capitalised words), the cut only keeps out of people's names; when no
    cut can, the name rule gives way (and a first word longer than ``limit`` is cut
    at ``limit``). The slug depends on the title and the given names of
    ``names.yml`` only: the same title gives the same slug.
    """
    words = title.split()[: limit + 1]  # no more words fit (and a title of a million words costs no more)
    parts = [slug(word) for word in words]
    whole = "-".join(p for p in parts if p)
    if len(whole) <= limit and len(words) <= limit:
        return whole
    kept = {k: "-".join(p for p in parts[:k] if p) for k in range(1, len(words)) if parts[k - 1]}
    fits = [k for k in sorted(kept, reverse=True) if len(kept[k]) <= limit and _core(words[k - 1]).casefold() not in DANGLING]
    spans = name_spans(words)
    named = [k for k in fits if not _given_name_word(words[k - 1])]
    clear = [k for k in named if not any(s.start < k < s.end for s in spans)]
    if clear and len(kept[clear[0]]) * 2 >= limit:
        return kept[clear[0]]
    for k in [k for k in named if not any(s.start < k < s.end for s in spans if s.person)] or fits:
        return kept[k]
    cut = whole[:limit]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def name_spans(words: list[str]) -> list[NameSpan]:
    """The names in a title's words (``title.split()``), in order.

    A name is a run of capitalised words, small particles inside it ("Hamad Bin Isa
    Al Khalifa", "Ursula von der Leyen"), ended by punctuation ("Russia–Africa:
    Horizons") or a possessive ("Medvedev’s visit"): a person, a place, an
    organisation, or in a title in Title Case a phrase. A known given name that
    follows neither a given name nor a particle starts a person's name, which runs
    to the end of the run, and splits the run there ("Roscosmos State Corporation",
    then "Dmitry Bakanov"). In a run of two words or more with no known given name,
    the last two words are a person's name too, as a speaker label's are ("Central
    Election Commission Chairperson Ella Pamfilova").
    """
    spans = []
    i = 0
    while i < len(words):
        if not _capitalised(words[i]) or _particle(words[i]):
            i += 1
            continue
        end = _run_end(words, i)
        starts = [k for k in range(i + 1, end) if _given_name_word(words[k]) and not _given_name_word(words[k - 1])
                  and not _particle(words[k - 1])]
        edges = [i, *starts, end]
        spans += [NameSpan(a, b, _given_name_word(words[a])) for a, b in zip(edges, edges[1:], strict=False)]
        if not starts and not _given_name_word(words[i]) and end - i >= 2:
            spans.append(NameSpan(end - 2, end, True))
        i = end
    return spans


def _run_end(words: list[str], i: int) -> int:
    """Where the run of capitalised words starting at ``words[i]`` ends (exclusive), through its particles."""
    end = i + 1
    while end < len(words) and not _ends_name(words[end - 1]):
        k = end
        while k < len(words) and _particle(words[k]) and not _ends_name(words[k]):
            k += 1
        if k == len(words) or not _capitalised(words[k]) or (k > end and _particle(words[k])):
            break
        end = k + 1
    return end


def _ends_name(word: str) -> bool:
    return bool(NAME_END.search(word)) and not INITIALS.match(word)


def _core(word: str) -> str:
    return WORD_EDGES.sub("", word)


def _capitalised(word: str) -> bool:
    core = _core(word)
    return core[:1].isupper() or bool(PARTICLE_NAME.match(core))


def _particle(word: str) -> bool:
    return _core(word).casefold() in NAME_PARTICLES


def _given_name_word(word: str) -> bool:
    return _capitalised(word) and (is_given_name(_core(word)) or _core(word) in female_given_names())
