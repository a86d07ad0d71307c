"""The bytes of a content file -> its text, with one kind of line end, and what is wrong in its characters."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .errors import Location, Problem

MAX_LINE = 10_000  # characters in one line; a long Markdown paragraph on one line has a few thousand
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based (line, column) of character `index` in `text`: lines end at '\\n' only."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def decode_text(raw: bytes, shown: PurePosixPath) -> tuple[str, tuple[Problem, ...]]:
    """The text of a file, with lines ending in '\\n' alone, and what is wrong in its characters."""
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
    # Windows line ends, and old Mac ones ('\\r' alone): every later stage counts '\\n' only.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        line, column = position(text, control.start())
        problems.append(Problem(Location(shown, line, column),
                                f"invisible control character U+{ord(control.group()):04X} in the text",
                                "delete it; retype the text around it if you cannot see where it is"))
        text = _CONTROL.sub("\ufffd", text)  # still parsed, so the file's other mistakes show too
    if len(text) > MAX_LINE:
        for number, line_text in enumerate(text.split("\n"), start=1):
            if len(line_text) > MAX_LINE:
                problems.append(Problem(Location(shown, number, MAX_LINE + 1),
                                        f"line is {len(line_text):,} characters long; the limit is {MAX_LINE:,}",
                                        "break it into shorter lines"))
    return text, tuple(problems)
