"""What the timer paces each step by, and where its end screen leads: from the content, not the script."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import PurePosixPath

import pytest

from site_gen import urls
from site_gen.builder import Builder
from site_gen.model import Part, Site, read_part
from site_gen.plan.pacing import cool_down, repetition_parts, timer_view
from tests.site.built import CONTENT

PICK_UP = Part(15, 20, "pick-up")
ACCELERATION = Part(10, 15, "acceleration")
EASE = Part(0, 0, "ease down")


@pytest.fixture(scope="module")
def guide() -> Site:
    site, problems = Builder(CONTENT, PurePosixPath("content")).read()
    assert problems == () and site is not None
    return site


@pytest.mark.parametrize(("text", "part"), [
    ("15-20 s pick-up to a brisk walk", Part(15, 20, "pick-up to a brisk walk")),
    ("15 to 20 s pick-up", Part(15, 20, "pick-up")),
    ("10 s hold", Part(10, 10, "hold")),
    ("Ease down", Part(0, 0, "Ease down")),
    ("20-15 s backwards", Part(20, 15, "backwards")),  # validation reports it; reading keeps it as written
])
def test_a_part_is_read_as_written(text: str, part: Part) -> None:
    assert read_part(text) == part


def test_each_part_lasts_the_longest_its_range_allows_when_that_leaves_time_to_ease_down() -> None:
    assert repetition_parts((PICK_UP, ACCELERATION, EASE), 60) == (
        ("Pick-up, 15–20 s", 20), ("Acceleration, 10–15 s", 15), ("Ease down", 25))


def test_a_short_repetition_takes_the_shortest_the_ranges_allow() -> None:
    # 3 strides in 2 minutes is 40 s each: 20 + 15 leaves 5 s, still time to ease down.
    assert repetition_parts((PICK_UP, ACCELERATION, EASE), 40)[-1] == ("Ease down", 5)
    assert repetition_parts((PICK_UP, ACCELERATION, EASE), 35) == (
        ("Pick-up, 15–20 s", 15), ("Acceleration, 10–15 s", 10), ("Ease down", 10))


def test_parts_that_cannot_fit_a_repetition_are_left_out_rather_than_cut() -> None:
    assert repetition_parts((PICK_UP, ACCELERATION, EASE), 25) == ()
    assert repetition_parts((PICK_UP, ACCELERATION), 25) == (("Pick-up, 15–20 s", 15), ("Acceleration, 10–15 s", 10))
    assert repetition_parts((), 60) == ()


def test_the_timer_paces_every_step_by_its_time_side_and_parts(guide: Site) -> None:
    routine = next(r for r in guide.routines if r.slug == "5k-easy-run-beginner")
    drills = {drill.slug: drill for drill in guide.drills}
    pacing = json.loads(timer_view(routine, drills, cool_down(guide.routines)).pacing)
    assert [entry[0] for entry in pacing] == [step.seconds for step in routine.steps]
    assert [entry[1] for entry in pacing] == [int(step.dose.unit == "per side") for step in routine.steps]
    strides = pacing[[step.drill for step in routine.steps].index("strides")]
    assert strides[2] == 2  # 2 reps in 2 min: a minute each
    assert strides[3] == [["Pick-up to a brisk walk or light jog, 15–20 s", 20],
                          ["Acceleration into a controlled jog, 10–15 s", 15], ["Ease down", 25]]


def test_the_end_screen_offers_the_cool_down_and_the_log_but_not_the_cool_down_after_itself(guide: Site) -> None:
    drills = {drill.slug: drill for drill in guide.drills}
    after = cool_down(guide.routines)
    assert after is not None and after.slug == "post-run-cool-down"
    warm_up = next(r for r in guide.routines if r.slug == "5k-easy-run-beginner")
    view = timer_view(warm_up, drills, after)
    assert (view.cool_down_url, view.cool_down_title) == (urls.routine("post-run-cool-down"), after.title)
    assert view.log_url == "/log/?routine=5k-easy-run-beginner"
    assert view.shows == (after.at,)  # renaming the cool-down re-renders the pages that name it
    itself = timer_view(after, drills, after)
    assert (itself.cool_down_url, itself.cool_down_title, itself.shows) == ("", "", ())
    assert itself.log_url == "/log/?routine=post-run-cool-down"


def test_the_pacing_cannot_close_its_script_element(guide: Site) -> None:
    drills = {drill.slug: drill for drill in guide.drills}
    routine = next(r for r in guide.routines if r.slug == "5k-easy-run-beginner")
    hostile = {**drills, "strides": replace(drills["strides"], parts=("20 s </script><script>alert(1)",))}
    pacing = timer_view(routine, hostile, None).pacing
    assert "<" not in pacing and "</script>" in json.dumps(json.loads(pacing), ensure_ascii=False)


def test_a_guide_with_no_cool_down_offers_none(guide: Site) -> None:
    others = tuple(r for r in guide.routines if r.session != "cool-down")
    assert cool_down(others) is None
    view = timer_view(others[0], {drill.slug: drill for drill in guide.drills}, None)
    assert view.cool_down_url == "" and view.shows == ()
