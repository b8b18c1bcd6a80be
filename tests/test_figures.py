"""Figures drawn at build time as inline SVG, and topics with a page each."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from builder.publish.figures import bar_chart, column_chart, months_between, words_by_speaker

from .conftest import build_into


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def doc_page(built_site, doc) -> BeautifulSoup:
    return soup_of(built_site.site / "documents" / doc.id / "index.html")


def assert_self_contained(svg) -> None:
    """An accessible figure that needs nothing from anywhere: named, described, no script, no outside reference."""
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.select_one(f"title#{title_id}").get_text() and svg.select_one(f"desc#{desc_id}").get_text()
    assert not svg.select("script, image, use, foreignObject")
    assert "http" not in str(svg).replace("http://www.w3.org/2000/svg", "")


def test_each_transcript_page_shows_who_spoke_how_much(built_site):
    transcripts = [d for d in built_site.report.documents if d.kind == "transcript"]
    assert transcripts
    for doc in transcripts:
        figure = doc_page(built_site, doc).select_one("figure#fig-speakers")
        svg = figure.select_one("svg")
        assert_self_contained(svg)
        speakers = words_by_speaker(doc)
        assert len(svg.select("g.chart-bar rect")) == len(speakers)
        desc = svg.select_one("desc").get_text()
        for pid, words in speakers:
            assert f"{built_site.report.people[pid].name}: {words:,} words" in desc


def test_the_speakers_chart_is_in_the_offline_copy_too(tmp_path):
    offline = build_into(tmp_path, offline=True)
    for doc in (d for d in offline.report.documents if d.kind == "transcript"):
        soup = soup_of(offline.site / "documents" / f"{doc.id}.html")
        assert_self_contained(soup.select_one("figure#fig-speakers svg"))


def test_each_person_page_shows_their_appearances_over_time(built_site):
    borisov = soup_of(built_site.site / "people" / "yury-borisov" / "index.html").select_one("figure#fig-appearances svg")
    assert_self_contained(borisov)
    desc = borisov.select_one("desc").get_text()
    assert "Feb 2025: 1 named in;" in desc and "Mar 2025: 1 named in" in desc  # a zero is not said
    putin = soup_of(built_site.site / "people" / "vladimir-putin" / "index.html").select_one("figure#fig-appearances desc").get_text()
    assert "Mar 2025: 1 spoke in" in putin and "Jun 2025: 1 spoke in" in putin


def test_the_home_page_shows_documents_per_month_and_the_most_frequent_speakers(built_site):
    home = soup_of(built_site.site / "index.html")
    months = home.select_one("figure#fig-documents svg")
    speakers = home.select_one("figure#fig-top-speakers svg")
    assert_self_contained(months)
    assert_self_contained(speakers)
    assert "Feb 2025: 1 other documents" in months.select_one("desc").get_text()
    assert speakers.select_one("g.chart-label text").get_text() == "Vladimir Putin"


def test_a_chart_escapes_names_and_is_well_formed_svg():
    figure = bar_chart("fig-x", "Words <b>", [("<script>alert(1)</script> & Co", 10), ("Second", 5)], "words", "Caption & more")
    svg = figure[figure.index("<svg") : figure.index("</svg>") + 6]
    root = etree.fromstring(svg.encode("utf-8"))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<script>alert(1)</script> & Co" in texts
    assert "<script>" not in figure


def test_the_same_data_draws_the_same_bytes():
    columns = [(m, i, 1) for i, m in enumerate(months_between("2024-11", "2025-02"))]
    assert column_chart("f", "T", columns, "a", "b", "c") == column_chart("f", "T", list(columns), "a", "b", "c")
    assert [m for m, _, _ in columns] == ["2024-11", "2024-12", "2025-01", "2025-02"]


# ---------------------------------------------------------------- topics


def test_every_topic_has_its_page_and_the_documents_topics_link_to_it(built_site):
    topics = {t for d in built_site.report.documents for t in d.topics}
    assert {"Space", "Transport", "Security", "Personnel changes"} <= topics
    for doc in built_site.report.documents:
        page = doc_page(built_site, doc)
        label = next(dt for dt in page.select("dt") if dt.get_text(strip=True) == "Topics")
        links = label.find_next_sibling("dd").select("a[href]")
        assert [a.get_text(strip=True) for a in links] == list(doc.topics)
        for link in links:
            target = (built_site.site / "documents" / doc.id / link["href"] / "index.html").resolve()
            assert target.exists(), link["href"]
            assert doc.title in soup_of(target).get_text(), link["href"]


@pytest.mark.parametrize("topic", ["Transport", "Personnel changes"])
def test_the_maintainers_own_topics_come_from_the_sidecar(built_site, topic):
    docs = [d for d in built_site.report.documents if topic in d.topics]
    assert docs
    page = soup_of(built_site.site / "topics" / topic.lower().replace(" ", "-") / "index.html")
    assert all(d.title in page.get_text() for d in docs)
