"""Figures in a real browser: they move when motion is welcome, stand still at their still pose when it is
not and on paper, and the timer shows the step's own figure."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.pages import PAGES, VIEWPORTS
from tests.browser.test_timer import open_timer

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
# Per pose of the drill page's figure: its animation and how opaque it is.
POSES = """() => [...document.querySelectorAll('.figure-large .fig .pose')].map((pose) => {
  const style = getComputedStyle(pose);
  return {name: style.animationName, opacity: style.opacity, still: pose.classList.contains('still')};
})"""


def poses(blank_page: Callable[..., Page], origin: str, **options: object) -> list[dict[str, object]]:
    page = blank_page(PHONE, **options)
    page.goto(origin + PAGES["drill"])
    return page.evaluate(POSES)


def test_the_figure_animates_between_its_poses(blank_page: Callable[..., Page], origin: str) -> None:
    found = poses(blank_page, origin, reduced_motion="no-preference")
    assert len(found) >= 2
    assert all(str(pose["name"]).startswith("fig") for pose in found)


def test_less_motion_stops_the_figure_at_its_still_pose(blank_page: Callable[..., Page], origin: str) -> None:
    found = poses(blank_page, origin, reduced_motion="reduce")
    assert [pose["name"] for pose in found] == ["none"] * len(found)
    assert [pose["opacity"] for pose in found] == ["1" if pose["still"] else "0" for pose in found]


def test_paper_shows_the_still_pose_without_motion(blank_page: Callable[..., Page], origin: str) -> None:
    page = blank_page(PHONE, reduced_motion="no-preference")
    page.goto(origin + PAGES["drill"])
    page.emulate_media(media="print")
    found = page.evaluate(POSES)
    assert [pose["name"] for pose in found] == ["none"] * len(found)
    assert [pose["opacity"] for pose in found] == ["1" if pose["still"] else "0" for pose in found]


def test_the_timer_shows_the_step_s_figure(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_timer(blank_page, origin)
    shown = page.eval_on_selector(".timer-figure svg", "(svg) => svg.getAttribute('aria-label')")
    first = page.eval_on_selector(".step .fig", "(svg) => svg.getAttribute('aria-label')")
    assert shown == first
    box = page.eval_on_selector(".timer-figure svg", "(svg) => svg.getBoundingClientRect().width")
    assert box > 150  # large, not the step's thumbnail
    page.get_by_role("button", name="Next").click()
    second = page.eval_on_selector_all(".step .fig", "(svgs) => svgs[1].getAttribute('aria-label')")
    assert page.eval_on_selector(".timer-figure svg", "(svg) => svg.getAttribute('aria-label')") == second
