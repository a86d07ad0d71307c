"""Write the site beside the old one, then swap it in: a failed build leaves the last good site.  [I/O]

The folder a build writes into (the stage) is not made from nothing each time: the swap
keeps the site it replaced as a spare (`.<out>.spare`), and the next build brings that
spare up to date and swaps it in. Files of the spare that are the very same file as in
the current site (one inode, hard-linked) are right by construction; any other file is
replaced or removed. So the spare may be in any state at all (an older build, a crashed
one, a hand edit) and the result is still exact, while a rebuild that changed one page
costs a few renames instead of re-creating thousands of folders.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from .swap import beside, recover, set_aside, swap_in
from .tree import entries_under

if TYPE_CHECKING:
    from .render import RenderedFile


@dataclass(frozen=True, slots=True)
class Inventory:
    """What one folder of a site holds: every file with its inode, and every folder."""

    files: dict[str, int]
    folders: frozenset[str]


@dataclass(frozen=True, slots=True)
class Placed:
    """One file put in the stage: the inode it has there, and whether its bytes are new (not linked)."""

    path: str
    inode: int
    new: bool


@dataclass(frozen=True, slots=True)
class Known:
    """What the site and the spare hold, as the last stage of the same process left them.

    Only a build writes either, and the output lock keeps other builds out: so a process
    that builds one output again and again (the dev server) can skip looking at every file
    of both. A stage that was not swapped in leaves the spare unknown, and it is looked at.
    """

    site: Inventory
    spare: Inventory | None


class Stage:
    """The next site, written file by file beside `out` and swapped in whole by `commit`.

    Use it as a context manager: leaving without `commit` (content problems, an exception)
    puts the stage back as the spare and leaves `out` untouched. Files are written as they
    come, so the site is never held in memory; a file whose bytes equal the current
    site's is linked, not written, so that its modification time says when it last changed.
    """

    def __init__(self, out: Path, known: Known | None = None, restore: Mapping[str, Path] | None = None) -> None:
        self.out = out.absolute()
        self.known = known
        # Files of the site as the last build left it that are not in `out` (or not as it left
        # them), by path: where to take them from instead (the build cache's store, checked).
        self.restore = restore or {}
        self.left: Known | None = None  # what the site and the spare hold after `commit`
        self.inodes: dict[str, int] = {}  # file this build put in the stage -> its inode
        self.folder: Path | None = None  # opened on first use: a build that changes nothing touches nothing
        self.had: dict[str, int] = {}  # file in the stage when it was opened -> its inode
        self.folders: set[str] = set()  # folders known to exist in the stage
        self.written: set[str] = set()  # paths this build put in the stage
        self.count = 0  # of those, files with new bytes
        self.replacing = False  # whether there is a site to replace (and compare with)
        self.opened = False

    @property
    def leaves(self) -> Known | None:
        """What the site and the spare hold now, as far as this stage knows: for the next stage of this output."""
        if self.left is not None or self.known is None:
            return self.left
        return Known(self.known.site, None) if self.opened else self.known

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.folder is not None:
            set_aside(self.folder, self.out)
            self.folder = None

    def prepare(self, paths: Iterable[str]) -> None:
        """Ready the stage for files at `paths` that other processes will `put` (forked render workers):
        opened, with their folders made and what the spare had in their way removed, as only this
        process keeps track of those."""
        self._open()
        for path in paths:
            parent = posixpath.dirname(path)
            if (parent and parent not in self.folders) or path in self.folders:
                self._clear(_checked(path))

    def write(self, file: RenderedFile) -> None:
        """Put one file in the stage, replacing what the spare had there."""
        self.placed(self.put(file))

    def put(self, file: RenderedFile) -> Placed:
        """Put one file in the stage; in a forked process, only at a path `prepare` was given.

        Changes nothing this object keeps: what it did comes back, for `placed` in the process that commits.
        """
        self._open()
        path = _checked(file.path)
        live = os.path.join(self.out, path)
        try:
            status = os.stat(live) if self.replacing else None
            unchanged = status is not None and status.st_size == len(file.content) and _read(live) == file.content
        except OSError:
            unchanged = False
        if unchanged and status is not None:
            if self.had.get(path) != status.st_ino:
                return Placed(path, self._link(path, live, status.st_ino), False)
            return Placed(path, status.st_ino, False)
        target = self._clear(path)
        with open(target, "wb") as handle:
            handle.write(file.content)
            return Placed(path, os.fstat(handle.fileno()).st_ino, True)

    def placed(self, placed: Placed) -> None:
        """Record a file `put` in the stage, here or in another process."""
        self.written.add(placed.path)
        self.inodes[placed.path] = placed.inode
        self.count += placed.new

    def read(self, path: str) -> bytes:
        """A file as the next site will have it: from the stage when this build wrote it."""
        if self.folder is not None and path in self.written:
            return _read(os.path.join(self.folder, path))
        return _read(str(self.restore[path]) if path in self.restore else os.path.join(self.out, path))

    def commit(self, keep: Iterable[str]) -> int:
        """Make the stage a copy of `out` for the paths in `keep`, drop everything else, and swap it in.

        Returns the number of files written with new bytes.
        """
        folder = self._open()
        keep = set(keep) - self.written
        site = self.known.site.files if self.known else {}
        for path in sorted(keep):
            live = str(self.restore[path]) if path in self.restore else os.path.join(self.out, _checked(path))
            inode = (None if path in self.restore else site.get(path)) or os.stat(live).st_ino
            # A copy, where a link is not possible, has an inode of its own.
            self.inodes[path] = self._link(path, live, inode) if self.had.get(path) != inode else inode
        for path in sorted(set(self.had) - keep - self.written, reverse=True):
            with suppress(FileNotFoundError):  # e.g. a file under a folder that a file replaced
                os.unlink(os.path.join(folder, path))
                self.folders -= _prune(os.path.dirname(os.path.join(folder, path)), str(folder))
        folder.chmod(0o755)  # made private while it was being written; a web server must read it
        swap_in(folder, self.out)
        self.folder = None
        # The stage is the site now, and the site it replaced the spare.
        self.left = Known(Inventory(self.inodes, frozenset(self.folders)), self.known.site if self.known else None)
        return self.count

    def _open(self) -> Path:
        if self.folder is not None:
            return self.folder
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.opened = True
        names = beside(self.out)
        if os.path.lexists(names.new) or os.path.lexists(names.old):
            self.known = None  # a killed build's leftovers: recover makes one of them the spare
        recover(self.out)
        self.replacing = self.out.is_dir()
        if os.path.isdir(names.spare):  # recover left a real folder or nothing there
            os.rename(names.spare, names.new)  # a crash from here on leaves .new, which recover keeps as the spare
            spare = self.known.spare if self.known else None
            self.had, self.folders = (dict(spare.files), set(spare.folders)) if spare else _inventory(names.new)
        else:
            os.mkdir(names.new, 0o700)
        self.folder = names.new
        return names.new

    def _link(self, path: str, live: str, inode: int | None = None) -> int:
        """Make the stage's `path` the very file `live`, whose inode is `inode` when known (or a copy, where hard
        links are not possible); the inode of what it made."""
        target = self._clear(path)
        try:
            os.link(live, target)
        except OSError:  # a file system without hard links
            shutil.copy2(live, target)
            inode = None
        return inode if inode is not None else os.stat(target).st_ino

    def _clear(self, path: str) -> str:
        """The stage's file name for `path`, with its folder made and nothing in the way."""
        assert self.folder is not None
        parent = posixpath.dirname(path)
        if parent and parent not in self.folders:
            for ancestor in ancestors(parent):
                if ancestor not in self.folders:
                    where = os.path.join(self.folder, ancestor)
                    if os.path.lexists(where) and not os.path.isdir(where):
                        os.unlink(where)  # the spare had a file where this build has a folder
                        self.had.pop(ancestor, None)
                    os.makedirs(where, exist_ok=True)
                    self.folders.add(ancestor)
        target = os.path.join(self.folder, path)
        if path in self.folders:  # the spare had a folder where this build has a file
            shutil.rmtree(target)
            self.had = {name: inode for name, inode in self.had.items() if not name.startswith(path + "/")}
            self.folders = {name for name in self.folders if name != path and not name.startswith(path + "/")}
        if self.had:
            # A spare's file may be the very file (a hard link) of the site being served: its name is
            # removed, never written into. The stage is not live, so nothing needs the old name meanwhile.
            with suppress(FileNotFoundError):
                os.unlink(target)
        return target


