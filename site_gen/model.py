"""The content model: frozen data handed from stage to stage.

The fields read from files are declared in content_format.py; tests/validate/test_declarations.py
holds the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .errors import Location
from .figures.shape import Figure

Unit = Literal["reps", "per side", "s", "min", "m"]
TIMED_UNITS: dict[str, int] = {"s": 1, "min": 60}  # seconds per unit


@dataclass(frozen=True, slots=True)
class Dose:
    amount: int
    unit: Unit

    @property
    def seconds(self) -> int | None:
        """How long the dose takes when it is a time; None when it is a count."""
        per_unit = TIMED_UNITS.get(self.unit)
        return self.amount * per_unit if per_unit else None

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"


# A part of a repetition as written: "15-20 s pick-up to a brisk walk", or no time for the rest.
_PART = re.compile(r"(?:(?P<low>\d{1,3})(?:\s*(?:-|–|to)\s*(?P<high>\d{1,3}))?\s*s\s+)?(?P<what>\S.*)")


@dataclass(frozen=True, slots=True)
class Part:
    """One part of each repetition of a drill: strides are a pick-up, an acceleration, an easy return."""

    low: int  # seconds, as the source gives them; 0 and 0: whatever is left of the repetition
    high: int
    what: str


def read_part(text: str) -> Part:
    """A part from its line ('15-20 s pick-up'); a line with no time at its start is the rest."""
    match = _PART.fullmatch(text.strip())
    if not match:  # only an empty line fails the pattern, and texts are never empty
        return Part(0, 0, text.strip())
    low = int(match["low"] or 0)
    return Part(low, int(match["high"] or low), match["what"])


def spell_seconds(seconds: int) -> str:
    """A duration as people say it: '45 s', '2 min', '1 min 30 s'."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a controlled vocabulary: the key files use and the name the site shows."""

    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class Settings:
    """site.yaml: the site's settings and its controlled vocabularies."""

    title: str
    description: str
    base_url: str  # always ends in "/"
    language: str
    distances: tuple[Term, ...]
    levels: tuple[Term, ...]
    sessions: tuple[Term, ...]
    phases: tuple[Term, ...]  # in routine order
    zones: tuple[Term, ...]
    equipment: tuple[Term, ...]
    checklist: tuple[str, ...]  # the post-warm-up checklist printed on every card
    credit: str  # the source the guide is built from, shown in every footer




@dataclass(frozen=True, slots=True)
class Drill:
    slug: str
    title: str
    summary: str
    phase: str
    zones: tuple[str, ...]
    equipment: tuple[str, ...]
    dose: Dose
    seconds: int  # how long the drill's own dose takes
    parts: tuple[str, ...]  # each repetition's parts as written (read_part); () when it has none
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    easier: str
    harder: str
    stop_if: str
    checklist: str
    figure: Figure
    body_html: str  # internal links are site paths ("/drills/x/"), made relative when rendered
    at: Location


@dataclass(frozen=True, slots=True)
class Step:
    drill: str  # slug; checked against the drill set in validate
    dose: Dose  # the step's own dose, or the drill's
    seconds: int
    note: str
    at: Location


@dataclass(frozen=True, slots=True)
class Routine:
    slug: str
    title: str
    distances: tuple[str, ...]
    levels: tuple[str, ...]
    session: str
    minutes: int
    intro_html: str
    why_html: str  # empty when the routine has no 'why'
    steps: tuple[Step, ...]
    at: Location


@dataclass(frozen=True, slots=True)
class Page:
    slug: str
    title: str
    summary: str
    order: int
    body_html: str
    at: Location


@dataclass(frozen=True, slots=True)
class Site:
    settings: Settings
    drills: tuple[Drill, ...]  # sorted by slug
    routines: tuple[Routine, ...]
    pages: tuple[Page, ...]  # sorted by (order, slug)
