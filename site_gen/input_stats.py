"""The inputs as the file system describes them, without reading them: a build with nothing to do stops here.  [I/O]

Every file's path and status (lstat) under the content, templates and assets folders:
modification and change times in nanoseconds, size, inode and mode. The build cache keeps
their digest, and each file's status beside what was read, as taken before the last good
build read its inputs, so that an edit made while that build ran is news to the next one;
the same digest now means no input was touched since, and the files whose status changed
are all a build after an edit reads (quick.py). A change time cannot be set back (`touch -d` and checkouts set the
modification time only), and a fresh checkout has new inodes: there the digest differs,
and the inputs are read and compared by content, as they always are. A symbolic link's
status says nothing of its target, so a folder holding one gives no digest at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .digest import digest
from .load import is_ignored
from .tree import entries_under

# Each input by folder and path ("0 drills/leg-swings.md": 0 the content, 1 the templates, 2 the
# assets) -> its status, "mtime ctime size inode mode": what a build after an edit compares.
Listing = Mapping[str, str]


def input_stats(content: Path, folders: Iterable[Path]) -> dict[str, str] | None:
    """Every input file's status by folder and path, or None when status alone cannot vouch for them.

    `content` is read as loading reads it, without the files it skips (editor files);
    every file of the other `folders` (templates, assets) counts.
    """
    listing = {}
    for number, folder in enumerate((content, *folders)):
        try:
            found = sorted(entries_under(folder))
        except OSError:  # a folder missing or unreadable: the build says what is wrong
            return None
        for path, entry in found:
            if number == 0 and any(is_ignored(name) for name in path.split("/")):
                continue
            if entry.is_symlink():
                return None
            if entry.is_dir(follow_symlinks=False):
                continue
            status = entry.stat(follow_symlinks=False)
            listing[f"{number} {path}"] = (f"{status.st_mtime_ns} {status.st_ctime_ns} {status.st_size} "
                                           f"{status.st_ino} {status.st_mode}")
    return listing


def stats_digest(listing: Listing | None) -> str:
    """One digest of the listing, as the stamp keeps it; "" for none."""
    return "" if listing is None else digest(*(f"{key} {status}" for key, status in listing.items()))
