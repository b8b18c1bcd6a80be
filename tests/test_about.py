"""The site says what it is and under what terms: licences on every page and in the data, About, Data, CITATION.cff."""

from __future__ import annotations

import gzip
import json
import re
import shutil

import yaml
from bs4 import BeautifulSoup

from builder.ingest.sidecar import read_sidecar
from builder.licences import licence_of
from builder.pipeline import ROOT
from builder.publish.about import human_size, version

from .conftest import SEEDS, build_into

MEETING = "000_29aedf8857b15add.txt"
ARTICLE = "001_b1332721dcb18903.txt"
PRINT = "004_92ebfd5003dffd4c.txt"


def html(built, path: str) -> BeautifulSoup:
    return BeautifulSoup((built.site / path).read_text("utf-8"), "html.parser")


def document_page(built, seed: str) -> BeautifulSoup:
    doc = next(d for d in built.report.documents if d.source.file == seed)
    return html(built, f"documents/{doc.id}/index.html")


def licence_text(soup: BeautifulSoup) -> str:
    return soup.select_one("dd.licence").get_text(" ", strip=True)


def test_every_document_page_names_its_source_licence(built_site):
    for doc in built_site.report.documents:
        assert doc.source.licence.short.lower() in licence_text(document_page(built_site, doc.source.file)).lower()


def test_a_kremlin_text_is_cc_by_4_0_and_credits_its_source_with_a_link(built_site):
    soup = document_page(built_site, MEETING)
    dd = soup.select_one("dd.licence")
    assert "CC BY 4.0" in licence_text(soup) and "Presidential Executive Office of the Russian Federation" in licence_text(soup)
    links = [a["href"] for a in dd.select("a")]
    assert "https://creativecommons.org/licenses/by/4.0/" in links and "http://en.kremlin.ru/d/76574" in links


def test_an_article_of_a_publisher_with_no_known_licence_says_the_licence_is_unknown(built_site):
    assert "licence unknown" in licence_text(document_page(built_site, ARTICLE)).lower()
    record = json.loads(gzip.decompress((built_site.release / "documents.jsonl.gz").read_bytes()).decode().splitlines()[0])
    assert set(record["source"]["licence"]) == {"id", "name", "short", "url", "attribution", "via"}


def test_a_transcript_with_no_source_link_is_a_notice_and_says_so_on_its_page(built_site):
    assert any(p.code == "no-source-url" and p.path == PRINT and p.severity == "notice" for p in built_site.report.problems)
    assert "where this text was published is not known" in document_page(built_site, PRINT).get_text()


def test_the_tei_header_gives_the_source_licence(built_site):
    doc = next(d for d in built_site.report.documents if d.source.file == MEETING)
    tei = gzip.decompress((built_site.site / f"data/tei/{doc.id}.xml.gz").read_bytes()).decode()
    assert re.search(r'<licence target="https://creativecommons.org/licenses/by/4.0/">[^<]*CC BY 4.0', tei)


def test_a_sidecar_sets_a_licence_and_an_unknown_one_is_reported(tmp_path):
    seed = tmp_path / ARTICLE
    shutil.copy2(SEEDS / ARTICLE, seed)
    (tmp_path / f"{ARTICLE}.yml").write_text("licence: CC-BY-4.0\n", "utf-8")
    sidecar, problems = read_sidecar(seed)
    assert not problems and sidecar.overrides.licence == "CC-BY-4.0"
    chosen = licence_of("The Moscow Times", sidecar.overrides.licence)
    assert (chosen.short, chosen.attribution, chosen.via) == ("CC BY 4.0", "The Moscow Times", "sidecar")
    (tmp_path / f"{ARTICLE}.yml").write_text("licence: GPL-9\n", "utf-8")
    sidecar, problems = read_sidecar(seed)
    assert sidecar.overrides.licence is None and [p.code for p in problems] == ["sidecar"] and "CC-BY-4.0" in problems[0].message


def test_the_about_page_exists_and_is_in_the_navigation(built_site):
    soup = html(built_site, "about/index.html")
    for anchor in ("method", "limits", "sources-and-licences", "licence", "report-an-error"):
        assert soup.select_one(f"h2#{anchor}") is not None
    home = html(built_site, "index.html")
    assert any(a["href"].rstrip("/").endswith("about") for a in home.select("nav a[href]"))
    assert "CC BY 4.0" in home.select_one("footer").get_text()


def test_the_data_page_gives_version_date_sizes_licence_citation_and_format(built_site):
    soup = html(built_site, "data/index.html")
    text = soup.get_text(" ", strip=True)
    newest = max(d.date for d in built_site.report.documents if d.date)
    assert f"version {version()}" in text and newest in text
    cells = [tr.select("td") for tr in soup.select("table")[0].select("tbody tr")]
    rows = {row[0].get_text(strip=True): row[2].get_text(strip=True) for row in cells}
    for name in ("documents.jsonl.gz", "turns.csv.gz", "tei.zip"):
        assert rows[name] == human_size((built_site.release / name).stat().st_size)
    assert rows["data/people.json.gz"] == human_size((built_site.site / "data/people.json.gz").stat().st_size)
    for anchor in ("licence", "cite", "format"):
        assert soup.select_one(f"h2#{anchor}") is not None
    assert "make offline" in text and "stenogram-offline.zip" in text
    assert f"version = {{{version()}}}" in soup.select_one("pre.cite-bibtex").get_text()


def test_sizes_read_as_people_read_them():
    assert (human_size(512), human_size(12_345), human_size(4_500_000)) == ("512 bytes", "12.3 KB", "4.5 MB")


def test_citation_cff_is_valid_cff_1_2_0_with_the_project_version():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"cff-version", "message", "title", "authors"} <= cff.keys() and all("name" in a or "family-names" in a for a in cff["authors"])
    assert str(cff["version"]) == version()


def test_a_build_is_the_same_twice_with_the_data_page_sizes(tmp_path):
    first, second = build_into(tmp_path / "a", run_mkdocs=False), build_into(tmp_path / "b", run_mkdocs=False)
    assert (first.docs / "data.md").read_bytes() == (second.docs / "data.md").read_bytes()
    assert (first.docs / "about.md").read_bytes() == (second.docs / "about.md").read_bytes()
