"""Speaker labels: the grammar of ``Role Given Surname:`` that opens a turn.

A label is the start of a line up to its first colon (the *head*), then the turn's
first words or nothing (a label alone on its line). The head is read word by word:

- parentheticals and brackets are notes, kept in the label as written
  (``Recep Tayyip Erdoğan (retranslated)``, ``Vladimir Putin [addressing the Governor]``);
- words in capitals are read as the words they spell (``PRESIDENT OF RUSSIA VLADIMIR
  PUTIN`` is ``President of Russia Vladimir Putin``), glued words are split
  (``VladimirPutin``), a courtesy title is not part of the name (``Mr. Putin``);
- anonymous speakers (``Question``, ``Q``, ``Voice from the audience``,
  ``Call centre operator``) name no one;
- otherwise the name is found at the end of the head (``Deputy Prime Minister
  Tatyana Golikova``, ``Direct line host Valeriya Korableva``,
  ``Federal President of the Republic of Austria Alexander Van der Bellen``) or at
  its start before a comma (``Yevgeny Rozhkov, reporter at VGTRK``); the rest is the role.

Colons in times (``10:33 p.m.``) and in prose (``lost their lives: the``, ``as
follows:``, ``I want to say this, Mr President:``) are not labels: a head with a word
of prose, sentence punctuation, or no name at its end is refused. The words the
grammar knows are data (``builder/data/labels.yml``).

A label is read with a *strength*: ``strong`` (a role and a name, a known given name,
an anonymous speaker, a label the markup marks), ``plain`` (two or more name words
alone, ``Megyn Kelly:``) or ``weak`` (one name word, ``Putin:``, ``President Putin:``),
which the turn stage accepts only when a named speaker of the same document has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from .model import Line
from .names import is_given_name

# The head of a line up to its first colon, then the turn's first words (or nothing).
# (A colon glued to the next word opens a turn when that word starts a sentence: "Murashko:Good afternoon", not "A:0".)
LABEL_LINE = re.compile(r"^(?P<head>[^:\n]{1,400}?)\s*:(?:\s+(?P<rest>\S.*?)|(?P<glued>[A-Z“\"«(\[].*?))?\s*$")
# A note inside a head: a parenthetical or a bracketed remark ("(retranslated)", "[in English]").
NOTE = re.compile(r"\s*(?:\((?P<paren>[^()]{1,250})\)|\[(?P<bracket>[^\[\]]{1,250})\])")
# Sentence punctuation that a head never holds (a label is not a sentence).
SENTENCE_MARK = re.compile(r"[!?;…]|\.\s+(?=\S)")
# An initial ("V.", "A.") standing before a surname.
INITIAL = re.compile(r"^[A-Z]\.$")
# Words glued without their space by a scrape ("VladimirPutin"): a lower-case letter then a capital.
GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ][a-zà-ÿ])")
# Names that keep a capital inside ("McCain", "MacArthur", "DeMint", "LeBlanc", "O’Neill").
INNER_CAPITAL = re.compile(r"^(?:Mc|Mac|De|Di|Da|Le|La|Du|Van|Von|O’|O')[A-Z]")
# An initial glued to the surname ("V.Putin").
GLUED_INITIAL = re.compile(r"^(?P<initial>[A-Z]\.)(?P<rest>[A-Z][\w’'\-]+)$")
# A roman numeral after a ruler's name ("Albert II", "Mohammed VI").
ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})$")
# A word that starts with a lower-case particle joined by a hyphen ("al-Assad", "el-Sisi").
PARTICLE_HYPHEN = re.compile(r"^(?:al|el|ad|as|ash|at|az|bin|ibn|ben|abu|ul|ud|ar)-[A-Z]")
# Abbreviations with a full stop that a head may hold ("St. Petersburg", "Jr.").
ABBREVIATION = re.compile(r"^(?:Mr|Ms|Mrs|Dr|St|Jr|Sr|Co|Inc|Ltd|No|Gen|Col|Lt|Prof|Rev|Sen|Gov|Rep|Fr)\.$", re.IGNORECASE)
# Courtesy titles, which are no role ("Mr. Putin:").
COURTESY = frozenset({"mr", "ms", "mrs", "dr", "madam", "mister", "sir"})
# Longest head, in words (the corpus's labels are at most 30 words).
MAX_WORDS = 30
# Heads whose reading is kept, the latest read (a transcript's speakers say theirs again and again).
HEADS_KEPT = 4096

STRONG, PLAIN, WEAK = "strong", "plain", "weak"


@dataclass(frozen=True)
class Label:
    """A speaker label read off a line: as written, the person's name and role in it, the text after it."""

    label: str  # as written, without the colon
    name: str | None  # None: an anonymous speaker ("Question") or no one the label names
    role: str | None
    rest: str | None  # the turn's first words on the label's line
    strength: str = STRONG  # how sure the grammar is: strong, plain, or weak (one name word)


