"""Seed text is data, never markup: in the Markdown, in the built HTML, in titles and in search.

A seed full of HTML, Markdown, Jinja and MkDocs/pymdownx syntax is built through
MkDocs; every line must show on the page as the literal text it is, and nothing
it holds may become an element, an attribute, a heading, a list, a table or a link.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from builder.docs_folder import inside
from builder.pipeline import ROOT
from builder.publish.escape import md_text

from .conftest import build_into, download

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
# Each line of the hostile seed (plain text: every line is a paragraph), as a reader must see it.
HOSTILE_LINES = [line for line in (FIXTURES / "markup.txt").read_text("utf-8").split("\n") if line.strip()]
HOSTILE_TITLE = "</title><script>alert('title')</script> {{ 7*7 }} & <b>bold</b>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The markup seed (and one with a hostile title and labels) built through MkDocs, once."""
    folder = tmp_path_factory.mktemp("hostile")
    seeds = folder / "seeds"
    seeds.mkdir()
    (seeds / "markup.txt").write_text((FIXTURES / "markup.txt").read_text("utf-8"), "utf-8")
    (seeds / "labels.txt").write_text((FIXTURES / "markup_labels.txt").read_text("utf-8"), "utf-8")
    # The markup seed's twin: the same lines, with plain words instead of markup.
    twin = ["Plain title", "May 6, 2025", *(f"Line {n}" for n in range(3, len(HOSTILE_LINES) + 1))]
    (seeds / "twin.txt").write_text("\n".join(twin) + "\n", "utf-8")
    built = build_into(folder, seeds=seeds)
    return built


