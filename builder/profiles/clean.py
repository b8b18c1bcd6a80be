"""The clean stage (with the profiles): what every source profile shares when it takes chrome out.

Profiles decide *which* lines are chrome; this module repairs what is left
(tooltip-duplicated names, odd spaces) and keeps the audit of every removal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain

from anyascii import anyascii

from ..model import Line, Removal, Tooltip

# A word of a role in a kremlin.ru tooltip: a capitalised word (not a courtesy title) or a dash.
_ROLE_WORD = r"(?!(?:Mr|Ms|Mrs|Dr)\b)(?:[A-Z][\w’'.\-]*|[–—-]|\([A-Z][^()]{0,40}\))"
# A small connecting word inside a role ("of", "the", ...).
_ROLE_LINK = r"(?:of|the|for|and|in|on|at|to|de|von|van|under|with)"
# A word of a name in a tooltip's title ("Yakunin", "Niinistö", "II", "al-Assad").
_NAME_WORD = r"(?:[A-Z]|[a-z]{1,3}-[A-Z]?)[\w’'\-]*"
# A small word inside a name ("Van der Bellen", "von der Leyen") or a title of office ("Prince of Monaco").
_NAME_LINK = r"(?:of|the|and|de|der|da|du|la|le|von|van|al|bin|ibn)"
# A word of a role when a stray space and punctuation end it: any word, a comma, a parenthetical
# ("A Just Russia Political Party Group leader :", "... Federation (Bank of Russia) :").
_LOOSE_WORD = r"(?:[^\s.,:;!?()\[\]]+,?|\([^()\s][^()]{0,40}\))"
# kremlin.ru tooltip glued after a visible name: " Borisov Yury Borisov YurySpecial Representative ... ".
# The tooltip's title ("Surname Given", "Barroso Jose Manuel", "Ruling Prince of Monaco Albert II")
# comes twice (picture, then text), the second time glued to the role; a tooltip may have
# none (" Yakunin Vladimir Yakunin Vladimir :"). A stray space ends it. Separators inside the
# role are plain spaces (the body uses no-break ones). A role ended by a stray space before
# punctuation may hold any words (``loose``); else it is capitalised words and small ones.
TOOLTIP_NAME = re.compile(
    rf" (?P<title>(?:{_NAME_LINK} )*{_NAME_WORD}(?: (?:{_NAME_WORD}|{_NAME_LINK})){{0,7}}) (?P=title)"
    rf"(?:(?P<loose>{_ROLE_WORD}(?: {_LOOSE_WORD}){{0,14}}?)(?P<stray> +(?=[.,:;!?)\]’']))"
    rf"|(?P<role>{_ROLE_WORD}(?:,? (?:{_ROLE_LINK} )*{_ROLE_WORD})*)?"
    rf"(?P<tail> +(?=[.,:;!?)\]’'])| +(?=\S)| *$))"
)
# One word of a person's name, and a small word inside one.
NAME_WORD, NAME_LINK = re.compile(_NAME_WORD), re.compile(_NAME_LINK)
# Words of a tooltip's title that make it a person's "Surname Given" (more is a title of office).
PERSON_TITLE_WORDS = 4
# The caption a kremlin.ru glossary tooltip opens with, after the term it explains.
TERM_TOOLTIP = re.compile(r" Background information (?=\S)")
# Punctuation a tooltip's stray space stands before, and that keeps no space there ("Rouhani’s", "CIS,").
NO_SPACE_BEFORE = re.compile(r"[.,:;!?)\]’']")
# An abbreviation in brackets ending a glossary tooltip's title: " (SCO)".
ABBREVIATION = re.compile(r" \([A-Z][A-Za-z0-9&\-]{1,11}\)")
# Letters a visible surname shares with the tooltip's, at least, when the spellings differ ("Radayev", "Radaev").
SURNAME_STEM = 4
# A glossary tooltip's title ended by a stray space before punctuation.
TERM_TITLE_STRAY = re.compile(rf"(?P<title>{_LOOSE_WORD}(?: {_LOOSE_WORD}){{0,11}}?) +(?=[.,:;!?)\]’'])")
# A word of a glossary title: capitalised, or a dash.
_TERM_WORD = r"(?:[A-Z][\w’'.\-]*|[–—-])"
# A glossary tooltip's title of capitalised and small words, and its abbreviation ("The Eurasian Economic Union (EAEU)").
TERM_TITLE_WORDS = re.compile(rf"{_TERM_WORD}(?: (?:of |the )*{_TERM_WORD})*(?:{ABBREVIATION.pattern})?")
# Words of a glossary term, at most; characters of its tooltip's full title, at most.
TERM_WORDS, TERM_TITLE = 12, 200
# Characters of a title taken from the text (a first line, a lead's first sentence), at most.
TITLE_CHARS = 120
# Spaces other than the plain one that scrapes carry (no-break, thin, narrow no-break).
ODD_SPACE = re.compile(r"[\u00a0\u2007\u2009\u202f]")
# Runs of plain spaces and tabs.
SPACE_RUN = re.compile(r"[ \t]{2,}")
# The months' English names, January first (the one list: dates read, dates written, charts).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# A date as kremlin.ru and news sites write it: "March 31, 2025", "February 06, 2025".
DATE = re.compile(rf"\b(?P<month>{'|'.join(MONTHS)}) (?P<day>\d{{1,2}}), (?P<year>\d{{4}})\b")


def split_lines(text: str) -> list[Line]:
    """The seed's text as numbered lines (numbers are 1-based, as editors show them)."""
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def first_line(lines: Sequence[Line]) -> int:
    """The number of the first of ``lines``; the file's first line when there are none."""
    return lines[0].number if lines else 1