@cache
def vocabulary() -> dict[str, frozenset[str]]:
    """The words of ``builder/data/labels.yml``, case-folded, by list."""
    data = yaml.safe_load(resources.files("builder").joinpath("data/labels.yml").read_text("utf-8"))
    return {key: frozenset(str(w).casefold() for w in words) for key, words in data.items()}


def read_marked_label(line: Line) -> Label:
    """A label the source's markup marks (``line.label``): read with the grammar, kept even where the grammar would refuse it."""
    marked = line.label or ""
    rest = line.text[len(marked):].lstrip(" :").strip() or None
    found = read_label(f"{marked}:")
    if found is None or found.name is None and not _is_anonymous(_core(marked)[0]):
        return Label(marked, None, None, rest, STRONG)
    return Label(found.label, found.name, found.role, rest, STRONG)


def parse_label(text: str, known: frozenset[str] = frozenset()) -> Label | None:
    """The label a line opens with, else ``None``; a weak one only when ``known`` (case-folded name words) has its name."""
    found = read_label(text)
    if found is None or found.strength == WEAK and not (found.name and found.name.casefold() in known):
        return None
    return found


def read_label(text: str) -> Label | None:
    """The label a line may open with, with its strength; ``None`` when the line is not one."""
    colon = text.find(":", 0, 402)
    if colon < 1 or text.find(". ", 0, colon) >= 0 and not _abbreviations_only(text[:colon]):
        return None  # no colon near the start, or a sentence ends before it (most lines of a body)
    m = LABEL_LINE.match(text)
    if not m:
        return None
    found = _read_head(m["head"].strip())
    rest = m["rest"] or m["glued"] or None
    return None if found is None else Label(found.label, found.name, found.role, rest, found.strength)


@lru_cache(maxsize=HEADS_KEPT)
def _read_head(head: str) -> Label | None:
    """The label a head (a line up to its first colon) is, without the turn's words; ``None`` when it is none.

    It depends on the head alone, and a transcript says its speakers' heads again and again: each is read once.
    """
    core, notes = _core(head)
    if not core or len(head) > 300 or SENTENCE_MARK.search(_without_abbreviations(core)):
        return None
    if _is_anonymous(core):
        named = _note_name(notes)
        return Label(head, named, core if named else None, None, STRONG)
    words = _words(core)
    shouted = core.upper() == core  # in a label in capitals, "I" is a letter of a name ("ARGUMENTY I FAKTY")
    if not words or len(words) > MAX_WORDS or any(_is_prose(w, i, shouted) for i, w in enumerate(words)):
        return None
    found = _name_at_start(core) or _name_at_end(core) or _name_before_of(core) or _name_between_commas(core)
    if found is None:
        return None
    name_words, role, strength = found
    return Label(head, " ".join(name_words), role or None, None, strength)


def _abbreviations_only(head: str) -> bool:
    """Whether every ". " in a head ends an initial or an abbreviation ("E. Choinozov", "St. Petersburg")."""
    return not SENTENCE_MARK.search(_without_abbreviations(head))


def _core(head: str) -> tuple[str, list[str]]:
    """The head without its notes, and the notes."""
    notes = [m["paren"] or m["bracket"] for m in NOTE.finditer(head)]
    return " ".join(NOTE.sub(" ", head).split()).strip(" ,–—-"), notes


def _without_abbreviations(core: str) -> str:
    return " ".join(w for w in core.split() if not (INITIAL.match(w) or ABBREVIATION.match(w) or GLUED_INITIAL.match(w)))


