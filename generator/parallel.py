"""Independent pieces of work spread over the machine's cores (checking files, rendering pages,
writing pages from shells).

Worker processes are forked, so they inherit everything already in memory (the Site, the
taxonomy, the Jinja environment): only the items' positions go to them and only the results come
back. This process does a share itself meanwhile, so on two cores half the results never need to
be pickled at all. Below `least` items, or on one core, everything is done here: starting a
process would cost more.

Nothing is forked while this process runs another thread: a forked child inherits every lock as it
was at the fork, held by threads it does not have, and can hang on one (Python 3.12 warns about such
forks). The build starts no thread (the search index is fed without one, assemble/search_index.py);
`mkdocs serve`, whose server and file watchers are threads, does its few pages per edit here.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8
_task: list[Callable] = []  # the function the forked workers run (a closure cannot be pickled)
_in_worker = False  # set in the forked workers


def _start_worker() -> None:
    global _in_worker
    _in_worker = True
    # Ctrl-C reaches every process of the terminal's group: the parent stops the work and says so
    # in one line; a worker must not print its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_share(share: list[int]) -> list:
    return [_task[0](index) for index in share]


def cores() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def parallel_map(function: Callable[[T], R], items: Sequence[T], least: int = 200) -> list[R]:
    """[function(item) for item in items], on every core when there are many items (same order)."""
    workers = cores()
    # small, one core, already a worker, or another thread running (which includes the pool's own
    # thread while this process does its share: a map inside a map runs here)
    if len(items) < least or workers < 2 or _in_worker or threading.active_count() > 1:
        return [function(item) for item in items]
    return _map(function, items, workers)


def _map(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    # Interleaved shares: neighbouring items often cost alike (pages of one type), so every share
    # gets a mix. This process takes every workers-th item; the others go out in small shares,
    # so that a slow one evens out against the rest.
    own = list(range(0, len(items), workers))
    rest = [index for index in range(len(items)) if index % workers]
    count = max((workers - 1) * 8, len(rest) // 200)
    shares = [rest[start::count] for start in range(count)]
    _task.append(lambda index: function(items[index]))
    results: list = [None] * len(items)
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker) as pool:
            pending = pool.map(_run_share, shares)  # forks the workers, then starts the pool's thread
            for index in own:
                results[index] = function(items[index])
            for share, found in zip(shares, pending):
                for index, result in zip(share, found):
                    results[index] = result
    finally:
        _task.clear()
    return results
