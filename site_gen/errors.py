"""Content problems as data: where, what, and how to fix it."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

# Past this many known names (as many as a hint lists), a hint weighs only the names one
# edit away from the word: weighing every name for every unknown word grows with both.
FULL_SEARCH_LIMIT = 12
CANDIDATE_LIMIT = 50  # names weighed for one word, at most, even when many are one edit away
WORD_LIMIT = 100  # letters of a word weighed: past them no name is close, and every variant would cost


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a content file; `path` is relative to the content folder's parent."""

    path: PurePosixPath
    line: int  # 1-based, in the whole file (front matter offset included)
    column: int = 0  # 1-based; 0 when unknown

    def __str__(self) -> str:
        where = f"{printable(str(self.path))}:{self.line}" + (f":{self.column}" if self.column else "")
        # A report line that starts with "::" is a workflow command to GitHub Actions.
        return f"./{where}" if where.startswith("::") else where


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    at: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """One line, and a hint line when there is a hint: a value from content cannot add lines."""
        return f"{self.at}: {printable(self.message)}" + (f"\n  hint: {printable(self.hint)}" if self.hint else "")


def printable(text: str) -> str:
    """`text` with every line break, control and format character written as an escape, e.g. '\\n'.

    Content values reach the terminal in messages; a raw newline would forge a report line,
    an escape sequence would drive the terminal, a bidi override would reorder what it shows.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: _index hands out one per set of names
class _Index:
    choices: tuple[str, ...]  # sorted
    near: dict[str, tuple[str, ...]]  # each name and each of it less one letter -> the names it came from


def did_you_mean(word: str, known: Iterable[str], what: str = "") -> str:
    """A hint naming the closest known word, or listing the choices when none is close."""
    return _hint(word[:WORD_LIMIT].lower(), _index(tuple(known)), what)


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word `word` most likely misspells, or None when none is close."""
    return _closest(word[:WORD_LIMIT].lower(), _index(tuple(known)))


# Memoised: a file may name the same unknown word many times, and every file asks with the same names.
@lru_cache(maxsize=4096)
def _closest(word: str, index: _Index) -> str | None:
    candidates: Sequence[str]
    if len(index.choices) <= FULL_SEARCH_LIMIT:
        candidates = index.choices
    else:
        near = {name for variant in _deletions(word) for name in index.near.get(variant, ())}
        candidates = sorted(near, key=lambda name: (abs(len(name) - len(word)), name))[:CANDIDATE_LIMIT]
    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


@lru_cache(maxsize=4096)
def _hint(word: str, index: _Index, what: str) -> str:
    close = _closest(word, index)
    if close:
        return f"did you mean '{close}'?"
    if not index.choices:
        return ""
    listed = ", ".join(index.choices[:12]) + (", ..." if len(index.choices) > 12 else "")
    return f"known {what or 'words'}: {listed}"


@lru_cache(maxsize=16)
def _index(known: tuple[str, ...]) -> _Index:
    choices = tuple(sorted(set(known)))
    near: dict[str, list[str]] = defaultdict(list)
    if len(choices) > FULL_SEARCH_LIMIT:
        for name in (name for name in choices if len(name) <= WORD_LIMIT):
            for variant in _deletions(name.lower()):
                near[variant].append(name)
    return _Index(choices, {variant: tuple(names) for variant, names in near.items()})


def _deletions(word: str) -> set[str]:
    # Two words one edit apart (a letter added, dropped, changed or two swapped) share one of these.
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


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
        where = f"file={_escape_property(printable(str(problem.at.path)))},line={problem.at.line}"
        if problem.at.column:
            where += f",col={problem.at.column}"
        text = printable(problem.message) + (f"\nhint: {printable(problem.hint)}" if problem.hint else "")
        lines.append(f"::error {where}::{_escape_data(text)}")
    return "\n".join(lines)
