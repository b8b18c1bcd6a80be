"""axe-core in the real browser on the three kinds of page, in both palettes; speaker
turns that a screen reader can name."""

from __future__ import annotations

import pytest

from .conftest import node_module
from .pages import page_kinds, phrase_turn

SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(node_module("axe-core", "axe.min.js")))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary)}));
    }""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "transcript", "person"])
def test_axe_finds_no_serious_or_critical_violation(served_site, page, kind, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(served_site.url(page_kinds(served_site.report)[kind]))
    page.wait_for_selector(".md-search-result__meta")  # the page's scripts have run
    serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
    assert serious == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in serious)


def test_every_speaker_turn_is_a_heading_that_names_its_speaker(served_site, page):
    report = served_site.report
    doc, _ = phrase_turn(report)
    page.goto(served_site.url(page_kinds(report)["transcript"]))
    headings = {h.get_attribute("id"): h.inner_text() for h in page.get_by_role("heading", level=3).all()}
    labelled = [turn for turn in doc.turns if turn.label]
    assert labelled
    for turn in labelled:
        assert f"t{turn.number}" in headings, f"turn {turn.number} ({turn.label}) is not a heading"
        assert (turn.name or turn.label.rstrip(": ")) in headings[f"t{turn.number}"]
