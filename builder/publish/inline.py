"""A paragraph's inline Markdown (or raw HTML): the seed's text escaped, its spans wrapped.

A paragraph without notes is written as one raw HTML block (``<p>`` and the
inline tags below), which Markdown passes through without its inline patterns:
that is most of the text and most of MkDocs' time. A paragraph with notes stays
Markdown, because Material's annotations need the Markdown list after it.

Spans, outermost first when they share a start: a maintainer's note (a
highlight ``<mark>`` and, right after its last word, Material's annotation marker ``(n)`` in a
``span.annotation-marker``, held with the punctuation after the words in a
``span.annotation-tail``, so that a line never breaks between them and the CSS draws the marker without a gap before
the punctuation: ``Borisov⊕.``), an editorial mark of the source, a mention of a
person (a link whose title gives their role in this document), a glossary term
(an ``abbr`` whose title says what it is). A span inside another is rendered
inside it; a note that cuts a mention or mark in two is widened to hold it whole.
Nothing here adds a word to the paragraph's text: markers live in
``.annotation-marker`` and notes' bodies go in the list after the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Mark, Mention, Note, Paragraph, Person, TermUse
from ..names import slug
from .escape import html_attr, html_text, md_attr, md_text

# Which span wraps which when two start together: lower rank is outer.
RANK = {"note": 0, "mark": 1, "mention": 2, "term": 3}
# Seed text that Material's annotation script would take for a marker: "(2)" escaped as Markdown.
MARKER_LOOKALIKE = re.compile(r"&#40;(\d+)&#41;")
# The punctuation that closes a note's words ("Borisov." "Gonets),"): kept with its marker, so that the two never part.
CLOSING = re.compile(r"[.,;:!?…)\]}»”’\"']+")
# Titles of the source's editorial marks.
MARK_TITLES = {"insertion": "Editorial insertion in the source", "elision": "Omission marked in the source"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "note" | "mark" | "mention" | "term"
    item: Mark | Mention | Note | TermUse  # a Mark for "mark", a Mention for "mention", a Note for "note", a TermUse for "term"


def paragraph_spans(paragraph: Paragraph) -> list[Span]:
    """Every span of a paragraph, notes widened over what they would cut in two."""
    spans = [Span(m.start, m.end, "mark", m) for m in paragraph.marks]
    spans += [Span(m.start, m.end, "mention", m) for m in paragraph.mentions]
    spans += [Span(t.start, t.end, "term", t) for t in paragraph.terms]
    notes = [_widen(Span(a.start, a.end, "note", a), spans) for a in paragraph.notes]
    return notes + spans


def _widen(note: Span, spans: list[Span]) -> Span:
    start, end = note.start, note.end
    changed = True
    while changed:
        changed = False
        for s in spans:
            if s.start < end and start < s.end and not (start <= s.start and s.end <= end):
                start, end, changed = min(start, s.start), max(end, s.end), True
    return Span(start, end, "note", note.item)


def note_numbers(paragraph: Paragraph) -> dict[str, int]:
    """Each note's marker number in its paragraph, in reading order (Material numbers from 1)."""
    notes = sorted(paragraph.notes, key=lambda a: (a.start, a.end, a.id))
    return {a.id: n for n, a in enumerate(notes, start=1)}


def render_inline(paragraph: Paragraph, people: dict[str, Person], base: str, person_url: Callable[[str], str] | None = None) -> str:
    """The paragraph's text with every span wrapped (no permalink).

    Markdown, with mentions linking to ``{base}{id}.md``; or, given ``person_url``
    (a person's id to the address of their page), raw HTML for a ``<p>`` block.
    """
    roles = {(r.start, r.end): r.title for r in paragraph.roles}
    body = _render(paragraph.text, 0, paragraph_spans(paragraph), _Context(people, base, roles, note_numbers(paragraph), person_url))
    if paragraph.notes:
        body = MARKER_LOOKALIKE.sub(r"&#40;<span>\1</span>&#41;", body)
    return body


