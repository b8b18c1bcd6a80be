"""The render stage: documents and people into Markdown pages through Jinja2 templates.

Templates receive the stage's dataclasses and small page views built here;
every ``{{ value }}`` is escaped for Markdown unless a filter marked it safe.
Only files whose bytes changed are written: each is staged beside the docs
folder as it is rendered (by whichever worker rendered it), and once every page
is done the staged files are moved in and files no longer generated are removed.
An unchanged page keeps its timestamp, so MkDocs' dirty build can skip it; a
build interrupted while rendering leaves the docs folder as it was; and no page
is held in memory longer than it takes to compare it.

The bulk of the work, a document's files and each page of a person's record, is
done in units keyed on a hash of everything the unit's files are made from
(``unit_keys``): with a render cache, a unit whose key and files are unchanged
since the last build is not rendered again.
"""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from html import escape as escape_html
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..annotate.glossary import Term
from ..cache import RenderCache, code_version
from ..export.files import GZIP_LEVEL, dataset_files, document_files, downloads
from ..model import Document, Paragraph, Person, Turn
from ..names import slug, surname_of
from ..parallel import fork_map
from ..people import RoleIndex, involved
from ..profiles.clean import MONTHS
from ..search.index import search_files
from . import figures
from .cite import SITE_NAME, cite
from .escape import md_attr, md_text
from .inline import indent_body, is_annotated, note_list, render_inline

# What the render stage owns inside the docs folder; everything else there is left alone.
GENERATED = ("index.md", "documents", "people", "topics", "data", "sources", "data.md", "assets", "glossary.md", "search", "feeds")
# Every page's front matter: Material's lunr plugin skips the page, because search runs on
# the builder's own sharded index (search.py) and Material's plugin only supplies the search box.
FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n\n"
# The site's address when neither the options nor SITE_URL give one (as in mkdocs.yml).
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# Entries on one page of a long list (a topic, a person's turns); further pages follow.
PAGE_SIZE = 200


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


@dataclass(frozen=True)
class RoleRow:
    """One role of a person as their page lists it: every statement of that title from one kind of source."""

    title: str
    source: str  # "label" | "tooltip" | "curated"
    first: str | None  # the earliest date it was stated (a curated role: its start)
    last: str | None  # the latest date it was stated (a curated role: its end)
    document: str  # the earliest document (or file) stating it
    count: int  # documents stating it


def role_rows(person: Person) -> list[RoleRow]:
    """A person's roles grouped by title and source, so a role stated in a thousand documents is one row."""
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for role in person.roles:
        groups[(role.title, role.source)].append(role)
    rows = []
    for (title, source), roles in groups.items():
        roles.sort(key=lambda r: (r.date or "", r.document or ""))
        dates = [r.date for r in roles if r.date]
        last = roles[-1].end if source == "curated" else (dates[-1] if len(dates) > 1 else None)
        rows.append(RoleRow(title, source, dates[0] if dates else None, last, roles[0].document, len({r.document for r in roles})))
    return sorted(rows, key=lambda r: (r.first or "", r.title, r.source))


