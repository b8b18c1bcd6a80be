"""The read stage: list the seeds in a folder and decode each one to text.

A seed is any file in the seeds folder except the maintainers' own files
(``*.yml`` sidecars and registries, dotfiles, README). Decoding never guesses
silently: a seed that is not UTF-8 is decoded by detection and reported.

What can be trusted is kept and what cannot is said: an empty, binary, huge or
undecodable file is an error and is skipped; a file in another encoding, with
control characters or with a file name that is not UTF-8 is built, with a
warning. A UTF-8 byte-order mark and CRLF line ends are simply undone: the
text is the same, and the verbatim copy keeps them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from charset_normalizer import from_bytes

from ..model import Problem, Seed

# Files in the seeds folder that are the maintainers' own, not seeds.
MAINTAINER_SUFFIXES = (".yml", ".yaml", ".md")
# Share of control characters above which a file is taken as binary (when it has more than a few).
BINARY_CONTROL_SHARE = 0.05
BINARY_CONTROL_MIN = 16
# Control characters that have no place in text (tab, line ends, form feed and vertical tab are white space).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A seed larger than this is built, with a warning that it is unusually large for one document.
LARGE_SEED_BYTES = 10_000_000
# A seed larger than this is not read at all.
MAX_SEED_BYTES = 200_000_000
# Byte-order marks, and the encoding each announces.
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Encodings that scraped Russian and European sources come in, tried before open detection.
LIKELY_ENCODINGS = ("cp1251", "cp1252", "latin_1", "koi8_r")
# How the report names an encoding.
ENCODING_NAMES = {
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1252": "Windows-1252 (Latin-1)",
    "latin_1": "Latin-1 (ISO-8859-1)",
    "koi8_r": "KOI8-R (Cyrillic)",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
}


def list_seeds(folder: Path) -> list[Path]:
    """Seed files of ``folder``, sorted by name so builds never depend on listing order."""
    files = [
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.lower().endswith(MAINTAINER_SUFFIXES)
    ]
    return sorted(files, key=lambda p: p.name)


def seed_name(path: Path) -> tuple[str, list[Problem]]:
    """The name a seed is reported and published under: always printable UTF-8."""
    raw_name = path.name
    name = raw_name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    name = CONTROL.sub("\N{REPLACEMENT CHARACTER}", name.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    if name == raw_name:
        return name, []
    return name, [Problem(name, 1, "file-name", "the file name is not valid UTF-8 text or holds control characters: built under the name "
                                                "shown; rename the file")]


def read_seed(path: Path) -> tuple[Seed | None, list[Problem]]:
    """Read and decode one seed; ``None`` with an error when it holds no usable text."""
    name, problems = seed_name(path)
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        return None, [*problems, Problem(name, 1, "link", "the file is a link to a file outside the seeds folder: not read; copy the file "
                                                          "itself into the folder", "error")]
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        return None, [*problems, Problem(name, 1, "too-large", f"the file is {_megabytes(size)}, more than the "
                                                               f"{_megabytes(MAX_SEED_BYTES)} a seed may have: not built; split it into "
                                                               "one file per document", "error")]
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        return None, [*problems, Problem(name, 1, "empty", "the file is empty: nothing to build; fill it or remove it", "error")]
    text, encoding, decoded = decode(name, raw)
    problems += decoded
    if text is None:
        return None, problems
    controls = sum(1 for _ in CONTROL.finditer(text))
    if controls > max(BINARY_CONTROL_SHARE * len(text), BINARY_CONTROL_MIN):
        binary = "the file is binary, not text: remove it or replace it with the page's text"
        return None, [*problems, Problem(name, 1, "binary", binary, "error")]
    verbatim = "\ufeff" + text if encoding == "utf-8-sig" else text  # the site's copy keeps the BOM too
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if controls:
        first = CONTROL.search(text)
        assert first is not None  # the line endings replaced are no control characters of CONTROL's
        line = text.count("\n", 0, first.start()) + 1
        text = CONTROL.sub(_drop_control, text)
        problems.append(Problem(name, line, "control-characters", f"{controls} invisible control character{'s' if controls > 1 else ''} "
                                                                  "(the first here) removed from the text: check the scrape"))
    if not text.strip():
        return None, [*problems, Problem(name, 1, "empty", "the file holds no text, only white space and control characters: nothing to "
                                                           "build; fill it or remove it", "error")]
    if size > LARGE_SEED_BYTES:
        problems.append(Problem(name, 1, "large", f"the file is {_megabytes(size)}, far larger than one transcript: built; check it is one "
                                                  "document, not several pasted together"))
    return Seed(name=name, sha256=digest, text=text, encoding=encoding, size=len(raw), verbatim=verbatim), problems


def decode(name: str, raw: bytes) -> tuple[str | None, str, list[Problem]]:
    """Decode bytes as UTF-8 (a BOM is dropped), else by their BOM or by detection, saying so."""
    for bom, encoding in UTF16_BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                break
            return text, encoding, [Problem(name, 1, "encoding", "the text is UTF-16 (it starts with a UTF-16 byte-order mark): decoded as "
                                                                 "such; save it as UTF-8")]
    if b"\x00" in raw[:65536]:
        return None, "", [Problem(name, 1, "binary", "the file is binary, not text: remove it or replace it with the page's text", "error")]
    body, encoding = (raw[len(UTF8_BOM):], "utf-8-sig") if raw.startswith(UTF8_BOM) else (raw, "utf-8")
    try:
        return body.decode("utf-8"), encoding, []
    except UnicodeDecodeError as err:
        bad_line = body[: err.start].count(b"\n") + 1
        if err.reason == "unexpected end of data":  # UTF-8 to the last bytes, which begin a character
            return body[: err.start].decode("utf-8"), encoding, [
                Problem(name, bad_line, "truncated", "the file ends in the middle of a character, so it was cut short: built without that "
                                                     "character; check the end of the text against the source")
            ]
    best = from_bytes(raw, cp_isolation=list(LIKELY_ENCODINGS)).best() or from_bytes(raw).best()
    if best is None:
        return None, "", [Problem(name, bad_line, "encoding", "the text is not UTF-8 and its encoding could not be detected: save it as "
                                                              "UTF-8", "error")]
    encoding = best.encoding
    label = ENCODING_NAMES.get(encoding, encoding)
    return str(best), encoding, [
        Problem(name, bad_line, "encoding", f"the text is not UTF-8 (first on this line); decoded as {label}: check the page reads right, "
                                            "or save it as UTF-8")
    ]


def _drop_control(match: re.Match) -> str:
    """A control character's replacement: a space for the ones that separate words (``\\x1c``-``\\x1f``, NEL), else nothing."""
    return " " if match.group().isspace() else ""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