def repair_tooltips(line: Line) -> tuple[Line, list[Tooltip], list[Removal]]:
    """Take each tooltip out of a line, keeping the visible name and recording the role."""
    tooltips: list[Tooltip] = []
    removals: list[Removal] = []
    out: list[str] = []
    pos = 0
    text = line.text
    at = 0
    while m := TOOLTIP_NAME.search(text, at):
        before = text[: m.start()]
        at = m.start() + 1  # a refused match may hide the tooltip a word later ("with Xi Jinping Xi Jinping Xi Jinping...")
        if not _names_the_visible(before, m["title"]):
            continue
        at = m.end()
        role = (m["loose"] or m["role"] or "").strip()
        if tip := tooltip_from_title(line.number, before, m["title"], role):
            tooltips.append(tip)
        removals.append(Removal(line.number, m.group(0).strip(), "name tooltip"))
        out.append(text[pos : m.start()])
        # Keep one space where the tooltip stood between words; none before punctuation.
        tail = " " if (m["stray"] or m["tail"] or "").startswith(" ") else ""
        if tail == " " and m.end() < len(text) and not NO_SPACE_BEFORE.match(text, m.end()):
            out.append(" ")
        pos = m.end()
    out.append(text[pos:])
    repaired, terms = repair_term_tooltips(Line(line.number, "".join(out)))
    return repaired, tooltips, removals + terms


def repair_term_tooltips(line: Line) -> tuple[Line, list[Removal]]:
    """Take out each glossary tooltip: " Background information X" after the term it explains.

    The tooltip's title is the term itself ("Supreme State Council ... Background information
    Supreme State Council ...") or its full name, ending with the term in brackets
    ("CSTO Background information Collective Security Treaty Organisation (CSTO)").
    """
    text = line.text
    removals: list[Removal] = []
    at = 0
    while m := TERM_TOOLTIP.search(text, at):
        before, after = text[: m.start()], text[m.end():]
        title = _term_title(ODD_SPACE.sub(" ", before), ODD_SPACE.sub(" ", after))
        if title is None:
            at = m.end()
            continue
        removals.append(Removal(line.number, f"Background information {title}", "glossary tooltip"))
        rest = after[len(title):]
        text = before + (rest[1:] if rest[:1] == " " and NO_SPACE_BEFORE.match(rest, 1) else rest)
        at = m.start()
    return Line(line.number, text), removals


def _term_title(before: str, after: str) -> str | None:
    """The glossary tooltip's title at the start of ``after``, for a term ending ``before`` (longest first)."""
    if m := TERM_TITLE_STRAY.match(after):  # "Customs Union between Russia, Belarus, and Kazakhstan ."
        return m["title"]
    words = before.split(" ")
    for n in range(min(len(words), TERM_WORDS), 0, -1):
        term = " ".join(words[-n:])
        if after.startswith(term) and _ends_word(after, len(term)):
            abbreviation = ABBREVIATION.match(after, len(term))  # "Shanghai Cooperation Organisation (SCO)"
            return after[: abbreviation.end()] if abbreviation else term
        bracket = after.find(f"({term})", 0, TERM_TITLE)
        if bracket > 0 and _ends_word(after, bracket + len(term) + 2):
            return after[: bracket + len(term) + 2]
    if m := TERM_TITLE_WORDS.match(after):  # "Hero of the Russian Federation star"
        return m.group(0)
    return None


def _ends_word(text: str, end: int) -> bool:
    return end == len(text) or not text[end].isalnum()


