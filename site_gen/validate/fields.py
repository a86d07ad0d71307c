"""Read typed fields out of a YAML mapping, collecting a problem for each mistake."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import Location, Problem, did_you_mean
from ..model import Dose, Term
from ..parse import YamlDoc

_DOSE = re.compile(r"(?P<amount>\d+)\s*(?P<unit>[^\d]*?)\s*")
# Every spelling a contributor might use, and the one the site shows.
UNITS: dict[str, str] = {
    "reps": "reps", "rep": "reps", "repetitions": "reps",
    "per side": "per side", "each side": "per side", "a side": "per side",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
}
TIME_UNITS = ("s", "min")
DOSE_FORM = "write '<number> <unit>' with a unit of reps, per side, s, min or m, e.g. '10 reps' or '30 s'"
MISSING = object()


class FieldReader:
    """One mapping's fields: each reader returns a value or a stand-in, and records what is wrong."""

    def __init__(self, doc: YamlDoc, base: tuple[str | int, ...], known: Mapping[str, str],
                 problems: list[Problem]) -> None:
        # `known` maps every allowed field to an example, used in "missing field" hints.
        self.doc, self.base, self.known, self.problems = doc, base, known, problems
        self.values: Mapping[str, Any] = {}
        value = _get(doc.value, base)
        self.is_mapping = isinstance(value, dict)
        if isinstance(value, dict):
            self.values = value
            self._unknown_fields()
        else:
            self.problems.append(Problem(doc.at(*base), "expected fields ('name: value' lines) here",
                                         f"start with e.g. '{_first_example(known)}'"))

    def at(self, name: str) -> Location:
        return self.doc.at(*self.base, name)

    def _unknown_fields(self) -> None:
        for name in self.values:
            if name not in self.known:
                self.problems.append(Problem(self.doc.key_at(*self.base, name), f"unknown field '{name}'",
                                             did_you_mean(name, self.known, "fields")))

    def raw(self, name: str, required: bool = True) -> Any:
        """The value as written, or MISSING (with a problem when it is required)."""
        value = self.values.get(name, MISSING)
        if value is None:
            self.problems.append(Problem(self.at(name), f"'{name}' is empty", f"write '{name}: {self.known[name]}'"))
            return MISSING
        if value is MISSING:
            if required and self.is_mapping:
                self.problems.append(Problem(self.doc.at(*self.base), f"missing required field '{name}'",
                                             f"add '{name}: {self.known[name]}'"))
            return MISSING
        return value

    def _wrong(self, name: str, expected: str, value: Any) -> None:
        self.problems.append(Problem(self.at(name), f"'{name}' must be {expected}, not {_describe(value)}",
                                     f"write '{name}: {self.known[name]}'"))

    def text(self, name: str, required: bool = True, default: str = "", max_length: int = 0) -> str:
        value = self.raw(name, required)
        if value is MISSING:
            return default
        if not isinstance(value, str) or not value.strip():
            self._wrong(name, "text", value)
            return default
        if max_length and len(value) > max_length:
            self.problems.append(Problem(self.at(name), f"'{name}' is {len(value)} characters; the limit is {max_length}",
                                         "shorten it: it has to fit on a printed card"))
        return value.strip()

    def integer(self, name: str, required: bool = True, default: int = 0) -> int:
        value = self.raw(name, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self._wrong(name, "a whole number", value)
            return default
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.raw(name)
        if value is MISSING:
            return ()
        if not isinstance(value, list) or not value:
            self._wrong(name, "a list of one or more lines", value)
            return ()
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problems.append(Problem(self.doc.at(*self.base, name, index),
                                             f"each item of '{name}' must be text, not {_describe(item)}"))
        return tuple(item.strip() for item in value if isinstance(item, str))

    def word(self, name: str, vocabulary: tuple[Term, ...] | None, what: str) -> str:
        value = self.raw(name)
        if value is MISSING:
            return ""
        if not isinstance(value, str):
            self._wrong(name, f"one {what}", value)
            return ""
        return self._check_word(value, self.at(name), vocabulary, what)

    def words(self, name: str, vocabulary: tuple[Term, ...] | None, what: str,
              single_allowed: bool = False, empty_allowed: bool = False) -> tuple[str, ...]:
        """A list of vocabulary words; with `single_allowed`, one bare word counts as a list of one."""
        value = self.raw(name)
        if value is MISSING:
            return ()
        if single_allowed and isinstance(value, str):
            return (self._check_word(value, self.at(name), vocabulary, what),)
        if not isinstance(value, list) or (not value and not empty_allowed):
            self._wrong(name, f"a list of {what}s", value)
            return ()
        result: dict[str, None] = {}  # a dict, not a list: a long list must not be searched for each item
        for index, item in enumerate(value):
            at = self.doc.at(*self.base, name, index)
            if not isinstance(item, str):
                self.problems.append(Problem(at, f"each item of '{name}' must be one {what}, not {_describe(item)}"))
            elif item in result:
                self.problems.append(Problem(at, f"'{item}' is listed twice in '{name}'", "remove one of them"))
            else:
                result[self._check_word(item, at, vocabulary, what)] = None
        return tuple(result)

    def _check_word(self, word: str, at: Location, vocabulary: tuple[Term, ...] | None, what: str) -> str:
        # vocabulary None: site.yaml itself is broken, so membership cannot be judged.
        if vocabulary is None:
            return word
        slugs = _slugs(vocabulary)
        if word not in slugs:
            self.problems.append(Problem(at, f"unknown {what} '{word}'",
                                         did_you_mean(word, slugs, f"{what}s") + f" (the {what}s are listed in site.yaml)"))
        return word

    def dose(self, name: str, required: bool = True) -> Dose | None:
        value = self.raw(name, required)
        if value is MISSING:
            return None
        dose, message, hint = parse_dose(value)
        if message:
            self.problems.append(Problem(self.at(name), f"{name} {message}", hint or DOSE_FORM))
        return dose

    def duration(self, name: str, required: bool = True) -> int | None:
        """Seconds, from '90 s' or '2 min'."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        dose, message, hint = parse_dose(value)
        if dose and dose.seconds is None:
            message, hint = f"'{value}' is not a time", ""
        if message or dose is None:
            self.problems.append(Problem(self.at(name), f"{name} {message}",
                                         hint or f"write e.g. '{name}: 90 s' or '{name}: 2 min'"))
            return None
        return dose.seconds


def parse_dose(value: Any) -> tuple[Dose | None, str, str]:
    """A Dose from '20 per side', or why it is not one and, when we can tell, how to fix it."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, f"must be text like '10 reps', not {_describe(value)}", ""
    text = str(value).strip()
    match = _DOSE.fullmatch(text)
    if not match:
        return None, f"'{text}' is not a number followed by a unit", ""
    amount, unit = int(match["amount"]), " ".join(match["unit"].lower().split())
    if not unit:
        return None, f"'{text}' has no unit", ""
    if unit not in UNITS:
        close = did_you_mean(unit, UNITS, "units")
        return None, f"'{text}' has an unknown unit '{unit}'", (close if close.startswith("did") else "")
    if amount == 0:
        return None, f"'{text}' is zero", ""
    return Dose(amount, UNITS[unit]), "", ""  # type: ignore[arg-type]


def _get(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "a set of fields"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return f"text ('{value}')" if value else "empty text"


def _first_example(known: Mapping[str, str]) -> str:
    name = next(iter(known))
    return f"{name}: {known[name]}"


_SLUGS: dict[int, tuple[tuple[Term, ...], dict[str, None]]] = {}


def _slugs(vocabulary: tuple[Term, ...]) -> dict[str, None]:
    """The slugs of a vocabulary, gathered once for it, not once per word checked against it."""
    # Keyed on identity (the entry keeps the tuple alive, so its id is not reused): hashing
    # a long vocabulary for every word would cost what the lookup saves.
    cached = _SLUGS.get(id(vocabulary))
    if cached is None or cached[0] is not vocabulary:
        if len(_SLUGS) >= 16:
            _SLUGS.clear()
        cached = _SLUGS[id(vocabulary)] = (vocabulary, dict.fromkeys(term.slug for term in vocabulary))
    return cached[1]
