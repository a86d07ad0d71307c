"""Walk the content folder (sorted) and read every file: as text, and images as bytes.  [I/O]"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from .bounded import read_bounded
from .digest import file_digest
from .errors import Location, Problem
from .text import decode_text

Kind = Literal["site", "drill", "routine", "page", "image"]

# Limits on what content/ may hold (docs/promises.md, "Limits"): each is far above what the guide needs.
MAX_BYTES = 256 * 1024  # a drill is a few KB; anything this large is a mistake or an attack
MAX_FILES = 20_000  # content files; the largest guide benchmarked has 16,000 drills
# A photo straight from a phone is a few MB: read up to this and one byte more, never the rest
# of a larger file; the image stage refuses it where a page shows it (site_gen/images).
MAX_IMAGE_BYTES = 8 * 1024 * 1024
# Invisible, and refused by YAML or XML: C0 controls but tab and newline, DEL, C1 but U+0085.
_NOT_REGULAR = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device",
                stat.S_IFBLK: "a device", stat.S_IFDIR: "a folder"}
FOLDERS: dict[str, tuple[Kind, tuple[str, ...]]] = {
    "drills": ("drill", (".md",)),
    "routines": ("routine", (".yaml", ".yml")),
    "pages": ("page", (".md",)),
    "images": ("image", ()),  # any name: its type is read from its bytes, where a page shows it
}
SITE_FILE = "site.yaml"


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: PurePosixPath  # as shown to the contributor, e.g. content/drills/leg-swings.md
    kind: Kind
    slug: str  # the file name without its extension, as written
    # For an image, the SHA-256 of its bytes in hex: every digest of the sources (the build
    # cache's stamp, page fingerprints) then covers images too.
    text: str
    # False when the file could not be read (the loader says why): its slug still exists, so
    # links to it are not reported as unknown too.
    readable: bool = True
    content: bytes = b""  # an image's bytes, as read: at most MAX_IMAGE_BYTES + 1


# What editors and tools write beside a file while saving it: `sed -i` (sedXXXXXX), Vim's
# check that a folder is writable (4913), JetBrains' safe write, Kate's and Chrome's swap files.
_SAVING = re.compile(r"sed[A-Za-z0-9]{6}|4913|.*___jb_(?:tmp|old)___|.*\.(?:kate-swp|crswap|part)")


def is_ignored(name: str) -> bool:
    """Hidden files, editor swap, backup and save-in-progress files: never content."""
    return (
        name.startswith((".", "#", "~"))
        or name.endswith(("~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"))
        or _SAVING.fullmatch(name) is not None
    )


# What a file was read as, by path, with the stat it was read at: the dev server keeps one
# between rebuilds so that an edit re-reads one file, not the whole guide.
ReadCache = dict[Path, tuple[tuple[int, int, int], SourceFile | None, tuple[Problem, ...]]]


def load_sources(root: Path, shown_as: PurePosixPath,
                 cache: ReadCache | None = None) -> tuple[tuple[SourceFile, ...], tuple[Problem, ...]]:
    """Every content file under `root`, sorted by path, and the problems reading them.

    With a `cache`, a file whose size, inode and modification time are unchanged is not read again.
    """
    cache = {} if cache is None else cache
    files: list[SourceFile] = []
    problems: list[Problem] = []
    at = Location(shown_as, 1)
    try:
        entries = sorted(os.listdir(root))
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            return (), (Problem(at, "content folder not found", "pass the folder with --content DIR"),)
        return (), (_unreadable(at, error, "folder"),)
    real_root = Path(os.path.realpath(root))
    # Every file is found before any is read: too many is refused before reading a single one.
    found: list[tuple[Path, PurePosixPath, Kind]] = []
    count = 0  # every file, content or not: a million stray files would be a million problems
    for entry in (entry for entry in entries if not is_ignored(entry)):
        count += _find(root / entry, shown_as / entry, real_root, found, problems)
    if count > MAX_FILES:
        return (), (Problem(at, f"the content folder holds {count:,} files; the limit is {MAX_FILES:,}",
                            "split the guide, or remove what is not content"),)
    for path, shown, kind in found:
        _read_cached(path, shown, kind, real_root, cache, files, problems)
    if not any(f.kind == "site" for f in files) and not any(p.at.path == shown_as / SITE_FILE for p in problems):
        problems.append(Problem(Location(shown_as / SITE_FILE, 1), "site.yaml is missing",
                                "every content folder needs site.yaml with the title and vocabularies"))
    return tuple(files), tuple(problems)


def _find(path: Path, shown: PurePosixPath, real_root: Path, found: list[tuple[Path, PurePosixPath, Kind]],
          problems: list[Problem]) -> int:
    """Sort one entry of the content folder into `found` or `problems`; how many files it holds."""
    entry = path.name
    if path.is_symlink() and not _inside(path, real_root):
        problems.append(_outside(Location(shown, 1), path))
    elif path.is_symlink() and _is_loop(path):
        problems.append(_unreadable(Location(shown, 1), OSError(errno.ELOOP, "loop"), "file"))
    elif entry == SITE_FILE:
        found.append((path, shown, "site"))
    elif entry in FOLDERS and path.is_dir():
        kind, suffixes = FOLDERS[entry]
        walked = _walk(path, shown, problems)
        for file, relative in walked:
            rel_shown = PurePosixPath(f"{shown}/{relative}")
            if not suffixes or file.suffix in suffixes or file.is_symlink():
                found.append((file, rel_shown, kind))
            else:
                expected = " or ".join(suffixes)
                problems.append(Problem(Location(rel_shown, 1), f"not a {kind} file: a {kind} file ends in {expected}",
                                        f"rename it to {file.stem}{suffixes[0]}, or move it out of {shown}/"))
        return len(walked)
    else:
        known = ", ".join([SITE_FILE, *(f"{name}/" for name in FOLDERS)])
        problems.append(Problem(Location(shown, 1), "not part of the content model", f"content/ holds only {known}"))
    return 1


def _walk(folder: Path, shown: PurePosixPath, problems: list[Problem]) -> list[tuple[Path, str]]:
    """Every file under `folder` (and every symlinked folder), sorted, with its path relative to `folder`.

    A subfolder that cannot be listed is a problem: skipped in silence, its drills would vanish.
    """
    # Sorted: the same content must give the same output whatever the file system's order.
    found: list[str] = []
    start = len(str(folder)) + 1

    def unlisted(error: OSError) -> None:
        relative = str(error.filename)[start:].replace(os.sep, "/")
        problems.append(_unreadable(Location(PurePosixPath(f"{shown}/{relative}" if relative else shown), 1),
                                    error, "folder"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unlisted, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        found.extend(os.path.join(dirpath, name) for name in filenames if not is_ignored(name))
        # A symlinked folder is not walked by os.walk; report it like a file so it is checked.
        found.extend(os.path.join(dirpath, d) for d in dirnames if os.path.islink(os.path.join(dirpath, d)))
    return [(Path(path), path[start:].replace(os.sep, "/"))
            for path in sorted(found, key=lambda path: path.split(os.sep))]  # in Path's order


def _read_cached(path: Path, shown: PurePosixPath, kind: Kind, real_root: Path, cache: ReadCache,
                 files: list[SourceFile], problems: list[Problem]) -> None:
    try:
        status: os.stat_result | None = os.lstat(path)
    except OSError:  # deleted while we walk: _read says so
        status = None
    key = (status.st_mtime_ns, status.st_size, status.st_ino) if status else (0, 0, 0)
    if status is None or stat.S_ISLNK(status.st_mode):
        status = None  # a symlink is followed, and checked, every time
    if path not in cache or cache[path][0] != key or status is None:
        cache[path] = (key, *_read(path, shown, kind, real_root, status))
    _, file, found = cache[path]
    if file:
        files.append(file)
    problems.extend(found)


def _read(path: Path, shown: PurePosixPath, kind: Kind, real_root: Path,
          status: os.stat_result | None = None) -> tuple[SourceFile | None, tuple[Problem, ...]]:
    """One file, read and decoded; `status` is its lstat when it is known to be no symlink."""
    at = Location(shown, 1)
    slug = path.stem if kind != "site" else "site"
    # A file that exists but cannot be read still has its slug: only its own problem is reported.
    unread = SourceFile(shown, kind, slug, "", readable=False)
    try:
        if status is None:  # a symlink: follow it, and check where it leads
            if not _inside(path, real_root):
                return unread, (_outside(at, path),)
            status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):  # reading a named pipe would wait for a writer forever
            return unread, (_not_regular(path, at, status),)
        if status.st_size > MAX_BYTES and kind != "image":  # an image past its limit is refused where it is shown
            return unread, (_too_large(at, status.st_size),)
        with open(path, "rb") as handle:
            # Up to a byte past the limit: a file that grew since its stat is still caught
            raw = read_bounded(handle, status.st_size, MAX_IMAGE_BYTES if kind == "image" else MAX_BYTES)
    except FileNotFoundError:
        if os.path.islink(path):
            return unread, (Problem(at, "symlink does not point to a file (its target is missing)",
                                    "replace it with the file itself"),)
        return None, ()  # deleted between the walk and the read: it is simply gone
    except OSError as error:
        if error.errno not in (errno.ELOOP, errno.EACCES, errno.EPERM):
            raise  # the disk, not the content: let it show
        return unread, (_unreadable(at, error, "file"),)
    return _source_file(shown, kind, slug, raw)


def _source_file(shown: PurePosixPath, kind: Kind, slug: str, raw: bytes) -> tuple[SourceFile, tuple[Problem, ...]]:
    """The file read as `raw`: text decoded, or an image's bytes."""
    if kind == "image":
        return SourceFile(shown, kind, slug, file_digest(raw), content=raw), ()
    if len(raw) > MAX_BYTES:
        return SourceFile(shown, kind, slug, "", readable=False), (_too_large(Location(shown, 1), len(raw)),)
    text, problems = decode_text(raw, shown)
    return SourceFile(shown, kind, slug, text), problems


