"""Each drill's page, with the routines that use it (the library itself is library.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import urls
from ..figures.draw import draw_figure
from ..model import Drill, Routine
from .pages import Group, Link, Names, PlannedPage, SiteInfo, duration, planned

ANY_DISTANCE = "Any distance"  # a routine for every distance (a cross-training day, the cool-down)


def drill_figure(drill: Drill) -> str:
    """The drill's figure as inline SVG, named by its caption or else the drill's summary."""
    return draw_figure(drill.figure, drill.figure.caption or drill.summary)


def drill_page(drill: Drill, routines: tuple[Routine, ...], names: Names, info: SiteInfo) -> PlannedPage:
    """A drill's page, with the routines that use it."""
    return planned(
        urls.drill(drill.slug), "drill.html", info, (drill.at, *(r.at for r in routines)), title=drill.title,
        drill=drill, figure=drill_figure(drill), phase=names("phases", drill.phase), dose=str(drill.dose),
        time=None if drill.dose.seconds else duration(drill.seconds),
        zones=names("zones", *drill.zones), equipment=names("equipment", *drill.equipment),
        routines=routine_table(routines, names) if routines else None)


def used_in(routines: tuple[Routine, ...]) -> dict[str, tuple[Routine, ...]]:
    """Each drill's slug -> the routines with a step of it."""
    found: dict[str, list[Routine]] = defaultdict(list)
    for routine in routines:
        for slug in dict.fromkeys(step.drill for step in routine.steps):
            found[slug].append(routine)
    return {slug: tuple(chosen) for slug, chosen in found.items()}


@dataclass(frozen=True, slots=True)
class RoutineTable:
    """A drill's routines as a table: a row per distance, a column per level, each cell its sessions."""

    levels: tuple[str, ...]  # the columns' headings
    rows: tuple[Group, ...]  # each row: the distance, and a tuple of links (by session) for each level


def routine_table(routines: tuple[Routine, ...], names: Names) -> RoutineTable:
    """The routines in the guide's order: by distance, then level, then session.

    A routine for every distance (a cross-training day, the cool-down) goes in a last row,
    "Any distance"; one for every level shows in each level's column.
    """
    order = {vocabulary: {slug: index for index, slug in enumerate(names.of[vocabulary])}
             for vocabulary in ("distances", "levels", "sessions")}
    every = len(order["distances"])

    def distances_key(routine: Routine) -> tuple[int, ...]:
        key = tuple(sorted({order["distances"][slug] for slug in routine.distances}))
        return (every,) if len(key) == every else key

    levels = tuple(slug for slug in order["levels"] if any(slug in r.levels for r in routines))
    cells: dict[tuple[int, ...], dict[str, list[Link]]] = {}
    for routine in sorted(routines, key=lambda r: (distances_key(r), order["sessions"][r.session], r.slug)):
        row = cells.setdefault(distances_key(routine), {level: [] for level in levels})
        for level in routine.levels:
            row[level].append(Link(names("sessions", routine.session), urls.routine(routine.slug)))
    rows = tuple(Group(_distances_name(key, names, every), tuple(tuple(row[level]) for level in levels))
                 for key, row in cells.items())
    return RoutineTable(tuple(names("levels", level) for level in levels), rows)


def _distances_name(key: tuple[int, ...], names: Names, every: int) -> str:
    if key == (every,):
        return ANY_DISTANCE
    slugs = list(names.of["distances"])
    return names("distances", *(slugs[index] for index in key))
