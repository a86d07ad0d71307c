"""Pausing Python's cyclic garbage collector while a build makes objects it need not look at."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block; nesting is fine.

    A build makes hundreds of thousands of objects (sources, models, the cached state) and
    keeps nearly all of them until it ends, and they hold no reference cycles: the collector's
    passes over them find nothing to free and cost a tenth of an edit-rebuild at 4,000 drills.
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
