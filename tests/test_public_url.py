"""The site's public address: given, set once in mkdocs.yml, or the GitHub Pages address of the git remote; else a warning."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.cli import main
from builder.pipeline import ROOT, BuildOptions, build
from builder.public_url import LOCAL_URL, is_local, pages_url, public_url

from .conftest import SEEDS


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


def project(folder: Path, remote: str | None = None, site_url: str | None = None) -> Path:
    """A copy of the project's MkDocs file and templates in a git repository of its own; its mkdocs.yml."""
    folder.mkdir(parents=True)
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    if site_url is not None:
        text = re.sub(r"^site_url:.*$", f"site_url: {site_url}", text, count=1, flags=re.MULTILINE)
    (folder / "mkdocs.yml").write_text(text, "utf-8")
    shutil.copytree(ROOT / "templates", folder / "templates")
    git("init", "-q", str(folder))
    if remote:
        git("-C", str(folder), "remote", "add", "origin", remote)
    return folder / "mkdocs.yml"


@pytest.fixture(autouse=True)
def no_site_url(monkeypatch):
    """No address from the environment: each test says where its address comes from."""
    monkeypatch.delenv("SITE_URL", raising=False)


# ---------------------------------------------------------------- a git remote's GitHub Pages address


@pytest.mark.parametrize(("remote", "address"), [
    ("https://github.com/Owner/Repo", "https://owner.github.io/Repo/"),
    ("https://github.com/Owner/Repo.git", "https://owner.github.io/Repo/"),
    ("https://github.com/Owner/Repo/", "https://owner.github.io/Repo/"),
    ("http://www.github.com/owner/repo.git", "https://owner.github.io/repo/"),
    ("https://x-access-token:secret@github.com/Owner/Repo.git", "https://owner.github.io/Repo/"),
    ("git@github.com:Owner/Repo.git", "https://owner.github.io/Repo/"),
    ("git@github.com:Owner/Repo", "https://owner.github.io/Repo/"),
    ("ssh://git@github.com/Owner/Repo", "https://owner.github.io/Repo/"),
    ("ssh://git@github.com:22/Owner/Repo.git", "https://owner.github.io/Repo/"),
    ("git://github.com/Owner/Repo.git", "https://owner.github.io/Repo/"),
    ("https://GitHub.com/Owner/my.research-archive_2", "https://owner.github.io/my.research-archive_2/"),
    ("https://github.com/Owner/Owner.github.io", "https://owner.github.io/"),  # a user's or organisation's own site
    ("git@github.com:Owner/owner.GitHub.io.git", "https://owner.github.io/"),
    ("https://github.com/Owner/other.github.io", "https://owner.github.io/other.github.io/"),
])
def test_a_github_remote_gives_the_address_github_pages_publishes_it_at(remote, address):
    assert pages_url(remote) == address


@pytest.mark.parametrize("remote", [
    None, "", "/srv/git/stenogram", "../stenogram.git", "file:///srv/git/stenogram.git",
    "https://gitlab.com/owner/repo.git", "git@gitlab.com:owner/repo.git", "https://github.com.example.org/owner/repo",
    "https://notgithub.com/owner/repo", "https://github.com/owner", "https://github.com/owner/repo/tree/main",
])
def test_a_remote_that_is_not_a_github_repository_gives_no_address(remote):
    assert pages_url(remote) is None


@pytest.mark.parametrize(("url", "local"), [
    ("http://127.0.0.1:8000/", True), ("http://localhost:8000/x/", True), ("http://[::1]/", True), ("http://127.1.2.3/", True),
    ("https://owner.github.io/repo/", False), ("https://example.org/", False), ("https://localhost.example.org/", False),
])
def test_an_address_on_this_machine_is_local(url, local):
    assert is_local(url) is local


# ---------------------------------------------------------------- the order: given, SITE_URL, mkdocs.yml, the remote, a warning


def test_the_git_remote_gives_the_address_when_nothing_sets_it(tmp_path):
    config = project(tmp_path / "clone", "https://github.com/Owner/Repo.git")
    assert public_url(config) == ("https://owner.github.io/Repo/", [])


