"""Random bytes, text, Unicode and markup through the whole pipeline: it never crashes, and the words survive.

The words a reader sees on a document page equal the seed's words, in order,
whatever the seed holds. Most examples stop at the Markdown (converted here with
the site's own Markdown extensions); a few go through MkDocs to the built HTML.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from builder.ingest.seeds import CONTROL
from builder.pipeline import ROOT, parse_corpus

from .conftest import build_into

SETTINGS = settings(derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# A first line that no profile but plain text claims, so that every other line is body.
HEAD = "Notes"
# Markup of every kind a seed might carry.
MARKUP = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=javascript:alert(1)>", "</p>", "<!--",
    "# ", "## ", "* ", "- ", "+ ", "1. ", "> ", "    ", "---", "===", "***", "| a | b |", "|---|", "`", "**", "_", "~~",
    "[x](javascript:alert(1))", "![i](x)", "[", "]", "(", ")", "{{ config }}", "{% raw %}", "{#", "!!! note", "??? note",
    '=== "Tab"', '--8<-- "x"', "{ .class }", "{: #id }", "&amp;", "&#60;", "\\", "<…>", "[…]", "[with a bridge]",
    "Vladimir Putin:", "Mr President", "Yury Borisov", "\u00a0", "\t", "\r\n", "\u2028", "\x02wzxhzdk:0\x03", "🙂", "é",
]
# Unicode text without surrogates (a file cannot hold them) and without control characters.
VISIBLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
WORDS = st.lists(st.one_of(VISIBLE, st.sampled_from(MARKUP), st.sampled_from(["\n", " ", "word"])), max_size=40).map("".join)


def markdown_engine() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


ENGINE = markdown_engine()


def expected_words(seed_text: str) -> list[str]:
    """The words a reader should see: the seed's, less the invisible control characters (reported)."""
    return CONTROL.sub(lambda m: " " if m.group().isspace() else "", seed_text).split()


def shown_words(html: str) -> list[str]:
    """The words of a document page's speaker labels and paragraphs, in order, the permalink marks left out."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.select("a.permalink"):
        link.decompose()
    return " ".join(p.get_text() for p in soup.select(".turn, p.para")).split()


def build_seed(folder: Path, text: str, run_mkdocs: bool):
    seeds = folder / "seeds"
    seeds.mkdir()
    (seeds / "seed.txt").write_text(text, "utf-8", newline="")
    return build_into(folder, seeds=seeds, run_mkdocs=run_mkdocs)


def only_document(built):
    internal = [p for p in built.report.problems if p.code == "internal"]
    assert internal == []
    assert len(built.report.documents) == 1
    return built.report.documents[0]


@settings(SETTINGS, max_examples=60)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_reported_never_a_crash(raw):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "seed.txt").write_bytes(raw)
        report = parse_corpus(Path(tmp))
    assert [p for p in report.problems if p.code == "internal"] == []
    assert report.documents or [p for p in report.problems if p.severity == "error" and p.path == "seed.txt"]


@settings(SETTINGS, max_examples=60)
@given(st.text(max_size=300))
def test_any_text_builds_or_is_reported_never_a_crash(text):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "seeds").mkdir()
        (Path(tmp) / "seeds" / "seed.txt").write_bytes(text.encode("utf-8"))
        built = build_into(Path(tmp), seeds=Path(tmp) / "seeds", run_mkdocs=False)
    assert [p for p in built.report.problems if p.code == "internal"] == []
    assert built.report.documents or [p for p in built.report.problems if p.severity == "error"]


@settings(SETTINGS, max_examples=80)
@given(WORDS)
def test_rendered_words_equal_the_seed_words_for_any_text_and_markup(body):
    text = f"{HEAD}\n{body}\n"
    with tempfile.TemporaryDirectory() as tmp:
        built = build_seed(Path(tmp), text, run_mkdocs=False)
        doc = only_document(built)
        page = (built.docs / "documents" / f"{doc.id}.md").read_text("utf-8")
    ENGINE.reset()
    assert shown_words(ENGINE.convert(page)) == expected_words(text)


@settings(SETTINGS, max_examples=4)
@given(WORDS.filter(lambda body: any(tag in body for tag in ("<", "[", "{", "#", "*"))))
def test_built_html_shows_the_seed_words_and_no_seed_element(body):
    text = f"{HEAD}\n{body}\n"
    with tempfile.TemporaryDirectory() as tmp:
        built = build_seed(Path(tmp), text, run_mkdocs=True)
        doc = only_document(built)
        html = (built.site / "documents" / doc.id / "index.html").read_text("utf-8")
    assert shown_words(html) == expected_words(text)
    article = BeautifulSoup(html, "html.parser").find("article")
    assert article.find_all(["script", "img", "iframe", "table", "blockquote"]) == []
    for paragraph in article.select("p.para"):
        for element in paragraph.find_all(True):
            assert {"permalink", "mention", "editorial"} & set(element.get("class") or []), element
