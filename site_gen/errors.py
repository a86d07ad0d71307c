"""Content problems as data: where, what, and how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a content file; `path` is relative to the content folder's parent."""

    path: PurePosixPath
    line: int  # 1-based, in the whole file (front matter offset included)
    column: int = 0  # 1-based; 0 when unknown

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    at: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.at}: {self.message}" + (f"\n  hint: {self.hint}" if self.hint else "")


def did_you_mean(word: str, known: Iterable[str], what: str = "") -> str:
    """A hint naming the closest known word, or listing the choices when none is close."""
    choices = sorted(known)
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not choices:
        return ""
    listed = ", ".join(choices) if len(choices) <= 12 else ", ".join(choices[:12]) + ", ..."
    return f"known {what or 'words'}: {listed}"


def format_text(problems: Iterable[Problem]) -> str:
    """All problems, sorted by place, then a count line."""
    ordered = sorted(problems)
    noun = "error" if len(ordered) == 1 else "errors"
    return "\n".join([*(str(p) for p in ordered), f"{len(ordered)} {noun}"])


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands, so a pull request shows each error on its line."""
    lines = []
    for problem in sorted(problems):
        where = f"file={_escape_property(str(problem.at.path))},line={problem.at.line}"
        if problem.at.column:
            where += f",col={problem.at.column}"
        text = problem.message + (f"\nhint: {problem.hint}" if problem.hint else "")
        lines.append(f"::error {where}::{_escape_data(text)}")
    return "\n".join(lines)
