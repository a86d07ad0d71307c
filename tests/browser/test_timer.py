"""The follow-along timer, driven by Playwright's clock: it counts down, moves on, ticks steps, and stays accessible."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import PAGES, VIEWPORTS, Viewport, describe
from tests.browser.test_accessibility import AXE, RUN_AXE, WCAG_A_AND_AA
from tests.browser.test_phone import MIN_TARGET_PX, MIN_TEXT_PX, OVERFLOW, SMALL_TARGETS, SMALL_TEXT
from tests.site.built import PROJECT

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
ROUTINE = PAGES["routine"]
START = datetime.datetime(2025, 7, 19, 7, 0, tzinfo=datetime.UTC)
# Where the stopped clock stands: far enough ahead of START that a page load on a busy machine (the
# installed clock runs in real time until paused) never passes it, or pause_at refuses "to the past".
PAUSED = START + datetime.timedelta(minutes=10)


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def open_timer(blank_page: Callable[..., Page], origin: str, viewport: Viewport = PHONE, **options: object) -> Page:
    """The routine with the timer open, its clock stopped: time moves only when the test says."""
    page = blank_page(viewport, **options)
    page.clock.install(time=START)
    page.goto(origin + ROUTINE)
    page.clock.pause_at(PAUSED)
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator("dialog.timer")).to_be_visible()
    return page


def test_timer_counts_down_moves_on_and_ticks_every_step(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_timer(blank_page, origin)
    steps = page.eval_on_selector_all(".step", """(steps) => steps.map((step) => ({
        title: step.querySelector('.step-title').textContent, dose: step.querySelector('.dose').textContent,
        seconds: +step.dataset.countdown}))""")
    assert any(step["seconds"] for step in steps) and not all(step["seconds"] for step in steps), (
        f"{ROUTINE} should mix timed and counted steps for this test")
    dialog = page.locator("dialog.timer")
    paused_once = False
    for number, step in enumerate(steps, 1):
        expect(dialog.locator(".timer-of")).to_have_text(f"Step {number} of {len(steps)}")
        expect(dialog.locator(".timer-title")).to_have_text(step["title"])
        expect(dialog.locator(".timer-dose")).to_have_text(step["dose"])
        following = steps[number] if number < len(steps) else None
        expect(dialog.locator(".timer-next")).to_have_text(
            f"Next: {following['title']}, {following['dose']}" if following else "Next: the end of the warm-up")
        box = page.locator(f"#step-{number}")
        assert not box.is_checked()
        if step["seconds"]:
            clock = dialog.locator(".timer-clock")
            expect(clock).to_have_text(clock_text(step["seconds"]))
            expect(dialog.get_by_role("button", name="Done")).to_be_hidden()
            page.clock.run_for(5000)
            expect(clock).to_have_text(clock_text(step["seconds"] - 5))
            if not paused_once:  # paused, time passes and the clock stands still
                paused_once = True
                dialog.get_by_role("button", name="Pause").click()
                page.clock.run_for(60_000)
                expect(clock).to_have_text(clock_text(step["seconds"] - 5))
                dialog.get_by_role("button", name="Resume").click()
            page.clock.run_for((step["seconds"] - 6) * 1000)
            expect(clock).to_have_text("0:01")
            assert not box.is_checked(), f"step {number} ticked before its time was up"
            page.clock.run_for(1500)
        else:
            expect(dialog.locator(".timer-clock")).to_be_hidden()
            page.clock.run_for(120_000)  # a counted step waits for the runner, however long
            expect(dialog.locator(".timer-of")).to_have_text(f"Step {number} of {len(steps)}")
            dialog.get_by_role("button", name="Done").click()
        expect(box).to_be_checked()
    expect(dialog.locator(".timer-title")).to_have_text("Warm-up done")
    expect(dialog.locator(".timer-dose")).to_have_text(f"{len(steps)} of {len(steps)} done")
    dialog.get_by_role("button", name="Close the timer").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".track-count")).to_have_text(f"{len(steps)} of {len(steps)} done")


def test_next_and_previous_move_without_ticking_and_start_resumes(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_timer(blank_page, origin)
    dialog = page.locator("dialog.timer")
    dialog.get_by_role("button", name="Next").click()
    dialog.get_by_role("button", name="Next").click()
    expect(dialog.locator(".timer-of")).to_contain_text("Step 3 of")
    dialog.get_by_role("button", name="Previous").click()
    expect(dialog.locator(".timer-of")).to_contain_text("Step 2 of")
    assert page.eval_on_selector_all(".step input:checked", "(boxes) => boxes.length") == 0
    dialog.get_by_role("button", name="Done").click()  # step 2 is counted
    expect(page.locator("#step-2")).to_be_checked()
    page.keyboard.press("Escape")  # closes, like the Close button
    expect(dialog).to_be_hidden()
    page.locator("label[for=step-1]").click()
    page.get_by_role("button", name="Start the timer").click()
    # The first step not yet ticked.
    expect(dialog.locator(".timer-of")).to_contain_text("Step 3 of")


def test_timer_works_by_keyboard_alone(blank_page: Callable[..., Page], origin: str) -> None:
    page = blank_page(PHONE)
    page.clock.install(time=START)
    page.goto(origin + ROUTINE)
    page.clock.pause_at(PAUSED)
    page.locator("[data-do=start]").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.timer")
    expect(dialog).to_be_visible()
    # Focus lands on the action that matters now: pausing the first, timed, step.
    assert page.evaluate("() => document.activeElement.textContent") == "Pause"
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("button", name="Resume")).to_be_focused()
    assert dialog.locator("[aria-live]").inner_text() == "Paused."
    page.keyboard.press("Tab")  # Next
    page.keyboard.press("Enter")
    expect(dialog.locator(".timer-of")).to_contain_text("Step 2 of")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("[data-do=start]")).to_be_focused()


@pytest.mark.parametrize("viewport", [VIEWPORTS[0], PHONE], ids=[VIEWPORTS[0].name, PHONE.name])
def test_open_timer_has_no_axe_violations_small_targets_or_overflow(blank_page: Callable[..., Page], origin: str,
                                                                    viewport: Viewport) -> None:
    page = open_timer(blank_page, origin, viewport)
    page.clock.resume()  # axe waits on timers of its own
    page.add_script_tag(path=AXE)
    violations = page.evaluate(RUN_AXE, WCAG_A_AND_AA)
    where = f"{ROUTINE} at {viewport.name} with the timer open"
    assert not violations, f"{where}: axe found " + "; ".join(
        f"{violation['id']} ({violation['help']}) at {violation['nodes'][:3]}" for violation in violations)
    small = page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)
    assert not small, f"{where}: small tap targets: " + "; ".join(describe(element) for element in small)
    text = page.evaluate(SMALL_TEXT, MIN_TEXT_PX)
    assert not text, f"{where}: small text: " + "; ".join(describe(element) for element in text)
    found = page.evaluate(OVERFLOW, viewport.width)
    assert found["page"] <= found["limit"], f"{where}: the page scrolls sideways"
    page.screenshot(path=PROJECT / "test-artifacts" / "screenshots" / viewport.name / "timer.png", scale="css")


def test_timer_moves_nothing_for_a_reader_who_asked_for_less_motion(blank_page: Callable[..., Page],
                                                                   origin: str) -> None:
    page = open_timer(blank_page, origin, reduced_motion="reduce")
    assert page.eval_on_selector(".timer-bar span", "(bar) => getComputedStyle(bar).transitionDuration") == "0s"
    moving = open_timer(blank_page, origin)
    assert moving.eval_on_selector(".timer-bar span", "(bar) => getComputedStyle(bar).transitionDuration") != "0s"


# Stand-ins for what a phone has and a headless browser lacks, recording each call.
SIGNALS = """
window.__calls = [];
const note = (what) => window.__calls.push(what);
Object.defineProperty(navigator, 'wakeLock', {value: {request: (kind) => {
  note('lock ' + kind);
  return Promise.resolve({release: () => { note('release'); return Promise.resolve(); }});
}}});
navigator.vibrate = (pattern) => { note('vibrate ' + pattern); return true; };
window.AudioContext = class {
  constructor() { note('audio'); this.currentTime = 0; this.destination = {}; }
  createGain() { return {gain: {}, connect: (next) => next}; }
  createOscillator() { return {frequency: {}, connect: (next) => next, start: () => note('beep'), stop: () => {}}; }
};
"""


def test_timer_keeps_the_screen_awake_and_signals_the_end_of_a_step(blank_page: Callable[..., Page],
                                                                  origin: str) -> None:
    page = blank_page(PHONE)
    page.add_init_script(SIGNALS)
    page.clock.install(time=START)
    page.goto(origin + ROUTINE)
    page.clock.pause_at(PAUSED)
    page.get_by_role("button", name="Start the timer").click()
    dialog = page.locator("dialog.timer")
    assert page.evaluate("() => window.__calls") == ["lock screen"]
    dialog.get_by_text("Beep").click()  # on: a beep at once, so the runner hears what it will sound like
    assert page.evaluate("() => window.__calls") == ["lock screen", "audio", "beep"]
    seconds = int(page.get_attribute("#step-1 >> xpath=..", "data-countdown") or 0)
    assert seconds, "the first step of the routine is timed"
    page.clock.run_for(seconds * 1000 + 500)
    expect(dialog.locator(".timer-of")).to_contain_text("Step 2 of")
    assert page.evaluate("() => window.__calls")[3:] == ["beep", "vibrate 200"]
    dialog.get_by_role("button", name="Close the timer").click()
    page.wait_for_function("() => window.__calls.at(-1) === 'release'", timeout=2000)  # the close event is queued
    # The choice is remembered for next time.
    assert page.evaluate("() => JSON.parse(localStorage.getItem('stride1:timer'))") == {"beep": True, "buzz": True}
