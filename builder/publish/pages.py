"""Long lists split over pages, and the file name of every generated page that has one of its own.

A topic's documents, a year's, and a person's turns and mentions can run into
thousands: each list is cut into pages of ``PAGE_SIZE`` entries, and a page links
the others. A page's file name is made here and nowhere else, so the page that
is written and every link to it agree.
"""

from __future__ import annotations

from dataclasses import dataclass

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