def test_an_address_in_mkdocs_yml_wins_over_the_remote_and_the_local_default_does_not(tmp_path):
    config = project(tmp_path / "set", "https://github.com/Owner/Repo", site_url='!ENV [SITE_URL, "https://stenogram.example.org"]')
    assert public_url(config) == ("https://stenogram.example.org/", [])
    config = project(tmp_path / "local", "https://github.com/Owner/Repo", site_url="http://localhost:8000/")
    assert public_url(config) == ("https://owner.github.io/Repo/", [])


def test_site_url_wins_over_mkdocs_yml_and_an_address_given_wins_over_both(tmp_path, monkeypatch):
    config = project(tmp_path / "clone", "https://github.com/Owner/Repo", site_url="https://stenogram.example.org/")
    monkeypatch.setenv("SITE_URL", "https://owner.example.net/stenogram")
    assert public_url(config) == ("https://owner.example.net/stenogram/", [])
    assert public_url(config, "https://given.example/") == ("https://given.example/", [])


def test_a_local_address_given_on_purpose_is_used_without_a_warning(tmp_path):
    config = project(tmp_path / "clone")
    assert public_url(config, "http://127.0.0.1:8123/stenogram/") == ("http://127.0.0.1:8123/stenogram/", [])


def test_with_no_remote_and_no_setting_the_address_is_local_and_a_warning_names_mkdocs_yml(tmp_path):
    config = project(tmp_path / "clone")
    url, [problem] = public_url(config)
    line = next(n for n, text in enumerate(config.read_text("utf-8").splitlines(), 1) if text.startswith("site_url:"))
    assert url == LOCAL_URL
    assert (problem.path, problem.line, problem.code, problem.severity) == ("mkdocs.yml", line, "local-address", "warning")
    assert LOCAL_URL in problem.message and "site_url" in problem.message


def test_a_clone_of_a_local_repository_has_no_public_address_and_warns(tmp_path):
    upstream = project(tmp_path / "upstream").parent
    git("clone", "-q", str(upstream), str(tmp_path / "clone"))  # as CI clones: origin is a folder
    shutil.copy2(upstream / "mkdocs.yml", tmp_path / "clone" / "mkdocs.yml")
    url, problems = public_url(tmp_path / "clone" / "mkdocs.yml")
    assert url == LOCAL_URL and [p.code for p in problems] == ["local-address"]


# ---------------------------------------------------------------- the built site


def test_a_clone_with_a_github_remote_cites_and_names_its_pages_at_the_github_pages_address(tmp_path):
    config = project(tmp_path / "clone", "git@github.com:Owner/Repo.git")
    site = tmp_path / "clone" / "site"
    report = build(BuildOptions(seeds=SEEDS, out=site, docs_dir=tmp_path / "clone" / "site_src", templates=config.parent / "templates",
                                config=config))
    address = "https://owner.github.io/Repo/"
    assert not [p for p in report.problems if p.code == "local-address"] and not report.mkdocs_warnings
    for doc in report.documents:
        soup = BeautifulSoup((site / "documents" / doc.id / "index.html").read_text("utf-8"), "html.parser")
        permanent = f"{address}documents/{doc.id}/"
        assert permanent in soup.select_one("pre.cite-text").get_text()
        assert f"note = {{Stenogram permanent URL: {permanent}}}" in soup.select_one("pre.cite-bibtex").get_text()
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    for page in pages:
        name = page.relative_to(site).as_posix()
        canonical = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one('link[rel="canonical"]')["href"]
        assert canonical == address + name.removesuffix("index.html"), name
    listed = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    assert len(listed) == len(pages) and all(url.startswith(address) for url in listed)
    assert not [p for p in site.rglob("*") if p.suffix in (".html", ".xml") and "127.0.0.1" in p.read_text("utf-8")]


def test_a_plain_build_with_no_public_address_warns_and_a_strict_one_fails(tmp_path, monkeypatch, capsys):
    upstream = project(tmp_path / "upstream").parent
    git("clone", "-q", str(upstream), str(tmp_path / "clone"))
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "clone" / ".git"))  # the project's repository, as a clone from a folder
    argv = ["build", "--seeds", str(SEEDS), "--out", str(tmp_path / "site"), "--docs-dir", str(tmp_path / "site_src")]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "mkdocs.yml:" in printed and "warning: no public address" in printed and "[local-address]" in printed
    assert main([*argv, "--strict"]) == 1
    assert main([*argv, "--strict", "--site-url", "https://owner.github.io/stenogram/"]) == 0
