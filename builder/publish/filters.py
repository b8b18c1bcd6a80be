"""The Jinja2 environment of the render stage, and every filter its templates use, registered in one place.

Every ``{{ value }}`` a template writes is escaped for Markdown (``escape.md_text``)
unless a filter marked it safe (``Markup``): a filter that returns markup escapes
the seed text inside it itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as escape_html
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..addresses import downloads
from ..document_pages import Layout, Part
from ..model import Document, Paragraph, Person, Turn
from ..names import slug
from ..profiles.clean import MONTHS
from . import figures
from .escape import md_text
from .inline import indent_body, is_annotated, note_list, render_inline
from .pages import anchor_link, letter_page, topic_slug, year_page


def environment(templates: Path, compiled: Path | None = None) -> Environment:
    """The templates' environment; ``compiled``: a folder where templates are kept compiled between builds
    (Jinja2's bytecode cache, each checked against its template's source)."""
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=lambda v: v if isinstance(v, Markup) or not isinstance(v, str) else Markup(md_text(v)),
    )
    register_filters(env)
    return env


def register_filters(env: Environment) -> None:
    """Every filter the templates use, in one place."""
    env.filters["paragraph"] = render_paragraph
    env.filters["page_blocks"] = page_blocks
    env.filters["label"] = render_label
    env.filters["month"] = lambda d: f"{MONTHS[int(d[5:7]) - 1]} {d[:4]}" if d else "Undated"
    env.filters["plural"] = plural
    env.filters["topic_slug"] = topic_slug
    env.filters["href"] = href
    env.filters["downloads"] = lambda doc: {label: Markup(path) for label, path in downloads(doc).items()}  # paths of slugs
    env.filters["year_page"] = year_page
    env.filters["letter_page"] = letter_page
    env.filters["speakers_figure"] = lambda doc, people: Markup(figures.speakers_figure(doc, people))
    env.filters["appearances_figure"] = lambda person, documents, months=None: Markup(
        figures.appearances_figure(person, list(documents), months))
    env.filters["documents_figure"] = lambda documents: Markup(figures.documents_figure(list(documents)))
    env.filters["top_speakers_figure"] = lambda documents, people: Markup(figures.top_speakers_figure(list(documents), people))
    env.filters["note_body"] = lambda body: Markup(indent_body(body))
    env.filters["pre"] = lambda text: Markup(escape_html(text))
    env.filters["anchor"] = lambda text: slug(text) or "note"
    env.filters["at"] = at


@pass_context
def at(context: Context, doc: Document, anchor: str) -> Markup:
    """A link from ``documents/`` to a paragraph or a turn of ``doc`` (``p12``, ``t5``): the page that holds it (``pages.anchor_link``),
    by the template's ``layouts`` (every document's ``document_pages.Layout``)."""
    file, _, fragment = anchor_link(context["layouts"].get(doc.id) or Layout(doc.id), anchor).partition("#")
    return Markup(f"{md_text(file)}#{md_text(fragment)}")


def plural(count: int, noun: str) -> str:
    """``noun`` as it reads after ``count``: "1 document", "2 documents"."""
    return noun if count == 1 else f"{noun}s"


def href(url: str) -> Markup:
    """A web link target safe inside Markdown's ``(...)``: http(s) only, unsafe characters encoded."""
    if not url.lower().startswith(("http://", "https://")):
        return Markup("#")
    return Markup(quote(url, safe=":/?#@!$&*+,;=%-._~"))


def is_raw(paragraph: Paragraph) -> bool:
    """Whether ``render_paragraph`` writes ``paragraph`` as a raw HTML ``<p>`` (else as Markdown)."""
    return bool(paragraph.id) and not is_annotated(paragraph)


def page_blocks(parts: Iterable[Part]) -> list[Part | list[Paragraph]]:
    """A page's body in the order it is written: a labelled turn's part (its heading), then runs of paragraphs.

    A run is every raw HTML paragraph (``is_raw``) in a row, across turns that have no label
    (narration, whose turns show no heading), or one Markdown paragraph alone. A document page
    writes a run of two or more in one ``<div class="paras">``: Python-Markdown handles each raw
    HTML block on its own, and spends about a quarter less on a page whose paragraphs come a few
    to a block than one to a block (most of MkDocs' time is a page's Markdown)."""
    blocks: list[Part | list[Paragraph]] = []
    for part in parts:
        if part.turn.label:
            blocks.append(part)
        for paragraph in part.paragraphs:
            last = blocks[-1] if blocks else None
            if isinstance(last, list) and is_raw(paragraph) and is_raw(last[-1]):
                last.append(paragraph)
            else:
                blocks.append([paragraph])
    return blocks


def render_paragraph(paragraph: Paragraph, people: dict[str, Person], directory_urls: bool = True) -> Markup:
    """A paragraph of a document page: escaped text, its spans wrapped (``builder/publish/inline.py``), a permalink.

    A paragraph without notes is a raw HTML ``<p>`` (links already in their final
    form: ``directory_urls`` says which). An annotated paragraph is Markdown,
    Material's ``.annotate`` block, and the list after it holds the notes.
    """
    if is_raw(paragraph):
        url = (lambda pid: f"../../people/{pid}/") if directory_urls else (lambda pid: f"../people/{pid}.html")
        body = render_inline(paragraph, people, "", url)
        pid = paragraph.id
        return Markup(f'<p class="para" id="{pid}">{body} <a class="permalink" href="#{pid}">{pid}</a></p>')
    body = render_inline(paragraph, people, "../people/")
    if paragraph.id:
        annotate = " .annotate" if is_annotated(paragraph) else ""
        body += f' [{paragraph.id}](#{paragraph.id}){{ .permalink }}\n{{: #{paragraph.id} .para{annotate} }}'
        if annotate:
            body += "\n\n" + note_list(paragraph)
    return Markup(body)


def md_text_keep(text: str) -> str:
    """Escape a fragment, keeping its edge spaces (``md_text`` trims them)."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() and len(text) > 1 else ""
    return lead + md_text(text) + trail if text.strip() else " "


def render_label(turn: Turn, base: str = "../people/") -> Markup:
    """A turn's label as written, with the speaker's name linked to their page."""
    label = turn.label or ""
    if not turn.speaker or not turn.name or turn.name not in label:
        return Markup(md_text(label))
    at = label.rfind(turn.name)
    before, after = label[:at], label[at + len(turn.name):]
    link = f"[{md_text(turn.name)}]({base}{turn.speaker}.md)"
    return Markup(md_text_keep(before) + link + md_text_keep(after))
