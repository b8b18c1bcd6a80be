"""The offline copy: built for file://, packed the same way every time, nothing fetched from elsewhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.addresses import CORPUS_FILES
from builder.cli import main
from builder.site.offline import FOLDER, pack, package, remote_fetches

from .conftest import SEEDS

# The published address the offline copy is built for.
PUBLISHED = "https://owner.github.io/stenogram/"


def small_site(folder: Path, head: str = "") -> Path:
    site = folder / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text(f"<!DOCTYPE html><html><head>{head}</head><body><a "
                                     "href='https://en.kremlin.ru/'>source</a></body></html>", "utf-8")
    (site / "assets" / "a.css").write_text("body { background: url(img.png); }", "utf-8")
    (site / "404.html").write_text("<p>server only</p>", "utf-8")
    return site


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline-cli")
    status = main(["offline", "--seeds", str(SEEDS), "--out", str(folder / "site"), "--docs-dir", str(folder / "site_src"),
                   "--archive", str(folder / "stenogram-offline.zip"), "--site-url", PUBLISHED])
    return status, folder


def test_the_offline_command_writes_a_zip_of_the_whole_site_in_one_folder(offline_build):
    status, folder = offline_build
    assert status == 0
    with zipfile.ZipFile(folder / "stenogram-offline.zip") as zf:
        names = set(zf.namelist())
    assert f"{FOLDER}/index.html" in names
    assert f"{FOLDER}/search/search_index.js" in names  # search without a server
    assert f"{FOLDER}/data/documents.jsonl.gz" in names
    assert all(name.startswith(f"{FOLDER}/") for name in names)
    assert f"{FOLDER}/404.html" not in names


def test_the_offline_copy_holds_the_corpus_level_files_and_its_data_page_links_its_own(offline_build):
    _, folder = offline_build
    with zipfile.ZipFile(folder / "stenogram-offline.zip") as zf:
        names = set(zf.namelist())
    soup = BeautifulSoup((folder / "site" / "data.html").read_text("utf-8"), "html.parser")
    links = {a["href"] for a in soup.select("article a[href]")}
    for name in CORPUS_FILES:
        assert f"{FOLDER}/data/{name}" in names and f"data/{name}" in links, name
        assert (folder / "site" / "data" / name).stat().st_size > 0
    assert not [href for href in links if "/releases/latest/download/" in href]
    assert "this copy's own" in soup.select_one("article").get_text(" ", strip=True)


def test_the_offline_build_links_to_files_not_folders(offline_build):
    _, folder = offline_build
    home = (folder / "site" / "index.html").read_text("utf-8")
    hrefs = {a["href"] for a in BeautifulSoup(home, "html.parser").select("a[href]")}
    assert "documents/index.html" in hrefs
    assert "documents/" not in hrefs
    assert "navigation.instant" not in home


def test_the_offline_copy_cites_and_names_each_page_by_its_published_address_never_a_file(offline_build):
    _, folder = offline_build
    site = folder / "site"
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    for page in pages:
        name = page.relative_to(site).as_posix()
        published = name.removesuffix("index.html") if name.endswith("index.html") else name.removesuffix(".html") + "/"
        canonical = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one('link[rel="canonical"]')["href"]
        assert canonical == PUBLISHED + published, name  # what a paragraph's ¶ link copies
    documents = [p for p in pages if p.parent.name == "documents" and p.name != "index.html" and not p.name.startswith("year-")]
    assert documents
    for page in documents:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        cited = soup.select_one("pre.cite-text").get_text() + soup.select_one("pre.cite-bibtex").get_text()
        assert f"{PUBLISHED}documents/{page.stem}/" in cited and "file:" not in cited


def test_a_script_from_another_host_is_an_error_in_the_offline_copy(tmp_path):
    site = small_site(tmp_path, head='<script src="https://unpkg.com/iframe-worker/shim"></script><link rel="stylesheet" '
                                     'href="//cdn.example/x.css">')
    problems = remote_fetches(site)
    assert [(p.path, p.code, p.severity) for p in problems] == [("index.html", "remote-fetch", "error")] * 2
    copy = package(site, tmp_path / "out.zip")
    assert copy.problems and not (tmp_path / "out.zip").exists()


def test_a_link_to_another_site_or_a_canonical_url_is_not_a_fetch(tmp_path):
    site = small_site(tmp_path, head='<link rel="canonical" href="https://owner.github.io/stenogram/">')
    assert remote_fetches(site) == []


def test_a_stylesheet_importing_from_another_host_is_an_error(tmp_path):
    site = small_site(tmp_path)
    (site / "assets" / "b.css").write_text('@import "https://fonts.example/css";\nbody { }', "utf-8")
    assert [(p.path, p.line) for p in remote_fetches(site)] == [("assets/b.css", 1)]


def test_packing_the_same_site_twice_gives_the_same_bytes(tmp_path):
    site = small_site(tmp_path)
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    assert pack(site, first) == 2
    (site / "index.html").touch()  # a newer mtime changes nothing
    pack(site, second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("page, feed", [("index.html", "feeds/index.xml"),
                                        ("people/vladimir-putin.html", "feeds/people/vladimir-putin.xml"),
                                        ("topics/space.html", "feeds/topics/space.xml")])
def test_the_offline_copy_holds_the_atom_feeds_and_its_pages_link_them_as_files(offline_build, page, feed):
    _, folder = offline_build
    site = folder / "site"
    with zipfile.ZipFile(folder / "stenogram-offline.zip") as zf:
        assert f"{FOLDER}/{feed}" in zf.namelist()
    soup = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
    hrefs = [el["href"] for el in soup.select("[href]") if el["href"].endswith(".xml")]
    assert len(hrefs) == 2  # the head's <link rel="alternate"> and the page's own link
    assert {(site / page).parent.joinpath(href).resolve() for href in hrefs} == {(site / feed).resolve()}
