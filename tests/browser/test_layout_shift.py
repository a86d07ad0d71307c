"""Nothing jumps while a page loads: what the scripts add never pushes what is already shown.

Not "under 0.1, good by Core Web Vitals": any shift costs a Lighthouse point (0.087 cost the routine
page one), and the place of what a script adds is known before it runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route

from tests.browser.pages import PAGES, VIEWPORTS, Viewport

pytestmark = pytest.mark.browser

# The phones and the wide screen, and 360x640: the routine's controls take two rows on a phone, one when wide.
SCREENS = (*VIEWPORTS, Viewport(360, 640))

# The sum of every layout shift since the page started loading (buffered), as Lighthouse counts it.
LAYOUT_SHIFT = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})
"""


def _slow_script(route: Route) -> None:
    time.sleep(0.4)  # a phone on a poor signal: the page is painted before its scripts arrive
    route.continue_()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
@pytest.mark.parametrize("kind", ["routine", "log"])
def test_what_the_scripts_add_shifts_nothing(blank_page: Callable[..., Page], origin: str, kind: str,
                                             screen: Viewport) -> None:
    page = blank_page(screen)
    page.route("**/assets/js/*.js", _slow_script)
    page.goto(origin + PAGES[kind])
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(LAYOUT_SHIFT)
    assert shift == 0, f"{PAGES[kind]} at {screen.name}: layout shifted by {shift:.3f} while loading"
