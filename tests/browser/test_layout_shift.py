"""Nothing jumps while a page loads: what the scripts add never pushes what is already shown (CLS under 0.1)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route

from tests.browser.pages import PAGES, VIEWPORTS

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
GOOD_CLS = 0.1  # "good" by the Core Web Vitals thresholds

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


@pytest.mark.parametrize("kind", ["routine", "log"])
def test_what_the_scripts_add_shifts_nothing(blank_page: Callable[..., Page], origin: str, kind: str) -> None:
    page = blank_page(PHONE)
    page.route("**/assets/js/*.js", _slow_script)
    page.goto(origin + PAGES[kind])
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(LAYOUT_SHIFT)
    assert shift < GOOD_CLS, (f"{PAGES[kind]} at {PHONE.name}: layout shifted by {shift:.3f} while loading"
                              f" (good is under {GOOD_CLS})")