def markdown_engine() -> markdown.Markdown:
    """Python-Markdown with the site's own extensions, as MkDocs runs it."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def doc_of(built, name: str):
    return next(d for d in built.report.documents if d.source.file == name)


def html_page(built, doc) -> BeautifulSoup:
    return BeautifulSoup((built.site / "documents" / doc.id / "index.html").read_text("utf-8"), "html.parser")


def article(soup: BeautifulSoup):
    return soup.find("article")


# ---------------------------------------------------------------- md_text on its own


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<iframe src="javascript:alert(1)"></iframe>',
    "# heading", "* item", "- item", "+ item", "1. item", "1986. A year", "[x](javascript:alert(1))", "![i](x.png)",
    "| a | b |", "---", "===", "***", "> quote", "    code", "`code`", "**bold** _em_", "<http://x.y>",
    "{{ config }}", "{% include 'x' %}", "{# c #}", "!!! note", "??? note", "=== \"Tab\"", '--8<-- "/etc/passwd"',
    "{ .class #id onclick=x }", "{: .evil }", "[^1]", "*[HTML]: Hyper", "==mark== ^^ins^^ ~~del~~", "$x$", ":smile:",
    "&amp; &lt; &#60;", "a \\* b", "line\nbreak", "\x02wzxhzdk:0\x03", "/// note", "<!-- c -->", "<?php ?>",
])
def test_escaped_text_renders_to_itself_and_to_no_element(text):
    html = markdown_engine().convert(md_text(text))
    soup = BeautifulSoup(html, "html.parser")
    assert [el.name for el in soup.find_all(True)] == ["p"]
    expected = " ".join(text.replace("\x02", "").replace("\x03", "").split())
    assert soup.p.get_text() == expected


def test_every_markdown_specific_character_is_a_character_reference():
    assert md_text("<a>") == "&#60;a&#62;"
    assert md_text("# x") == "&#35; x"
    assert md_text("1. x") == "1&#46; x"
    assert md_text("- x") == "&#45; x"


# ---------------------------------------------------------------- the built site


def test_seed_markup_shows_as_literal_text_on_the_page(hostile_site):
    doc = doc_of(hostile_site, "markup.txt")
    paragraphs = [p for p in article(html_page(hostile_site, doc)).select("p.para")]
    for permalink in [a for p in paragraphs for a in p.select("a.permalink")]:
        permalink.decompose()
    shown = [" ".join(p.get_text().split()) for p in paragraphs]
    assert shown == [" ".join(line.split()) for line in HOSTILE_LINES]


def skeleton(body) -> list[tuple[str, tuple[str, ...]]]:
    """The page's structure: every element's name and classes, in order.

    The source's own editorial marks (``[...]``, shown as ``span.editorial``) are left out:
    they are text the markup seed has and its plain twin has not.
    """
    return [(el.name, tuple(sorted(el.get("class", [])))) for el in body.find_all(True) if "editorial" not in el.get("class", [])]


def test_seed_markup_leaves_the_page_structure_as_plain_words_would(hostile_site):
    hostile = article(html_page(hostile_site, doc_of(hostile_site, "markup.txt")))
    plain = article(html_page(hostile_site, doc_of(hostile_site, "twin.txt")))
    assert skeleton(hostile) == skeleton(plain)


def test_seed_markup_adds_no_element_to_the_page(hostile_site):
    doc = doc_of(hostile_site, "markup.txt")
    body = article(html_page(hostile_site, doc))
    for paragraph in body.select("p.para"):
        inside_paragraph = [(el.name, el.get("class")) for el in paragraph.find_all(True)]
        assert [e for e in inside_paragraph if e != ("span", ["editorial", "insertion"])] == [("a", ["permalink"])]
    for tag in ("script", "img", "iframe", "table", "ul", "ol", "blockquote", "hr", "details", "del", "mark"):
        assert body.find(tag) is None, tag
    headings = body.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert [h.name for h in headings].count("h1") == 1
    assert not [h for h in headings if "heading" in h.get_text() or "note" in h.get_text()]
    assert not [a for a in body.find_all("a") if a["href"].lower().startswith(("javascript", "data"))]
    assert not [el for el in body.find_all(True) if any(attr.lower().startswith("on") for attr in el.attrs)]
    assert not body.select(".admonition, .tabbed-set, .evil, .class")


def test_no_script_on_a_seed_page_comes_from_the_seed(hostile_site):
    soup = html_page(hostile_site, doc_of(hostile_site, "markup.txt"))
    for script in soup.find_all("script"):
        assert "alert" not in script.get_text()
        assert not script.get("src") or "assets/" in script["src"]


def test_seed_title_is_text_in_the_html_title_heading_and_header(hostile_site):
    doc = doc_of(hostile_site, "markup.txt")
    assert doc.title == HOSTILE_TITLE
    soup = html_page(hostile_site, doc)
    assert soup.title.get_text() == f"{HOSTILE_TITLE} - Stenogram"
    assert len(soup.find_all("title")) == 1
    assert article(soup).h1.get_text() == HOSTILE_TITLE
    # The header's title is not in the page: the shared script copies the heading's text into it, as text.
    assert soup.select_one("[data-md-component=header-topic]") is None
    chrome = (hostile_site.site / "assets" / "javascripts" / "stenogram-chrome.js").read_text("utf-8")
    assert "topic.textContent = heading ? heading.textContent" in chrome and "innerHTML" not in chrome
    raw = (hostile_site.site / "documents" / doc.id / "index.html").read_text("utf-8")
    assert "<script>alert" not in raw and "</title><script>" not in raw


def test_speaker_labels_and_places_from_a_seed_are_text(hostile_site):
    doc = doc_of(hostile_site, "labels.txt")
    body = article(html_page(hostile_site, doc))
    assert body.find("script") is None and body.find("img") is None
    assert "<img src=x onerror=alert(5)>" in body.get_text()
    assert "<script>alert(6)</script>" in body.get_text()


def test_materials_own_search_index_holds_no_text(hostile_site):
    """Search runs on the builder's index (escaped in tests/browser/test_search.py); lunr's copy stays empty."""
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text("utf-8"))
    assert index["docs"] == []


def test_seed_markup_reaches_the_data_unchanged(hostile_site):
    doc = doc_of(hostile_site, "markup.txt")
    record = json.loads(download(hostile_site.site, doc, "JSON"))
    texts = [p["text"] for turn in record["turns"] for p in turn["paragraphs"]]
    assert texts == [" ".join(line.split()) for line in HOSTILE_LINES]


def test_original_text_is_linked_and_kept_verbatim(hostile_site):
    doc = doc_of(hostile_site, "markup.txt")
    soup = html_page(hostile_site, doc)
    link = article(soup).find("a", string="Original text")
    assert link is not None
    target = (hostile_site.site / "documents" / doc.id / link["href"]).resolve()
    assert gzip.decompress(target.read_bytes()) == (FIXTURES / "markup.txt").read_bytes()


# ---------------------------------------------------------------- paths


def test_a_sidecar_date_cannot_move_a_page_out_of_the_output_folder(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("# Escape\n\nWords.\n", "utf-8")
    (seeds / "a.txt.yml").write_text('date: "../../../../outside"\n', "utf-8")
    built = build_into(tmp_path / "out", seeds=seeds, run_mkdocs=False)
    assert "a.txt.yml:1: warning: 'date' must be written YYYY-MM-DD; it was ignored [sidecar]" in [str(p) for p in built.report.problems]
    assert [d.id for d in built.report.documents] == ["undated-escape"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "seeds"]
    assert (built.docs / "documents" / "undated-escape.md").is_file()


def test_document_ids_are_slugs_whatever_the_date_they_are_given():
    from builder.turns.parse import document_id

    assert document_id("../../x", "../../etc/passwd") == "x-etc-passwd"


@pytest.mark.parametrize("path", ["../x.md", "documents/../../x.md", "/etc/x.md"])
def test_render_refuses_a_path_that_leaves_the_output_folder(tmp_path, path):
    with pytest.raises(ValueError, match="would leave the output folder"):
        inside(tmp_path, path)
