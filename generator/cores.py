"""Independent pieces of work spread over the machine's cores (checking files, rendering pages).

Worker processes are forked, so they inherit everything already in memory (the Site, the
taxonomy, the Jinja environment): only the items go to them and only the results come back.
Below `least` items, or on one core, the work is done here: starting processes would cost more.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8
_task: list[Callable] = []  # the function the forked workers run (a closure cannot be pickled)


def _run_share(share: list) -> list:
    return [_task[0](item) for item in share]


def cores() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def map_on_cores(function: Callable[[T], R], items: Sequence[T], least: int = 200) -> list[R]:
    """[function(item) for item in items], on every core when there are many items (same order)."""
    workers = cores()
    if len(items) < least or workers < 2 or _task:  # _task: already inside a worker
        return [function(item) for item in items]
    # Small interleaved shares: neighbouring items often cost alike (pages of one type), so each
    # share gets a mix, and a slow share evens out against the rest.
    count = max(workers * 8, len(items) // 200)
    shares = [list(range(start, len(items), count)) for start in range(count)]
    _task.append(lambda index: function(items[index]))
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            done = list(pool.map(_run_share, shares))
    finally:
        _task.clear()
    results: list = [None] * len(items)
    for share, found in zip(shares, done):
        for index, result in zip(share, found):
            results[index] = result
    return results