def _not_regular(path: Path, at: Location, status: os.stat_result) -> Problem:
    what = _NOT_REGULAR.get(stat.S_IFMT(status.st_mode), "not a plain file")
    if path.is_symlink():
        return Problem(at, f"symlink does not point to a file (it points to {what})", "replace it with the file itself")
    return Problem(at, f"not a regular file: it is {what}", "content files are plain text files; remove it")


def _inside(path: Path, real_root: Path) -> bool:
    # realpath, unlike Path.resolve, gives up on a symlink loop without raising; stat then says "loop".
    return Path(os.path.realpath(path)).is_relative_to(real_root)


def _is_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _outside(at: Location, path: Path) -> Problem:
    return Problem(at, f"symlink points outside the content folder (to {os.path.realpath(path)})",
                   "copy the file into content/ instead of linking to it")


def _too_large(at: Location, size: int) -> Problem:
    return Problem(at, f"file is {size // 1024} KB; the limit is {MAX_BYTES // 1024} KB",
                   "split it, or remove what does not belong in a drill, routine or page")


def _unreadable(at: Location, error: OSError, what: Literal["file", "folder"]) -> Problem:
    if error.errno == errno.ELOOP:
        return Problem(at, "symlink loop: following it leads back to itself", "replace the symlink with the file itself")
    if error.errno not in (errno.EACCES, errno.EPERM):
        return Problem(at, f"{what} cannot be read: {error.strerror}", "")
    mode = "a+r" if what == "file" else "a+rx"
    return Problem(at, f"{what} cannot be read: permission denied",
                   f"make it readable by whoever runs the build (chmod {mode})")


