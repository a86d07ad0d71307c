"""Use every core for the heavy stages: validation (Markdown) and rendering.

Work is split into chunks by index and handed to forked processes, which inherit the
inputs instead of receiving them pickled; results come back in input order, so the
output is byte-identical whatever the number of workers. Small sites run in-process:
starting processes costs more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Result = TypeVar("Result")
SMALLEST = 400  # items below which one process is faster (measured: pool start-up is about 30 ms)
_inherited: Any = None  # what forked workers read their inputs from


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_chunks(work: Callable[[Any, int, int], list[Result]], inputs: Any, count: int,
               workers: int) -> list[Result]:
    """`work(inputs, start, stop)` over 0..count in chunks, in order, on up to `workers` processes."""
    if workers <= 1 or count < SMALLEST or "fork" not in multiprocessing.get_all_start_methods():
        return work(inputs, 0, count)
    global _inherited
    _inherited = inputs
    # Forked workers share the parent's memory until they write to it, and the cyclic
    # collector writes to every object it visits: freeze what exists so it leaves them be.
    gc.freeze()
    size = -(-count // (workers * 4))  # a few chunks per worker evens out slow ones
    chunks = [(work, start, min(start + size, count)) for start in range(0, count, size)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_run, chunks))
    finally:
        _inherited = None
        gc.unfreeze()
    return [result for part in parts for result in part]


def _run(chunk: tuple[Callable[[Any, int, int], list[Result]], int, int]) -> list[Result]:
    work, start, stop = chunk
    return work(_inherited, start, stop)
