"""The follow-along timer, driven by Playwright's clock: it counts down, moves on, ticks steps, and stays accessible."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.pages import PAGES, VIEWPORTS, Viewport, describe
from tests.browser.test_accessibility import AXE, RUN_AXE, WCAG_A_AND_AA
from tests.browser.test_phone import MIN_TARGET_PX, MIN_TEXT_PX, OVERFLOW, SMALL_TARGETS, SMALL_TEXT
from tests.site.built import PROJECT

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
ROUTINE = PAGES["routine"]
START = datetime.datetime(2025, 7, 19, 7, 0, tzinfo=datetime.UTC)
# The clock stops this long after START: past the page load, however busy the machine (pause_at
# cannot go back in time).
LOADED = datetime.timedelta(seconds=60)


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def open_timer(blank_page: Callable[..., Page], origin: str, viewport: Viewport = PHONE, **options: object) -> Page:
    """The routine with the timer open, its clock stopped: time moves only when the test says."""
    page = blank_page(viewport, **options)
    page.clock.install(time=START)
    page.goto(origin + ROUTINE)
    page.clock.pause_at(START + LOADED)
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator("dialog.timer")).to_be_visible()
    return page


def pacing(page: Page) -> list[list[object]]:
    """What the page tells the timer of each step: [seconds, per side, reps, parts]."""
    return page.eval_on_selector("dialog .timer-pacing", "(script) => JSON.parse(script.textContent)")


def test_timer_counts_every_step_down_moves_on_and_ticks_it(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_timer(blank_page, origin)
    steps = page.eval_on_selector_all(".step", """(steps) => steps.map((step) => ({
        title: step.querySelector('.step-title').textContent, dose: step.querySelector('.dose').textContent,
        timed: +step.dataset.countdown > 0}))""")
    seconds = [int(str(entry[0])) for entry in pacing(page)]
    assert len(seconds) == len(steps) and all(seconds)
    assert any(step["timed"] for step in steps) and not all(step["timed"] for step in steps), (
        f"{ROUTINE} should mix timed and counted steps for this test")
    dialog = page.locator("dialog.timer")
    clock = dialog.locator(".timer-clock")
    paused_once = False
    for number, (step, time) in enumerate(zip(steps, seconds), 1):
        expect(dialog.locator(".timer-of")).to_have_text(f"Step {number} of {len(steps)}")
        expect(dialog.locator(".timer-title")).to_have_text(step["title"])
        expect(dialog.locator(".timer-dose")).to_have_text(step["dose"])
        following = steps[number] if number < len(steps) else None
        expect(dialog.locator(".timer-next")).to_have_text(
            f"Next: {following['title']}, {following['dose']}" if following else "Next: the end of the warm-up")
        box = page.locator(f"#step-{number}")
        assert not box.is_checked()
        expect(clock).to_have_text(clock_text(time))  # every step is on the clock, counted ones too
        page.clock.run_for(5000)
        expect(clock).to_have_text(clock_text(time - 5))
        if not paused_once:  # paused, time passes and the clock stands still
            paused_once = True
            dialog.get_by_role("button", name="Pause").click()
            page.clock.run_for(60_000)
            expect(clock).to_have_text(clock_text(time - 5))
            dialog.get_by_role("button", name="Resume").click()
        if step["timed"]:
            expect(dialog.get_by_role("button", name="Done")).to_be_hidden()
            page.clock.run_for((time - 6) * 1000)
            expect(clock).to_have_text("0:01")
            assert not box.is_checked(), f"step {number} ticked before its time was up"
            page.clock.run_for(1500)
        else:  # Done ends a counted step before its time is up
            dialog.get_by_role("button", name="Done").click()
        expect(box).to_be_checked()
    expect(dialog.locator(".timer-title")).to_have_text("Warm-up done")
    expect(dialog.locator(".timer-dose")).to_have_text(f"{len(steps)} of {len(steps)} done")
    expect(dialog.locator(".timer-skipped")).to_have_text("Every step done.")
    dialog.get_by_role("button", name="Close the timer").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".track-count")).to_have_text(f"{len(steps)} of {len(steps)} done")


def test_a_counted_step_moves_on_when_its_time_is_up(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_timer(blank_page, origin)
    dialog = page.locator("dialog.timer")
    dialog.get_by_role("button", name="Next").click()
    seconds = int(str(pacing(page)[1][0]))
    expect(dialog.get_by_role("button", name="Done")).to_be_visible()  # step 2 is counted
    page.clock.run_for(seconds * 1000 - 1000)
    expect(dialog.locator(".timer-of")).to_contain_text("Step 2 of")
    page.clock.run_for(1500)
    expect(dialog.locator(".timer-of")).to_contain_text("Step 3 of")
    expect(page.locator("#step-2")).to_be_checked()


def test_elapsed_and_remaining_cover_the_whole_routine(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_timer(blank_page, origin)
    dialog = page.locator("dialog.timer")
    seconds = [int(str(entry[0])) for entry in pacing(page)]
    total = dialog.locator(".timer-total")
    expect(total).to_have_text(f"0:00 elapsed · {clock_text(sum(seconds))} left")
    page.clock.run_for(10_000)
    expect(total).to_have_text(f"0:10 elapsed · {clock_text(sum(seconds) - 10)} left")
    dialog.get_by_role("button", name="Pause").click()
    page.clock.run_for(60_000)  # a pause is not time spent warming up
    expect(total).to_have_text(f"0:10 elapsed · {clock_text(sum(seconds) - 10)} left")
    dialog.get_by_role("button", name="Next").click()  # skipped: what it would have taken is not left
    expect(total).to_have_text(f"0:10 elapsed · {clock_text(sum(seconds[1:]))} left")
    page.clock.run_for(3000)
    expect(total).to_have_text(f"0:13 elapsed · {clock_text(sum(seconds[1:]) - 3)} left")


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
    page.clock.pause_at(START + LOADED)
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
    page.clock.pause_at(START + LOADED)
    page.get_by_role("button", name="Start the timer").click()
    dialog = page.locator("dialog.timer")
    # The beep is on by default: its sound is made ready in the tap that starts the timer.
    expect(dialog.get_by_label("Beep")).to_be_checked()
    assert page.evaluate("() => window.__calls") == ["audio", "lock screen"]
    seconds = int(str(pacing(page)[0][0]))
    page.clock.run_for(seconds * 1000 + 500)
    expect(dialog.locator(".timer-of")).to_contain_text("Step 2 of")
    assert page.evaluate("() => window.__calls")[2:] == ["beep", "vibrate 200"]
    dialog.get_by_text("Beep").click()  # off
    dialog.get_by_role("button", name="Close the timer").click()
    page.wait_for_function("() => window.__calls.at(-1) === 'release'", timeout=2000)  # the close event is queued
    # The choice is remembered for next time.
    assert page.evaluate("() => JSON.parse(localStorage.getItem('stride1:timer'))") == {
        "beep": False, "buzz": True, "voice": False}


# The device's speech synthesis, recording what it is asked to say.
VOICE = """
window.__said = [];
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
Object.defineProperty(window, 'speechSynthesis', {value: {
  speak: (utterance) => window.__said.push(utterance.text), cancel: () => {}}});
