"""Whatever this browser's storage holds under a `stride1:` key, the routine page still ticks, counts and times.

An old version of the site, another tab or an extension may leave any text at all: each
value is planted, the page is loaded again, and it must work as if the key were empty,
with no error in the page. (The log's own key is tested in test_log.py: an unreadable
log is kept, not discarded.)
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import PAGES, VIEWPORTS, Visit

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
ROUTINE = PAGES["routine"]

# Raw text, as localStorage holds it.
WRONG = {
    "not JSON": "{oops",
    "a number": "5",
    "a string": '"1,2"',
    "true": "true",
    "null": "null",
    "an object": '{"1": true, "length": 3}',
    "wrong items": '[{"1": 1}, "2", [3], null, true, 1.5, -1, 0, 99, 1e400]',
    "a huge list": "[" + ",".join(["1e9"] * 200_000) + "]",
    "a huge number": "9" * 5000,
    "huge text": '"' + "x" * 1_000_000 + '"',
    "prototype": '{"__proto__": {"beep": false, "buzz": false, "voice": true, "length": 2, "0": 1},'
                 ' "constructor": {"prototype": {"beep": false}}}',
}


def plant(visit: Callable[..., Visit], name: str | None, value: str) -> tuple[Page, list[str]]:
    """The routine page loaded again after `value` was stored under `name` (None: this routine's ticks key)."""
    page = visit(ROUTINE, PHONE).page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    key = name or "stride1:ticks:" + (page.get_attribute("[data-routine]", "data-routine") or "")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, value])
    page.reload()
    return page, errors


def ticked(page: Page) -> list[str]:
    return page.eval_on_selector_all(".step input", "(boxes) => boxes.filter((box) => box.checked).map((box) => box.id)")


def assert_the_page_works(page: Page, errors: list[str], done: int = 0) -> None:
    """The count shows, a tick is counted and kept, and the timer starts at the first step not done."""
    steps = page.locator(".step").count()
    expect(page.locator(".track-count")).to_have_text(f"{done} of {steps} done")
    page.get_by_role("button", name="Start the timer").click()
    dialog = page.locator("dialog.timer")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".timer-of")).to_have_text(f"Step {done + 1} of {steps}")
    dialog.get_by_role("button", name="Close the timer").click()
    page.get_by_role("button", name="Reset ticks").click()
    page.locator("label[for=step-2]").click()
    expect(page.locator(".track-count")).to_have_text(f"1 of {steps} done")
    page.reload()
    assert ticked(page) == ["step-2"]
    assert page.evaluate("() => ({}).beep === undefined && [].length === 0"), "Object.prototype was polluted"
    assert errors == []


@pytest.mark.parametrize("value", WRONG.values(), ids=WRONG.keys())
def test_wrong_ticks_are_discarded(visit: Callable[..., Visit], value: str) -> None:
    page, errors = plant(visit, None, value)
    assert ticked(page) == []
    assert_the_page_works(page, errors)


def test_ticks_of_steps_that_exist_are_kept_and_the_rest_dropped(visit: Callable[..., Visit]) -> None:
    page, errors = plant(visit, None, '[1, "2", 3, 3.5, 99, {"4": 4}]')
    assert ticked(page) == ["step-1", "step-3"]
    steps = page.locator(".step").count()
    expect(page.locator(".track-count")).to_have_text(f"2 of {steps} done")
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator("dialog.timer .timer-of")).to_have_text(f"Step 2 of {steps}")
    assert errors == []


@pytest.mark.parametrize("value", WRONG.values(), ids=WRONG.keys())
def test_wrong_timer_settings_fall_back_to_the_defaults(visit: Callable[..., Visit], value: str) -> None:
    page, errors = plant(visit, "stride1:timer", value)
    expect(page.locator("[data-pref=beep]")).to_be_checked()
    expect(page.locator("[data-pref=buzz]")).to_be_checked()
    expect(page.locator("[data-pref=voice]")).not_to_be_checked()
    assert_the_page_works(page, errors)
    page.get_by_role("button", name="Start the timer").click()
    page.locator("dialog.timer").get_by_text("Beep").click()
    assert page.evaluate("() => localStorage.getItem('stride1:timer')") == '{"beep":false,"buzz":true,"voice":false}'
    assert errors == []


def test_one_setting_of_the_right_type_is_kept(visit: Callable[..., Visit]) -> None:
    page, errors = plant(visit, "stride1:timer", '{"beep": false, "buzz": "no", "voice": true}')
    expect(page.locator("[data-pref=beep]")).not_to_be_checked()
    expect(page.locator("[data-pref=buzz]")).to_be_checked()
    expect(page.locator("[data-pref=voice]")).to_be_checked()
    assert errors == []


@pytest.mark.parametrize("name", ["stride1:log", "stride1:log:unreadable", "stride1:", "stride1:ticks:",
                                  "stride1:ticks:5k-easy-run-beginner", "stride1:ticks:other:00000000"])
@pytest.mark.parametrize("value", ["{oops", "5", "null", '{"__proto__": {"beep": true}}'])
def test_other_keys_do_not_disturb_the_routine(visit: Callable[..., Visit], name: str, value: str) -> None:
    page, errors = plant(visit, name, value)
    assert_the_page_works(page, errors)


def test_ticks_made_in_another_tab_show_here(visit: Callable[..., Visit], origin: str) -> None:
    """Two tabs of one routine agree: a tick in one shows in the other, so neither writes the other's away."""
    page = visit(ROUTINE, PHONE).page
    other = page.context.new_page()
    other.goto(origin + ROUTINE)
    steps = page.locator(".step").count()
    other.locator("label[for=step-3]").click()
    expect(page.locator(".track-count")).to_have_text(f"1 of {steps} done")
    assert ticked(page) == ["step-3"]
    # Anything another tab stores is checked as any stored value is.
    other.evaluate("(key) => localStorage.setItem(key, '5')",
                   "stride1:ticks:" + (page.get_attribute("[data-routine]", "data-routine") or ""))
    expect(page.locator(".track-count")).to_have_text(f"0 of {steps} done")
    page.locator("label[for=step-1]").click()
    expect(other.locator(".track-count")).to_have_text(f"1 of {steps} done")
