"""Citations: a reference manager's BibTeX key, unique in the corpus, and the authors an article's byline names."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from builder.ingest.seeds import read_seed
from builder.model import Document, Source
from builder.profiles import markdown_article
from builder.publish.cite import bibtex, bibtex_key, bibtex_keys, citation_text

from .conftest import build_into, download
from .test_exports import schema

URL = "https://example.org/stenogram/documents/x/"


def article(title: str = "Putin Sacks Roscosmos Chief Yury Borisov Amid Setbacks at Space Agency", byline: str = "By Jake Epstein",
            date: str = "February 06, 2025") -> str:
    """A Moscow Times article as its Markdown scrape has it, with ``byline`` under the date."""
    return (f"# {title}\n\n{date}\n\n{byline}\n\nYuri Borisov. [kremlin.ru](https://kremlin.ru)\n\n"
            "President Vladimir Putin [dismissed](#) Roscosmos chief Yury Borisov, the Kremlin said Thursday, after a tenure "
            "of two and a half years marked by ambitious plans and major setbacks at the Russian space agency.\n\n"
            "By contrast, Dmitry Bakanov comes from the satellite company Gonets.\n\n"
            "Original url: <https://www.themoscowtimes.com/2025/02/06/putin-sacks-roskosmos-chief-a87881>\n")


def cleaned(tmp_path: Path, text: str):
    path = tmp_path / "article.txt"
    path.write_text(text, "utf-8")
    seed, _ = read_seed(path)
    assert seed is not None
    return markdown_article.clean(seed)


def document(title: str = "Meeting with Government members", date: str | None = "2025-06-04",
             publisher: str | None = "President of Russia (en.kremlin.ru)", authors: tuple[str, ...] = (), doc_id: str = "x") -> Document:
    source = Source("x.txt", "0" * 64, None, publisher, authors=authors)
    return Document(doc_id, "article", title, date, None, None, None, source, (), (), "markdown-article")


# ---------------------------------------------------------------- the byline


@pytest.mark.parametrize(("byline", "authors"), [
    ("By Jake Epstein", ("Jake Epstein",)),
    ("**By Jake Epstein and Jane Doe**", ("Jake Epstein", "Jane Doe")),
    ("By [Jake Epstein](https://www.themoscowtimes.com/author/jake-epstein)", ("Jake Epstein",)),
    ("By Jake Epstein, Jane Doe, and Ursula von der Leyen.", ("Jake Epstein", "Jane Doe", "Ursula von der Leyen")),
    ("_By AFP_", ("AFP",)),
])
def test_an_articles_byline_names_its_authors_and_goes_to_the_audit(tmp_path, byline, authors):
    result = cleaned(tmp_path, article(byline=byline))
    assert result.authors == authors
    assert [r.reason for r in result.removed if r.line == 5] == ["byline"]
    assert all(not line.text.startswith(("By J", "**By", "_By")) for line in result.body)


def test_a_sentence_that_opens_with_by_is_the_articles_text_not_a_byline(tmp_path):
    result = cleaned(tmp_path, article(byline="By Thursday, the Kremlin had named his successor."))
    assert result.authors == ()
    assert any(line.text.startswith("By Thursday") for line in result.body)


def test_a_byline_is_read_only_in_the_articles_head(tmp_path):
    text = article(byline="").replace("By contrast, Dmitry Bakanov comes from the satellite company Gonets.", "By Jake Epstein")
    result = cleaned(tmp_path, text)
    assert result.authors == () and any(line.text == "By Jake Epstein" for line in result.body)


def test_an_article_without_a_byline_has_no_authors(built_site):
    [doc] = [d for d in built_site.report.documents if d.kind == "article"]
    assert doc.source.authors == ()
    assert json.loads(download(built_site.site, doc, "JSON"))["source"]["authors"] == []


# ---------------------------------------------------------------- the citation's authors


def test_a_citation_names_the_authors_first_then_the_title_and_the_publisher():
    doc = document("Putin Sacks Roscosmos Chief", "2025-02-06", "The Moscow Times", ("Jake Epstein", "Jane Doe"))
    assert citation_text(doc, URL) == (
        "Epstein, Jake, and Jane Doe. “Putin Sacks Roscosmos Chief.” The Moscow Times, 6 February 2025. Transcript and data at Stenogram: "
        f"{URL}.")
    three = replace(doc, source=replace(doc.source, authors=("Jake Epstein", "Jane Doe", "Ursula von der Leyen")))
    assert citation_text(three, URL).startswith("Epstein, Jake, Jane Doe, and Ursula von der Leyen. “")


def test_bibtex_gives_each_author_surname_first_and_a_corporate_author_braced_whole():
    doc = document("Putin Sacks Roscosmos Chief", "2025-02-06", "The Moscow Times", ("Jake Epstein", "Ursula von der Leyen", "Reuters"))
    text = bibtex(doc, URL)
    assert "\n  author = {Epstein, Jake and von der Leyen, Ursula and {Reuters}},\n" in text
    assert text.index("author =") < text.index("title =")


def test_a_byline_that_names_the_publisher_is_no_author():
    doc = document("Putin Sacks Roscosmos Chief", "2025-02-06", "The Moscow Times", ("The Moscow Times",))
    assert citation_text(doc, URL).startswith("The Moscow Times. “Putin Sacks Roscosmos Chief.” 6 February 2025.")
    assert "author" not in bibtex(doc, URL)


def test_a_citation_without_authors_is_as_before():
    assert citation_text(document(), URL) == (
        f"President of Russia (en.kremlin.ru). “Meeting with Government members.” 4 June 2025. Transcript and data at Stenogram: {URL}.")


# ---------------------------------------------------------------- the key


def test_the_seeds_keys_are_publisher_year_and_first_significant_word(built_site):
    keys = {d.source.file: bibtex_key(d) for d in built_site.report.documents}
    assert keys == {
        "000_29aedf8857b15add.txt": "kremlin2025roscosmos",  # "Meeting with Director General of Roscosmos ..."
        "001_b1332721dcb18903.txt": "moscowtimes2025putin",  # "Putin Sacks Roscosmos Chief ..."
        "004_92ebfd5003dffd4c.txt": "kremlin2025government",  # "Meeting with Government members"
    }


@pytest.mark.parametrize(("publisher", "who"), [
    ("President of Russia (en.kremlin.ru)", "kremlin"),  # the host it names
    ("The Moscow Times", "moscowtimes"),  # its words, without the article
    ("TASS", "tass"),
    ("www.bbc.co.uk", "bbc"),  # a publisher known only by its host
    (None, "anon"),
])
def test_a_keys_first_part_is_the_publishers_short_name(publisher, who):
    assert bibtex_key(document(publisher=publisher)) == f"{who}2025government"


def test_a_source_with_an_address_and_no_publisher_is_known_by_its_host():
    doc = document(publisher=None)
    assert bibtex_key(replace(doc, source=replace(doc.source, url="https://www.tass.com/politics/1"))) == "tass2025government"


def test_a_keys_first_part_is_the_first_authors_surname_when_the_source_names_its_authors():
    assert bibtex_key(document(authors=("Ursula von der Leyen", "Jake Epstein"))) == "vonderleyen2025government"


@pytest.mark.parametrize(("title", "date", "key"), [
    ("Telephone conversation with President of Belarus Alexander Lukashenko", "2019-07-03", "kremlin2019belarus"),
    ("The 2014 Winter Olympics in Sochi", "2012-12-08", "kremlin2012winter"),  # an article and a number skipped
    ("Встреча с губернатором", "2025-06-04", "kremlin2025vstrecha"),  # transliterated
    ("Meeting with the President", None, "kremlinndmeeting"),  # undated; nothing significant: the first word
])
def test_a_keys_word_is_the_titles_first_significant_word_in_lower_case_ascii(title, date, key):
    assert bibtex_key(document(title, date)) == key


def test_keys_are_unique_in_the_corpus_with_a_letter_in_date_order():
    docs = [document("Meeting with Government members", "2025-06-04", doc_id="2025-06-04-b"),
            document("Meeting with Government members", "2025-06-04", doc_id="2025-06-04-a"),
            document("Meeting with Government members on transport", "2025-01-10", doc_id="2025-01-10-x"),
            document("Telephone conversation with Government members", "2025-12-01", doc_id="2025-12-01-y")]
    keys = bibtex_keys(docs)
    assert keys == {"2025-01-10-x": "kremlin2025government", "2025-06-04-a": "kremlin2025governmenta",
                    "2025-06-04-b": "kremlin2025governmentb", "2025-12-01-y": "kremlin2025governmentc"}
    later = bibtex_keys([*docs, document("Meeting with Government members", "2025-12-31", doc_id="2025-12-31-z")])
    assert {i: later[i] for i in keys} == keys  # a later document leaves every earlier key as it was


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def bylined_site(tmp_path_factory):
    """Two Moscow Times articles of one year whose keys would be the same, one with a byline."""
    seeds = tmp_path_factory.mktemp("bylined_seeds")
    (seeds / "a.txt").write_text(article(byline="By Jake Epstein and Jane Doe"), "utf-8")
    (seeds / "b.txt").write_text(article("Putin Names Dmitry Bakanov to Lead Roscosmos", "", "March 01, 2025")
                                 .replace("-a87881", "-a88000"), "utf-8")
    return build_into(tmp_path_factory.mktemp("bylined"), seeds=seeds)


def test_the_built_page_cites_the_byline_and_gives_the_corpus_unique_key(bylined_site):
    docs = {d.source.file: d for d in bylined_site.report.documents}
    pages = {name: BeautifulSoup((bylined_site.site / "documents" / d.id / "index.html").read_text("utf-8"), "html.parser")
             for name, d in docs.items()}
    plain, bib = (pages["a.txt"].select_one(f"pre.cite-{part}").get_text() for part in ("text", "bibtex"))
    assert plain.startswith("Epstein, Jake, and Jane Doe. “Putin Sacks Roscosmos Chief Yury Borisov Amid Setbacks at Space Agency.” "
                            "The Moscow Times, 6 February 2025.")
    assert bib.startswith("@misc{epstein2025putin,\n  author = {Epstein, Jake and Doe, Jane},\n")
    assert pages["b.txt"].select_one("pre.cite-bibtex").get_text().startswith("@misc{moscowtimes2025putin,\n  title = {")
    record = json.loads(download(bylined_site.site, docs["a.txt"], "JSON"))
    assert record["source"]["authors"] == ["Jake Epstein", "Jane Doe"]
    jsonschema.Draft202012Validator(schema("document.schema.json")).validate(record)


def test_two_documents_with_one_key_are_told_apart_on_their_pages(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("twin_seeds")
    for name, date in (("a.txt", "February 06, 2025"), ("b.txt", "March 01, 2025")):
        (seeds / name).write_text(article(f"Putin Sacks Roscosmos Chief on {date}", "", date).replace("-a87881", f"-{name}"), "utf-8")
    built = build_into(tmp_path_factory.mktemp("twins"), seeds=seeds, run_mkdocs=False)
    keys = [next(line for line in (built.docs / "documents" / f"{d.id}.md").read_text("utf-8").splitlines() if "@misc{" in line)
            for d in sorted(built.report.documents, key=lambda d: d.date or "")]
    assert [k.split("@misc{")[1] for k in keys] == ["moscowtimes2025putin,", "moscowtimes2025putina,"]
