"""The glossary: organisations and programmes the text names, explained in one data file.

Maintainers keep ``seeds/glossary.yml``, a list of entries::

    - id: roscosmos                      # optional; the slug of the name by default
      name: Roscosmos                    # required: the name shown in the glossary
      forms: [Roscosmos, Roskosmos]      # optional: every form to mark in the text
      summary: Russia's state space corporation.   # required: what it is

The annotate stage marks every form where the text names it (whole words,
case as written); the render stage shows the summary on hover and lists the
glossary on its own page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..ingest.yamlfile import entry_lines, load_yaml
from ..model import Problem
from ..names import slug

GLOSSARY_FILE = "glossary.yml"
# Fields a glossary entry may have.
FIELDS = frozenset({"id", "name", "forms", "summary", "url"})
# What may not touch a form for it to count as a whole word ("RZD", not "RZDs" or "pre-RZD").
WORD_EDGE_BEFORE = r"(?<![\w-])"
WORD_EDGE_AFTER = r"(?![\w-])"


@dataclass(frozen=True)
class Term:
    """One glossary entry: an organisation, the forms that name it, and what it is."""

    id: str
    name: str
    forms: tuple[str, ...]
    summary: str
    url: str | None = None


def load_glossary(path: Path) -> tuple[tuple[Term, ...], list[Problem]]:
    """The glossary file's entries (none when there is no file); problems name file and line."""
    if not path.exists():
        return (), []
    data, problems = load_yaml(path, "glossary", "glossary")
    if problems:
        return (), problems
    if data is None:
        return (), []
    if not isinstance(data, list):
        return (), [Problem(path.name, 1, "glossary", "the glossary must be a list of entries ('- name: ...'); it was ignored", "error")]
    lines = entry_lines(path)
    terms: list[Term] = []
    owner: dict[str, str] = {}
    for n, entry in enumerate(data):
        line = lines[n] if n < len(lines) else 1
        term, entry_problems = _term(entry, path.name, line)
        problems += entry_problems
        if term is None:
            continue
        if term.id in {t.id for t in terms}:
            problems.append(Problem(path.name, line, "glossary", f"the id '{term.id}' is used twice; this entry was skipped"))
            continue
        for form in term.forms:
            if form in owner:
                problems.append(Problem(path.name, line, "glossary", f"'{form}' already names '{owner[form]}'; it marks that entry only"))
        owner.update({form: term.id for form in term.forms if form not in owner})
        terms.append(term)
    return tuple(terms), problems


def _term(entry, file: str, line: int) -> tuple[Term | None, list[Problem]]:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        return None, [Problem(file, line, "glossary", "an entry has no 'name': give each entry a name; it was skipped")]
    problems = [Problem(file, line, "glossary", f"unknown field '{key}' (known: {', '.join(sorted(FIELDS))}); it was ignored")
                for key in entry if key not in FIELDS]
    name = entry["name"].strip()
    summary = entry.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        return None, [*problems, Problem(file, line, "glossary", f"'{name}' has no 'summary': say what it is; the entry was skipped")]
    forms = entry.get("forms") or [name]
    if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
        return None, [*problems, Problem(file, line, "glossary", f"'forms' of '{name}' must be a list of names; the entry was skipped")]
    url = entry.get("url")
    return Term(str(entry.get("id") or slug(name)), name, tuple(f.strip() for f in forms), " ".join(summary.split()),
                url if isinstance(url, str) else None), problems


def term_pattern(terms: tuple[Term, ...]) -> re.Pattern | None:
    """One pattern for every form of every term, longest first, so "Russian Railways" beats "Russian"."""
    forms = sorted({form for term in terms for form in term.forms}, key=lambda f: (-len(f), f))
    if not forms:
        return None
    return re.compile(WORD_EDGE_BEFORE + "(?:" + "|".join(re.escape(f) for f in forms) + ")" + WORD_EDGE_AFTER)


def find_terms(text: str, terms: tuple[Term, ...], pattern: re.Pattern | None = None) -> list[tuple[int, int, Term]]:
    """``(start, end, term)`` for each place ``text`` names a glossary term."""
    pattern = pattern or term_pattern(terms)
    if pattern is None:
        return []
    by_form: dict[str, Term] = {}
    for term in terms:
        for form in term.forms:
            by_form.setdefault(form, term)
    return [(m.start(), m.end(), by_form[m.group()]) for m in pattern.finditer(text)]
