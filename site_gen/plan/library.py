"""The drill library: every drill once, in one compact row, and the same list narrowed by one word.

A runner narrows it without JavaScript: each body zone, each piece of equipment (and "no
equipment") and each phase has a static page of its own, linked from every library page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .. import content_format, urls
from ..model import Drill, Settings, Term
from .drills import drill_figure
from .pages import Group, Link, Names, PlannedPage, SiteInfo, planned

NO_EQUIPMENT = Term(content_format.NO_EQUIPMENT, "No equipment")  # a drill whose equipment list is empty


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """What the library shows of one drill and what it is narrowed by: also what the library is re-planned on."""

    link: Link
    dose: str
    phase: str
    zones: tuple[str, ...]
    equipment: tuple[str, ...]
    figure: str  # the drill's figure, drawn small at the start of its row


@dataclass(frozen=True, slots=True)
class Row:
    """A drill's row in the library: its title, dose and zones in words, and its figure."""

    link: Link
    dose: str
    zones: str
    figure: str


@dataclass(frozen=True, slots=True)
class Choice:
    """One word a runner may narrow the library by, with how many drills it keeps."""

    name: str
    url: str
    count: int
    current: bool  # the page showing it: marked, so a runner sees what the list is narrowed by


@dataclass(frozen=True, slots=True)
class Facet:
    """What the library can be narrowed by: body zone, equipment or phase, and each word of it."""

    title: str
    choices: tuple[Choice, ...]
    current: str  # the name of the chosen word on a page narrowed by this facet, else ""


@dataclass(frozen=True, slots=True)
class _Facet:
    slug: str  # in the URL: /drills/<slug>/<word>/
    title: str
    terms: tuple[Term, ...]
    words_of: Callable[[LibraryEntry], tuple[str, ...]]


def library_entry(drill: Drill) -> LibraryEntry:
    """The drill's row in the library: also what the library is re-planned on, so nothing else lists its fields."""
    return LibraryEntry(Link(drill.title, urls.drill(drill.slug)), str(drill.dose), drill.phase, drill.zones,
                        drill.equipment or (NO_EQUIPMENT.slug,), drill_figure(drill))


def library_pages(entries: tuple[LibraryEntry, ...], settings: Settings, names: Names,
                  info: SiteInfo) -> tuple[PlannedPage, ...]:
    """The library with every drill, and one page for each word of each facet that keeps any drill."""
    facets = (
        _Facet("zone", "Body zone", settings.zones, lambda entry: entry.zones),
        _Facet("equipment", "Equipment", (NO_EQUIPMENT, *settings.equipment), lambda entry: entry.equipment),
        _Facet("phase", "Phase", settings.phases, lambda entry: (entry.phase,)),
    )
    # Each word's count, once: every page of the library shows them all.
    counts = {facet.slug: Counter(word for entry in entries for word in set(facet.words_of(entry))) for facet in facets}
    # Each drill's row, once: it shows on the library and on each view that keeps it (and is keyed once, keys.py).
    rows = {entry.link.url: _row(entry, names) for entry in entries}
    pages = [_page(urls.drill_library(), "Drill library", entries, entries, facets, counts, settings, rows, info, "")]
    for facet in facets:
        for term in facet.terms:
            kept = tuple(entry for entry in entries if term.slug in facet.words_of(entry))
            if kept:
                url = urls.drill_filter(facet.slug, term.slug)
                pages.append(_page(url, f"Drills: {term.name}", kept, entries, facets, counts, settings, rows, info, url))
    return tuple(pages)


def _page(url: str, title: str, kept: tuple[LibraryEntry, ...], entries: tuple[LibraryEntry, ...],
          facets: tuple[_Facet, ...], counts: Mapping[str, Counter[str]], settings: Settings, rows: Mapping[str, Row],
          info: SiteInfo, current: str) -> PlannedPage:
    groups = tuple(Group(phase.name, shown, phase.slug) for phase in settings.phases
                   if (shown := tuple(rows[entry.link.url] for entry in kept if entry.phase == phase.slug)))
    # A list narrowed to one phase needs no heading repeating the page's title.
    return planned(url, "drills.html", info, by_context=True, title=title, count=len(kept), total=len(entries),
                   all_url=urls.drill_library() if current else "", facets=tuple(_facet(f, counts[f.slug], current) for f in facets),
                   groups=groups, headed=len(groups) > 1)


def _facet(facet: _Facet, counts: Counter[str], current: str) -> Facet:
    choices = []
    for term in facet.terms:
        count = counts[term.slug]
        if count:
            url = urls.drill_filter(facet.slug, term.slug)
            choices.append(Choice(term.name, url, count, url == current))
    return Facet(facet.title, tuple(choices), next((choice.name for choice in choices if choice.current), ""))


def _row(entry: LibraryEntry, names: Names) -> Row:
    return Row(entry.link, entry.dose, names("zones", *entry.zones), entry.figure)
