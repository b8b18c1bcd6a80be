"""Stage 8, render: documents and people into Markdown pages through Jinja2 templates.

Templates receive the stage's dataclasses and small page views built here;
every ``{{ value }}`` is escaped for Markdown unless a filter marked it safe.
Pages are written into a fresh folder that then replaces the generated part
of ``site_src`` in one move, so an interrupted build never leaves half a site.
"""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .escape import md_attr, md_text
from .export import document_record, dumps, people_record
from .model import Document, Paragraph, Person, Turn
from .names import slug, surname_of

# What the render stage owns inside the docs folder; everything else there is left alone.
GENERATED = ("index.md", "documents", "people", "topics", "data", "sources", "data.md", "assets")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class TurnRef:
    doc: Document
    turn: Turn
    words: int


@dataclass(frozen=True)
class MentionRef:
    doc: Document
    paragraph: Paragraph
    speaker: str | None
    snippet: str


@dataclass
class PersonView:
    person: Person
    turns: list[TurnRef] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    companions: list[tuple[Person, int]] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(t.words for t in self.turns)


def environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
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
    env.filters["attr"] = lambda v: Markup(md_attr(str(v)))
    env.filters["paragraph"] = render_paragraph
    env.filters["label"] = render_label
    env.filters["month"] = lambda d: f"{MONTHS[int(d[5:7]) - 1]} {d[:4]}" if d else "Undated"
    env.filters["words"] = lambda text: len(text.split())
    env.filters["topic_slug"] = topic_slug
    env.filters["raw"] = Markup
    env.filters["href"] = href


def href(url: str) -> Markup:
    """A web link target safe inside Markdown's ``(...)``: http(s) only, unsafe characters encoded."""
    from urllib.parse import quote

    if not url.lower().startswith(("http://", "https://")):
        return Markup("#")
    return Markup(quote(url, safe=":/?#@!$&*+,;=%-._~"))


def topic_slug(topic: str) -> str:
    return slug(topic) or "topic"


def render_paragraph(paragraph: Paragraph, people: dict[str, Person], base: str = "../people/") -> Markup:
    """A paragraph's Markdown: escaped text, mentions linked, editorial marks marked, a permalink."""
    text = paragraph.text
    events = sorted(
        [(m.start, m.end, "mark", m) for m in paragraph.marks]
        + [(m.start, m.end, "mention", m) for m in paragraph.mentions],
        key=lambda e: (e[0], -e[1]),
    )
    out: list[str] = []
    pos = 0
    for start, end, kind, item in events:
        if start < pos:
            continue  # overlaps a span already written
        out.append(md_text_keep(text[pos:start]))
        inner = text[start:end]
        if kind == "mark":
            mentions = [m for m in paragraph.mentions if start <= m.start and m.end <= end]
            inside = render_paragraph(Paragraph("", 0, inner, (), tuple(_shift(m, start) for m in mentions)), people, base)
            title = "Editorial insertion in the source" if item.kind == "insertion" else "Omission marked in the source"
            out.append(f'<span class="editorial {item.kind}" title="{title}">{inside}</span>')
        else:
            person = people[item.person]
            out.append(f'[{md_text(inner)}]({base}{person.id}.md "{md_attr(person.name)}"){{ .mention }}')
        pos = end
    out.append(md_text_keep(text[pos:]))
    body = "".join(out)
    if paragraph.id:
        body += f' [¶](#{paragraph.id} "Permalink to paragraph {paragraph.id}"){{ .permalink data-para="{paragraph.id}" }}\n{{: #{paragraph.id} .para }}'
    return Markup(body)


def _shift(mention, offset):
    from dataclasses import replace

    return replace(mention, start=mention.start - offset, end=mention.end - offset)


