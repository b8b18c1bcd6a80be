"""Words as the search compares them: folded, cut into tokens, stemmed; and the words that
stand for each other (spelling variants, courtesy titles before a name).

The search worker (``templates/assets/search/engine.js``) does the same to a query, step
for step, so that a query's terms are the index's: ``tokens`` is its ``tokenize``, ``stem``
its ``stem`` (the same Snowball algorithms: the Python package ``snowballstemmer`` here, the
vendored JavaScript ``snowball-stemmers`` there, pinned to versions that agree).

- **Folding**: Unicode NFKD, combining marks dropped, lower case (``Café``: ``cafe``,
  ``Ёлка``: ``елка``).
- **Tokens**: runs of letters and digits; a Chinese or Japanese character (``CJK``) is a
  token by itself, since those scripts do not put spaces between words (a query's run of
  them is matched as a phrase).
- **Stems**: a token of Latin letters goes through Snowball's English stemmer, one of
  Cyrillic letters through its Russian stemmer; any other token is its own stem.
- **Spellings** (``builder/data/search.yml``, with the given-name variants of
  ``builder/data/names.yml``): a query's word also finds its variants (``Kyiv``: ``Kiev``).
- **Courtesy titles** (the label grammar's ``titles``, ``builder/data/labels.yml``): a
  title before a name in a query is dropped from it (``Mr Lavrov``: ``Lavrov``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

import snowballstemmer
import yaml

from ..labels import vocabulary
from ..names import given_variants

# Chinese and Japanese characters, each a token: CJK punctuation and symbols excluded (not
# letters), kana, the unified ideographs and their extensions, compatibility ideographs.
CJK = "\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# The same pattern as the worker's TOKEN: a CJK character, or a run of other letters and digits.
_TOKEN = re.compile(f"[{CJK}]|[^\\W_{CJK}]+")
_LATIN = re.compile(r"[a-z]+")
_CYRILLIC = re.compile(r"[\u0430-\u044f\u0451]+")
_STEMMERS = {"english": snowballstemmer.stemmer("english"), "russian": snowballstemmer.stemmer("russian")}


def normalize(text: str) -> str:
    """``text`` as the index compares it: NFKD, combining marks (category M) dropped, lower case."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        marks = sorted(c for c in set(text) if unicodedata.category(c)[0] == "M")
        if marks:
            text = re.sub("[" + re.escape("".join(marks)) + "]+", "", text)
    return text.lower()


def tokens(text: str) -> list[str]:
    """The tokens of ``text``, in order (the worker's ``tokenize`` gives the same)."""
    return _TOKEN.findall(normalize(text))


@cache
def stem(token: str) -> str:
    """A token's stem: Snowball's English stemmer for Latin letters, its Russian for Cyrillic."""
    if _LATIN.fullmatch(token):
        return _STEMMERS["english"].stemWord(token)
    if _CYRILLIC.fullmatch(token):
        return _STEMMERS["russian"].stemWord(token)
    return token


def terms(text: str) -> list[str]:
    """The index's terms of ``text``: its tokens' stems, in order."""
    return [stem(token) for token in tokens(text)]


def is_cjk(token: str) -> bool:
    return len(token) == 1 and bool(re.fullmatch(f"[{CJK}]", token))


@cache
def spellings() -> tuple[tuple[str, ...], ...]:
    """Groups of words that stand for each other in a query, folded: the search data file's
    spellings, then the given names' variants."""
    data = yaml.safe_load(resources.files("builder").joinpath("data/search.yml").read_text("utf-8")) or {}
    groups = [*(data.get("spellings") or ()), *given_variants()]
    folded = (tuple(dict.fromkeys(" ".join(tokens(str(word))) for word in group)) for group in groups)
    return tuple(group for group in folded if len(group) > 1)


@cache
def courtesy_titles() -> tuple[str, ...]:
    """Words that may stand before a surname ("Mr", "President"), folded: dropped before a name in a query."""
    return tuple(sorted({" ".join(tokens(word)) for word in vocabulary()["titles"]} - {""}))


def name_key(name: str) -> str:
    """A name as the index looks it up: its tokens, folded, joined by one space."""
    return " ".join(tokens(name))
