"""Long lists split over pages, and the file name of every generated page that has one of its own.

A topic's documents, a year's, and a person's turns and mentions can run into
thousands: each list is cut into pages of ``PAGE_SIZE`` entries, and a page links
the others. A page's file name is made here and nowhere else, so the page that
is written and every link to it agree.

A long document is split over pages too (``builder/document_pages.py`` says what each
holds): its first page is ``documents/<id>.md``, the next ones ``<id>--2.md``... Every
link to a paragraph or a turn is ``anchor_link``: the page that holds it and its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..addresses import page_url
from ..document_pages import Layout
from ..names import slug

# Entries on one page of a long list (a topic, a person's turns); further pages follow.
PAGE_SIZE = 200


@dataclass(frozen=True)
class Pager:
    """Where a page stands in a long list split over several pages."""

    number: int
    files: list[str]  # the file name of every page of the list, first to last
    total: int  # entries in the whole list

    @property
    def first(self) -> int:
        """The number of this page's first entry, from 1."""
        return (self.number - 1) * PAGE_SIZE + 1

    @property
    def last(self) -> int:
        """The number of this page's last entry."""
        return min(self.number * PAGE_SIZE, self.total)


def paged(entries: list) -> list[list]:
    """A long list cut into pages of ``PAGE_SIZE``; an empty list is one empty page."""
    return [entries[i : i + PAGE_SIZE] for i in range(0, len(entries), PAGE_SIZE)] or [[]]


def page_count(entries: int) -> int:
    """The pages a list of ``entries`` takes (one, when it is empty)."""
    return max(1, -(-entries // PAGE_SIZE))


def page_of(entries: list, number: int) -> list:
    """The entries on page ``number`` (from 1) of a long list."""
    return entries[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]


def topic_slug(topic: str) -> str:
    return slug(topic) or "topic"


def year_page(year: str) -> str:
    """The page listing one year's documents (document ids start with a full date, so never clash)."""
    return f"year-{year}.md"


def letter_page(letter: str) -> str:
    """The page listing the people whose surname starts with one letter (a person id is a full name)."""
    return f"letter-{letter.lower() if letter.isalpha() else 'other'}.md"


def person_page(person_id: str, number: int = 1) -> str:
    """A person's page; the later pages of a long record carry ``--N`` (an id never holds two hyphens in a row)."""
    return f"{person_id}.md" if number == 1 else f"{person_id}--{number}.md"


def document_stem(doc_id: str, number: int = 1) -> str:
    """A document's page without ``.md``; the later pages of a long document carry ``--N`` (an id never holds two hyphens in a row)."""
    return doc_id if number == 1 else f"{doc_id}--{number}"


def document_page(doc_id: str, number: int = 1) -> str:
    """A document's page, in ``documents/``."""
    return f"{document_stem(doc_id, number)}.md"


def anchor_link(layout: Layout, anchor: str) -> str:
    """A link to a paragraph (``p12``) or a turn (``t5``) of a document from ``documents/``: the page that holds it, and its id."""
    return f"{document_page(layout.id, layout.page_of(anchor))}#{anchor}"


def anchor_url(site_url: str, layout: Layout, anchor: str) -> str:
    """The permanent URL of a paragraph or a turn: its page's (``addresses.page_url``) and its id."""
    return f"{page_url(site_url, document_stem(layout.id, layout.page_of(anchor)))}#{anchor}"


def page_href(doc_id: str, number: int, directory_urls: bool) -> str:
    """A document's page as a relative URL from any page of ``documents/``, in the final form (raw HTML, which MkDocs
    leaves as it is): ``../<id>--2/`` with directory URLs, ``<id>--2.html`` without."""
    stem = document_stem(doc_id, number)
    return f"../{stem}/" if directory_urls else f"{stem}.html"


@dataclass(frozen=True)
class DocumentPager:
    """Where a page of a long document stands among its pages, and the links between them."""

    layout: Layout
    number: int
    directory_urls: bool = True

    @property
    def count(self) -> int:
        return self.layout.count

    @property
    def paragraph_starts(self) -> str:
        """Each page's first paragraph number, as the page's redirect script reads them (``templates/assets/permalink.js``)."""
        return " ".join(str(n) for n in self.layout.paragraphs)

    @property
    def turn_starts(self) -> str:
        """Each page's first turn number (``document_pages.Layout``), likewise."""
        return " ".join(str(n) for n in self.layout.turns)

    @property
    def links(self) -> list[PageEntry]:
        return [self.entry(n) for n in range(1, self.count + 1)]

    @property
    def previous(self) -> PageEntry | None:
        return self.entry(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> PageEntry | None:
        return self.entry(self.number + 1) if self.number < self.count else None

    @property
    def first_page(self) -> str:
        """The document's first page, as a Markdown link from any of its pages."""
        return document_page(self.layout.id)

    @property
    def span(self) -> str:
        """The paragraphs this page holds: "p1201–p2400" ("" when none)."""
        return self.entry(self.number).span

    def entry(self, number: int) -> PageEntry:
        found = self.layout.paragraph_range(number)
        span = "" if found is None else f"p{found[0]}" if found[0] == found[1] else f"p{found[0]}–p{found[1]}"
        return PageEntry(number, page_href(self.layout.id, number, self.directory_urls), span, number == self.number)


@dataclass(frozen=True)
class PageEntry:
    """One page of a long document as its pages' list shows it: its number, link, paragraphs, and whether it is the one shown."""

    number: int
    href: str  # the final form of the link (raw HTML)
    span: str  # its paragraphs, "p1–p1200"
    current: bool


def topic_page(topic: str, number: int = 1) -> str:
    """A topic's page; its later pages carry ``--N`` (a slug never holds two hyphens in a row)."""
    return f"{topic_slug(topic)}.md" if number == 1 else f"{topic_slug(topic)}--{number}.md"


def feed_file(page: str) -> str:
    """The Atom feed of a page (of a list's first page): ``feeds/`` and the page's path, ``.xml`` for ``.md``."""
    return f"feeds/{page.removesuffix('.md')}.xml"


def site_root(directory_urls: bool) -> str:
    """The site's root from a page at the top of the docs folder, as a relative URL written in raw HTML (which
    MkDocs leaves as it is): ``research.md`` is ``research/`` with directory URLs, ``research.html`` without."""
    return "../" if directory_urls else ""