def read_source(root: Path, shown_as: PurePosixPath, relative: str) -> tuple[SourceFile | None, tuple[Problem, ...]]:
    """The one content file at `relative` ('drills/x.md'), read as load_sources reads it."""
    top = relative.split("/", 1)[0]
    kind: Kind = "site" if relative == SITE_FILE else FOLDERS[top][0]
    path = root / relative
    try:
        status: os.stat_result | None = os.lstat(path)
    except OSError:
        status = None
    if status is not None and stat.S_ISLNK(status.st_mode):
        status = None  # a symlink is followed, and checked
    return _read(path, shown_as / relative, kind, Path(os.path.realpath(root)), status)


def reload_sources(root: Path, shown_as: PurePosixPath, previous: tuple[SourceFile, ...],
                   previous_problems: tuple[Problem, ...], changed: Iterable[Path],
                   cache: ReadCache) -> tuple[tuple[SourceFile, ...], tuple[Problem, ...]] | None:
    """`previous` with only the `changed` files read again, or None when the folder itself changed.

    An edit to existing files is the common case in the dev server; anything else (a file
    added, removed or renamed, a folder, a file outside content/) needs the full walk.
    """
    shown_of = {}
    for path in changed:
        try:
            relative = path.relative_to(root)
        except ValueError:
            continue  # a template or asset: not content
        shown_of[shown_as / relative.as_posix()] = path
    known = {file.path: index for index, file in enumerate(previous)}
    if not all(shown in known and path.is_file() and not path.is_symlink() for shown, path in shown_of.items()):
        return None
    files, problems = list(previous), [p for p in previous_problems if p.at.path not in shown_of]
    real_root = root.resolve()
    for shown, path in shown_of.items():
        cache.pop(path, None)
        found: list[SourceFile] = []
        _read_cached(path, shown, previous[known[shown]].kind, real_root, cache, found, problems)
        if not found:
            return None  # unreadable now: let the full walk say why, in its usual words
        files[known[shown]] = found[0]
    return tuple(files), tuple(problems)
