"""The docs folder MkDocs reads, written so that only what changed is touched.

The export, search and render stages each ``put`` their files into one
``DocsFolder``; the pipeline calls ``finish`` once, at the end. A file is staged
beside the docs folder only when its bytes differ from the one in place (by
whichever process made it), and ``finish`` moves the staged files in and removes
every generated file not written this build. An unchanged file keeps its
timestamp, so MkDocs' dirty build can skip its page; a build interrupted before
``finish`` leaves the docs folder as it was; and no file is held in memory longer
than it takes to compare it.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

# What the build owns inside the docs folder; everything else there (a maintainer's own pages) is left alone.
GENERATED = ("index.md", "documents", "people", "topics", "data", "sources", "data.md", "assets", "glossary.md", "research.md",
             "search", "feeds")


def inside(folder: Path, path: str) -> Path:
    """``folder / path``, refusing any path (from an id, a slug, a name) that would leave ``folder``."""
    target = (folder / path).resolve()
    if Path(path).is_absolute() or not target.is_relative_to(folder.resolve()):
        raise ValueError(f"refusing to write {path!r}: it would leave the output folder")
    return folder / path


class DocsFolder:
    """The generated part of the docs folder (``GENERATED``), by path from its root.

    ``put`` may run in a worker process: it returns the path, and the process
    that made the folder ``keep``s it (a file is removed by ``finish`` unless it
    was put, or kept, this build). ``keep`` also takes the files of work not
    done again because they are unchanged (see ``cache.UnitCache``).
    """

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir
        self.staging = docs_dir.parent / f".{docs_dir.name}.staging"
        self.written: set[str] = set()
        shutil.rmtree(self.staging, ignore_errors=True)  # what an interrupted build staged

    def put(self, path: str, content: str | bytes) -> str:
        """Stage ``content`` at ``path`` if it differs from the file in place; ``path``."""
        target = inside(self.docs_dir, path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.written.add(path)
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return path
        except OSError:
            pass
        staged = self.staging / path
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        return path

    def put_all(self, files: Mapping[str, str | bytes]) -> None:
        for path, content in files.items():
            self.put(path, content)

    def put_folder(self, path: str, source: Path) -> None:
        """Every file under ``source``, at the same place under ``path``."""
        for file in sorted(p for p in source.rglob("*") if p.is_file()):
            self.put(f"{path}/{file.relative_to(source).as_posix()}", file.read_bytes())

    def keep(self, paths: Iterable[str]) -> None:
        """``paths`` were written this build (by a worker), or are still as this build would write them."""
        self.written.update(paths)

    def current(self, path: str) -> Path:
        """Where the file written this build for ``path`` is now: staged if it changed, else in place."""
        staged = self.staging / path
        return staged if staged.exists() else self.docs_dir / path

    def put_made(self, path: str, make: Callable[[BinaryIO], None]) -> None:
        """``path``, the file ``make`` writes into the binary file it is handed, staged only if its bytes changed.

        Made on disk beside the docs folder, not in memory: the corpus-level files of
        a large archive are hundreds of megabytes.
        """
        made = self.staging / f".{Path(path).name}.making"
        staged = self.staging / path
        made.parent.mkdir(parents=True, exist_ok=True)
        with made.open("wb") as out:
            make(out)
        target = inside(self.docs_dir, path)
        if target.exists() and filecmp.cmp(made, target, shallow=False):
            made.unlink()
        else:
            staged.parent.mkdir(parents=True, exist_ok=True)
            made.replace(staged)
        self.written.add(path)

    def finish(self) -> None:
        """Move the staged files in, and remove every generated file not written this build."""
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        if self.staging.exists():
            for staged in sorted(p for p in self.staging.rglob("*") if p.is_file()):
                target = self.docs_dir / staged.relative_to(self.staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                staged.replace(target)
            shutil.rmtree(self.staging)
        for name in GENERATED:
            entry = self.docs_dir / name
            if entry.is_file() and name not in self.written:
                entry.unlink()
            elif entry.is_dir():  # os.walk, not pathlib: a large archive's docs folder holds some 50,000 files
                for root, folders, names in os.walk(entry, topdown=False):  # a folder after what it holds
                    here = Path(root).relative_to(self.docs_dir).as_posix()
                    for old in names + [f for f in folders if os.path.islink(os.path.join(root, f))]:
                        if f"{here}/{old}" not in self.written:
                            os.unlink(os.path.join(root, old))
                    for folder in folders:
                        path = os.path.join(root, folder)
                        if not os.path.islink(path) and not os.listdir(path):
                            os.rmdir(path)


def write_made(target: Path, make: Callable[[BinaryIO], None]) -> None:
    """The file ``make`` writes, at ``target`` outside the docs folder (the release folder), replaced whole and only if it changed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    made = target.with_name(f".{target.name}.making")
    with made.open("wb") as out:
        make(out)
    if target.exists() and filecmp.cmp(made, target, shallow=False):
        made.unlink()
    else:
        made.replace(target)
