"""The corpus-level files go to a GitHub Release, not into the served site; the Data page links them where they are."""

from __future__ import annotations

import gzip
import re
import zipfile

import pytest
from bs4 import BeautifulSoup

from builder.addresses import CORPUS_FILES, OFFLINE_ARCHIVE, TEI_ARCHIVE, downloads
from builder.export.corpus import ZIP_TIME
from builder.pipeline import BuildOptions, build
from builder.public_url import LOCAL_URL, github_repository
from builder.publish.about import NOT_MADE

from .conftest import REPOSITORY, SEEDS, build_into
from .test_public_url import project

RELEASE_LINK = re.compile(r"^https://github\.com/(?P<repository>[^/]+/[^/]+)/releases/latest/download/(?P<name>[^/]+)$")


@pytest.fixture(autouse=True)
def no_site_url(monkeypatch):
    """No address from the environment: each test says where its address comes from."""
    monkeypatch.delenv("SITE_URL", raising=False)


def data_page(site) -> BeautifulSoup:
    return BeautifulSoup((site / "data" / "index.html").read_text("utf-8"), "html.parser")


def release_links(soup: BeautifulSoup) -> dict[str, str]:
    """The Data page's links to release files: file name to repository."""
    found = {}
    for a in soup.select("article a[href]"):
        if match := RELEASE_LINK.match(a["href"]):
            found[match["name"]] = match["repository"]
    return found


# ---------------------------------------------------------------- where the files go


def test_the_served_site_holds_no_corpus_level_file_and_the_release_folder_holds_each(built_site):
    served = {p.name for p in built_site.site.rglob("*") if p.is_file()}
    assert not served & {*CORPUS_FILES, OFFLINE_ARCHIVE}
    assert sorted(p.name for p in built_site.release.iterdir()) == sorted(CORPUS_FILES)
    assert not [p for p in built_site.docs.rglob("*") if p.name in CORPUS_FILES]


def test_the_release_files_are_the_same_bytes_build_after_build(tmp_path):
    first, second = build_into(tmp_path / "a", run_mkdocs=False), build_into(tmp_path / "b", run_mkdocs=False)
    for name in CORPUS_FILES:
        assert (first.release / name).read_bytes() == (second.release / name).read_bytes(), name


def test_a_build_given_no_release_folder_makes_no_corpus_level_file_and_its_data_page_says_so(tmp_path):
    built = build_into(tmp_path, release=None)
    assert not [p for p in tmp_path.rglob("*") if p.name in CORPUS_FILES]
    rows = {row.select_one("code").get_text(): row.select("td")[-1].get_text() for row in data_page(built.site).select("article tr")
            if row.select_one("td code")}
    assert [rows[name] for name in CORPUS_FILES] == [NOT_MADE] * len(CORPUS_FILES)
    assert "without the corpus-level files" in data_page(built.site).select_one("article").get_text(" ")


def test_the_tei_archive_holds_every_transcripts_tei_by_id_with_one_fixed_time(built_site):
    transcripts = [d for d in built_site.report.documents if d.kind == "transcript"]
    with zipfile.ZipFile(built_site.release / TEI_ARCHIVE) as zf:
        entries = zf.infolist()
        assert [e.filename for e in entries] == [f"tei/{d.id}.xml" for d in sorted(transcripts, key=lambda d: d.id)]
        assert {e.date_time for e in entries} == {ZIP_TIME}
        for doc in transcripts:
            assert zf.read(f"tei/{doc.id}.xml") == gzip.decompress((built_site.site / downloads(doc)["TEI"]).read_bytes())


def test_documents_jsonl_joins_each_documents_own_json_in_id_order(built_site):
    joined = gzip.decompress((built_site.release / "documents.jsonl.gz").read_bytes())
    ordered = sorted(built_site.report.documents, key=lambda d: d.id)
    assert joined == b"".join(gzip.decompress((built_site.site / downloads(d)["JSON"]).read_bytes()) for d in ordered)


# ---------------------------------------------------------------- the Data page's links


def test_the_data_page_links_each_corpus_file_and_the_offline_zip_at_the_latest_release(built_site):
    soup = data_page(built_site.site)
    assert release_links(soup) == dict.fromkeys((*CORPUS_FILES, OFFLINE_ARCHIVE), REPOSITORY)
    assert f"https://github.com/{REPOSITORY}/releases/latest" in {a["href"] for a in soup.select("article a[href]")}
    assert "latest release" in soup.select_one("article").get_text(" ", strip=True)


def test_a_github_remote_gives_the_release_links_its_owner_and_repository(tmp_path):
    config = project(tmp_path / "project", remote="git@github.com:Someone/my-archive.git")
    built = build_into(tmp_path / "out", config=config, templates=config.parent / "templates", repository=None)
    assert release_links(data_page(built.site)) == dict.fromkeys((*CORPUS_FILES, OFFLINE_ARCHIVE), "Someone/my-archive")


def test_a_github_pages_site_url_gives_the_release_links_with_no_remote(tmp_path):
    config = project(tmp_path / "project")
    built = build_into(tmp_path / "out", config=config, templates=config.parent / "templates", repository=None,
                       site_url="https://someone.github.io/my-archive/")
    assert release_links(data_page(built.site)) == dict.fromkeys((*CORPUS_FILES, OFFLINE_ARCHIVE), "someone/my-archive")


def test_with_no_repository_known_the_data_page_links_no_release_and_says_where_the_files_are(tmp_path):
    config = project(tmp_path / "project", remote="https://gitlab.example.org/team/stenogram.git")
    built = build_into(tmp_path / "out", config=config, templates=config.parent / "templates", repository=None,
                       site_url="https://stenogram.example.org/")
    soup = data_page(built.site)
    assert not release_links(soup)
    assert not [a["href"] for a in soup.select("article a[href]") if "github.com" in a["href"]]
    text = soup.select_one("article").get_text(" ", strip=True)
    assert "--release dist/release" in text and "make offline" in text
    for name in CORPUS_FILES:  # named, not linked
        assert name in [code.get_text() for code in soup.select("article td code")]
    for a in soup.select("article a[href]"):  # every other link is to the site's own files
        href = a["href"]
        if not re.match(r"^[a-z]+:", href) and not href.startswith("#"):
            assert (built.site / "data" / href.split("#")[0]).resolve().exists(), href


@pytest.mark.parametrize(("remote", "site_url", "repository"), [
    ("https://github.com/Owner/Repo.git", None, "Owner/Repo"),
    ("git@github.com:Owner/Repo", "https://other.github.io/elsewhere/", "Owner/Repo"),  # the remote first
    (None, "https://owner.github.io/repo/", "owner/repo"),
    (None, "https://Owner.github.io/", "owner/owner.github.io"),
    (None, "https://owner.github.io/repo/deeper/", None),
    ("https://gitlab.com/owner/repo.git", "https://stenogram.example.org/", None),
    (None, LOCAL_URL, None),
])
def test_the_repository_is_the_github_remote_else_the_pages_address(tmp_path, remote, site_url, repository):
    assert github_repository(project(tmp_path / "p", remote=remote), site_url) == repository


def test_a_repository_that_is_not_owner_slash_repo_is_refused(tmp_path):
    with pytest.raises(ValueError, match="OWNER/REPO"):
        build(BuildOptions(seeds=SEEDS, out=tmp_path / "site", docs_dir=tmp_path / "src", site_url=LOCAL_URL, run_mkdocs=False,
                           repository="x/y) [evil](javascript:alert(1)"))