def tooltip_from_title(line: int, before: str, title: str, role: str) -> Tooltip | None:
    """The tooltip of the name ending ``before``, from its title ("Yakunin Vladimir": Surname Given).

    ``None`` when the tooltip gives no role (the registry learns nothing from it) or when its
    title is not a person's name in that order ("Ruling Prince of Monaco Albert II").
    """
    words = title.split()
    n = 0
    while n < len(words) and NAME_LINK.fullmatch(words[n]):  # "von der Leyen Ursula"
        n += 1
    n += 1
    while n + 1 < len(words) and NAME_LINK.fullmatch(words[n]):  # "Van der Bellen Alexander"
        n += 2
    surname, given = " ".join(words[:n]), words[n:]
    if not role or not given or len(given) >= PERSON_TITLE_WORDS or not all(NAME_WORD.fullmatch(w) for w in [*given, words[n - 1]]):
        return None
    return Tooltip(line, _visible_name(before, " ".join(given), surname), " ".join(given), surname, role)


def _names_the_visible(before: str, title: str) -> bool:
    """Whether the name just before a tooltip is its title's: the surname ("Mr Mishustin"), or all its words.

    "Vladimir Yakunin" for "Yakunin Vladimir", "Sauli Niinisto" for "Niinistö Sauli", but not
    "with Xi" for "Jinping Xi" (a shifted reading of "Xi Jinping Xi Jinping Xi Jinping...").
    """
    words = [_folded(w) for w in title.split()]
    seen = _last_words(before, len(words))
    if not seen:
        return False
    last, surname = seen[-1], words[0]
    same = last == surname or (len(surname) > SURNAME_STEM and last[:SURNAME_STEM] == surname[:SURNAME_STEM])
    ends_alike = len(words) >= 3 and last == words[-1]  # "Prince Albert II" for "Ruling Prince of Monaco Albert II"
    return same or ends_alike or sorted(seen) == sorted(words)


def _last_words(text: str, n: int) -> list[str]:
    """The last ``n`` words of ``text``, folded, their brackets and quotes aside."""
    return [_folded(w.strip("[](){}\"“”‘’',.:;")) for w in ODD_SPACE.sub(" ", text).split()[-n:]]


def _folded(word: str) -> str:
    return anyascii(word).casefold()


def _visible_name(before: str, given: str, surname: str) -> str:
    """The name as the reader saw it before the tooltip: 'Yury Borisov', 'Mr Mishustin' or 'Xi Jinping'.

    Never the tooltip's own reversed form unless the reader saw that order; failing the
    known forms, the last word the reader saw.
    """
    plain = ODD_SPACE.sub(" ", before).split()
    forms = [f"{given} {surname}", f"Mr {surname}", f"Ms {surname}", f"Dr {surname}", f"{surname} {given}"]
    for form in forms:
        n = len(form.split())
        if _last_words(before, n) == [_folded(w) for w in form.split()]:
            return " ".join(plain[-n:]).strip("[](){}")
    return plain[-1].strip("[](){}") if plain else surname


def normalise_spaces(text: str) -> str:
    """No-break and thin spaces become plain ones; runs collapse; ends are trimmed."""
    if text.isascii() and "  " not in text and "\t" not in text:
        return text.strip()  # most lines: nothing to do (and this is asked of every line of every seed)
    return SPACE_RUN.sub(" ", ODD_SPACE.sub(" ", text)).strip()


def clean_lines(lines: Iterable[Line]) -> tuple[list[Line], list[Tooltip], list[Removal]]:
    """Repair tooltips and spaces in body lines; blank lines are dropped."""
    kept: list[Line] = []
    tooltips: list[Tooltip] = []
    removals: list[Removal] = []
    for line in lines:
        repaired, found, removed = repair_tooltips(line)
        tooltips += found
        removals += removed
        text = normalise_spaces(repaired.text)
        if text:
            kept.append(Line(line.number, text))
    return kept, tooltips, removals


def chrome(lines: Iterable[Line], reason: str) -> list[Removal]:
    """Audit records for whole lines taken out as site chrome (blank lines are not recorded)."""
    return [Removal(line.number, line.text, reason) for line in lines if line.text.strip()]


def audit(*removals: Iterable[Removal]) -> tuple[Removal, ...]:
    """Every removal a profile made, as ``Cleaned.removed`` holds them: in line order (a line's own in the order given)."""
    return tuple(sorted(chain.from_iterable(removals), key=lambda r: r.line))


def find_date(text: str) -> str | None:
    """The first English date in ``text`` as ``YYYY-MM-DD``."""
    m = DATE.search(normalise_spaces(text))
    if not m:
        return None
    return f"{m['year']}-{MONTHS.index(m['month']) + 1:02d}-{int(m['day']):02d}"


def shorten_title(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` whole if it has ``limit`` characters or fewer, else cut at a word, with an ellipsis, to ``limit`` at most."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