def _is_anonymous(core: str) -> bool:
    """``Question``, ``Question 2``, ``Question from Perm Territory``, ``Call centre operator``."""
    words = vocabulary()
    folded = " ".join(_case(w) for w in core.split()).casefold()
    if folded in words["anonymous"]:
        return True
    first, _, qualifier = folded.partition(" ")
    if first in words["anonymous"] and re.fullmatch(r"\d+|(?:from|to|of|in|at|by) .+", qualifier):
        named = _name_at_end(core) or _name_between_commas(core)  # "Speaker of the State Duma Vyacheslav Volodin" names him
        return named is None or named[2] == WEAK
    tokens = folded.split()
    return 1 < len(tokens) <= 6 and tokens[-1] in words["person_words"] and not any(t[:1].isupper() for t in core.split()[1:])


def _note_name(notes: list[str]) -> str | None:
    """A person named in a note ("Moderator (Fyodor Lukyanov)")."""
    for note in notes:
        words = note.split()
        if len(words) in (2, 3) and all(w[:1].isupper() for w in words):
            return note
    return None


def _case(word: str) -> str:
    """A word in capitals as the word it spells: "PUTIN" gives "Putin", "OF" gives "of"."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 3 and word.casefold() not in vocabulary()["connectors"] or not all(c.isupper() for c in letters) or ROMAN.match(word):
        return word
    if word.casefold() in vocabulary()["connectors"]:
        return word.lower()
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def _words(core: str) -> list[str]:
    """The head's words, capitals read, glued words split, a glued initial apart ("V.Putin")."""
    return [word for word, _ in _indexed_words(core)]


def _indexed_words(core: str) -> list[tuple[str, int]]:
    """``_words`` with, for each, the index of the word as written it comes from."""
    out: list[tuple[str, int]] = []
    for index, written in enumerate(core.split()):
        word = written
        if m := GLUED_INITIAL.match(word):
            out += [(m["initial"], index), (_case(m["rest"]), index)]
            continue
        word = _case(word)
        parts = [word] if INNER_CAPITAL.match(word) else GLUED.split(word)
        if len(parts) == 1 and word != written and " " not in core and (given := _given_prefix(word)):  # "VLADIMIRPUTIN"
            parts = [given, word[len(given):].capitalize()]
        out += [(p, index) for p in parts if p]
    return out


def _given_prefix(word: str) -> str | None:
    """A known given name that a word in capitals begins with, glued to a surname (not a suffix: "IVANOV" is one name)."""
    for end in range(len(word) - 4, 2, -1):
        if is_given_name(word[:end]) and word[end].lower() not in "aeiouy":
            return word[:end]
    return None


def _is_prose(word: str, position: int, shouted: bool = False) -> bool:
    """A word of running prose: in lower case, or opening the head ("We agreed"); "I" anywhere ("May" ends a name)."""
    bare = word.strip(",.–—-\"“”«»")
    if bare == "i" or len(bare) > 1 and bare.isupper() or shouted and bare == "I":  # "Argumenty i Fakty"; "US Secretary"
        return False
    return bare.casefold() in vocabulary()["prose"] and (bare.islower() or position == 0 or bare == "I")


def _is_name_word(word: str) -> bool:
    """A word that can be part of a person's name."""
    bare = word.rstrip(",")
    if INITIAL.match(bare) or ROMAN.match(bare) or PARTICLE_HYPHEN.match(bare):
        return True
    if not bare[:1].isupper() or any(c.isdigit() for c in bare):
        return False
    return bare.casefold() not in vocabulary()["not_names"] and bare.casefold().rstrip(".") not in vocabulary()["not_names"]


def _is_title(word: str) -> bool:
    """A word of a title or office ("Patriarch", "President", "Minister"), not a courtesy form."""
    folded = word.casefold().rstrip(".,")
    return folded not in COURTESY and (folded in vocabulary()["titles"] or folded in vocabulary()["offices"])


def _is_particle(word: str) -> bool:
    return word.casefold() in vocabulary()["particles"]


