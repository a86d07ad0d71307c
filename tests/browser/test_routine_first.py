"""A routine page at the track: the routine is the first thing on the screen, on every routine the guide ships.

At 360x640 the first step's title and the Start button (put in by routine.js where its template
is) are within the first screen, Start above the steps; with JavaScript off the first step still
is. At 320 px no routine page scrolls sideways. The reasons, folded below the steps, open
without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.pages import Viewport, Visit
from tests.site.built import BuiltSite

pytestmark = pytest.mark.browser

PHONE = Viewport(360, 640)
NARROWEST = Viewport(320, 640)
TALL_PHONE = Viewport(390, 844, mobile=True)

# Where the first step's title and the Start button end, and the screen's height, in CSS px.
FIRST_SCREEN = """
() => {
  const bottom = (selector) => { const box = document.querySelector(selector)?.getBoundingClientRect();
    return box ? {top: box.top + scrollY, bottom: box.bottom + scrollY} : null; };
  return {screen: innerHeight, step: bottom('.step-title'), start: bottom('[data-do=start]'),
          width: document.documentElement.scrollWidth};
}
"""


def _routines(built_site: BuiltSite) -> list[str]:
    paths = sorted(f"/routines/{folder.name}/" for folder in (built_site.root / "routines").iterdir() if folder.is_dir())
    assert len(paths) >= 23, f"only {len(paths)} routine pages were built"
    return paths


def _first_screens(visit: Callable[..., Visit], origin: str, paths: list[str], viewport: Viewport,
                   **options: object) -> dict[str, dict]:
    loaded = visit(paths[0], viewport, **options)
    found = {}
    for path in paths:
        loaded.page.goto(origin + path)
        found[path] = loaded.page.evaluate(FIRST_SCREEN)
    return found


@pytest.mark.parametrize("viewport", [PHONE, TALL_PHONE], ids=lambda viewport: viewport.name)
def test_the_first_step_and_start_are_on_the_first_screen_of_every_routine(
        visit: Callable[..., Visit], built_site: BuiltSite, origin: str, viewport: Viewport) -> None:
    problems = []
    for path, found in _first_screens(visit, origin, _routines(built_site), viewport).items():
        step, start, screen = found["step"], found["start"], found["screen"]
        if start is None:
            problems.append(f"{path}: no Start button")
            continue
        if step["bottom"] > screen:
            problems.append(f"{path}: the first step's title ends at {step['bottom']:.0f} px, below the {screen} px screen")
        if start["bottom"] > screen:
            problems.append(f"{path}: the Start button ends at {start['bottom']:.0f} px, below the {screen} px screen")
        if start["bottom"] > step["top"]:
            problems.append(f"{path}: the Start button is not above the first step")
    assert not problems, f"at {viewport.name}:\n" + "\n".join(problems)


def test_without_javascript_the_first_step_is_on_the_first_screen_and_no_start_shows(
        visit: Callable[..., Visit], built_site: BuiltSite, origin: str) -> None:
    problems = []
    for path, found in _first_screens(visit, origin, _routines(built_site), PHONE, java_script_enabled=False).items():
        if found["start"] is not None and found["start"]["bottom"] > 0:
            problems.append(f"{path}: a Start button shows, though no script can run it")
        if found["step"]["bottom"] > found["screen"]:
            problems.append(f"{path}: the first step's title ends at {found['step']['bottom']:.0f} px")
    assert not problems, f"at {PHONE.name} with JavaScript off:\n" + "\n".join(problems)


def test_no_routine_page_scrolls_sideways_at_320px(visit: Callable[..., Visit], built_site: BuiltSite,
                                                   origin: str) -> None:
    wide = [f"{path}: {found['width']} px wide" for path, found in
            _first_screens(visit, origin, _routines(built_site), NARROWEST).items() if found["width"] > NARROWEST.width]
    assert not wide, f"at {NARROWEST.name}:\n" + "\n".join(wide)


def test_the_reasons_below_the_steps_open_without_javascript(visit: Callable[..., Visit]) -> None:
    loaded = visit("/routines/5k-easy-run-beginner/", PHONE, java_script_enabled=False)
    why = loaded.page.locator("details.why")
    reasons = why.locator(".prose p").first
    assert not reasons.is_visible(), "the reasons are folded until asked for"
    why.locator("summary").click()
    assert reasons.is_visible()
    assert "fewer repetitions and longer hold times" in reasons.inner_text()
