"""Walk the content folder (sorted) and read every file as text.  [I/O]"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from stat import S_ISLNK
from typing import Literal

from .errors import Location, Problem

Kind = Literal["site", "drill", "routine", "page"]

MAX_BYTES = 256 * 1024  # a drill is a few KB; anything this large is a mistake or an attack
FOLDERS: dict[str, tuple[Kind, tuple[str, ...]]] = {
    "drills": ("drill", (".md",)),
    "routines": ("routine", (".yaml", ".yml")),
    "pages": ("page", (".md",)),
}
SITE_FILE = "site.yaml"


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: PurePosixPath  # as shown to the contributor, e.g. content/drills/leg-swings.md
    kind: Kind
    slug: str  # the file name without its extension, as written
    text: str


def is_ignored(name: str) -> bool:
    """Hidden files, editor swap and backup files: never content."""
    return (
        name.startswith((".", "#", "~"))
        or name.endswith(("~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"))
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
    if not root.is_dir():
        at = Location(shown_as, 1)
        return (), (Problem(at, "content folder not found", "pass the folder with --content DIR"),)
    real_root = root.resolve()
    for entry in sorted(os.listdir(root)):
        if is_ignored(entry):
            continue
        path = root / entry
        shown = shown_as / entry
        if path.is_symlink() and not path.resolve().is_relative_to(real_root):
            problems.append(_outside(Location(shown, 1), path))
        elif entry == SITE_FILE:
            _read_cached(path, shown, "site", real_root, cache, files, problems)
        elif entry in FOLDERS and path.is_dir():
            kind, suffixes = FOLDERS[entry]
            for file, relative in _walk(path):
                rel_shown = PurePosixPath(f"{shown}/{relative}")
                if file.suffix in suffixes or file.is_symlink():
                    _read_cached(file, rel_shown, kind, real_root, cache, files, problems)
                else:
                    expected = " or ".join(suffixes)
                    problems.append(Problem(Location(rel_shown, 1), f"not a {kind} file: a {kind} file ends in {expected}",
                                            f"rename it to {file.stem}{suffixes[0]}, or move it out of {shown}/"))
        else:
            known = ", ".join([SITE_FILE, *(f"{name}/" for name in FOLDERS)])
            problems.append(Problem(Location(shown, 1), "not part of the content model", f"content/ holds only {known}"))
    if not any(f.kind == "site" for f in files) and not any(p.at.path == shown_as / SITE_FILE for p in problems):
        problems.append(Problem(Location(shown_as / SITE_FILE, 1), "site.yaml is missing",
                                "every content folder needs site.yaml with the title and vocabularies"))
    return tuple(files), tuple(problems)


def _walk(folder: Path) -> list[tuple[Path, str]]:
    """Every file under `folder` (and every symlinked folder), sorted, with its path relative to `folder`."""
    # Sorted: the same content must give the same output whatever the file system's order.
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        found.extend(os.path.join(dirpath, name) for name in filenames if not is_ignored(name))
        # A symlinked folder is not walked by os.walk; report it like a file so it is checked.
        found.extend(os.path.join(dirpath, d) for d in dirnames if os.path.islink(os.path.join(dirpath, d)))
    start = len(str(folder)) + 1
    return [(Path(path), path[start:].replace(os.sep, "/"))
            for path in sorted(found, key=lambda path: path.split(os.sep))]  # in Path's order


def _read_cached(path: Path, shown: PurePosixPath, kind: Kind, real_root: Path, cache: ReadCache,
                 files: list[SourceFile], problems: list[Problem]) -> None:
    try:
        status: os.stat_result | None = os.lstat(path)
    except OSError:  # deleted while we walk: _read says so
        status = None
    key = (status.st_mtime_ns, status.st_size, status.st_ino) if status else (0, 0, 0)
    if status is None or S_ISLNK(status.st_mode):
        status = None  # a symlink is followed, and checked, every time
    if path not in cache or cache[path][0] != key or status is None:
        cache[path] = (key, *_read(path, shown, kind, real_root, status))
    _, file, found = cache[path]
    if file:
        files.append(file)
    problems.extend(found)


def _read(path: Path, shown: PurePosixPath, kind: Kind, real_root: Path,
          status: os.stat_result | None = None) -> tuple[SourceFile | None, tuple[Problem, ...]]:
    """One file, read and decoded; `status` is its lstat when it is known to be a plain file."""
    at = Location(shown, 1)
    if status is None and path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(real_root):
            return None, (_outside(at, path),)
        if not target.is_file():
            return None, (Problem(at, "symlink does not point to a file", "replace it with the file itself"),)
    try:
        size = (status or path.stat()).st_size
        raw = path.read_bytes() if size <= MAX_BYTES else b""
    except FileNotFoundError:  # deleted between the walk and the read: it is simply gone
        return None, ()
    if size > MAX_BYTES:
        return None, (Problem(at, f"file is {size // 1024} KB; the limit is {MAX_BYTES // 1024} KB",
                              "split it, or remove what does not belong in a drill, routine or page"),)
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless; some Windows editors add one
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(Problem(Location(shown, line, column), f"file is not UTF-8 (byte 0x{raw[error.start]:02x})",
                                "save the file as UTF-8 in your editor"))
        # Keep the file, readable in part, so that links to it do not all turn into errors too.
        text = raw.decode("utf-8", errors="replace")
    slug = path.stem if kind != "site" else "site"
    return SourceFile(shown, kind, slug, text.replace("\r\n", "\n")), tuple(problems)


def _outside(at: Location, path: Path) -> Problem:
    return Problem(at, f"symlink points outside the content folder (to {path.resolve()})",
                   "copy the file into content/ instead of linking to it")


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
