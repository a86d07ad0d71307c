"""The drill families: the drill library and each drill's page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import urls
from ..figures.draw import draw_figure
from ..model import Drill, Routine, Settings, Term
from .pages import Group, Link, Names, PlannedPage, SiteInfo, duration, planned


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """What the library shows of one drill, and where: its line, under its phase and its zones."""

    link: Link
    phase: str
    zones: tuple[str, ...]
    figure: str  # the drill's figure, drawn small beside its line under its phase


@dataclass(frozen=True, slots=True)
class Pictured:
    """A drill's line with its figure."""

    link: Link
    figure: str


def drill_figure(drill: Drill) -> str:
    """The drill's figure as inline SVG, named by its caption or else the drill's summary."""
    return draw_figure(drill.figure, drill.figure.caption or drill.summary)


def library_entry(drill: Drill) -> LibraryEntry:
    """The drill's line in the library: also what the library is re-planned on, so nothing else lists its fields."""
    return LibraryEntry(Link(drill.title, urls.drill(drill.slug), drill.summary), drill.phase, drill.zones,
                        drill_figure(drill))


def library_page(entries: tuple[LibraryEntry, ...], settings: Settings, info: SiteInfo) -> PlannedPage:
    """The drill library: every drill's line, by phase and by body zone."""
    return planned(urls.drill_library(), "drills.html", info, listing=True,
                   by_phase=_group(entries, settings.phases, lambda entry: (entry.phase,), pictured),
                   by_zone=_group(entries, settings.zones, lambda entry: entry.zones))


def pictured(entry: LibraryEntry) -> Pictured:
    return Pictured(entry.link, entry.figure)


def drill_page(drill: Drill, routines: tuple[Routine, ...], names: Names, info: SiteInfo) -> PlannedPage:
    """A drill's page, with the routines that use it."""
    return planned(
        urls.drill(drill.slug), "drill.html", info, (drill.at, *(r.at for r in routines)), title=drill.title,
        drill=drill, figure=drill_figure(drill), phase=names("phases", drill.phase), dose=str(drill.dose),
        time=None if drill.dose.seconds else duration(drill.seconds),
        zones=names("zones", *drill.zones), equipment=names("equipment", *drill.equipment),
        routines=tuple(Link(r.title, urls.routine(r.slug)) for r in routines))


def used_in(routines: tuple[Routine, ...]) -> dict[str, tuple[Routine, ...]]:
    """Each drill's slug -> the routines with a step of it."""
    found: dict[str, list[Routine]] = defaultdict(list)
    for routine in routines:
        for slug in dict.fromkeys(step.drill for step in routine.steps):
            found[slug].append(routine)
    return {slug: tuple(chosen) for slug, chosen in found.items()}


def _group(entries: Iterable[LibraryEntry], terms: tuple[Term, ...], words_of: Callable[[LibraryEntry], tuple[str, ...]],
           item_of: Callable[[LibraryEntry], Link | Pictured] = lambda entry: entry.link) -> tuple[Group, ...]:
    members: dict[str, list[Link | Pictured]] = defaultdict(list)
    for entry in entries:
        for word in words_of(entry):
            members[word].append(item_of(entry))
    return tuple(Group(t.name, tuple(members[t.slug]), t.slug) for t in terms if members[t.slug])
