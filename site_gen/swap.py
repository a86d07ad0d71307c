"""Swap a finished stage in for the output in one step, and mend what a killed build left.  [I/O]

Beside the output `out` a build keeps folders of fixed names only: `.<out>.new` (the stage
being written), `.<out>.spare` (the site it replaced, the next build's stage) and, where
the swap takes two renames, `.<out>.old`. Leftovers are found by these exact names, never
by a pattern: an output called `*` must not match anybody else's folders.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

AT_FDCWD = -100  # <fcntl.h>: paths relative to the working folder
RENAME_EXCHANGE = 2  # <linux/fs.h>: swap two names in one step
# The kernel, the file system or the C library may lack it: then two renames are used.
UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


@dataclass(frozen=True, slots=True)
class Beside:
    """The folders a build keeps beside `out`, by exact name."""

    new: Path
    spare: Path
    old: Path


def beside(out: Path) -> Beside:
    """The stage, spare and old-site names that belong to `out`."""
    return Beside(*(out.with_name(f".{out.name}.{suffix}") for suffix in ("new", "spare", "old")))


def _load_renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library older than glibc 2.28
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_renameat2 = _load_renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap the two names in one atomic step; False when the system cannot, and nothing moved."""
    if _renameat2 is None:
        return False
    if _renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in UNSUPPORTED:
        return False
    raise OSError(number, os.strerror(number), str(first), None, str(second))


def swap_in(stage: Path, out: Path) -> None:
    """Make `stage` the output; the site it replaces becomes the spare."""
    if not os.path.lexists(out):
        os.rename(stage, out)
        return
    if exchange(stage, out):  # `out` is never missing, not even for an instant
        set_aside(stage, out)
        return
    old = beside(out).old
    remove(old)
    os.rename(out, old)
    os.rename(stage, out)  # between these two renames `out` is briefly missing: recover mends a crash there
    set_aside(old, out)


def set_aside(folder: Path, out: Path) -> None:
    """Keep `folder` (a stage in any state, or the last site) as the spare, or drop it when there is one."""
    if os.path.lexists(beside(out).spare):
        remove(folder)
    else:
        os.rename(folder, beside(out).spare)


def recover(out: Path) -> None:
    """Put back the site if a build was killed between two renames; keep or drop the other leftovers."""
    names = beside(out)
    if os.path.lexists(names.spare) and not _real_folder(names.spare):
        remove(names.spare)
    if not os.path.lexists(out) and _real_folder(names.old):
        os.rename(names.old, out)
    for leftover in (names.old, names.new):
        if _real_folder(leftover):
            set_aside(leftover, out)  # whatever state a killed build left it in, the next stage puts it right
        else:
            remove(leftover)


def remove(path: Path) -> None:
    """Delete `path` if it is there: a folder with its contents; a link or file, never what it leads to."""
    if _real_folder(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def _real_folder(path: Path) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)
