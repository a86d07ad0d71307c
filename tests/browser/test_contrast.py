"""Readable in sunlight and at night: every piece of text at 7:1 contrast or more (WCAG AAA), light and dark."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.pages import ELEMENT_SUMMARY, PAGES, VIEWPORTS, Visit, describe

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
MIN_CONTRAST = 7.0
SCHEMES = ("light", "dark")

# The contrast of each visible text node's colour against the first opaque background behind
# it (WCAG relative luminance). Backgrounds here are flat colours: no images, no gradients.
LOW_CONTRAST = f"""
(minimum) => {{
  const name = {ELEMENT_SUMMARY};
  const rgba = (colour) => {{
    const parts = colour.match(/[\\d.]+/g).map(Number);
    return {{r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1}};
  }};
  const luminance = ({{r, g, b}}) => [r, g, b].map((value) => {{
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }}).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (element) => {{
    for (let node = element; node; node = node.parentElement) {{
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour.a > 0) return colour;
    }}
    return {{r: 255, g: 255, b: 255, a: 1}};
  }};
  const low = [];
  let measured = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    const element = node.parentElement;
    if (!node.textContent.trim() || !element.checkVisibility({{visibilityProperty: true, opacityProperty: true}})) continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) continue;  // visually hidden, read by screen readers only
    measured++;
    const [light, dark] = [luminance(rgba(getComputedStyle(element).color)), luminance(background(element))]
      .sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    if (ratio < minimum) low.push({{selector: name(element), ratio: Math.round(ratio * 100) / 100,
                                    text: node.textContent}});
  }}
  return {{measured, low}};
}}
"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGES)
def test_text_contrast_is_at_least_7_to_1(visit: Callable[..., Visit], kind: str, scheme: str) -> None:
    loaded = visit(PAGES[kind], PHONE, color_scheme=scheme)
    found = loaded.page.evaluate(LOW_CONTRAST, MIN_CONTRAST)
    assert found["measured"] >= 10, f"{loaded.where()} ({scheme}): only {found['measured']} pieces of text measured"
    assert not found["low"], f"{loaded.where()} ({scheme}): text under {MIN_CONTRAST}:1: " + "; ".join(
        f"{describe(element)} at {element['ratio']}:1" for element in found["low"][:5])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_schemes_differ(visit: Callable[..., Visit], scheme: str) -> None:
    """Dark is really dark: light text on a dark page, so the test above measures both palettes."""
    loaded = visit(PAGES["routine"], PHONE, color_scheme=scheme)
    page_colour = loaded.page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    assert page_colour == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(18, 18, 18)"), page_colour


@pytest.mark.parametrize("scheme", SCHEMES)
def test_open_timer_and_filled_log_keep_the_contrast(visit: Callable[..., Visit], scheme: str) -> None:
    routine = visit(PAGES["routine"], PHONE, color_scheme=scheme)
    routine.page.get_by_role("button", name="Start the timer").click()
    routine.page.get_by_role("button", name="Pause").click()
    found = routine.page.evaluate(LOW_CONTRAST, MIN_CONTRAST)
    assert not found["low"], f"{routine.where()} timer open ({scheme}): " + "; ".join(
        f"{describe(element)} at {element['ratio']}:1" for element in found["low"][:5])
    log = visit(PAGES["log"], PHONE, color_scheme=scheme)
    log.page.fill("#log-cadence", "170")
    log.page.get_by_role("button", name="Add to the log").click()
    log.page.fill("#log-cadence", "172")
    log.page.get_by_role("button", name="Add to the log").click()
    found = log.page.evaluate(LOW_CONTRAST, MIN_CONTRAST)
    assert not found["low"], f"{log.where()} with entries ({scheme}): " + "; ".join(
        f"{describe(element)} at {element['ratio']}:1" for element in found["low"][:5])
