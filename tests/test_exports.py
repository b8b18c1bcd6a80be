"""The dataset: JSON Lines, turns CSV, Popolo people, TEI per transcript; validated, reloadable, linked; citations."""

from __future__ import annotations

import csv
import gzip
import io
import json
from importlib import resources
from urllib.parse import urljoin

import jsonschema
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from builder.addresses import CORPUS_FILES
from builder.export.corpus import TURN_COLUMNS
from builder.publish.cite import bibtex, citation_text

from .conftest import REPOSITORY, download

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def schema(name: str) -> dict:
    return json.loads(resources.files("builder").joinpath(f"data/{name}").read_text("utf-8"))


def data(built_site, name: str):
    """A corpus-wide file of ``built_site``: the corpus-level ones in its release folder, the others in the site's ``data/``."""
    return built_site.release / name if name in CORPUS_FILES else built_site.site / "data" / name


def test_every_line_of_documents_jsonl_is_a_valid_document(built_site):
    validator = jsonschema.Draft202012Validator(schema("document.schema.json"))
    text = gzip.decompress(data(built_site, "documents.jsonl.gz").read_bytes()).decode("utf-8")
    lines = text.splitlines()
    assert len(lines) == len(built_site.report.documents)
    for line in lines:
        validator.validate(json.loads(line))
    # The file is joined from the per-document files: it equals the records made in memory, in id order.
    from builder.export.files import document_record, record_json

    by_id = sorted(built_site.report.documents, key=lambda d: d.id)
    assert text == "".join(record_json(document_record(d, built_site.report.people)) for d in by_id)


def test_each_document_json_is_valid_and_carries_its_annotations(built_site):
    validator = jsonschema.Draft202012Validator(schema("document.schema.json"))
    for doc in built_site.report.documents:
        record = json.loads(download(built_site.site, doc, "JSON"))
        validator.validate(record)
        assert [a["id"] for a in record["annotations"]] == [a.id for a in doc.notes]
        for note in record["annotations"]:
            assert note["target"]["type"] == "TextQuoteSelector" and note["quote"] == note["target"]["exact"]


def test_the_schema_rejects_a_document_that_breaks_the_contract(built_site):
    validator = jsonschema.Draft202012Validator(schema("document.schema.json"))
    record = json.loads(gzip.decompress(data(built_site, "documents.jsonl.gz").read_bytes()).decode("utf-8").splitlines()[0])
    record["date"] = "31 March 2025"
    assert list(validator.iter_errors(record))


def test_people_json_is_popolo_with_other_names_and_sourced_memberships(built_site):
    people = json.loads(gzip.decompress(data(built_site, "people.json.gz").read_bytes()))
    jsonschema.Draft202012Validator(schema("people.schema.json")).validate(people)
    persons = {p["id"]: p for p in people["persons"]}
    assert {"name": "Yuri Borisov"} in persons["yury-borisov"]["other_names"]
    tooltip = next(m for m in people["memberships"] if m["person_id"] == "yury-borisov" and "tooltip" in m["via"])
    assert tooltip["role"] == "Special Representative of the President for International Cooperation in Space Exploration"
    assert tooltip["first_seen"] == "2025-03-31" and tooltip["sources"][0]["url"] == "http://en.kremlin.ru/d/76574"


