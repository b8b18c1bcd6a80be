"""Every page of the built site is valid HTML, as html-validate (from the npm registry) reads it."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import node_module, run_node

CONFIG = {
    "extends": ["html-validate:standard"],
    "rules": {
        # Material's own drawer and search toggles (<input type="checkbox" autocomplete="off">):
        # the attribute keeps Firefox from restoring their state; not markup of ours.
        "valid-autocomplete": "off",
        # Pages are minified (builder/site/mkdocs.py), which writes ">" and a "&" that starts no
        # character reference raw, as HTML allows; the rule asks for them escaped all the same.
        # That seed text never becomes markup is tested in tests/test_escaping.py on these pages.
        "no-raw-characters": "off",
        # The minifier also drops the quotes of an attribute value that HTML does not need.
        "attr-quotes": "off",
    },
}


def validate(pages: list[Path], folder: Path) -> list[str]:
    """html-validate's messages for ``pages``, as ``file:line:column: message [rule]``."""
    config = folder / "htmlvalidate.json"
    config.write_text(json.dumps(CONFIG), "utf-8")
    cli = node_module("html-validate", "bin", "html-validate.mjs")
    done = run_node(str(cli), "--config", str(config), "--formatter", "json", *map(str, pages))
    if not done.stdout.strip():
        assert done.returncode == 0, done.stderr
        return []
    return [f"{result['filePath']}:{m['line']}:{m['column']}: {m['message']} [{m['ruleId']}]"
            for result in json.loads(done.stdout) for m in result["messages"]]


def test_every_page_of_the_site_is_valid_html(served_site, tmp_path):
    pages = sorted(served_site.site.rglob("*.html"))
    assert len(pages) > len(served_site.report.documents)
    assert validate(pages, tmp_path) == []


def test_the_validator_reports_markup_that_is_not_valid(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
                   '<p id="p1">one <dl><dt>x</dt></dl></p><p id="p1">two</p></body></html>', "utf-8")
    messages = validate([bad], tmp_path)
    assert any("[no-dup-id]" in m for m in messages), messages
    assert any("</p>" in m or "[close-order]" in m or "[element-permitted-content]" in m for m in messages), messages
