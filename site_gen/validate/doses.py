"""A dose as contributors write it ('20 per side', '90 s') -> Dose, or why it is not one."""

from __future__ import annotations

import re
from typing import Any

from ..errors import did_you_mean
from ..model import Dose
from ..parse import MAX_DIGITS, number_message

_DOSE = re.compile(r"(?P<amount>\d+)\s*(?P<unit>[^\d]*?)\s*")
# Every spelling a contributor might use, and the one the site shows.
UNITS: dict[str, str] = {
    "reps": "reps", "rep": "reps", "repetitions": "reps",
    "per side": "per side", "each side": "per side", "a side": "per side",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
}
DOSE_FORM = "write '<number> <unit>' with a unit of reps, per side, s, min or m, e.g. '10 reps' or '30 s'"


def parse_dose(value: Any) -> tuple[Dose | None, str, str]:
    """A Dose from '20 per side', or why it is not one and, when we can tell, how to fix it."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, f"must be text like '10 reps', not {describe(value)}", ""
    text = str(value).strip()
    match = _DOSE.fullmatch(text)
    if not match:
        return None, f"'{text}' is not a number followed by a unit", ""
    if len(match["amount"]) > MAX_DIGITS:  # past 4,300 digits, int() itself would raise
        return None, number_message(match["amount"]), "write a smaller number"
    amount, unit = int(match["amount"]), " ".join(match["unit"].lower().split())
    if not unit:
        return None, f"'{text}' has no unit", ""
    if unit not in UNITS:
        close = did_you_mean(unit, UNITS, "units")
        return None, f"'{text}' has an unknown unit '{unit}'", (close if close.startswith("did") else "")
    if amount == 0:
        return None, f"'{text}' is zero", ""
    return Dose(amount, UNITS[unit]), "", ""  # type: ignore[arg-type]


def describe(value: Any) -> str:
    """A value as a contributor would name it, for 'must be ..., not ...' messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "a set of fields"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return f"text ('{value}')" if value else "empty text"