def md_text_keep(text: str) -> str:
    """Escape a fragment, keeping its edge spaces (``md_text`` trims them)."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() and len(text) > 1 else ""
    return lead + md_text(text) + trail if text.strip() else " "


def render_label(turn: Turn, people: dict[str, Person], base: str = "../people/") -> Markup:
    """A turn's label as written, with the speaker's name linked to their page."""
    label = turn.label or ""
    if not turn.speaker or not turn.name or turn.name not in label:
        return Markup(md_text(label))
    at = label.rfind(turn.name)
    before, after = label[:at], label[at + len(turn.name):]
    link = f"[{md_text(turn.name)}]({base}{turn.speaker}.md)"
    return Markup(md_text_keep(before) + link + md_text_keep(after))


def snippet(text: str, start: int, end: int, width: int = 80) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def person_views(documents: list[Document], people: dict[str, Person]) -> dict[str, PersonView]:
    views = {pid: PersonView(p) for pid, p in people.items()}
    for doc in documents:
        for turn in doc.turns:
            if turn.speaker:
                views[turn.speaker].turns.append(TurnRef(doc, turn, sum(len(p.text.split()) for p in turn.paragraphs)))
            for p in turn.paragraphs:
                for m in p.mentions:
                    views[m.person].mentions.append(MentionRef(doc, p, turn.speaker, snippet(p.text, m.start, m.end)))
        for pid in doc.people:
            views[pid].documents.append(doc)
    for pid, view in views.items():
        together = Counter(other for doc in view.documents for other in doc.people if other != pid)
        view.companions = [(people[o], n) for o, n in sorted(together.items(), key=lambda kv: (-kv[1], people[kv[0]].name))]
    return views


def render_site(documents: list[Document], people: dict[str, Person], seeds: dict[str, str],
                templates: Path, docs_dir: Path) -> None:
    """Write every page and data file into ``docs_dir`` (its generated part is replaced whole)."""
    env = environment(templates)
    staging = docs_dir.parent / f".{docs_dir.name}.staging"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    documents = sorted(documents, key=lambda d: (d.date or "", d.id), reverse=True)
    views = person_views(documents, people)
    topics: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        for topic in doc.topics:
            topics[topic].append(doc)
    by_month: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        by_month[doc.date[:7] + "-01" if doc.date else ""].append(doc)
    listed = [v for v in views.values() if v.documents]
    listed.sort(key=lambda v: (surname_of(v.person.name).casefold(), v.person.name.casefold()))
    common = {"people": people, "site_name": "Stenogram", "documents_by_id": {d.id: d for d in documents}}

    def write(path: str, template: str, **context) -> None:
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(env.get_template(template).render(**common, **context), "utf-8")

    def write_text(path: str, text: str) -> None:
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")

    write("index.md", "home.md.j2", documents=documents, persons=listed, topics=sorted(topics))
    write("documents/index.md", "dates.md.j2", months=sorted(by_month.items(), reverse=True))
    for doc in documents:
        record = document_record(doc, people)
        write(f"documents/{doc.id}.md", "document.md.j2", doc=doc, views=views, words=_words_by_speaker(doc))
        write_text(f"data/{doc.id}.json", dumps(record))
        write_text(f"sources/{doc.id}.txt", seeds[doc.id])
    write("people/index.md", "people.md.j2", persons=listed)
    for view in listed:
        write(f"people/{view.person.id}.md", "person.md.j2", view=view)
    write("topics/index.md", "topics.md.j2", topics=sorted(topics.items()))
    for topic, docs in sorted(topics.items()):
        write(f"topics/{topic_slug(topic)}.md", "topic.md.j2", topic=topic, documents=docs)
    write("data.md", "data.md.j2", documents=documents)
    write_text("data/people.json", dumps(people_record({v.person.id: v.person for v in listed})))
    write_text("data/documents.jsonl", "".join(dumps(document_record(d, people)).replace("\n", "") + "\n" for d in sorted(documents, key=lambda d: d.id)))
    shutil.copytree(templates / "assets", staging / "assets")
    _swap(staging, docs_dir)


def _words_by_speaker(doc: Document) -> list[tuple[str, int]]:
    words: Counter = Counter()
    for turn in doc.turns:
        if turn.speaker:
            words[turn.speaker] += sum(len(p.text.split()) for p in turn.paragraphs)
    return sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))


def _swap(staging: Path, docs_dir: Path) -> None:
    """Replace the generated entries of ``docs_dir`` with the staged ones, leaving others alone."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    for name in GENERATED:
        old = docs_dir / name
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    for entry in sorted(staging.iterdir()):
        entry.rename(docs_dir / entry.name)
    staging.rmdir()
