"""Walk a folder the build owns, never following a symbolic link.  [I/O]"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def entries_under(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under `folder`, with its path relative to it; folders are entered, links never."""
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(folder, relative)) as entries:
            for entry in entries:
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                yield path, entry
