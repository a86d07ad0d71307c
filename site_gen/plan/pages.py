"""What the planner hands the templates: planned pages and the views they show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Location
from ..model import Dose, Term, spell_seconds
from .keys import context_key


@dataclass(frozen=True, slots=True)
class PlannedPage:
    url: str  # site path, e.g. "/drills/leg-swings/"
    template: str
    context: Mapping[str, Any]
    sources: tuple[str, ...]  # the content files this page shows (sorted paths): what a rebuild checks
    in_sitemap: bool = True
    extra_key: str = ""  # what the page shows beyond its sources, e.g. the sitemap's list of addresses


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every page shows: the site's name, navigation and credit."""

    title: str
    description: str
    language: str
    credit: str
    home: str  # the navigation's three places; the templates name them
    library: str
    log: str
    pages: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Names:
    """Shown names of every vocabulary word."""

    of: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __call__(self, vocabulary: str, *slugs: str) -> str:
        return ", ".join(self.of[vocabulary][slug] for slug in slugs)


@dataclass(frozen=True, slots=True)
class Group:
    """A heading and what goes under it: steps by phase, drills by zone, routines by level."""

    title: str
    items: tuple[Any, ...]
    slug: str = ""


@dataclass(frozen=True, slots=True)
class Duration:
    """A time split as people say it; the templates word it ('1 min 30 s')."""

    minutes: int
    seconds: int


def duration(seconds: int) -> Duration:
    """`seconds` as minutes and the seconds left over."""
    return Duration(*divmod(seconds, 60))


@dataclass(frozen=True, slots=True)
class DoseWords:
    """A step's dose and how long it takes, as the page and the card show them (the macro `dose` joins them)."""

    dose: str  # '6 per side', or a timed dose as people say it: '1 min 30 s'
    time: str  # 'about 45 s' for a counted dose; '' for a timed one, whose dose is its time


def dose_words(dose: Dose, seconds: int) -> DoseWords:
    """The words for a dose taking `seconds`: the one place a step's time is worded."""
    if dose.seconds is not None:
        return DoseWords(spell_seconds(dose.seconds), "")
    # A count takes the time the routine gives it; it is a guide, not a stopwatch.
    return DoseWords(str(dose), f"about {spell_seconds(seconds)}")


@dataclass(frozen=True, slots=True)
class DistanceChoice:
    """A distance on the home page and how many routines it has."""

    name: str
    url: str
    routines: int


@dataclass(frozen=True, slots=True)
class SheetLink:
    """A printable sheet of one distance's cards on one paper size; the templates title it."""

    distance: str
    paper: Term
    url: str


def planned(url: str, template: str, info: SiteInfo, sources: tuple[Location, ...] = (), in_sitemap: bool = True,
            by_context: bool = False, **context: Any) -> PlannedPage:
    """A page showing `context` and every page's `info`.

    `by_context`: the page is keyed on what it shows, not on the files it comes from. For
    a page that shows a part of many files (the library's line of each drill, a routine's
    steps, a sheet of cards), so that editing the rest of one drill, its body say, renders
    none of them again. The key covers every field of every view in the context (keys.py).
    """
    key = context_key(context) if by_context else ""
    paths = () if by_context else tuple(sorted({str(at.path) for at in sources}))
    return PlannedPage(url, template, {"site": info, **context}, paths, in_sitemap, key)
