"""Site -> the pages to render: URL, template and everything the template shows.

Each family of pages is planned by a function of its own (families.py, routines.py,
drills.py) from exactly what it shows; this assembly calls them and wraps each call in
the reuse of the last plan's pages (reuse.py), so the families know nothing of caching.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ..errors import Problem
from ..model import Settings, Site, Term
from .clashes import clashes
from .drills import drill_page, used_in
from .families import (
    home_page,
    log_page,
    manifest_page,
    not_found_page,
    prose_page,
    service_worker_page,
    site_info,
    sitemap_page,
)
from .keys import one_plan
from .library import library_entry, library_pages
from .pacing import cool_down, timer_view
from .pages import Names, PlannedPage
from .reuse import PlanMemo, Reuse
from .routines import card_view, cards_on, distance_pages, routine_pages, routine_view

__all__ = ["PlanMemo", "PlannedPage", "cards_on", "manifest_page", "names_of", "plan_pages", "plan_pages_memo",
           "service_worker_page", "sitemap_page"]

VOCABULARIES = ("distances", "levels", "sessions", "phases", "zones", "equipment")


def names_of(settings: Settings) -> Names:
    """The shown name of every word of every vocabulary."""
    return Names({name: {t.slug: t.name for t in getattr(settings, name)} for name in VOCABULARIES})


def plan_pages(site: Site) -> tuple[tuple[PlannedPage, ...], tuple[Problem, ...]]:
    """Every page of the site, in URL order, and clashes between pages planned at one URL."""
    pages, problems, _ = plan_pages_memo(site, {})
    return pages, problems


def plan_pages_memo(site: Site, memo: PlanMemo) -> tuple[tuple[PlannedPage, ...], tuple[Problem, ...],
                                                          dict[tuple[str, str], tuple[Any, ...]]]:
    """Like plan_pages, reusing the pages of every unit (a drill, a routine, the library) whose inputs are as they were."""
    with one_plan():  # a view shown on many pages is keyed once
        return _plan_pages(site, memo)


def _plan_pages(site: Site, memo: PlanMemo) -> tuple[tuple[PlannedPage, ...], tuple[Problem, ...],
                                                     dict[tuple[str, str], tuple[Any, ...]]]:
    settings = site.settings
    reuse = Reuse(memo)
    names = reuse.same_objects(("names", ""), (settings,), partial(names_of, settings))
    info = reuse.equal(("info", ""), site_info(settings, site.pages))
    drills = {drill.slug: drill for drill in site.drills}
    views = {r.slug: reuse.same_objects(("routine", r.slug), (r, names, *(drills[s.drill] for s in r.steps)),
                                        partial(routine_view, r, drills, names, settings.checklist))
             for r in site.routines}
    # A card's QR code holds the published address: it changes with site.yaml's base_url.
    cards = {r.slug: reuse.same_objects(("card", r.slug), (views[r.slug], settings),
                                        partial(card_view, r, views[r.slug], settings.base_url))
             for r in site.routines}
    pages: list[PlannedPage] = [home_page(settings, site.routines, info)]
    for distance in settings.distances:
        pages.extend(distance_pages(distance, site.routines, settings.levels, settings.sessions, views, cards, info))
    after = cool_down(site.routines)
    for routine in site.routines:
        view, card = views[routine.slug], cards[routine.slug]
        # Equal pacing is the very same object, so an edit elsewhere keeps this routine's pages.
        timer = reuse.equal(("timer", routine.slug), timer_view(routine, drills, after))
        pages.extend(reuse.same_objects(("routine-pages", routine.slug), (view, card, info, timer),
                                        partial(routine_pages, routine, view, card, timer, info)))
    entries = reuse.each(("library-entries", ""), site.drills, library_entry)
    pages.extend(reuse.equal_view(("library", ""), (info, names), entries,
                                  lambda: library_pages(entries, settings, names, info)))
    users = used_in(site.routines)
    for drill in site.drills:
        routines = users.get(drill.slug, ())
        pages.append(reuse.same_objects(("drill", drill.slug), (drill, info, names, *routines),
                                        partial(drill_page, drill, routines, names, info)))
    pages.extend(prose_page(prose, info) for prose in site.pages)
    pages.append(log_page(tuple(Term(r.slug, views[r.slug].title) for r in site.routines), site.pages, info))
    pages.append(not_found_page(info))
    ordered = tuple(sorted(pages, key=lambda p: p.url))
    return ordered, clashes(ordered), reuse.new
