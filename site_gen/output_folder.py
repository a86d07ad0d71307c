"""Which folder a build may replace, the mark that proves a build wrote it, and one build at a time.  [I/O]

A build replaces its output folder whole, so it must be sure the folder is its own: every
build writes `MARK`, a list of the files it wrote. A folder without the mark, or holding a
file the mark does not list, is someone's work and is refused, never moved aside or deleted.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from .tree import entries_under

if TYPE_CHECKING:
    from .render import RenderedFile

MARK = ".stride-prep-build"  # a dot-file: most hosts leave it unlisted, and it says nothing that is not public
MARK_HEADER = "# Stride Prep build: build.py wrote every file listed below and replaces this folder whole."
SHOWN_FOREIGN = 3  # foreign files named in the refusal; the rest are counted


def build_mark(paths: Iterable[str]) -> RenderedFile:
    """The mark a build leaves in its output: the sorted list of every file it wrote."""
    from .render import RenderedFile  # here: the output's checks, made before any build, need no Jinja

    listing = "".join(f"{path}\n" for path in sorted(set(paths) - {MARK}))
    return RenderedFile(f"/{MARK}", MARK, f"{MARK_HEADER}\n{listing}".encode())


def misplaced_output(out: Path, replaced: Iterable[tuple[str, Path]], enclosing: Iterable[tuple[str, Path]]) -> str:
    """Why `out` is no place for a build, from its place alone, or "" when there is none.

    `replaced`: folders the output must not swallow; `enclosing`: folders it must not sit in
    either, because a build reads them (a site inside the content is read back as content).
    """
    real_out = os.path.realpath(out)  # never raises, even on a symbolic link loop
    for name, folder in replaced:
        real = os.path.realpath(folder)
        if _within(real, real_out):
            return f"the output folder {out} would replace {name} {folder}; choose a folder of its own, e.g. _site"
    for name, folder in enclosing:
        if _within(real_out, os.path.realpath(folder)):
            return (f"the output folder {out} is inside {name} {folder}, which the build reads; "
                    "choose a folder outside it, e.g. _site")
    if os.path.islink(out):
        return f"the output folder {out} is a symbolic link; give the folder it leads to, or another folder"
    if os.path.lexists(out) and not os.path.isdir(out):
        return f"the output folder {out} is a file"
    ancestor = Path(out).absolute().parent
    while not os.path.lexists(ancestor):
        ancestor = ancestor.parent
    if not os.path.isdir(ancestor):
        return f"the output folder {out} cannot be made: {ancestor} is a file"
    return ""


def foreign_output(out: Path) -> str:
    """Why `out` holds work that no build wrote, or "" when it is empty, absent or entirely a build's."""
    if not os.path.isdir(out):
        return ""
    with os.scandir(out) as entries:
        if not any(True for _ in entries):
            return ""
    listed = _listed(out / MARK)
    if listed is None:
        return f"the output folder {out} holds files that no build wrote (no {MARK}); empty it or choose another folder"
    foreign = [path for path in _files(out) if path not in listed and path != MARK]
    if not foreign:
        return ""
    named = ", ".join(foreign[:SHOWN_FOREIGN]) + (f" and {len(foreign) - SHOWN_FOREIGN} more"
                                                   if len(foreign) > SHOWN_FOREIGN else "")
    return (f"the output folder {out} holds files that no build wrote ({named}); "
            "move them out of it, or choose another folder")


@contextmanager
def output_lock(out: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the lock on `out` for the block; call `waiting` once if another build holds it first.

    The lock file sits beside the output (`.<out>.lock`) and is removed on release. A
    waiter may have opened a file that the holder has just removed: it then locks a file
    nobody else sees, so after locking it checks the file is still the one at that name.
    """
    path = out.absolute().with_name(f".{out.absolute().name}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    told = False
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not told:
                    waiting()
                    told = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            if _same_file(handle, path):
                break
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
    try:
        yield
    finally:
        with suppress(FileNotFoundError):  # e.g. `make clean` ran meanwhile
            os.unlink(path)  # while still holding it: a waiter then sees it is gone and opens a new one
        os.close(handle)


def _same_file(handle: int, path: Path) -> bool:
    try:
        named = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(handle)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _listed(mark: Path) -> set[str] | None:
    """The files a build's mark lists, or None when `mark` is not a build's mark."""
    if os.path.islink(mark) or not mark.is_file():
        return None
    with open(mark, "rb") as handle:
        text = handle.read().decode("utf-8", errors="replace")
    header, _, listing = text.partition("\n")
    return set(listing.splitlines()) if header == MARK_HEADER else None


def _files(folder: Path) -> list[str]:
    """Every entry under `folder` that is not a folder (symbolic links included, never followed), sorted."""
    return sorted(path for path, entry in entries_under(folder) if not entry.is_dir(follow_symlinks=False))


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath((path, folder)) == folder
