"""The render stage: documents and people into Markdown pages through Jinja2 templates.

Templates receive the stage's dataclasses and the views made for them (``views``),
and only loop and escape: every ``{{ value }}`` is escaped for Markdown unless a
filter marked it safe (``filters``). Pages are put into the docs folder
(``docs_folder``), which writes only those whose bytes changed.

The bulk of the work, a document's page and each page of a person's record, is
done in units keyed on a hash of everything the page is made from (``keys``):
with a unit cache, a unit whose key and file are unchanged since the last build
is not rendered again, and the others are rendered on every core.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from ..addresses import SITE_NAME
from ..cache import UnitCache, code_version, folder_digest, run_units
from ..corpus import Corpus
from ..docs_folder import DocsFolder
from ..document_pages import layout, split
from ..people import RoleIndex
from . import about, figures, pages, views
from .cite import bibtex_keys, cite
from .filters import environment
from .keys import document_unit, person_unit, unit_keys

# Every page's front matter: Material's lunr plugin skips the page, because search runs on
# the builder's own sharded index (builder/search/) and Material's plugin only supplies the search box.
FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n\n"
# The newest documents the home page lists.
LATEST = 20


@dataclass(frozen=True)
class RenderOptions:
    templates: Path
    site_url: str  # the published site's address, for citations (``builder/public_url.py``)
    corpus_files: about.CorpusFiles  # the corpus-level files' sizes and where the Data page links them
    directory_urls: bool = True  # MkDocs' setting (off for the offline copy): the links written in final form follow it
    jobs: int | None = None  # processes rendering documents' and people's pages; default: every core
    compiled: Path | None = None  # where the templates are kept compiled between builds; None: compiled every build


def render_site(folder: DocsFolder, corpus: Corpus, options: RenderOptions, units: UnitCache,
                annotated: dict[str, str] | None = None) -> None:
    """Every page into ``folder``: the documents', the people's, the indexes, the data, about and research pages and the glossary.

    The Data page gives the sizes of the downloads the export stage put into ``folder`` before.
    ``annotated``: each document's key (by id), standing for the document in its page's key (``keys.unit_keys``).
    """
    if options.compiled:
        options.compiled.mkdir(parents=True, exist_ok=True)
    env = environment(options.templates, options.compiled)
    documents = sorted(corpus.documents, key=lambda d: (d.date or "", d.id), reverse=True)
    people = corpus.people
    roles = RoleIndex(people)
    cite_keys = bibtex_keys(documents)
    persons = views.listed(views.person_views(documents, people))
    topics = views.by_topic(documents)
    years = views.by_year(documents)
    layouts = {d.id: layout(d) for d in documents}  # where each document's paragraphs are: every link to one goes there
    common = {"people": people, "site_name": SITE_NAME, "documents_by_id": {d.id: d for d in documents}, "page_size": pages.PAGE_SIZE,
              "directory_urls": options.directory_urls, "corpus_months": figures.corpus_months(documents), "layouts": layouts}

    def write(path: str, template: str, feed: str | None = None, **context) -> None:
        folder.put(path, front_matter(feed) + env.get_template(template).render(**common, feed=feed, **context))

    def render(task: tuple[str, int, int]) -> list[str]:
        """Put one unit's pages, a document's (one, or several for a long one) or one page of a person's record; their paths."""
        kind, index, number = task
        if kind == "document":
            return render_document(documents[index])
        view = persons[index]
        path = f"people/{pages.person_page(view.person.id, number)}"
        feed = pages.feed_file(f"people/{pages.person_page(view.person.id)}")
        text = front_matter(feed) + env.get_template("person.md.j2").render(**common, view=replace(view, page=number), feed=feed)
        return [folder.put(path, text)]

    def render_document(doc) -> list[str]:
        """A document's pages: its header and citation on the first, each page's own turns and notes on it."""
        parts = split(doc)
        where = layouts[doc.id]
        present, notes = views.document_people(doc, people, roles), views.shown_notes(doc)
        citation = cite(doc, options.site_url, cite_keys[doc.id])
        paths = []
        for number, shown in enumerate(parts, 1):
            pager = pages.DocumentPager(where, number, options.directory_urls)
            text = FRONT_MATTER + env.get_template("document.md.j2").render(
                **common, doc=doc, page=pager, parts=shown, present=present, cite=citation,
                notes=notes if len(parts) == 1 else [n for n in notes if where.page_of(n.note.paragraph or "") == number])
            paths.append(folder.put(f"documents/{pages.document_page(doc.id, number)}", text))
        return paths

    tasks = {document_unit(doc): ("document", i, 1) for i, doc in enumerate(documents)}
    tasks |= {person_unit(view, n): ("person", i, n) for i, view in enumerate(persons) for n in range(1, view.pages + 1)}
    setting = (code_version(), folder_digest(options.templates), options.site_url, options.directory_urls)
    keys = unit_keys(documents, people, roles, persons, common["corpus_months"], setting, options.jobs, cite_keys, annotated)
    run_units(units, tasks, keys, render, folder, options.jobs)

    write("index.md", "home.md.j2", pages.feed_file("index.md"), documents=documents, persons=persons, latest=documents[:LATEST])
    write("documents/index.md", "dates.md.j2", years=years, total=len(documents))
    for year, docs in years:
        write(f"documents/{pages.year_page(year)}", "year.md.j2", year=year, months=views.by_month(docs), years=years, total=len(docs))
    letters = views.by_letter(persons)
    write("people/index.md", "people.md.j2", letters=letters, total=len(persons))
    for letter, people_of_letter in letters:
        write(f"people/{pages.letter_page(letter)}", "letter.md.j2", letter=letter, persons=people_of_letter, letters=letters)
    write("topics/index.md", "topics.md.j2", topics=topics, total=len(topics))
    for entry in topics:
        chunks = pages.paged(entry.documents)
        files = [pages.topic_page(entry.topic, n) for n in range(1, len(chunks) + 1)]
        for number, chunk in enumerate(chunks, 1):
            write(f"topics/{files[number - 1]}", "topic.md.j2", pages.feed_file(f"topics/{files[0]}"), topic=entry,
                  months=views.by_month(chunk),
                  pager=pages.Pager(number, files, entry.count))
    data = about.dataset(documents, lambda path: folder.current(path).stat().st_size, options.site_url, options.corpus_files)
    write("data.md", "data.md.j2", documents=documents, years=years, dataset=data)
    write("about.md", "about.md.j2", dataset=data, sources=about.source_terms(), total=len(documents))
    write("glossary.md", "glossary.md.j2", entries=views.glossary_entries(corpus.terms, documents))
    write("research.md", "research.md.j2", root=Markup(pages.site_root(options.directory_urls)), site_url=options.site_url,
          total=len(documents))


def front_matter(feed: str | None = None) -> str:
    """A page's front matter: ``FRONT_MATTER``, and the feed its head links (``templates/theme/main.html``), if any."""
    return FRONT_MATTER if feed is None else FRONT_MATTER.replace("---\n", f"---\nfeed: {feed}\n", 1)
