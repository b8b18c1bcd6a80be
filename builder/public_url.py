"""The site's public address: where it is published, and so what every citation gives.

A Cite block, a BibTeX entry, a TEI header, a page's canonical link and ``sitemap.xml``
all name the site by its public address, and so does the offline copy, whose citations
must send a reader to the published site. That address is found once, here, in a fixed
order, the most explicit first:

1. the address given for this build (``--site-url``, ``BuildOptions.site_url``);
2. the ``SITE_URL`` environment variable (the Pages workflow sets it from
   ``actions/configure-pages``);
3. ``site_url`` in ``mkdocs.yml``, unless it is a local address: the file's own default,
   ``http://127.0.0.1:8000/`` (what ``mkdocs serve`` serves), means "not configured";
4. the GitHub Pages address of the git remote ``origin``, read from the repository's
   configuration without the network: ``https://github.com/OWNER/REPO`` is published at
   ``https://owner.github.io/REPO/``, and the repository ``OWNER.github.io`` at
   ``https://owner.github.io/``;
5. the local default, with a ``local-address`` warning (``--strict`` fails on it): a site
   built so would give a reader addresses on their own machine.

An address given explicitly (1 or 2) is used as given, a local one included: that is a
preview the maintainer asked for. Other modules call ``public_url``.

The GitHub repository, whose latest release holds the corpus-level files the Data page
links (``builder/addresses.py``), is found from the same two things (``github_repository``):
the git remote ``origin`` when it is on GitHub (the Pages workflow's checkout has it), else
the site's address when it is a GitHub Pages one (``https://owner.github.io/REPO/``). With
neither (a local build of a clone with no GitHub remote) there is none, and the Data page
says where the files are instead of linking an address that does not exist.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .model import Problem

# The address a site is built for when nothing says where it is published (mkdocs.yml's default too).
LOCAL_URL = "http://127.0.0.1:8000/"
# The environment variable that gives the address for one build.
SITE_URL_VARIABLE = "SITE_URL"
# Host names of this machine: an address on one of them is not where a site is published.
LOCAL_HOSTS = frozenset({"localhost", "::1", "0.0.0.0"})
# The line of mkdocs.yml that sets the address, where the warning points.
SITE_URL_LINE = re.compile(r"^site_url\s*:", re.MULTILINE)
# A git remote on GitHub, as git writes it: https://, git://, ssh:// (user and port optional), or scp-like git@github.com:.
GITHUB_REMOTE = re.compile(
    r"^(?:(?:https?|git|ssh|git\+ssh)://(?:[^@/]*@)?(?:www\.)?github\.com(?::\d+)?/|[^@/:]+@github\.com:/?)"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$",
    re.IGNORECASE,
)
# A GitHub repository as OWNER/REPO, in the characters GitHub allows (so that it goes into a link as it is).
REPOSITORY = re.compile(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")
# A GitHub Pages address: a project's site (https://owner.github.io/REPO/) or the owner's own (https://owner.github.io/).
PAGES_ADDRESS = re.compile(r"^https?://(?P<owner>[A-Za-z0-9-]+)\.github\.io/(?:(?P<repo>[A-Za-z0-9._-]+)/?)?$", re.IGNORECASE)


def public_url(config: Path, given: str | None = None) -> tuple[str, list[Problem]]:
    """The site's public address (ending in ``/``), and the warning when only the local default was found.

    ``config`` is the MkDocs file; its folder's git repository supplies the remote. See the
    module's text for the order.
    """
    found = (_explicit(given) or _explicit(os.environ.get(SITE_URL_VARIABLE)) or configured_site_url(config)
             or pages_url(origin_remote(config.parent)))
    if found:
        return found, []
    message = (f"no public address configured: citations, canonical links and the sitemap give this machine's {LOCAL_URL};"
               " set site_url in mkdocs.yml (or SITE_URL, or --site-url), or give the repository its GitHub remote 'origin'")
    return LOCAL_URL, [Problem(config.name, _site_url_line(config), "local-address", message, "warning")]


def configured_site_url(config: Path) -> str | None:
    """``site_url`` of the MkDocs file (``!ENV`` resolved), unless it is missing or a local address."""
    try:
        from mkdocs.utils.yaml import get_yaml_loader

        data = yaml.load(config.read_text("utf-8"), Loader=get_yaml_loader())
    except (OSError, yaml.YAMLError):
        return None
    url = data.get("site_url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not url.strip() or is_local(url):
        return None
    return _with_slash(url.strip())


def pages_url(remote: str | None) -> str | None:
    """The address GitHub Pages publishes the repository of a git remote at; None for a remote not on GitHub.

    GitHub Pages lower-cases the owner in the host name and keeps the repository's name as it is.
    """
    match = GITHUB_REMOTE.match(remote.strip()) if remote else None
    if not match:
        return None
    owner, repo = match["owner"].lower(), match["repo"]
    if repo.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"


def github_repository(config: Path, site_url: str | None = None) -> str | None:
    """``OWNER/REPO`` of the project on GitHub: the git remote ``origin`` of ``config``'s folder, else ``site_url``'s Pages address.

    None when neither is on GitHub. See the module's text.
    """
    remote = origin_remote(config.parent)
    match = GITHUB_REMOTE.match(remote.strip()) if remote else None
    if match:
        return f"{match['owner']}/{match['repo']}"
    address = PAGES_ADDRESS.match(site_url.strip()) if site_url else None
    if address:
        owner = address["owner"].lower()
        return f"{owner}/{address['repo'] or owner + '.github.io'}"
    return None


def origin_remote(folder: Path) -> str | None:
    """The URL of the remote ``origin`` of the git repository holding ``folder`` (read locally, no network)."""
    try:
        found = subprocess.run(["git", "-C", str(folder), "config", "--local", "--get", "remote.origin.url"],
                               capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):  # no git, or a repository git cannot read
        return None
    if found.returncode != 0:
        return None
    return found.stdout.strip() or None


def is_local(url: str) -> bool:
    """Whether ``url`` names this machine (``127.0.0.1``, ``localhost``...) rather than a published site."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return False
    return host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost")


def _explicit(url: str | None) -> str | None:
    return _with_slash(url.strip()) if url and url.strip() else None


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _site_url_line(config: Path) -> int:
    try:
        text = config.read_text("utf-8")
    except OSError:
        return 1
    found = SITE_URL_LINE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1
