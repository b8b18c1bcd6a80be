"""The build's caches, each keyed on content hashes so that a stale entry can never be used.

The parse cache keeps a seed's parsed document under a hash of everything it came
from: a seed is parsed again only when its bytes, its sidecar's bytes or the
builder's own code change. Entries are pickles of the stage's frozen dataclasses,
written atomically (a temporary file renamed into place); a broken entry is a miss.

The unit caches (``UnitCache``: ``export.json`` for the export stage, ``render.json``
for the render stage) record, for each unit of a stage's work, the hash of its
inputs and the files it wrote: a unit whose inputs and files are unchanged is not
done again (``run_units``).

A stage memo (``Memo``: ``people.pickle``, ``annotate.pickle``, ``search.pickle``,
``feeds.pickle``) keeps what a stage worked out for each document under a hash of
everything it was worked out from, so that a rebuild reads it back instead of working
it out again; only the entries a build used are kept for the next. A stage that changes
documents keeps the changes it made, and a rebuild applies them again (``replayed``).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from .parallel import fork_map, workers

if TYPE_CHECKING:
    from .docs_folder import DocsFolder

PACKAGE = Path(__file__).resolve().parent
# Bump when an entry's shape changes in a way the code hash would not show.
FORMAT = b"stenogram-parse-cache-1"
# Fewer seeds to parse than this are parsed in this process: starting workers costs more.
PARALLEL_FROM = 16
Task = TypeVar("Task")
Doc = TypeVar("Doc")


@cache
def code_version() -> str:
    """A hash of the builder's source and data files: a new builder invalidates every entry."""
    digest = hashlib.sha256(FORMAT)
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yml", ".txt", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def seed_key(path: Path, sidecar: Path | None = None) -> str:
    """The cache key of one seed: its name, bytes and sidecar, and the builder's code."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(os.fsencode(path.name) + b"\0" + path.read_bytes())
    if sidecar is not None and sidecar.exists():
        digest.update(b"\0sidecar\0" + sidecar.read_bytes())
    return digest.hexdigest()


class ParseCache:
    """Parsed seeds on disk under ``folder``; ``None`` as folder turns the cache off."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _entry(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        if self.folder is None:
            return None
        try:
            return pickle.loads(self._entry(key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None

    def put(self, key: str, value) -> None:
        self.write(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def write(self, key: str, data: bytes) -> None:
        """``data``, an entry already pickled, under ``key``."""
        if self.folder is None:
            return
        entry = self._entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}")
        temporary.write_bytes(data)
        temporary.replace(entry)

    def prune(self, keep: set[str]) -> None:
        """Drop the entries no current seed uses, so the cache does not grow without end."""
        if self.folder is None or not self.folder.exists():
            return
        for entry in self.folder.glob("*/*.pickle"):
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)


class UnitCache:
    """What each unit of a stage's work (a document's downloads, its page, a page of a person's record) wrote last build.

    An entry is the unit's key (a hash of all its inputs, made by the stage: see
    ``content_hash``) and the files it wrote, each with its size and modification
    time. ``hit`` trusts an entry only if the key is the same and every file is
    still exactly as the build left it; anything else (a file edited, removed or
    replaced) is a miss. The record is saved only once the build's files are in
    place, atomically; ``None`` as its path turns the cache off.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.last: dict[str, list] = {}
        self.kept: dict[str, list] = {}  # units whose entry of last build still holds
        self.done: dict[str, tuple[str, list[str]]] = {}  # units done this build: key, files
        if path is not None:
            try:
                self.last = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                self.last = {}

    def hit(self, unit: str, key: str, folder: Path) -> list[str] | None:
        """The files ``unit`` wrote last build, if its key and files are unchanged; else ``None``."""
        entry = self.last.get(unit)
        if not entry or entry[0] != key:
            return None
        for path, size, mtime in entry[1]:
            try:
                stat = (folder / path).stat()
            except OSError:
                return None
            if stat.st_size != size or stat.st_mtime_ns != mtime:
                return None
        self.kept[unit] = entry
        return [path for path, _, _ in entry[1]]

    def record(self, unit: str, key: str, paths: list[str]) -> None:
        """``unit`` was done under ``key`` into ``paths`` (their sizes and times are read by ``save``)."""
        self.done[unit] = (key, paths)

    def save(self, folder: Path) -> None:
        """Write the record of this build, once its files are in place in ``folder``."""
        if self.path is None:
            return
        now = dict(self.kept)
        for unit, (key, paths) in self.done.items():
            stats = [(folder / p).stat() for p in paths]
            now[unit] = [key, [[p, s.st_size, s.st_mtime_ns] for p, s in zip(paths, stats, strict=True)]]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        partial.write_text(json.dumps(now, sort_keys=True), "utf-8")
        partial.replace(self.path)


class Memo:
    """What a corpus-wide stage worked out per document last build, by key (a hash of all it came from).

    One pickle file, read whole when made and written by ``save``, atomically, with
    only the entries this build used or added; ``None`` as its path turns it off (every
    ``get`` a miss). A broken file is an empty memo.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.last: dict[str, object] = {}
        self.now: dict[str, object] = {}
        if path is not None:
            try:
                self.last = pickle.loads(path.read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                self.last = {}

    def get(self, key: str):
        """The value kept under ``key`` (``None``: none), kept for the next build too."""
        value = self.last.get(key)
        if value is not None:
            self.now[key] = value
        return value

    def put(self, key: str, value) -> None:
        self.now[key] = value

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        partial.write_bytes(pickle.dumps(self.now, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(self.path)


class Changes(Protocol[Doc]):
    """What a stage did to one document, as plain values (``people.resolve.Resolved``, ``annotate.anchor.Anchored``)."""

    @classmethod
    def of(cls, before: Doc, after: Doc, problems: list) -> Changes[Doc]: ...

    def apply(self, doc: Doc) -> tuple[Doc, list]: ...


def replayed(memo: Memo, keys: Sequence[str], documents: Sequence[Doc], stage: Callable[[Doc], tuple[Doc, list]],
             kind: type[Changes[Doc]], jobs: int | None = None) -> list[tuple[Doc, list]]:
    """``stage(doc)`` for every document, in order: the document it gives and its problems.

    A document whose changes (of ``kind``) ``memo`` keeps under its key (``keys``, in the same
    order) gets them applied again; the others are done, and their changes kept there for the
    next build: in this process with one job, else on ``jobs`` forked processes
    (``parallel.fork_map``: a stage that only reads what it closes over), whose changes come
    back and are applied here, as a replay's are."""
    changes: list = [memo.get(key) for key in keys]
    todo = [i for i, kept in enumerate(changes) if not isinstance(kept, kind)]
    done: dict[int, tuple[Doc, list]] = {}
    if workers(jobs) == 1:
        for i in todo:
            done[i] = stage(documents[i])
            changes[i] = kind.of(documents[i], *done[i])
    else:
        def work(i: int) -> Changes[Doc]:
            return kind.of(documents[i], *stage(documents[i]))

        for i, made in zip(todo, fork_map(work, todo, jobs), strict=True):
            changes[i] = made
    for i in todo:
        memo.put(keys[i], changes[i])
    return [done[i] if i in done else change.apply(doc) for i, (change, doc) in enumerate(zip(changes, documents, strict=True))]


def keyed(*parts: str) -> str:
    """One key from several (hashes, names): the SHA-256 of them, each ended by a NUL."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def run_units(units: UnitCache, tasks: dict[str, Task], keys: dict[str, str], work: Callable[[Task], list[str]],
              folder: DocsFolder, jobs: int | None = None) -> None:
    """``work(task)`` for every unit (by name, in order) whose entry in ``units`` does not hold, on ``jobs`` processes.

    ``work`` puts the unit's files into ``folder`` and returns their paths; the files
    of a unit not done again are kept as they are.
    """
    todo: list[str] = []
    for unit in tasks:
        kept = units.hit(unit, keys[unit], folder.docs_dir)
        if kept is None:
            todo.append(unit)
        else:
            folder.keep(kept)
    for unit, paths in zip(todo, fork_map(work, [tasks[u] for u in todo], jobs), strict=True):
        folder.keep(paths)
        units.record(unit, keys[unit], paths)


def content_hash(value: object) -> str:
    """A unit's key: the hash of ``repr(value)``. The model's frozen dataclasses of strings,
    numbers and tuples print every field, in order, so equal inputs give equal keys."""
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def folder_digest(folder: Path) -> str:
    """A hash of every file under ``folder``, names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_all(paths: list[Path], read_one, cache: ParseCache, jobs: int | None = None) -> tuple[list, dict[str, float], list[str]]:
    """``read_one(path)`` for every path, in order: from the cache where it can, else in parallel; and each path's key.

    ``read_one`` returns ``(result, timings)`` and must be a module-level function
    (it runs in worker processes). Results come back in ``paths`` order whatever the
    order the workers finish in, so the build never depends on scheduling. A path's
    key (``seed_key``) stands for everything its result came from: the later stages'
    memos are keyed on it.
    """
    from concurrent.futures import ProcessPoolExecutor

    keys = [seed_key(p, p.with_name(p.name + ".yml")) for p in paths]
    results: list = [cache.get(k) for k in keys]
    missing = [i for i, r in enumerate(results) if r is None]
    timings: dict[str, float] = {}
    count = workers(jobs)
    forked = count > 1 and len(missing) >= PARALLEL_FROM
    if forked:
        chunk = max(1, len(missing) // (count * 8))
        with ProcessPoolExecutor(count) as pool:
            done = pool.map(partial(_read_and_keep, read_one, cache), [(paths[i], keys[i]) for i in missing], chunksize=chunk)
            fresh = [(pickle.loads(data), spent) for data, spent in done]
    else:
        fresh = [read_one(paths[i]) for i in missing]
    for i, (result, spent) in zip(missing, fresh, strict=True):
        results[i] = result
        if not forked:
            cache.put(keys[i], result)
        for stage, seconds in spent.items():
            timings[stage] = timings.get(stage, 0.0) + seconds
    cache.prune(set(keys))
    return results, timings, keys


def _read_and_keep(read_one, cache: ParseCache, item: tuple[Path, str]) -> tuple[bytes, dict[str, float]]:
    """``read_one`` in a worker, for ``read_all``: its result pickled once, kept in ``cache`` under the item's key and sent back
    as those bytes (pickling it again to keep it cost the parent, the build's busiest process while the workers read, a tenth of
    the read stage)."""
    path, key = item
    result, spent = read_one(path)
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    cache.write(key, data)
    return data, spent
