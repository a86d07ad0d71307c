"""The one policy for Python's cyclic garbage collector during a build: paused, and frozen only to fork.

A build makes hundreds of thousands of objects (sources, models, the state the next build
starts from) and keeps nearly all of them until it ends, and they hold no reference
cycles: the collector's passes over them find nothing to free, yet cost a large part of
an edit-rebuild on a big site. So every build (`build`, `check` and each rebuild of the
preview) runs with the collector paused, and nothing else touches it, except for the
worker processes of a build: see `frozen`. Reference counting frees everything as usual.

Nothing is frozen for longer than a pool of workers lives: a frozen object is never
collected, so freezing after every rebuild of a long-lived preview would keep each
rebuild's cyclic garbage for the whole session; and thawing is global, so a freeze held
elsewhere would be undone by the first pool.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block; nesting is fine."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """Every object that exists now is left alone by the collector until the block ends.

    For forked workers: they share the parent's memory until they write to it, and the
    collector writes to every object it visits (its reference counts and links), which
    would copy the parent's whole heap into each worker.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
