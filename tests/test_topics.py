"""Topic pages: the index counts each topic's documents, and a topic's page lists them by month, newest first, dated."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from builder.publish.filters import plural
from builder.publish.views import date_span


def soup_of(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def words(element) -> str:
    """An element's text as a reader sees it: white space folded."""
    return " ".join(element.get_text().split())


@pytest.fixture(scope="module")
def topics(built_site) -> dict[str, list]:
    found = defaultdict(list)
    for doc in built_site.report.documents:
        for topic in doc.topics:
            found[topic].append(doc)
    return dict(found)


def test_a_count_reads_right_in_the_singular():
    assert [f"{n} {plural(n, 'document')}" for n in (0, 1, 2, 1000)] == ["0 documents", "1 document", "2 documents", "1000 documents"]


def test_the_index_gives_each_topic_its_count_and_the_dates_its_documents_span(built_site, topics):
    items = {li.a.get_text(): words(li) for li in soup_of(built_site.site / "topics" / "index.html").select("article li")}
    assert set(items) == set(topics)
    assert items["Space"] == "Space: 1 document (2025-03-31)"
    assert items["Telecommunications"] == "Telecommunications: 2 documents (2025-03-31 to 2025-06-04)"
    text = words(soup_of(built_site.site / "topics" / "index.html").select_one("article"))
    assert f"{len(topics)} topics." in text and "(1)" not in text


def test_a_topic_page_lists_its_documents_by_month_newest_first_with_their_dates_and_kinds(built_site, topics):
    page = soup_of(built_site.site / "topics" / "telecommunications" / "index.html").select_one("article")
    assert "2 documents (2025-03-31 to 2025-06-04), newest first." in words(page)
    assert [h.get_text(strip=True) for h in page.select("h2")] == ["June 2025", "March 2025"]
    entries = [words(li) for li in page.select("li")]
    newest, oldest = sorted(topics["Telecommunications"], key=lambda d: d.date, reverse=True)
    assert entries == [f"{newest.date}: {newest.title} ({newest.kind})", f"{oldest.date}: {oldest.title} ({oldest.kind})"]
    assert [a["href"] for a in page.select("li a")] == [f"../../documents/{newest.id}/", f"../../documents/{oldest.id}/"]


def test_a_topic_of_one_document_says_so_in_the_singular(built_site):
    article = soup_of(built_site.site / "topics" / "space" / "index.html").select_one("article")
    count = next(words(p) for p in article.select("p") if "document" in words(p) and "feed" not in words(p))
    assert count == "1 document (2025-03-31)."


def test_the_dates_of_every_topic_page_run_newest_first(built_site):
    for path in (built_site.docs / "topics").glob("*.md"):
        if path.name == "index.md":
            continue
        dates = re.findall(r"^- (\d{4}-\d{2}-\d{2}|undated):", path.read_text("utf-8"), re.M)
        assert dates and dates == sorted(dates, reverse=True), path.name


def test_a_date_span_is_one_date_or_the_oldest_to_the_newest(built_site, topics):
    assert date_span(topics["Telecommunications"]) == "2025-03-31 to 2025-06-04"
    assert date_span(topics["Space"]) == "2025-03-31"
    assert date_span([]) == ""