"""


def open_with_signals(blank_page: Callable[..., Page], origin: str, voice: bool = True, path: str = ROUTINE) -> Page:
    """The routine's timer open on a stopped clock, with every signal recorded and the voice chosen."""
    page = blank_page(PHONE)
    page.add_init_script(SIGNALS + VOICE)
    page.clock.install(time=START)
    page.goto(origin + path)
    page.clock.pause_at(START + LOADED)
    page.get_by_role("button", name="Start the timer").click()
    if voice:
        page.locator("dialog.timer").get_by_label("Voice").check()
    return page


def step_of(page: Page, kind: str) -> int:
    """The index of the first step that is per side ('side') or has parts ('parts')."""
    entries = pacing(page)
    return next(index for index, entry in enumerate(entries) if (entry[1] if kind == "side" else entry[3]))


def test_a_per_side_step_says_switch_sides_at_half_time(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_with_signals(blank_page, origin)
    dialog = page.locator("dialog.timer")
    index = step_of(page, "side")
    for _ in range(index):
        dialog.get_by_role("button", name="Next").click()
    seconds = int(str(pacing(page)[index][0]))
    part = dialog.locator(".timer-part")
    expect(part).to_have_text("First side")
    page.evaluate("() => { window.__calls = []; window.__said = []; }")
    page.clock.run_for(seconds * 500 - 1000)
    expect(part).to_have_text("First side")
    assert page.evaluate("() => window.__calls") == []
    page.clock.run_for(1500)
    expect(part).to_have_text("Switch sides: second side")
    expect(dialog.locator("[aria-live]")).to_have_text("Switch sides: second side")
    assert page.evaluate("() => window.__calls") == ["beep", "vibrate 200"]
    assert page.evaluate("() => window.__said") == ["Switch sides: second side"]
    page.clock.run_for(5000)  # said once, not at every tick
    assert page.evaluate("() => window.__said") == ["Switch sides: second side"]


def test_strides_show_the_pick_up_the_acceleration_and_the_easy_return(blank_page: Callable[..., Page],
                                                                      origin: str) -> None:
    page = open_with_signals(blank_page, origin)
    dialog = page.locator("dialog.timer")
    index = step_of(page, "parts")
    for _ in range(index):
        dialog.get_by_role("button", name="Next").click()
    expect(dialog.locator(".timer-title")).to_have_text("Strides")
    seconds, _, reps, _ = pacing(page)[index]
    each = int(str(seconds)) // int(str(reps))
    assert int(str(reps)) >= 2 and each >= 35, "the routine's strides leave room for the longest pick-up and acceleration"
    # The article: a 15 to 20 second pick-up to a brisk walk or light jog, a 10 to 15 second
    # acceleration into a controlled jog, then ease down (content/drills/strides.md, `parts`).
    part = dialog.locator(".timer-part")
    pick_up = "Pick-up to a brisk walk or light jog, 15–20 s"
    expect(part).to_have_text(f"Repetition 1 of {reps}: {pick_up} · 0:20")
    page.evaluate("() => { window.__said = []; }")
    page.clock.run_for(19_000)
    expect(part).to_have_text(f"Repetition 1 of {reps}: {pick_up} · 0:01")
    page.clock.run_for(1000)
    acceleration = f"Repetition 1 of {reps}: Acceleration into a controlled jog, 10–15 s"
    expect(part).to_have_text(f"{acceleration} · 0:15")
    page.clock.run_for(15_000)
    expect(part).to_have_text(f"Repetition 1 of {reps}: Ease down")
    page.clock.run_for((each - 35) * 1000)
    expect(part).to_have_text(f"Repetition 2 of {reps}: {pick_up} · 0:20")
    assert page.evaluate("() => window.__said") == [
        acceleration, f"Repetition 1 of {reps}: Ease down", f"Repetition 2 of {reps}: {pick_up}"]


def test_the_voice_is_off_by_default_and_remembered(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_with_signals(blank_page, origin, voice=False)
    dialog = page.locator("dialog.timer")
    voice = dialog.get_by_label("Voice")
    expect(voice).not_to_be_checked()
    dialog.get_by_role("button", name="Next").click()
    assert page.evaluate("() => window.__said") == []
    voice.check()
    assert page.evaluate("() => window.__said") == ["Voice on"]
    dialog.get_by_role("button", name="Next").click()
    page.clock.run_for(int(str(pacing(page)[2][0])) * 1000 + 500)  # step 3 ends: the next one is named
    step = f"{dialog.locator('.timer-title').inner_text()}, {dialog.locator('.timer-dose').inner_text()}"
    assert page.evaluate("() => window.__said")[-1] == step
    page.reload()
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator("dialog.timer").get_by_label("Voice")).to_be_checked()


def test_a_browser_without_speech_offers_no_voice(blank_page: Callable[..., Page], origin: str) -> None:
    page = blank_page(PHONE)
    page.add_init_script("Object.defineProperty(window, 'speechSynthesis', {value: undefined});")
    page.goto(origin + ROUTINE)
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator("dialog.timer").get_by_text("Voice")).to_be_hidden()


