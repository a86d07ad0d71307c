"""A page planned by its context is keyed on every field of every view in it, and on nothing else."""

from __future__ import annotations

from dataclasses import replace

import pytest

from site_gen.plan.keys import context_key, one_plan
from site_gen.plan.pages import Group, Link


def _context(note: str = "", title: str = "Hips") -> dict[str, object]:
    # Built afresh each time: equal values, never the same objects.
    link = Link("Leg swings", "/drills/leg-swings/", note)
    return {"groups": (Group(title, (link, link)), Group("Calves", ())), "count": 2, "shown": [1, "1"]}


def test_equal_contexts_have_one_key_within_a_plan_and_across_plans() -> None:
    with one_plan():
        first = context_key(_context())
        assert context_key(_context()) == first
    with one_plan():
        assert context_key(_context()) == first


@pytest.mark.parametrize("changed", [
    _context(note="a note"),  # a field deep in a view
    _context(title="Hamstrings"),
    {**_context(), "count": 3},
    {**_context(), "count": "2"},  # the same digits, another type
    {**_context(), "shown": (1, "1")},  # a tuple is not a list
    {**_context(), "extra": None},
    {"count": 2, "shown": [1, "1"], "groups": _context()["groups"][::-1]},  # the order of a tuple
])
def test_any_difference_in_what_a_page_shows_changes_its_key(changed: dict[str, object]) -> None:
    with one_plan():
        assert context_key(changed) != context_key(_context())


def test_long_views_are_told_apart_as_well_as_short_ones() -> None:
    # A long key is kept as its digest (a figure's SVG makes a view's key long).
    figure = "<svg>" + "M0 0L1 1" * 100 + "</svg>"
    with one_plan():
        first = context_key({"rows": (Group(figure, (Link("a", "/a/"),)),)})
        assert first == context_key({"rows": (Group(figure, (Link("a", "/a/"),)),)})
        assert first != context_key({"rows": (Group(figure, (Link("a", "/b/"),)),)})
        assert first != context_key({"rows": (Group(figure + " ", (Link("a", "/a/"),)),)})


def test_a_view_shown_twice_is_keyed_as_shown_once_and_twice_as_shown() -> None:
    link = Link("Leg swings", "/drills/leg-swings/")
    with one_plan():
        twice = context_key({"items": (link, link)})
        assert twice == context_key({"items": (link, replace(link))})
        assert twice != context_key({"items": (link,)})
