"""The corpus-level files: every document's JSON in one JSON Lines file, every turn in one CSV, every TEI file in one zip.

Each is made by a writer (``Writer``) that streams it into a binary file, so that
a large archive's files never sit whole in memory, and each is made from the
documents' own downloads already written this build (``parts``: where a download
is now, by its path from the site's root). Where they go is the export stage's
choice: the release folder for the served site, the docs folder for the offline
copy (``builder/addresses.py``). The bytes depend only on the documents: gzip
headers with no name and no time, zip entries in id order with one fixed time.
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import zipfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..addresses import DOCUMENTS_FILE, TEI_ARCHIVE, TURNS_FILE, downloads
from ..model import Document, Person
from .files import GZIP_LEVEL

# What makes one corpus-level file: writes it into the binary file it is handed.
Writer = Callable[[BinaryIO], None]
# Columns of turns.csv, one row per turn of the corpus.
TURN_COLUMNS = ("document", "date", "turn", "speaker", "speaker_name", "role", "words", "text")
# How a turn's paragraphs are joined in turns.csv's ``text``.
PARAGRAPH_JOIN = "\n"
# The time of every entry of the TEI zip, so that its bytes do not depend on when it was made.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
# The folder the TEI zip unpacks into.
TEI_FOLDER = "tei"


def corpus_writers(documents: Sequence[Document], people: dict[str, Person], parts: Callable[[str], Path]) -> dict[str, Writer]:
    """The writer of each corpus-level file, by name (``addresses.CORPUS_FILES``).

    ``parts`` gives where a document's download (by its path from the site's root) was written this build.
    """
    by_id = sorted(documents, key=lambda d: d.id)
    json_parts = [parts(downloads(d)["JSON"]) for d in by_id]
    tei_parts = [(d.id, parts(downloads(d)["TEI"])) for d in by_id if "TEI" in downloads(d)]
    return {DOCUMENTS_FILE: partial(join_gzip, json_parts), TURNS_FILE: partial(write_turns, by_id, people),
            TEI_ARCHIVE: partial(zip_tei, tei_parts)}


def join_gzip(parts: Sequence[Path], out: BinaryIO) -> None:
    """One gzip stream of the texts of the gzip files ``parts``, one after the other.

    One stream compresses better than the parts' own members put end to end (about a
    quarter smaller for documents' JSON); its header holds no name and no time.
    """
    with gzip.GzipFile(filename="", mode="wb", compresslevel=GZIP_LEVEL, fileobj=out, mtime=0) as joined:
        for part in parts:
            with gzip.open(part, "rb") as f:
                shutil.copyfileobj(f, joined)


def write_turns(documents: Sequence[Document], people: dict[str, Person], out: BinaryIO) -> None:
    """Every turn of the corpus as gzip-compressed CSV (RFC 4180 quoting; paragraphs joined by a line break), by document id."""
    with gzip.GzipFile(filename="", mode="wb", compresslevel=GZIP_LEVEL, fileobj=out, mtime=0) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(TURN_COLUMNS)
        for doc in documents:
            for turn in doc.turns:
                said = PARAGRAPH_JOIN.join(p.text for p in turn.paragraphs)
                name = people[turn.speaker].name if turn.speaker in people else (turn.name or "")
                writer.writerow((doc.id, doc.date or "", turn.number, turn.speaker or "", name, turn.role or "", len(said.split()), said))
        text.flush()
        text.detach()


def zip_tei(parts: Sequence[tuple[str, Path]], out: BinaryIO) -> None:
    """Every transcript's TEI (``parts``: document id and its ``.xml.gz``) as ``tei/<id>.xml`` in one zip, in id order."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=GZIP_LEVEL) as zf:
        for doc_id, part in sorted(parts):
            entry = zipfile.ZipInfo(f"{TEI_FOLDER}/{doc_id}.xml", ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zf.writestr(entry, gzip.decompress(part.read_bytes()))
