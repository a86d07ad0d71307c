"""The preview's problems overlay in a real browser: shown on a bad edit, dismissed, back with the next one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.serve.conftest import Live, start_live

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Live]:
    running = start_live(tmp_path)
    yield running
    running.server.stop()


@pytest.fixture
def page(browser: Browser, preview: Live) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{preview.server.port}/drills/leg-swings/")
    yield page
    context.close()


def _edit(preview: Live, old: str, new: str) -> None:
    drill = preview.content / "drills" / "leg-swings.md"
    drill.write_text(drill.read_text().replace(old, new, 1))


def test_the_overlay_can_be_dismissed_and_comes_back_with_the_next_error(page: Page, preview: Live) -> None:
    overlay = page.get_by_role("alert")
    _edit(preview, "phase: dynamic-drills", "phase: dynamic-drill")
    expect(overlay).to_contain_text("unknown phase 'dynamic-drill'")
    page.get_by_role("button", name="Dismiss (Esc)").click()
    expect(overlay).to_have_count(0)
    _edit(preview, "zones: [hips, hamstrings]", "zones: [hip, hamstrings]")  # still broken: it is back
    expect(overlay).to_contain_text("unknown zone 'hip'")
    page.keyboard.press("Escape")
    expect(overlay).to_have_count(0)
    _edit(preview, "phase: dynamic-drill", "phase: dynamic-drills")
    _edit(preview, "zones: [hip, hamstrings]", "zones: [hips, hamstrings]")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leg swings")  # fixed: the page is back, reloaded
    expect(overlay).to_have_count(0)
