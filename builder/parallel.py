"""Work spread over every core: ``fork_map`` runs a function over items in forked workers.

The workers are forked, so they inherit everything the function closes over (the
parsed corpus, the Jinja2 environment) without copying it through pickles; only
the items going in and the results coming back are pickled. Results come back in
the order of the items, whatever order the workers finish in, so the output never
depends on scheduling.

Before forking, the objects that exist are frozen out of the garbage collector
(``gc.freeze``): a worker's collections would otherwise walk the whole inherited
corpus and write to every page of it, turning memory shared with the parent into
a private copy in each worker. Reading an object still writes its reference count,
so the pages a worker reads become its own as it goes: each worker is replaced by a
fresh fork after ``RECYCLE`` chunks of items, which gives that memory back (at 10,000
documents, the build's peak fell from 3.6 to 2.9 GB).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

RECYCLE = 2  # chunks a worker takes before a fresh fork replaces it (each worker gets about 8)
# The function the forked workers call (set just before the fork, cleared after).
_function: Callable | None = None


def workers(jobs: int | None) -> int:
    """The number of processes to use: ``jobs`` if given, else one per core."""
    return max(1, jobs or os.cpu_count() or 1)


def fork_map(function: Callable[[Item], Result], items: Sequence[Item], jobs: int | None = None,
             minimum: int = 64, fresh: bool = False) -> list[Result]:
    """``[function(item) for item in items]``, on ``jobs`` forked processes when there are at least ``minimum`` items.

    Fewer items than ``minimum`` (or one job, or a platform without ``fork``) run
    in this process: starting workers would cost more than it saves. With ``fresh``,
    every item gets a process of its own (for work that leaves much memory behind).
    """
    count = workers(jobs)
    if count == 1 or len(items) < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    global _function
    _function = function
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count, maxtasksperchild=1 if fresh else RECYCLE) as pool:
            return pool.map(_call, items, chunksize=1 if fresh else max(1, len(items) // (count * 8)))
    finally:
        _function = None
        gc.unfreeze()


def _call(item):
    assert _function is not None
    return _function(item)