def write_site(out: Path, files: Iterable[RenderedFile], keep: Iterable[str] = ()) -> int:
    """Write `files`, keep the unchanged files `keep` of the current `out`, and swap; the files written."""
    with Stage(out) as stage:
        for file in files:
            stage.write(file)
        return stage.commit(keep)


def _checked(path: str) -> str:
    # Slugs are checked long before this; this is the last guard against writing outside.
    normal = posixpath.normpath(path)
    if path != normal or normal.startswith(("/", "../")) or normal in (".", ".."):
        raise ValueError(f"refusing to write outside the output folder: {path}")
    return path


def ancestors(folder: str) -> list[str]:
    """A folder and every folder above it, outermost first: 'drills/x' -> ['drills', 'drills/x']."""
    parts = folder.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]


def _inventory(folder: Path) -> tuple[dict[str, int], set[str]]:
    """The files (with inodes) and folders under `folder`; symbolic links, which no build makes, are removed."""
    files: dict[str, int] = {}
    folders: set[str] = set()
    for path, entry in entries_under(folder):
        if entry.is_symlink():
            os.unlink(entry.path)  # it could lead a write outside the stage
        elif entry.is_dir():
            folders.add(path)
        else:
            files[path] = entry.inode()
    return files, folders


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _prune(folder: str, root: str) -> set[str]:
    """Remove empty folders from `folder` up to `root` (a deleted drill leaves drills/<slug>/ empty); the removed ones."""
    removed = set()
    while folder != root and not os.listdir(folder):
        os.rmdir(folder)
        removed.add(os.path.relpath(folder, root))
        folder = os.path.dirname(folder)
    return removed