def test_turns_csv_reloads_with_one_row_per_turn_of_the_corpus(built_site):
    with gzip.open(data(built_site, "turns.csv.gz"), "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0].keys()) == TURN_COLUMNS
    turns = [(d, t) for d in built_site.report.documents for t in d.turns]
    assert len(rows) == len(turns)
    by_key = {(r["document"], int(r["turn"])): r for r in rows}
    for doc, turn in turns:
        row = by_key[(doc.id, turn.number)]
        text = "\n".join(p.text for p in turn.paragraphs)
        assert row["text"] == text and int(row["words"]) == len(text.split())
        assert row["speaker"] == (turn.speaker or "") and row["date"] == (doc.date or "")
    putin = next(r for r in rows if r["speaker"] == "vladimir-putin")
    assert putin["speaker_name"] == "Vladimir Putin"


def test_each_transcript_has_a_well_formed_tei_file_whose_utterances_point_into_its_list_of_persons(built_site):
    transcripts = [d for d in built_site.report.documents if d.kind == "transcript"]
    assert transcripts
    for doc in transcripts:
        tree = etree.parse(io.BytesIO(download(built_site.site, doc, "TEI")))  # raises when not well-formed
        persons = {p.get(XML_ID) for p in tree.iter(f"{TEI}person")}
        utterances = list(tree.iter(f"{TEI}u"))
        assert len(utterances) == sum(1 for t in doc.turns if t.speaker or t.label)
        for u in utterances:
            if u.get("who"):
                assert u.get("who").startswith("#") and u.get("who")[1:] in persons
        assert {u.get("who")[1:] for u in utterances if u.get("who")} == {t.speaker for t in doc.turns if t.speaker}
        segs = ["".join(s.itertext()) for s in tree.iter(f"{TEI}seg")]
        assert " ".join(segs).split() == [w for t in doc.turns if t.speaker or t.label for p in t.paragraphs for w in p.text.split()]


def test_tei_text_in_the_header_and_body_is_seed_text_escaped():
    from builder.export.tei import tei_document
    from builder.model import Document, Paragraph, Source, Turn

    doc = Document("2025-01-01-x", "transcript", "A <b>title</b> & more", "2025-01-01", None, None, None,
                   Source("x.txt", "0" * 64, None, None), ("Topic <i>",),
                   (Turn(1, 1, None, None, None, (Paragraph("p1", 1, "5 < 6 & \x0c ]]>"),)),), "plain")
    tree = etree.parse(io.BytesIO(tei_document(doc, {}).encode("utf-8")))
    assert tree.findtext(f".//{TEI}title") == "A <b>title</b> & more"
    assert "5 < 6 &" in "".join(tree.getroot().itertext())


def test_the_data_page_links_every_export_and_each_document_links_its_own(built_site):
    soup = BeautifulSoup((built_site.site / "data" / "index.html").read_text("utf-8"), "html.parser")
    links = {urljoin("/data/", a["href"]) for a in soup.select("article a[href]")}
    for name in ("people.json.gz", "document.schema.json", "people.schema.json"):
        assert f"/data/{name}" in links, name
    for name in CORPUS_FILES:  # the release's (tests/test_release.py)
        assert f"https://github.com/{REPOSITORY}/releases/latest/download/{name}" in links, name
    for doc in built_site.report.documents:
        base = f"/documents/{doc.id}/"
        for where in (base, f"/documents/year-{doc.date[:4]}/"):
            page = built_site.site / where.strip("/") / "index.html"
            found = {urljoin(where, a["href"]) for a in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("article a[href]")}
            assert f"/data/{doc.id}.json.gz" in found and f"/sources/{doc.id}.txt.gz" in found, where
            assert (f"/data/tei/{doc.id}.xml.gz" in found) == (doc.kind == "transcript"), where
            assert (built_site.site / "data" / "tei" / f"{doc.id}.xml.gz").exists() == (doc.kind == "transcript")
            for target in found & {f"/data/{doc.id}.json.gz", f"/data/tei/{doc.id}.xml.gz", f"/sources/{doc.id}.txt.gz"}:
                assert gzip.decompress((built_site.site / target.lstrip("/")).read_bytes()), target


# ---------------------------------------------------------------- citation


def test_every_document_page_has_a_cite_block_with_title_publisher_date_source_and_permanent_url(built_site):
    for doc in built_site.report.documents:
        soup = BeautifulSoup((built_site.site / "documents" / doc.id / "index.html").read_text("utf-8"), "html.parser")
        assert soup.select_one("h2#cite") is not None
        plain = soup.select_one("pre.cite-text").get_text()
        bib = soup.select_one("pre.cite-bibtex").get_text()
        permanent = f"/documents/{doc.id}/"
        assert doc.title in plain and permanent in plain and doc.source.publisher in plain
        assert bib.startswith("@misc{") and f"title = {{{doc.title}}}" in bib and f"date = {{{doc.date}}}" in bib and permanent in bib
        # Line for line as the builder wrote it: the page's minifying leaves <pre> alone.
        assert bib.strip("\n") == bibtex(doc, soup.select_one("link[rel=canonical]")["href"]).strip("\n")
        if doc.source.url:
            assert doc.source.url in plain and doc.source.url in bib


def test_a_citation_takes_its_permanent_url_from_the_site_url(built_site):
    doc = built_site.report.documents[0]
    assert f"https://example.org/stenogram/documents/{doc.id}/" in citation_text(doc, f"https://example.org/stenogram/documents/{doc.id}/")
    text = bibtex(doc, "https://example.org/x/")
    assert text.count("{") == text.count("}")


@pytest.mark.parametrize("title", ["50% of {all} #1 & more_", "A \\ backslash"])
def test_bibtex_escapes_what_bibtex_would_read_as_syntax(built_site, title):
    from dataclasses import replace

    text = bibtex(replace(built_site.report.documents[0], title=title), "https://example.org/")
    line = next(line for line in text.split("\n") if line.strip().startswith("title"))
    assert line.count("{") - line.count("\\{") == 1 and line.count("}") - line.count("\\}") == 1


def test_each_paragraph_link_copies_its_permanent_address_with_a_local_script(built_site):
    page = built_site.site / "documents" / built_site.report.documents[0].id / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    scripts = [s["src"] for s in soup.select("script[src]")]
    assert any(src.endswith("assets/permalink.js") and not src.startswith("http") for src in scripts)
    assert "clipboard" in (built_site.site / "assets" / "permalink.js").read_text("utf-8")
    assert soup.select_one('link[rel="canonical"]')["href"].endswith(f"/documents/{built_site.report.documents[0].id}/")
