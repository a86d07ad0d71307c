"""Reading a file refused past a size limit, without allocating the limit for every file."""

from __future__ import annotations

from typing import BinaryIO


def read_bounded(handle: BinaryIO, size: int, limit: int) -> bytes:
    """The file's bytes, at most `limit` + 1 of them (one more than allowed tells a file past it).

    `size` is its size as last seen (a stat): reading that much and one byte more costs what the
    file holds, where asking for `limit` + 1 would allocate the limit each time (256 KB for a
    drill of a few). A file that grew since is read on to the limit.
    """
    wanted = min(size, limit) + 1
    content = handle.read(wanted)
    if len(content) == wanted and wanted <= limit:
        content += handle.read(limit + 1 - wanted)
    return content