def checklist() -> list[str]:
    return yaml.safe_load((PROJECT / "content" / "site.yaml").read_text(encoding="utf-8"))["checklist"]


def test_the_end_screen_is_honest_and_offers_what_comes_next(blank_page: Callable[..., Page], origin: str) -> None:
    page = open_timer(blank_page, origin)
    dialog = page.locator("dialog.timer")
    titles = page.eval_on_selector_all(".step-title", "(titles) => titles.map((title) => title.textContent)")
    dialog.get_by_role("button", name="Next").click()  # step 1 skipped
    dialog.get_by_role("button", name="Done").click()  # step 2 done
    for _ in titles[2:]:
        dialog.get_by_role("button", name="Next").click()
    expect(dialog.locator(".timer-title")).to_have_text("Warm-up done")
    expect(dialog.locator(".timer-dose")).to_have_text(f"1 of {len(titles)} done")
    skipped = [title for number, title in enumerate(titles, 1) if number != 2]
    expect(dialog.locator(".timer-skipped")).to_have_text(f"Skipped: {', '.join(skipped)}.")
    expect(dialog.locator(".timer-clock")).to_be_hidden()
    expect(dialog.get_by_role("button", name="Close the timer")).to_be_focused()
    group = dialog.get_by_role("group", name="After the warm-up")
    boxes = group.get_by_role("checkbox")
    assert [label.strip() for label in group.locator("label").all_inner_texts()] == checklist()
    boxes.nth(1).check()
    expect(boxes.nth(1)).to_be_checked()
    log = dialog.get_by_role("link", name="Log this warm-up")
    assert log.get_attribute("href") == "../../log/?routine=5k-easy-run-beginner"  # relative, like every link
    cool_down = dialog.get_by_role("link", name="After your run: Post-run cool-down")
    assert cool_down.get_attribute("href") == "../../routines/post-run-cool-down/"
    cool_down.click()
    expect(page).to_have_url(origin + "/routines/post-run-cool-down/")
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator("dialog.timer a")).to_have_count(1)  # the cool-down offers no cool-down after itself
    expect(page.locator("dialog.timer a")).to_have_text("Log this warm-up")


