"""Use every core for the heavy stages: validation (Markdown) and rendering.

Work is split into chunks by index and handed to forked processes, which inherit the
inputs instead of receiving them pickled; results come back in input order, so the
output is byte-identical whatever the number of workers. Small sites run in-process:
starting processes costs more than it saves.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from . import collector

if TYPE_CHECKING:  # imported where a pool is started: a build with nothing to do starts none
    from concurrent.futures import Future

Result = TypeVar("Result")
SMALLEST = 400  # items below which one process is faster: pool start-up costs more (benchmarks/README.md)
_inherited: Any = None  # what forked workers read their inputs from
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>: the signal a process gets when the thread that forked it ends


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_chunks(work: Callable[[Any, int, int], list[Result]], inputs: Any, count: int,
               workers: int) -> list[Result]:
    """`work(inputs, start, stop)` over 0..count in chunks, in order, on up to `workers` processes."""
    return list(stream_chunks(work, inputs, count, workers))


def stream_chunks(work: Callable[[Any, int, int], list[Result]], inputs: Any, count: int, workers: int,
                  largest: int | None = None) -> Iterator[Result]:
    """Like map_chunks, but results are handed on as their chunk is done, in order.

    With `largest`, no chunk is longer: the caller then never holds more than a few
    chunks' results at a time (a big site's rendered pages do not fit in memory at once).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    forking = workers > 1 and count >= SMALLEST and "fork" in multiprocessing.get_all_start_methods()
    size = -(-count // (workers * 4)) if forking else count  # a few chunks per worker evens out slow ones
    size = max(1, min(size, largest or size))
    chunks = [(work, start, min(start + size, count)) for start in range(0, count, size)]
    if not forking:
        for _, start, stop in chunks:
            yield from work(inputs, start, stop)
        return
    global _inherited
    _inherited = inputs
    _release_freed_memory()  # before forking too: each worker would start with the parent's freed pages resident
    try:
        with collector.frozen(), ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                                     initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            # A few chunks ahead of the one being handed on, not all of them: results the
            # caller has not taken yet wait in memory.
            ahead: deque[Future[list[Result]]] = deque()
            for chunk in chunks:
                ahead.append(pool.submit(_run, chunk))
                if len(ahead) > workers * 2:
                    yield from ahead.popleft().result()
                    _release_freed_memory()
            while ahead:
                yield from ahead.popleft().result()
                _release_freed_memory()
    finally:
        _inherited = None


def _release_freed_memory() -> None:
    """Give the freed parts of the heap back to the system, where a process has let go of a chunk's results.

    A chunk's results (rendered pages of some KB each) are freed once handed on, but between
    the objects that stay (a digest, a link resolved), so glibc's heap keeps their pages, and a
    preview server would hold them for its whole session (docs/performance.md, "Memory").
    """
    _heap_trim()()


@cache
def _heap_trim() -> Callable[[], object]:
    """glibc's malloc_trim(0), looked up once (forked workers inherit it); without glibc (macOS, musl), nothing."""
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    trim.argtypes, trim.restype = (ctypes.c_size_t,), ctypes.c_int
    return lambda: trim(0)


def _run(chunk: tuple[Callable[[Any, int, int], list[Result]], int, int]) -> list[Result]:
    _release_freed_memory()  # in a worker: the last chunk's results, sent and freed
    work, start, stop = chunk
    return work(_inherited, start, stop)


def _die_with_parent(parent: int) -> None:
    """In a worker: be killed when the build is, rather than live on as an orphan."""
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the build died before the line above: nobody would send the signal
        os._exit(1)
