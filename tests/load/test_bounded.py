"""A bounded read: what the file holds, and one byte past the limit for a file over it, however its size was seen."""

from __future__ import annotations

import io

import pytest

from site_gen.bounded import read_bounded


@pytest.mark.parametrize(("content", "seen", "expected"), [
    (b"abc", 3, b"abc"),
    (b"abcdef", 3, b"abcdef"),  # grew after its stat, within the limit: all of it
    (b"a" * 20, 3, b"a" * 11),  # grew past the limit: one byte more than allowed, so it is refused
    (b"a" * 20, 20, b"a" * 11),  # over the limit as seen
    (b"a" * 10, 10, b"a" * 10),  # at the limit: allowed
    (b"ab", 9, b"ab"),  # shrank
    (b"", 0, b""),
])
def test_a_bounded_read_returns_the_file_up_to_one_byte_past_the_limit(content: bytes, seen: int,
                                                                         expected: bytes) -> None:
    assert read_bounded(io.BytesIO(content), seen, limit=10) == expected
