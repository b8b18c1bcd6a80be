"""Stage 1, read: list the seeds in a folder and decode each one to text.

A seed is any file in the seeds folder except the maintainers' own files
(``*.yml`` sidecars and registries, dotfiles, README). Decoding never guesses
silently: a seed that is not UTF-8 is decoded by detection and reported.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from .model import Problem, Seed

# Files in the seeds folder that are the maintainers' own, not seeds.
MAINTAINER_SUFFIXES = (".yml", ".yaml", ".md")
# Share of control characters above which a file is taken as binary.
BINARY_CONTROL_SHARE = 0.05
CONTROL_OK = {"\n", "\r", "\t", "\f"}


def list_seeds(folder: Path) -> list[Path]:
    """Seed files of ``folder``, sorted by name so builds never depend on listing order."""
    files = [
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.lower().endswith(MAINTAINER_SUFFIXES)
    ]
    return sorted(files, key=lambda p: p.name)


def read_seed(path: Path) -> tuple[Seed | None, list[Problem]]:
    """Read and decode one seed; ``None`` with an error when it holds no usable text."""
    raw = path.read_bytes()
    name = path.name
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        return None, [Problem(name, 1, "empty", "the file is empty: nothing to build; fill it or remove it", "error")]
    if b"\x00" in raw[:65536]:
        return None, [Problem(name, 1, "binary", "the file is binary, not text: remove it or replace it with the page's text", "error")]
    text, encoding, problems = decode(name, raw)
    if text is None:
        return None, problems
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in CONTROL_OK)
    if controls > BINARY_CONTROL_SHARE * len(text):
        return None, [*problems, Problem(name, 1, "binary", "the file is mostly control characters, not text: remove it or replace it with the page's text", "error")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Seed(name=name, sha256=digest, text=text, encoding=encoding, size=len(raw)), problems


def decode(name: str, raw: bytes) -> tuple[str | None, str, list[Problem]]:
    """Decode bytes as UTF-8 (a BOM is dropped), else by detection, saying so."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as err:
        bad_line = raw[: err.start].count(b"\n") + 1
    best = from_bytes(raw).best()
    if best is None:
        return None, "", [Problem(name, bad_line, "encoding", "the text is not UTF-8 and its encoding could not be detected: save it as UTF-8", "error")]
    encoding = best.encoding
    return str(best), encoding, [
        Problem(name, bad_line, "encoding", f"the text is not UTF-8; decoded as {encoding}: check the page reads right, or save it as UTF-8")
    ]
