"""People's roles as researchers read them: one row a role, curated dates as such, Popolo memberships and organizations."""

from __future__ import annotations

import gzip
import json
import shutil
from importlib import resources

import jsonschema
import pytest
from bs4 import BeautifulSoup

from builder.model import Person, Role
from builder.people import RoleIndex, latest, memberships, role_key
from builder.people.bodies import read_role

from .conftest import SEEDS, build_into

# A curated role of Dmitry Bakanov covering the label's and the tooltip's wordings of his job.
BAKANOV = """
- name: Dmitry Bakanov
  roles:
    - title: Director General of Roscosmos
      start: 2025-02-07
"""


def soup_of(path):
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def role_table(site, pid: str) -> list[list[str]]:
    """The cells of each row of the Roles table of ``pid``'s page."""
    heading = soup_of(site / "people" / pid / "index.html").find("h2", id="roles")
    if heading is None:
        return []
    table = heading.find_next("table")
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]


def popolo(site) -> dict:
    return json.loads(gzip.decompress((site / "data" / "people.json.gz").read_bytes()))


def schema() -> dict:
    return json.loads(resources.files("builder").joinpath("data/people.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def curated_site(tmp_path_factory):
    """The real seeds with a curated role for Dmitry Bakanov added to the people file."""
    folder = tmp_path_factory.mktemp("curated")
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    with (seeds / "people.yml").open("a", encoding="utf-8") as f:
        f.write(BAKANOV)
    return build_into(folder, seeds)


@pytest.mark.parametrize("one, other", [
    ("Minister of Agriculture", "Minister of Agriculture of the Russian Federation"),
    ("President of Russia", "President of the Russian Federation"),
    ("Director General of the Roscosmos State Corporation", "General Director of the Roscosmos State Corporation for Space Activities"),
    ("First Deputy Prime Minister", "First Deputy Prime Minister of the Government of the Russian Federation"),
    ("Foreign Minister", "Minister of Foreign Affairs"),
])
def test_two_wordings_of_one_role_are_one_role(one, other):
    assert role_key(one) == role_key(other)


@pytest.mark.parametrize("one, other", [
    ("Minister of Agriculture", "Minister of Health"),
    ("President of Russia", "President of Ukraine"),
    ("Deputy Prime Minister", "First Deputy Prime Minister"),
    ("Minister of Agriculture", "Deputy Minister of Agriculture"),
])
def test_two_roles_stay_two(one, other):
    assert role_key(one) != role_key(other)


@pytest.mark.parametrize("title, body, classification", [
    ("Minister of Agriculture of the Russian Federation", "Ministry of Agriculture", "ministry"),
    ("Foreign Minister", "Ministry of Foreign Affairs", "ministry"),
    ("Secretary of the Security Council", "Security Council of the Russian Federation", "council"),
    ("Deputy Prime Minister", "Government of the Russian Federation", "executive"),
    ("Director General of Roscosmos", "Roscosmos State Corporation for Space Activities", "state corporation"),
    ("Governor of the Bryansk Region", "Bryansk Region", "region"),
    ("Head of the Federal Customs Service", "Federal Customs Service", "service"),
])
def test_a_role_names_the_body_it_belongs_to(title, body, classification):
    found = read_role(title).body
    assert found is not None and (found.name, found.classification) == (body, classification)


def test_a_role_naming_no_body_has_none():
    assert read_role("President of Russia").body is None
    assert read_role("Special Representative of the President for International Cooperation in Space Exploration").body is None


def person(*roles: Role) -> Person:
    return Person("p", "P", (), roles)


def test_a_curated_role_replaces_the_statements_it_covers_and_keeps_their_documents():
    tooltip = "General Director of the Roscosmos State Corporation for Space Activities"
    [one] = memberships(person(Role("Director General of Roscosmos", "2025-02-07", "people.yml", "curated"),
                               Role("Director General of the Roscosmos State Corporation", "2025-03-31", "d1", "label"),
                               Role(tooltip, "2025-06-04", "d2", "tooltip")))
    assert (one.title, one.start, one.end) == ("Director General of Roscosmos", "2025-02-07", None)
    assert one.sources == ("curated", "tooltip", "label")
    assert (one.first_seen, one.last_seen, one.documents) == ("2025-03-31", "2025-06-04", ("d1", "d2"))


def test_an_inferred_role_has_dates_seen_and_no_start():
    [one] = memberships(person(Role("Minister of Agriculture", "2024-05-14", "d1", "label"),
                               Role("Minister of Agriculture of the Russian Federation", "2024-05-14", "d1", "tooltip"),
                               Role("Minister of Agriculture", "2025-01-10", "d2", "label")))
    assert (one.title, one.wordings) == ("Minister of Agriculture", ("Minister of Agriculture of the Russian Federation",))
    assert (one.start, one.end, one.first_seen, one.last_seen) == (None, None, "2024-05-14", "2025-01-10")


def test_the_latest_role_is_one_still_held_else_the_last_seen():
    agriculture = Role("Minister of Agriculture", "2025-01-10", "d2", "label")
    held = person(agriculture, Role("Deputy Prime Minister", "2020-11-10", "people.yml", "curated"))
    seen = person(agriculture, Role("Minister of Health", "2024-01-10", "d1", "label"))
    assert latest(memberships(held)).title == "Deputy Prime Minister"
    assert latest(memberships(seen)).title == "Minister of Agriculture"


def test_a_documents_people_list_gives_one_wording_a_role_the_tooltips_first():
    p = person(Role("Minister of Agriculture", "2024-05-14", "d1", "label"),
               Role("Minister of Agriculture of the Russian Federation", "2024-05-14", "d1", "tooltip"))
    assert RoleIndex({"p": p}).titles_in("d1", "p") == ("Minister of Agriculture of the Russian Federation",)


def test_no_person_page_of_the_real_seeds_lists_one_role_twice(built_site):
    for pid, p in built_site.report.people.items():
        if (built_site.site / "people" / pid / "index.html").exists():
            rows = role_table(built_site.site, pid)
            assert len(rows) == len({m.key for m in memberships(p)}), pid
    bakanov = role_table(built_site.site, "dmitry-bakanov")
    assert len(bakanov) == 1 and bakanov[0][5] == "tooltip, label" and bakanov[0][1] == ""
    assert "also written: Director General of the Roscosmos State Corporation" in bakanov[0][0]


def test_a_curated_role_replaces_the_inferred_rows_it_covers_with_its_real_start(curated_site):
    [row] = role_table(curated_site.site, "dmitry-bakanov")
    assert row[0].startswith("Director General of Roscosmos (also written: ")
    assert (row[1], row[2], row[3], row[5]) == ("from 2025-02-07", "2025-03-31", "2025-03-31", "curated, tooltip, label")
    # The document that states it, by its date: its title is in the page's lists of turns and mentions.
    stated = soup_of(curated_site.site / "people" / "dmitry-bakanov" / "index.html").find("h2", id="roles").find_next("table")
    [link] = stated.find("tbody").find_all("tr")[0].find_all("td")[4].find_all("a")
    assert row[4] == "2025-03-31" and "meeting-with-director-general-of-roscosmos" in link["href"]
    [putin] = role_table(curated_site.site, "vladimir-putin")
    assert (putin[0], putin[1], putin[5]) == ("President of Russia", "from 2012-05-07", "curated, label")


def test_people_json_is_popolo_with_memberships_pointing_at_persons_and_organizations(curated_site):
    people = popolo(curated_site.site)
    jsonschema.Draft202012Validator(schema()).validate(people)
    persons = {p["id"] for p in people["persons"]}
    organizations = {o["id"] for o in people["organizations"]}
    assert people["memberships"] and all(m["person_id"] in persons for m in people["memberships"])
    assert all(m["organization_id"] in organizations for m in people["memberships"] if m["organization_id"])
    assert {m["organization_id"] for m in people["memberships"] if m["organization_id"]} == organizations
    [bakanov] = [m for m in people["memberships"] if m["person_id"] == "dmitry-bakanov"]
    assert (bakanov["role"], bakanov["start_date"], bakanov["end_date"]) == ("Director General of Roscosmos", "2025-02-07", None)
    assert (bakanov["first_seen"], bakanov["last_seen"]) == ("2025-03-31", "2025-03-31")
    assert bakanov["organization_id"] == "roscosmos-state-corporation-for-space-activities"
    assert bakanov["via"] == ["curated", "tooltip", "label"] and bakanov["sources"][1]["url"] == "http://en.kremlin.ru/d/76574"


def test_an_inferred_membership_has_no_start_date_but_the_dates_it_was_seen(built_site):
    people = popolo(built_site.site)
    [tooltip] = [m for m in people["memberships"] if m["person_id"] == "yury-borisov" and m["via"] == ["tooltip"]]
    assert tooltip["role"] == "Special Representative of the President for International Cooperation in Space Exploration"
    assert (tooltip["start_date"], tooltip["first_seen"], tooltip["last_seen"]) == (None, "2025-03-31", "2025-03-31")


def test_the_people_index_gives_each_person_the_latest_role_and_counts_that_read_right(built_site):
    index = soup_of(built_site.site / "people" / "index.html")
    items = {li.a.get_text(): li.get_text(" ", strip=True) for li in index.select("article li")}
    assert items["Alexander Bastrykin"] == ("Alexander Bastrykin , Chairman of the Investigative Committee: "
                                            "1 turn, named 3 times, 1 document")
    assert items["Yury Borisov"].startswith("Yury Borisov , Special Representative of the President")
    assert items["Dmitry Bakanov"].endswith(": 4 turns, named 4 times, 2 documents")
    assert "named 1 time," in items["Tatyana Golikova"]
