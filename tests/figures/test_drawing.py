"""The drawing: one figure per drill and no two alike, small, deterministic, safe to repeat on a page."""

from __future__ import annotations

import gzip
import re
from dataclasses import replace

from site_gen.figures.draw import _drawn, draw_figure
from site_gen.figures.geometry import HEIGHT, WIDTH
from site_gen.figures.shape import Figure, Pose
from site_gen.model import Drill
from site_gen.plan.drills import drill_figure

FIGURE_BUDGET = 2 * 1024  # gzip bytes a figure may weigh
STANDING = Pose(0, 0, (0, 0), (0, 0), (0, 0), (0, 0), (90, 90))
SWING = Pose(0, 0, (0, 0), (0, 0), (40, 0), (20, 0), (100, 90))


def test_every_drill_of_the_guide_has_its_own_figure(drills: dict[str, Drill]) -> None:
    assert len(drills) == 28
    figures = [drill.figure for drill in drills.values()]
    assert len(set(figures)) == len(figures)  # the data differ...
    unnamed = {re.sub(r'aria-label="[^"]*"', "", drill_figure(drill)) for drill in drills.values()}
    assert len(unnamed) == 28  # ...and so do the drawings


def test_every_figure_is_under_two_kilobytes_gzipped(drills: dict[str, Drill]) -> None:
    sizes = {slug: len(gzip.compress(drill_figure(drill).encode(), 6, mtime=0)) for slug, drill in drills.items()}
    assert max(sizes.values()) < FIGURE_BUDGET, sizes


def test_a_figure_has_one_group_per_pose_and_one_still_pose() -> None:
    svg = draw_figure(Figure("side", (STANDING, SWING, STANDING), (), 1, ""), "A leg swing")
    assert svg.startswith('<svg class="fig n3" viewBox="0 ') and svg.split(">")[0].endswith(
        'role="img" aria-label="A leg swing"')
    assert re.findall(r'<g class="([^"]*)"', svg) == ["pose p0", "pose p2 still", "pose p1"]


def test_the_name_is_escaped_and_nothing_carries_an_id() -> None:
    svg = draw_figure(Figure("side", (STANDING, SWING), (), 0, ""), 'Knees "high" & <tall>')
    assert 'aria-label="Knees &quot;high&quot; &amp; &lt;tall&gt;"' in svg
    assert " id=" not in svg  # several figures on a page must not clash


def test_coordinates_are_whole_numbers_and_the_bytes_repeat() -> None:
    figure = Figure("front", (STANDING, SWING), ("wall",), 0, "")
    svg = draw_figure(figure, "x")
    numbers = re.findall(r'[\d.]+', re.sub(r'class="[^"]*"', "", svg))
    assert numbers and all("." not in number for number in numbers)
    _drawn.cache_clear()
    assert draw_figure(figure, "x") == svg


def test_the_caption_names_the_figure_else_the_summary(drills: dict[str, Drill]) -> None:
    drill = drills["glute-bridges"]
    assert f'aria-label="{drill.summary}"' in drill_figure(drill)
    captioned = replace(drill, figure=replace(drill.figure, caption="Hips up"))
    assert 'aria-label="Hips up"' in drill_figure(captioned)


def test_props_are_drawn_only_when_named() -> None:
    plain = draw_figure(Figure("side", (STANDING, SWING), (), 0, ""), "x")
    with_all = draw_figure(Figure("side", (STANDING, SWING), ("wall", "step", "band", "floor"), 0, ""), "x")
    assert plain.count('class="prop"') == 1  # the ground line
    assert with_all.count('class="prop"') == 4 and 'class="mat"' in with_all and with_all.count('class="band"') == 2


def test_a_floor_drill_is_framed_without_empty_sky_and_keeps_the_scale(drills: dict[str, Drill]) -> None:
    boxes = {slug: [int(n) for n in re.search(r'viewBox="([^"]*)"', drill_figure(drill))[1].split()]
             for slug, drill in drills.items()}
    assert {width for _, _, width, _ in boxes.values()} == {WIDTH}  # one scale across the guide
    assert all(top + height == HEIGHT for _, top, _, height in boxes.values())  # the ground stays at the bottom
    assert boxes["glute-bridges"][3] < HEIGHT / 2  # lying: most of a standing frame would be sky
    assert boxes["leg-swings-front-to-back"][1] == 0  # the wall keeps the whole frame
