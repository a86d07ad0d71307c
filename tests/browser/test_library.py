"""The drill library on a phone: short enough to scan, narrowed without JavaScript."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.pages import PAGES, VIEWPORTS, Visit, screenshot

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]  # 390x844, touch
NARROWEST = VIEWPORTS[0]
MAX_SCREENS = 5
LIBRARY_KINDS = ("drill-library", "drill-zone", "drill-equipment")


@pytest.mark.parametrize("kind", LIBRARY_KINDS)
def test_the_library_is_at_most_five_phone_screens_tall(visit: Callable[..., Visit], kind: str) -> None:
    loaded = visit(PAGES[kind], PHONE)
    screenshot(loaded, kind)
    height = loaded.page.evaluate("document.documentElement.scrollHeight")
    assert height <= MAX_SCREENS * PHONE.height, (
        f"{loaded.where()}: {height / PHONE.height:.1f} screens tall, over {MAX_SCREENS}")


def test_each_drill_is_one_row_and_the_whole_row_opens_it(visit: Callable[..., Visit]) -> None:
    loaded = visit(PAGES["drill-library"], PHONE)
    page = loaded.page
    links = page.locator("ul.rows a")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) == len(set(hrefs)) > 0
    # A tap on the figure, not the words, still opens the drill.
    first = page.locator("ul.rows li").first
    box = first.locator(".row-figure").bounding_box()
    assert box is not None
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(hrefs[0])


def test_a_runner_narrows_the_library_with_javascript_off(visit: Callable[..., Visit]) -> None:
    loaded = visit(PAGES["drill-library"], NARROWEST, java_script_enabled=False)
    page = loaded.page
    total = page.locator("ul.rows li").count()
    page.locator("nav.facets summary", has_text="Equipment").click()
    none = page.get_by_role("link", name="No equipment")
    box = none.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    none.click()
    page.wait_for_url("**/drills/equipment/none/")
    kept = page.locator("ul.rows li").count()
    assert 0 < kept < total
    assert page.locator(".library-count").inner_text().startswith(f"{kept} of {total} drills")
    assert page.locator("nav.facets details[open] summary").inner_text() == "Equipment: No equipment"
    page.get_by_role("link", name="Show all drills").click()
    page.wait_for_url("**/drills/")
    assert page.locator("ul.rows li").count() == total
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROWEST.width
