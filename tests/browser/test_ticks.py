"""Ticking a routine's steps off: kept across reloads and visits, counted aloud, and plain checkboxes without script."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.pages import PAGES, VIEWPORTS, Visit

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
ROUTINE = PAGES["routine"]
PROJECT = Path(__file__).resolve().parents[2]
TICKS = "stride1:ticks:"


def ticked(page: Page) -> list[str]:
    return page.eval_on_selector_all(".step input", "(boxes) => boxes.filter((box) => box.checked).map((box) => box.id)")


def test_ticks_survive_a_reload_and_a_new_visit(visit: Callable[..., Visit], origin: str) -> None:
    page = visit(ROUTINE, PHONE).page
    steps = page.locator(".step").count()
    count = page.locator(".track-count")
    expect(count).to_have_text(f"0 of {steps} done")
    assert count.get_attribute("aria-live") == "polite", "the count must be announced as it changes"
    page.locator("label[for=step-2]").click()
    page.locator("label[for=step-5]").click()
    expect(count).to_have_text(f"2 of {steps} done")

    page.reload()
    assert ticked(page) == ["step-2", "step-5"], "ticks lost on reload"
    # A new tab restores no form state: what it shows comes from storage alone.
    other = page.context.new_page()
    other.goto(origin + ROUTINE)
    assert ticked(other) == ["step-2", "step-5"], "ticks lost on a new visit"
    expect(other.locator(".track-count")).to_have_text(f"2 of {steps} done")

    other.get_by_role("button", name="Reset ticks").click()
    assert ticked(other) == []
    expect(other.locator(".track-count")).to_have_text(f"0 of {steps} done")
    page.goto(origin + ROUTINE)
    assert ticked(page) == [], "reset did not clear the stored ticks"


def test_ticks_of_a_changed_routine_are_dropped(visit: Callable[..., Visit], origin: str) -> None:
    page = visit(ROUTINE, PHONE).page
    key = page.get_attribute("[data-routine]", "data-routine")
    assert key and key.count(":") == 1, f"data-routine is {key!r}, not 'slug:hash'"
    slug = key.split(":")[0]
    # Ticks kept for an older version of the routine (another hash of its steps).
    page.evaluate("([name]) => localStorage.setItem(name, '[1, 2, 3]')", [f"{TICKS}{slug}:00000000"])
    page.goto(origin + ROUTINE)
    assert ticked(page) == [], "ticks of another version of the routine were shown"
    names = page.evaluate("() => Object.keys(localStorage)")
    assert f"{TICKS}{slug}:00000000" not in names, "stale ticks were kept"


def test_every_checkbox_toggles_without_javascript(visit: Callable[..., Visit]) -> None:
    page = visit(ROUTINE, PHONE, java_script_enabled=False).page
    assert page.locator(".track, dialog").count() == 0, "script-only controls show without script"
    boxes = page.locator(".step input[type=checkbox]")
    slug = ROUTINE.strip("/").split("/")[-1]
    steps = yaml.safe_load((PROJECT / "content" / "routines" / f"{slug}.yaml").read_text())["steps"]
    assert boxes.count() == len(steps), "not one checkbox per step of the routine"
    for index in range(boxes.count()):
        box = boxes.nth(index)
        label = page.locator(f"label[for={box.get_attribute('id')}]")
        label.tap()
        assert box.is_checked(), f"{box.get_attribute('id')} did not tick with a tap on its label"
        box.click()
        assert not box.is_checked(), f"{box.get_attribute('id')} did not untick"