@dataclass
class PersonView:
    person: Person
    turns: list[TurnRef] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    companions: list[tuple[Person, int]] = field(default_factory=list)
    page: int = 1  # a long record is split: this page shows the turns and mentions numbered from (page - 1) * PAGE_SIZE

    @property
    def roles(self) -> list[RoleRow]:
        return role_rows(self.person)

    words: int = 0  # words spoken in all their turns (set once the turns are gathered)

    @property
    def page_window(self) -> list[int | None]:
        """The page numbers the pager links: the first, the last and the three either side of this one (None: a gap)."""
        near = [n for n in range(1, self.pages + 1) if n in (1, self.pages) or abs(n - self.page) <= 3]
        out: list[int | None] = []
        for n in near:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out

    @property
    def pages(self) -> int:
        return max(1, -(-max(len(self.turns), len(self.mentions)) // PAGE_SIZE))

    @property
    def page_files(self) -> list[str]:
        return [person_page(self.person.id, n) for n in range(1, self.pages + 1)]

    @property
    def shown_turns(self) -> list[tuple[Document, list[TurnRef]]]:
        """This page's turns, under their documents (a document is named once, not once a turn)."""
        return _by_document(self.turns[(self.page - 1) * PAGE_SIZE : self.page * PAGE_SIZE])

    @property
    def shown_mentions(self) -> list[tuple[Document, list[MentionRef]]]:
        """This page's mentions, under their documents."""
        return _by_document(self.mentions[(self.page - 1) * PAGE_SIZE : self.page * PAGE_SIZE])


def _by_document(refs: list) -> list[tuple[Document, list]]:
    """``refs`` (turns or mentions, in document order) in runs of one document each."""
    return [(group[0].doc, group) for group in (list(g) for _, g in groupby(refs, key=lambda ref: ref.doc.id))]


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
    env.filters["downloads"] = lambda doc: {label: Markup(path) for label, path in downloads(doc).items()}  # paths of slugs
    env.filters["year_page"] = year_page
    env.filters["letter_page"] = letter_page
    env.filters["speakers_figure"] = lambda doc, people: Markup(figures.speakers_figure(doc, people))
    env.filters["appearances_figure"] = lambda person, documents, months=None: Markup(figures.appearances_figure(person, list(documents), months))
    env.filters["documents_figure"] = lambda documents: Markup(figures.documents_figure(list(documents)))
    env.filters["top_speakers_figure"] = lambda documents, people: Markup(figures.top_speakers_figure(list(documents), people))
    env.filters["note_body"] = lambda body: Markup(indent_body(body))
    env.filters["pre"] = lambda text: Markup(escape_html(text))
    env.filters["anchor"] = lambda text: slug(text) or "note"


def href(url: str) -> Markup:
    """A web link target safe inside Markdown's ``(...)``: http(s) only, unsafe characters encoded."""
    from urllib.parse import quote

    if not url.lower().startswith(("http://", "https://")):
        return Markup("#")
    return Markup(quote(url, safe=":/?#@!$&*+,;=%-._~"))


def topic_slug(topic: str) -> str:
    return slug(topic) or "topic"


def render_paragraph(paragraph: Paragraph, people: dict[str, Person], directory_urls: bool = True) -> Markup:
    """A paragraph of a document page: escaped text, its spans wrapped (``builder/publish/inline.py``), a permalink.

    A paragraph without notes is a raw HTML ``<p>`` (links already in their final
    form: ``directory_urls`` says which). An annotated paragraph is Markdown,
    Material's ``.annotate`` block, and the list after it holds the notes.
    """
    if paragraph.id and not is_annotated(paragraph):
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
                views[turn.speaker].turns.append(TurnRef(doc, turn, turn.words))
            for p in turn.paragraphs:
                for m in p.mentions:
                    views[m.person].mentions.append(MentionRef(doc, p, turn.speaker, snippet(p.text, m.start, m.end)))
        for pid in doc.people:
            views[pid].documents.append(doc)
    for pid, view in views.items():
        view.words = sum(t.words for t in view.turns)
        together = Counter(other for doc in view.documents for other in doc.people if other != pid)
        view.companions = [(people[o], n) for o, n in sorted(together.items(), key=lambda kv: (-kv[1], people[kv[0]].name))]
    return views


def render_site(documents: list[Document], people: dict[str, Person], seeds: dict[str, str],
                templates: Path, docs_dir: Path, *, terms: tuple[Term, ...] = (), site_url: str | None = None,
                jobs: int | None = None, directory_urls: bool = True, clock: dict[str, float] | None = None,
                cache: Path | None = None, files: Iterable[tuple[str, bytes]] = ()) -> None:
    """Write every page and data file into ``docs_dir`` (see ``DocsFolder``: only what changed is written).

    ``terms`` is the glossary; ``site_url`` the published site's address, for citations.
    Document and person pages, the bulk of the work, are rendered on ``jobs`` processes.
    ``directory_urls`` is MkDocs' setting of the build (off for the offline copy): the
    links the builder writes in final form (raw HTML, the search index) follow it.
    ``clock``, when given, gets the seconds spent making the search index (``search``).
    ``cache`` is the render cache's file (``None``: every unit is rendered).
    ``files`` are written as they are (the Atom feeds: ``builder/publish/feeds.py``).
    """
    env = environment(templates)
    record = RenderCache(cache)
    folder = DocsFolder(docs_dir)
    documents = sorted(documents, key=lambda d: (d.date or "", d.id), reverse=True)
    views = person_views(documents, people)
    roles = RoleIndex(people)
    topics: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        for topic in doc.topics:
            topics[topic].append(doc)
    by_year: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        by_year[doc.date[:4] if doc.date else "undated"].append(doc)
    listed = [v for v in views.values() if v.documents]
    listed.sort(key=lambda v: (surname_of(v.person.name).casefold(), v.person.name.casefold()))
    common = {"people": people, "site_name": SITE_NAME, "documents_by_id": {d.id: d for d in documents}, "page_size": PAGE_SIZE,
              "directory_urls": directory_urls, "corpus_months": figures.corpus_months(documents)}

    def write(path: str, template: str, feed: str | None = None, **context) -> None:
        write_text(path, front_matter(feed) + env.get_template(template).render(**common, feed=feed, **context))

    def write_text(path: str, text: str | bytes) -> None:
        folder.written.add(folder.put(path, text))

    write("index.md", "home.md.j2", feed_file("index.md"), documents=documents, persons=listed, topics=sorted(topics))
    years = sorted(by_year.items(), reverse=True)
    write("documents/index.md", "dates.md.j2", years=years)
    for year, docs in years:
        write(f"documents/{year_page(year)}", "year.md.j2", year=year, months=_by_month(docs), years=years)

    def page(task: tuple[str, int, int]) -> list[str]:
        """Write the files of one task, a document (its page, data and source) or one page of a person's record; their paths."""
        pages: dict[str, str | bytes] = {}
        kind, index, number = task
        if kind == "document":
            doc = documents[index]
            pages[f"documents/{doc.id}.md"] = FRONT_MATTER + env.get_template("document.md.j2").render(
                **common, doc=doc, roles=roles, words=figures.words_by_speaker(doc), cite=cite(doc, site_url or DEFAULT_SITE_URL))
            pages.update(document_files(doc, people, seeds[doc.id], site_url, roles))
        else:
            view = listed[index]
            feed = feed_file(f"people/{person_page(view.person.id)}")
            pages[f"people/{person_page(view.person.id, number)}"] = front_matter(feed) + env.get_template("person.md.j2").render(
                **common, view=replace(view, page=number), feed=feed)
        return [folder.put(path, text) for path, text in pages.items()]

    tasks = [("document", i, 1) for i in range(len(documents))]
    tasks += [("person", i, n) for i, view in enumerate(listed) for n in range(1, view.pages + 1)]
    keys = unit_keys(documents, people, roles, seeds, listed, common["corpus_months"],
                     (code_version(), _folder_digest(templates), site_url, directory_urls), jobs)
    todo: list[tuple[str, int, int]] = []
    names: list[str] = []  # the render cache's name of each task to do
    for task in tasks:
        name = _unit(task, documents, listed)
        kept = record.hit(name, keys[name], docs_dir)
        if kept is None:
            todo.append(task)
            names.append(name)
        else:
            folder.written.update(kept)
    for name, paths in zip(names, fork_map(page, todo, jobs), strict=True):
        folder.written.update(paths)
        record.record(name, keys[name], paths)
    letters = _by_letter(listed)
    write("people/index.md", "people.md.j2", letters=letters)
    for letter, persons in letters:
        write(f"people/{letter_page(letter)}", "letter.md.j2", letter=letter, persons=persons, letters=letters)
    write("topics/index.md", "topics.md.j2", topics=sorted(topics.items()))
    for topic, docs in sorted(topics.items()):
        pages = paged(docs)
        for number, chunk in enumerate(pages, 1):
            write(f"topics/{topic_page(topic, number)}", "topic.md.j2", feed_file(f"topics/{topic_page(topic)}"),
                  topic=topic, documents=chunk,
                  pager=Pager(number, [topic_page(topic, n) for n in range(1, len(pages) + 1)], len(docs)))
    write("data.md", "data.md.j2", documents=documents, years=years)
    # documents.jsonl.gz: each document's JSON, by id, one a line, compressed as one text.
    folder.written.add(folder.put_joined("data/documents.jsonl.gz", [downloads(d)["JSON"] for d in sorted(documents, key=lambda d: d.id)]))
    for path, text in dataset_files(documents, people).items():
        write_text(f"data/{path}", text)
    write("glossary.md", "glossary.md.j2", terms=sorted(terms, key=lambda t: t.name.casefold()), uses=_term_uses(documents))
    started = time.perf_counter()
    for path, text in search_files(documents, people, directory_urls, jobs=jobs).items():
        write_text(path, text)
    if clock is not None:
        clock["search"] = time.perf_counter() - started
    for path, data in files:
        write_text(path, data)
    for asset in sorted(p for p in (templates / "assets").rglob("*") if p.is_file()):
        write_text(f"assets/{asset.relative_to(templates / 'assets').as_posix()}", asset.read_bytes())
    folder.finish()
    record.save(docs_dir)


def _unit(task: tuple[str, int, int], documents: list[Document], listed: list[PersonView]) -> str:
    """The render cache's name for a task: ``document:<id>`` or ``person:<id>:<page>``."""
    kind, index, number = task
    if kind == "document":
        return f"document:{documents[index].id}"
    return f"person:{listed[index].person.id}:{number}"


def unit_keys(documents: list[Document], people: dict[str, Person], roles: RoleIndex, seeds: dict[str, str],
              listed: list[PersonView], corpus_months: object, setting: tuple, jobs: int | None = None) -> dict[str, str]:
    """The render cache's key of every unit: a hash of everything its files are made from.

    ``setting`` is what every page depends on (the builder's code, the templates, the
    site's address, the link style). A document's files show the document, its seed
    and, of each person it involves, the name, other names and summary and the roles
    this document states. A person's page shows the person and the documents they are
    in (so a key holds those documents' keys), the people they appeared with, and (on
    its first page) the corpus' months. Values are hashed by ``repr``: the model's
    frozen dataclasses of strings, numbers and tuples print every field, in order.
    Documents are hashed on ``jobs`` processes.
    """
    bare = {pid: replace(person, roles=()) for pid, person in people.items()}
    base = _hash(setting)

    def document_key(index: int) -> str:
        doc = documents[index]
        shown = involved(doc) | {m.person for _, p in doc.paragraphs() for m in p.mentions}
        facet = [(bare[pid], roles.stated_in(doc.id, pid)) for pid in sorted(shown & people.keys())]
        return _hash((base, doc, seeds[doc.id], facet))

    doc_keys = dict(zip((d.id for d in documents), fork_map(document_key, range(len(documents)), jobs), strict=True))
    keys = {f"document:{doc_id}": key for doc_id, key in doc_keys.items()}
    for view in listed:
        ids = {d.id for d in view.documents} | {r.doc.id for r in view.turns} | {r.doc.id for r in view.mentions}
        ids |= {r.document for r in view.person.roles if r.document in doc_keys}
        shared = _hash((base, view.person, [doc_keys[i] for i in sorted(ids)],
                        [(other.id, other.name, n) for other, n in view.companions], corpus_months))
        for number in range(1, view.pages + 1):
            keys[f"person:{view.person.id}:{number}"] = _hash((shared, number))
    return keys


def _hash(value: object) -> str:
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def _folder_digest(folder: Path) -> str:
    """A hash of every file under ``folder``, names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Pager:
    """Where a page stands in a long list split over several pages."""

    number: int
    files: list[str]  # the file name of every page of the list, first to last
    total: int  # entries in the whole list

    @property
    def first(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1


def paged(entries: list) -> list[list]:
    """A long list cut into pages of ``PAGE_SIZE``; an empty list is one empty page."""
    return [entries[i : i + PAGE_SIZE] for i in range(0, len(entries), PAGE_SIZE)] or [[]]


def year_page(year: str) -> str:
    """The page listing one year's documents (document ids start with a full date, so never clash)."""
    return f"year-{year}.md"


def letter_page(letter: str) -> str:
    """The page listing the people whose surname starts with one letter (a person id is a full name)."""
    return f"letter-{letter.lower() if letter.isalpha() else 'other'}.md"


def person_page(person_id: str, number: int = 1) -> str:
    """A person's page; the later pages of a long record carry ``--N`` (an id never holds two hyphens in a row)."""
    return f"{person_id}.md" if number == 1 else f"{person_id}--{number}.md"


def topic_page(topic: str, number: int = 1) -> str:
    """A topic's page; its later pages carry ``--N`` (a slug never holds two hyphens in a row)."""
    return f"{topic_slug(topic)}.md" if number == 1 else f"{topic_slug(topic)}--{number}.md"


def feed_file(page: str) -> str:
    """The Atom feed of a page (of a list's first page): ``feeds/`` and the page's path, ``.xml`` for ``.md``."""
    return f"feeds/{page.removesuffix('.md')}.xml"


def front_matter(feed: str | None = None) -> str:
    """A page's front matter: ``FRONT_MATTER``, and the feed its head links (``templates/theme/main.html``), if any."""
    return FRONT_MATTER if feed is None else FRONT_MATTER.replace("---\n", f"---\nfeed: {feed}\n", 1)


def _by_month(documents: list[Document]) -> list[tuple[str, list[Document]]]:
    months: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        months[doc.date[:7] + "-01" if doc.date else ""].append(doc)
    return sorted(months.items(), reverse=True)


def _by_letter(views: list[PersonView]) -> list[tuple[str, list[PersonView]]]:
    letters: dict[str, list[PersonView]] = defaultdict(list)
    for view in views:
        initial = surname_of(view.person.name)[:1].upper()
        letters[initial if initial.isascii() and initial.isalpha() else "#"].append(view)
    return sorted(letters.items(), key=lambda kv: (kv[0] == "#", kv[0]))


def inside(folder: Path, path: str) -> Path:
    """``folder / path``, refusing any path (from an id, a slug, a name) that would leave ``folder``."""
    target = (folder / path).resolve()
    if Path(path).is_absolute() or not target.is_relative_to(folder.resolve()):
        raise ValueError(f"refusing to write {path!r}: it would leave the output folder")
    return folder / path


def _term_uses(documents: list[Document]) -> dict[str, list[tuple[Document, int]]]:
    """For each glossary entry, the documents that name it and how often."""
    uses: dict[str, list[tuple[Document, int]]] = defaultdict(list)
    for doc in documents:
        counts = Counter(a.subject for _, p in doc.paragraphs() for a in p.annotations if a.kind == "term")
        for term, n in sorted(counts.items()):
            uses[term].append((doc, n))
    return uses



class DocsFolder:
    """The generated part of the docs folder, written so that only what changed is touched.

    ``put`` compares a file with the one in place and stages it only when its bytes
    differ (it may run in a worker process: it returns the path, which the caller
    adds to ``written``). ``finish`` moves the staged files in and removes every
    file of a generated entry (``GENERATED``) that was not written this build.
    Files outside those entries (a maintainer's own pages) are left alone.
    """

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir
        self.staging = docs_dir.parent / f".{docs_dir.name}.staging"
        self.written: set[str] = set()
        shutil.rmtree(self.staging, ignore_errors=True)  # what an interrupted build staged

    def put(self, path: str, content: str | bytes) -> str:
        target = inside(self.docs_dir, path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return path
        except OSError:
            pass
        staged = self.staging / path
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        return path

    def current(self, path: str) -> Path:
        """Where the file written this build for ``path`` is now: staged if it changed, else in place."""
        staged = self.staging / path
        return staged if staged.exists() else self.docs_dir / path

    def put_joined(self, path: str, parts: list[str]) -> str:
        """``path``, a gzip file of the texts of the gzip files ``parts`` (written this build) one after the other.

        Streamed, not held in memory. One stream compresses better than the parts' own
        members put end to end (about a quarter smaller for documents' JSON), and its
        header holds no name and no time (as ``export.gzip_text``): the same parts give
        the same bytes.
        """
        joined = self.staging / f".{Path(path).name}.joining"
        joined.parent.mkdir(parents=True, exist_ok=True)
        with joined.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=GZIP_LEVEL, fileobj=raw, mtime=0) as out:
            for part in parts:
                with gzip.open(self.current(part), "rb") as f:
                    shutil.copyfileobj(f, out)
        target = inside(self.docs_dir, path)
        if target.exists() and filecmp.cmp(joined, target, shallow=False):
            joined.unlink()
        else:
            (self.staging / path).parent.mkdir(parents=True, exist_ok=True)
            joined.replace(self.staging / path)
        return path

    def finish(self) -> None:
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        if self.staging.exists():
            for staged in sorted(p for p in self.staging.rglob("*") if p.is_file()):
                target = self.docs_dir / staged.relative_to(self.staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                staged.replace(target)
            shutil.rmtree(self.staging)
        for name in GENERATED:
            entry = self.docs_dir / name
            if entry.is_file() and name not in self.written:
                entry.unlink()
            elif entry.is_dir():
                for old in sorted(entry.rglob("*"), reverse=True):
                    rel = old.relative_to(self.docs_dir).as_posix()
                    if old.is_dir() and not old.is_symlink():
                        if not any(old.iterdir()):
                            old.rmdir()
                    elif rel not in self.written:
                        old.unlink()
