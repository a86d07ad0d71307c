"""The planner's reuse between builds: what an edit does not touch is the very same page object."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

import pytest

from site_gen import plan, urls
from site_gen.builder import Builder
from site_gen.model import Drill, Site
from site_gen.plan.families import site_info
from site_gen.plan.library import LibraryEntry
from site_gen.plan.pages import Link, planned
from tests.conftest import FIXTURE_SITE


@pytest.fixture(scope="module")
def site() -> Site:
    site, problems = Builder(FIXTURE_SITE, PurePosixPath("content")).read()
    assert problems == () and site is not None
    return site


def _edit(site: Site, slug: str, **fields: object) -> Site:
    """The site with one drill replaced by a new object, as validation hands back an edited file."""
    return replace(site, drills=tuple(replace(d, **fields) if d.slug == slug else d for d in site.drills))


def _replanned(site: Site, edited: Site) -> set[str]:
    """URLs whose page is not the same object as in the first plan."""
    before, _, memo = plan.plan_pages_memo(site, {})
    after, problems, _ = plan.plan_pages_memo(edited, memo)
    assert problems == ()
    old = {page.url: page for page in before}
    return {page.url for page in after if old.get(page.url) is not page}


# Listings (home, log) are planned every time: they are cheap, and keyed on what they show.
ALWAYS = {urls.home(), urls.log(), urls.not_found(), "/about/", "/safety/",
          "/distances/5k/", "/distances/5k/cards-a4/", "/distances/5k/cards-letter/",
          "/distances/marathon/", "/distances/marathon/cards-a4/", "/distances/marathon/cards-letter/"}


def test_an_unchanged_site_plans_the_same_page_objects(site: Site) -> None:
    assert _replanned(site, site) == ALWAYS


def test_a_drill_body_edit_replans_its_page_and_its_routines_but_not_the_library(site: Site) -> None:
    edited = _edit(site, "leg-swings", body_html="<p>Changed.</p>")
    assert _replanned(site, edited) - ALWAYS == {
        "/drills/leg-swings/", "/routines/5k-easy/", "/routines/5k-easy/card/",
        "/routines/race-day/", "/routines/race-day/card/"}


def test_a_line_the_library_shows_replans_the_library(site: Site) -> None:
    edited = _edit(site, "strides", summary="A new summary.")
    assert urls.drill_library() in _replanned(site, edited)


def test_a_new_field_in_the_library_s_line_replans_it_with_no_other_change(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # The library is re-planned on its entries, whatever they hold: showing one more field of a
    # drill means adding it to the entry, and the reuse follows with no list of fields to update.
    edited = _edit(site, "strides", easier="Walk them.")
    assert urls.drill_library() not in _replanned(site, edited)

    def with_easier(drill: Drill) -> LibraryEntry:
        return LibraryEntry(Link(drill.title, urls.drill(drill.slug), drill.easier), str(drill.dose), drill.phase,
                            drill.zones, drill.equipment, "")

    monkeypatch.setattr(plan, "library_entry", with_easier)
    assert urls.drill_library() in _replanned(site, edited)


def test_a_page_by_context_is_keyed_on_its_whole_context(site: Site) -> None:
    # Its fingerprint covers what it shows, not its files: a new value in its context
    # changes the key with no change to the planner.
    info = site_info(site.settings, site.pages)
    first = planned("/x/", "x.html", info, by_context=True, entries=("a",))
    assert first.extra_key and first.sources == ()
    assert planned("/x/", "x.html", info, by_context=True, entries=("a",)).extra_key == first.extra_key
    assert planned("/x/", "x.html", info, by_context=True, entries=("a",), shown=1).extra_key != first.extra_key


SHOWING_DRILLS = ("/routines/5k-easy/", "/routines/5k-easy/card/", "/distances/5k/cards-a4/",
                  "/distances/5k/cards-letter/")


def _keys(site: Site) -> dict[str, str]:
    pages, _, _ = plan.plan_pages_memo(site, {})
    return {page.url: page.extra_key for page in pages if page.url in SHOWING_DRILLS}


def test_a_drill_s_body_is_not_what_its_routines_cards_and_sheets_show(site: Site) -> None:
    # Planned afresh (a new process): the routine's page, its card and the sheets keep their
    # keys when the drill's body changes, and change them when what they show of it does.
    before = _keys(site)
    assert sorted(before) == sorted(SHOWING_DRILLS) and all(before.values())
    assert _keys(_edit(site, "strides", body_html="<p>Another body.</p>")) == before
    titled = _keys(_edit(site, "strides", title="Pick-ups"))
    assert all(titled[url] != before[url] for url in SHOWING_DRILLS)