@pytest.mark.parametrize("viewport", [VIEWPORTS[0], PHONE], ids=[VIEWPORTS[0].name, PHONE.name])
def test_the_end_screen_has_no_axe_violations_small_targets_or_overflow(blank_page: Callable[..., Page], origin: str,
                                                                        viewport: Viewport) -> None:
    page = open_timer(blank_page, origin, viewport)
    steps = page.locator(".step").count()
    for _ in range(steps):
        page.locator("dialog.timer").get_by_role("button", name="Next").click()
    expect(page.locator("dialog.timer .timer-end")).to_be_visible()
    page.clock.resume()  # axe waits on timers of its own
    page.add_script_tag(path=AXE)
    violations = page.evaluate(RUN_AXE, WCAG_A_AND_AA)
    where = f"{ROUTINE} at {viewport.name} on the timer's end screen"
    assert not violations, f"{where}: axe found " + "; ".join(
        f"{violation['id']} ({violation['help']}) at {violation['nodes'][:3]}" for violation in violations)
    small = page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)
    assert not small, f"{where}: small tap targets: " + "; ".join(describe(element) for element in small)
    found = page.evaluate(OVERFLOW, viewport.width)
    assert found["page"] <= found["limit"], f"{where}: the page scrolls sideways"


@pytest.mark.parametrize("viewport", [VIEWPORTS[0], Viewport(360, 640, mobile=True), PHONE],
                         ids=[VIEWPORTS[0].name, "360x640", PHONE.name])
def test_the_whole_timer_fits_the_screen_on_a_counted_step(blank_page: Callable[..., Page], origin: str,
                                                          viewport: Viewport) -> None:
    page = open_timer(blank_page, origin, viewport)
    page.locator("dialog.timer").get_by_role("button", name="Next").click()  # step 2: counted, per side
    sizes = page.eval_on_selector("dialog.timer", "(dialog) => [dialog.scrollHeight, dialog.clientHeight]")
    assert sizes[0] <= sizes[1], f"the timer scrolls at {viewport.name}: {sizes[0]} px of content in {sizes[1]}"
