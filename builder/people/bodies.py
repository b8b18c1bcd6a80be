"""The body a role belongs to, and which wordings of a role are one role (``builder/data/bodies.yml``).

Sources write one job many ways: a speaker label's "Director General of the Roscosmos State
Corporation", a tooltip's "General Director of the Roscosmos State Corporation for Space
Activities", a label's "Minister of Agriculture" beside a tooltip's "Minister of Agriculture of
the Russian Federation". A role is read as a post and the body it is of (Popolo's organization):
a body named by name (the Government, the Security Council, Roscosmos...), made by grammar from
the words after the post ("Minister of X": the Ministry of X), or a name holding a body's noun
("the Research Institute for ..."). Two wordings are one role when they give the same post of the
same body once the country's name, articles, case and punctuation are set aside. The words are
data, so a new body or a post's other wording is a line of the data file, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..names import slug

# A role's words: letters, digits and apostrophes (its punctuation and dashes set aside).
ROLE_WORD = re.compile(r"[\w']+")
# Words of a body's name that stay in lower case when a name is rebuilt from folded words.
SMALL_WORDS = frozenset({"of", "and", "for", "in", "on", "the"})


@dataclass(frozen=True)
class Body:
    """An organization a role belongs to, as Popolo lists it."""

    id: str
    name: str
    classification: str


@dataclass(frozen=True)
class RoleForm:
    """A role read: its post (folded words, other wordings read as one) and the body it is of."""

    post: str
    body: Body | None

    @property
    def key(self) -> str:
        """What two wordings of one role share."""
        return f"{self.post}@{self.body.id if self.body else ''}"


@dataclass(frozen=True)
class _Named:
    body: Body
    names: tuple[tuple[str, ...], ...]  # the folded words of each name that names it
    posts: frozenset[str]


@dataclass(frozen=True)
class _Made:
    post: tuple[str, ...]
    body: str  # the body's name, "{name}" the words after the post's "of"
    classification: str


@dataclass(frozen=True)
class _Data:
    country: re.Pattern[str]
    articles: frozenset[str]
    posts: tuple[tuple[re.Pattern[str], str], ...]  # another wording of a post, and the post
    named: tuple[_Named, ...]
    made: tuple[_Made, ...]  # longest post first
    nouns: frozenset[str]


def _folded(text: str) -> list[str]:
    return ROLE_WORD.findall(text.casefold().replace("’", "'"))


@cache
def _data() -> _Data:
    raw = yaml.safe_load(resources.files("builder").joinpath("data/bodies.yml").read_text("utf-8"))
    articles = frozenset(raw["articles"])
    country = re.compile(r"\s*\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in raw["country"]) + r")\b", re.I)
    posts = tuple((re.compile(r"\b" + re.escape(other) + r"\b"), post) for post, others in raw["posts"].items() for other in others)

    def words(text: str) -> tuple[str, ...]:
        return tuple(w for w in _folded(text) if w not in articles)

    named = tuple(_Named(Body(slug(b["name"]), b["name"], b["classification"]), tuple(words(n) for n in b["names"]),
                         frozenset(" ".join(words(p)) for p in b.get("posts") or ())) for b in raw["bodies"])
    made = tuple(sorted((_Made(words(m["post"]), m["body"], m["classification"]) for m in raw["made"]), key=lambda m: -len(m.post)))
    return _Data(country, articles, posts, named, made, frozenset(raw["nouns"]))


@cache
def read_role(title: str) -> RoleForm:
    """``title`` as a post and the body it is of (None: it names none)."""
    data = _data()
    text = data.country.sub("", title).strip(" ,–—-")
    folded = " ".join(w for w in _folded(text) if w not in data.articles)
    for pattern, post in data.posts:
        folded = pattern.sub(post, folded)
    words = folded.split()
    return _named(words, data) or _made(text, words, data) or _by_noun(text, words, data) or RoleForm(folded, None)


def role_key(title: str) -> str:
    """What every wording of ``title``'s role shares: two titles with one key are one role."""
    return read_role(title).key


def _named(words: list[str], data: _Data) -> RoleForm | None:
    """A body the role names by one of its names (the longest found), or whose post it is."""
    best: tuple[int, int, int, Body] | None = None  # (-length, start, order, body)
    for order, named in enumerate(data.named):
        for name in named.names:
            for start in range(len(words) - len(name) + 1):
                if tuple(words[start : start + len(name)]) == name and (best is None or (-len(name), start, order) < best[:3]):
                    best = (-len(name), start, order, named.body)
    if best is not None:
        start, end = best[1], best[1] - best[0]
        before = words[:start][:-1] if words[:start][-1:] == ["of"] else words[:start]
        return RoleForm(" ".join(before + words[end:]), best[3])
    post = " ".join(words)
    return next((RoleForm(post, named.body) for named in data.named if post in named.posts), None)


def _made(text: str, words: list[str], data: _Data) -> RoleForm | None:
    """A post of the data's grammar, "of" and a name: the body that name makes."""
    for made in data.made:
        n = len(made.post)
        if tuple(words[:n]) == made.post and words[n : n + 1] == ["of"] and len(words) > n + 1:
            name = _after_of(text) if _folded(text.split(" of ", 1)[0]) == list(made.post) else None
            name = name or " ".join(w if w in SMALL_WORDS else w.capitalize() for w in words[n + 1 :])
            body = made.body.format(name=name)
            return RoleForm(" ".join(made.post), Body(slug(body), body, made.classification))
    return None


def _by_noun(text: str, words: list[str], data: _Data) -> RoleForm | None:
    """The name after a post's first "of", when one of its words is a body's noun."""
    if "of" not in words:
        return None
    nouns = [w for w in words[words.index("of") + 1 :] if w in data.nouns]
    name = _after_of(text)
    if not nouns or not name:
        return None
    return RoleForm(" ".join(words[: words.index("of")]), Body(slug(name), name, nouns[-1]))


def _after_of(text: str) -> str | None:
    """The words after ``text``'s first "of", as written, an article before them dropped."""
    if " of " not in text:
        return None
    name = re.sub(r"^(?:the|a|an)\s+", "", text.split(" of ", 1)[1].strip(), flags=re.I)
    return name or None