@dataclass(frozen=True)
class _Context:
    people: dict[str, Person]
    base: str
    roles: dict[tuple[int, int], str]
    numbers: dict[str, int]
    person_url: Callable[[str], str] | None = None  # set: raw HTML, not Markdown

    def keep(self, text: str) -> str:
        return _keep(text, html_text if self.person_url else md_text)


def _render(text: str, offset: int, spans: list[Span], ctx: _Context) -> str:
    """``text`` (which starts at ``offset`` of the paragraph) with ``spans`` inside it wrapped."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, RANK[s.kind]))
    out: list[str] = []
    pos = offset
    for i, span in enumerate(ordered):
        if span.start < pos:
            continue  # inside (or across) a span already written
        inner = [s for s in ordered[i + 1 :] if span.start <= s.start and s.end <= span.end]
        out.append(ctx.keep(text[pos - offset : span.start - offset]))
        closing = _closing(text, offset, span, ordered[i + 1 :]) if span.kind == "note" else ""
        out.append(_wrap(span, text[span.start - offset : span.end - offset], inner, ctx, closing))
        pos = span.end + len(closing)
    out.append(ctx.keep(text[pos - offset :]))
    return "".join(out)


def _closing(text: str, offset: int, note: Span, later: list[Span]) -> str:
    """The punctuation right after a note's words, up to where another span starts."""
    found = CLOSING.match(text, note.end - offset)
    if not found:
        return ""
    stop = min([s.start - offset for s in later if s.start >= note.end] + [found.end()])
    return text[note.end - offset : stop]


def _wrap(span: Span, inner_text: str, inner: list[Span], ctx: _Context, closing: str = "") -> str:
    item = span.item
    if isinstance(item, Mention):  # span.kind "mention"
        person = ctx.people[item.person]
        role = ctx.roles.get((span.start, span.end))
        title = f"{person.name}, {role}" if role else person.name
        if ctx.person_url:  # a title that would repeat the words linked is left out
            hint = f' title="{html_attr(title)}"' if title != inner_text else ""
            return f'<a class="mention" href="{html_attr(ctx.person_url(person.id))}"{hint}>{html_text(inner_text)}</a>'
        hint = f' "{md_attr(title)}"' if title != inner_text else ""
        return f'[{md_text(inner_text)}]({ctx.base}{person.id}.md{hint}){{ .mention }}'
    content = _render(inner_text, span.start, inner, ctx) if inner else ctx.keep(inner_text)
    if isinstance(item, Mark):  # span.kind "mark"
        return f'<span class="editorial {item.kind}" title="{MARK_TITLES[item.kind]}">{content}</span>'
    if isinstance(item, Note):  # span.kind "note"
        marker = f'<span class="annotation-marker">({ctx.numbers[item.id]})</span>'
        if closing:  # the marker and the punctuation after the words, one unbreakable run
            marker = f'<span class="annotation-tail">{marker}{ctx.keep(closing)}</span>'
        return f'<mark class="annotated" data-note="{slug(item.id) or "note"}">{content}</mark>{marker}'

    attr = html_attr if ctx.person_url else md_attr
    return f'<abbr class="term" title="{attr(f"{item.name}: {item.summary}")}">{content}</abbr>'


def _keep(text: str, escape: Callable[[str], str]) -> str:
    """Escape a fragment, keeping its edge spaces (the escapes trim them)."""
    if not text:
        return ""
    if not text.strip():
        return " "
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + escape(text) + trail


def note_list(paragraph: Paragraph) -> str:
    """The Markdown list after an annotated paragraph: Material turns item n into marker n's note."""
    numbers = note_numbers(paragraph)
    notes = sorted(paragraph.notes, key=lambda a: numbers[a.id])
    return "\n".join(f"{numbers[a.id]}.  {indent_body(a.body)}" for a in notes)


def indent_body(body: str, width: int = 4) -> str:
    """A note's Markdown body, its later lines indented to stay inside a list item."""
    lines = body.strip().split("\n")
    return "\n".join([lines[0]] + [(" " * width + line) if line.strip() else "" for line in lines[1:]])


def is_annotated(paragraph: Paragraph) -> bool:
    return bool(paragraph.notes)