def _name_at_start(core: str) -> tuple[list[str], str, str] | None:
    """``Yevgeny Rozhkov, reporter at VGTRK``: a name, a comma, then the role."""
    first, comma, role = core.partition(", ")
    if not comma:
        return None
    words = _words(first)
    place = _words(role)
    if len(words) == 1 and is_given_name(words[0]) and 1 <= len(place) <= 3 and all(w[:1].isupper() for w in place):
        return words, role, STRONG  # a caller who gives a first name and a town ("Dmitry, Moscow")
    if not 2 <= len(words) <= 4 or not all(_is_name_word(w) or _is_particle(w) for w in words):
        return None
    opening = _words(role)[:1]
    office = bool(opening) and (_is_title(opening[0]) or opening[0].casefold() in vocabulary()["person_words"])
    if not (is_given_name(words[0]) or role[:1].islower() or office or _name_at_end(role) is None):
        return None
    return words, role, STRONG


def _name_between_commas(core: str) -> tuple[list[str], str, str] | None:
    """A name between a role's commas: ``Moderator of the session, Fyodor Lukyanov, research director of ...``;
    or ending the first part before a description in lower case: ``Programme host Ernest Mackevicius, the moderator``."""
    parts = core.split(", ")
    if len(parts) < 2:
        return None
    for i, part in enumerate(parts[1:], start=1):
        words = _words(part)
        pure = 2 <= len(words) <= 4 and all(_is_name_word(w) or _is_particle(w) for w in words) and not _is_particle(words[0])
        if pure and (is_given_name(words[0]) or any(p[:1].islower() for p in parts[i + 1 :])):
            return words, ", ".join(parts[:i] + parts[i + 1 :]), STRONG
    if all(p[:1].islower() for p in parts[1:]) and (found := _name_at_end(parts[0])) and found[2] == STRONG:
        name, role, strength = found
        return name, ", ".join([role, *parts[1:]]) if role else ", ".join(parts[1:]), strength
    return None


def _name_before_of(core: str) -> tuple[list[str], str, str] | None:
    """``King Mohammed VI of Morocco``, ``Patriarch Kirill of Moscow and All Russia``: a title, the name, then "of" a place."""
    title, of, place = core.partition(" of ")
    words = _words(title)
    if not of or len(words) < 2 or not _is_title(words[0]):
        return None
    found = _name_at_end(title)
    if found is None or found[2] != STRONG:
        return None
    name, role, strength = found
    return name, f"{role} of {place}", strength


def _name_at_end(core: str) -> tuple[list[str], str, str] | None:
    """The name that ends a head, the role before it (as written), and how sure that reading is."""
    indexed = _indexed_words(core)
    words = [w for w, _ in indexed]
    run = len(words)  # where the trailing run of name words starts
    while run > 0 and (_is_name_word(words[run - 1]) or _is_particle(words[run - 1]) and run < len(words)):
        run -= 1
    while run < len(words) and _is_particle(words[run]):
        run += 1
    names = words[run:]
    if not names:
        return None
    # The name starts at the last known given name followed by a surname; else it is the run's last two name words.
    start = next((i for i in range(len(names) - 2, -1, -1) if is_given_name(names[i].rstrip(","))), None)
    known_given = start is not None
    if start is None:
        start = len(names) - 1
        while start > 0 and (sum(not _is_particle(w) for w in names[start:]) < 2 or _is_particle(names[start])):
            start -= 1
    name = [w.rstrip(",") for w in names[start:]]
    first = run + start
    before = words[:first]
    if before and before[-1].casefold() in vocabulary()["connectors"] and not _is_particle(before[-1]):
        return None  # "Meeting with Vladimir Putin", "Head of Kirill ..."
    if before and before[0][:1].islower() and not any(w[:1].isupper() for w in before) and len(before) > 8:
        return None  # a long stretch of lower-case words before a name is prose, not a role
    role = _role(core, indexed, first)
    if len(name) == 1:  # "Patriarch of Moscow and All Russia Kirill" is sure; "Putin", "Sochi Olympics" are not
        return name, role, STRONG if any(_is_title(w) for w in before) else WEAK
    return name, role, STRONG if (role or known_given or INITIAL.match(name[0])) else PLAIN


def _role(core: str, indexed: list[tuple[str, int]], first: int) -> str:
    """The words before the name, as written (a courtesy title alone is no role)."""
    if first == 0:
        return ""
    written = core.split()
    index = indexed[first][1]
    glued = indexed[first - 1][1] == index  # the name starts inside a glued word: the role as read
    role = (" ".join(w for w, _ in indexed[:first]) if glued else " ".join(written[:index])).strip(" ,–—-")
    return "" if role.casefold().rstrip(".") in COURTESY else role
