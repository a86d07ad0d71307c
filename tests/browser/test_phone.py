"""The site as a runner holds it: every page type at phone and desktop widths, in a real Chromium.

Each test loads one page at one viewport and says which page, which viewport and which
element when it fails. A full-page screenshot of each lands in test-artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.pages import ELEMENT_SUMMARY, PAGES, VIEWPORTS, Viewport, Visit, describe, screenshot
from tests.site.built import BuiltSite

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 16
MIN_TARGET_PX = 44
EVERY_PAGE_AT_EVERY_WIDTH = pytest.mark.parametrize(
    ("kind", "viewport"), [(kind, viewport) for kind in PAGES for viewport in VIEWPORTS],
    ids=[f"{kind}-{viewport.name}" for kind in PAGES for viewport in VIEWPORTS])

OVERFLOW = f"""
(viewportWidth) => {{
  const name = {ELEMENT_SUMMARY};
  const limit = Math.min(window.innerWidth, viewportWidth);
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {{
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > limit + 0.5) wide.push({{selector: name(element), width: Math.round(box.width),
      text: element.innerText || ''}});
  }}
  // Narrowest first: an element that sticks out makes its ancestors wide too, so the
  // narrow ones are the likely culprits.
  wide.sort((a, b) => a.width - b.width);
  return {{page: document.documentElement.scrollWidth, limit, wide: wide.slice(0, 3)}};
}}
"""

SMALL_TEXT = f"""
(minimum) => {{
  const name = {ELEMENT_SUMMARY};
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    const element = node.parentElement;
    if (!node.textContent.trim() || !element.checkVisibility({{visibilityProperty: true}})) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < minimum) small.push({{selector: name(element), size, text: node.textContent}});
  }}
  return small;
}}
"""

# The tap-target rule. Measured: every visible link, button, form control and summary.
# Exempt, as WCAG 2.5.5 exempts targets "in a sentence or block of text": a link whose
# computed display is `inline` and whose nearest block container (the paragraph, list
# item, table cell) holds words outside the link - a link in running text, whose height
# is the line's. A link alone in its block (a nav item, a list of links, a button) is
# measured, whatever its display: nothing stops it from being a full-size target.
SMALL_TARGETS = f"""
(minimum) => {{
  const name = {ELEMENT_SUMMARY};
  const inRunningText = (element) => {{
    if (element.localName !== 'a' || getComputedStyle(element).display !== 'inline') return false;
    let block = element.parentElement;
    while (block.parentElement && ['inline', 'contents'].includes(getComputedStyle(block).display)) {{
      block = block.parentElement;
    }}
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
      if (!element.contains(node) && /[\\p{{L}}\\p{{N}}]/u.test(node.textContent)) return true;
    }}
    return false;
  }};
  const small = [];
  const targets = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link]');
  for (const element of targets) {{
    if (!element.checkVisibility({{visibilityProperty: true}}) || inRunningText(element)) continue;
    const box = element.getBoundingClientRect();
    // A hair of tolerance: 2.75rem lays out as 43.99 px at some device scales.
    if (box.width < minimum - 0.02 || box.height < minimum - 0.02) {{
      small.push({{selector: name(element), width: Math.round(box.width * 10) / 10,
                   height: Math.round(box.height * 10) / 10, text: element.innerText || element.value || ''}});
    }}
  }}
  return small;
}}
"""

# With scripts off, the page must still read completely: a heading, and no text left hidden
# (for a script to reveal) anywhere in <main>; what a closed <details> folds, the reader unfolds.
HIDDEN_WITHOUT_SCRIPTS = f"""
() => {{
  const name = {ELEMENT_SUMMARY};
  const main = document.querySelector('main');
  if (!main) return {{heading: '', hidden: [], words: 0}};
  const heading = main.querySelector('h1');
  const hidden = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    const element = node.parentElement;
    // A closed <details> is folded by the reader's choice, not for a script: a tap opens it without one.
    const folded = element.closest('details:not([open])');
    if (folded && !element.closest('summary')) continue;
    if (node.textContent.trim() && !element.checkVisibility({{visibilityProperty: true, opacityProperty: true}})) {{
      hidden.push({{selector: name(element), text: node.textContent}});
    }}
  }}
  return {{heading: heading && heading.checkVisibility() ? heading.innerText : '', hidden,
           words: main.innerText.split(/\\s+/).filter(Boolean).length}};
}}
"""


@EVERY_PAGE_AT_EVERY_WIDTH
def test_no_horizontal_scrolling(visit: Callable[..., Visit], kind: str, viewport: Viewport) -> None:
    loaded = visit(PAGES[kind], viewport)
    screenshot(loaded, kind)  # taken first, so a failing layout has its picture
    found = loaded.page.evaluate(OVERFLOW, viewport.width)
    wide = ", ".join(f"{describe(element)} is {element['width']} px wide" for element in found["wide"])
    assert found["page"] <= found["limit"], (
        f"{loaded.where()}: the page scrolls sideways, {found['page']} px wide in a {found['limit']} px viewport"
        f" ({wide})")


@EVERY_PAGE_AT_EVERY_WIDTH
def test_text_is_at_least_16px(visit: Callable[..., Visit], kind: str, viewport: Viewport) -> None:
    loaded = visit(PAGES[kind], viewport)
    small = loaded.page.evaluate(SMALL_TEXT, MIN_TEXT_PX)
    assert not small, f"{loaded.where()}: text smaller than {MIN_TEXT_PX} px: " + "; ".join(
        f"{describe(element)} is {element['size']:g} px" for element in small[:5])


@EVERY_PAGE_AT_EVERY_WIDTH
def test_tap_targets_are_at_least_44px(visit: Callable[..., Visit], kind: str, viewport: Viewport) -> None:
    loaded = visit(PAGES[kind], viewport)
    small = loaded.page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)
    assert not small, f"{loaded.where()}: tap targets under {MIN_TARGET_PX}x{MIN_TARGET_PX} px: " + "; ".join(
        f"{describe(element)} is {element['width']:g}x{element['height']:g} px" for element in small[:5])


@EVERY_PAGE_AT_EVERY_WIDTH
def test_page_reads_completely_without_javascript(visit: Callable[..., Visit], kind: str, viewport: Viewport) -> None:
    loaded = visit(PAGES[kind], viewport, java_script_enabled=False)
    found = loaded.page.evaluate(HIDDEN_WITHOUT_SCRIPTS)
    where = f"{loaded.where()} with JavaScript off"
    assert found["heading"], f"{where}: no visible <h1> in <main>"
    assert found["words"] >= 10, f"{where}: <main> shows only {found['words']} words"
    assert not found["hidden"], f"{where}: text in <main> is hidden: " + "; ".join(
        describe(element) for element in found["hidden"][:5])


def test_no_page_of_the_site_scrolls_sideways_or_has_small_targets_at_320px(
        visit: Callable[..., Visit], built_site: BuiltSite, origin: str) -> None:
    """Beyond one page of each kind: every page, at the narrowest width, for a long word in any drill."""
    narrowest = VIEWPORTS[0]
    paths = sorted("/" + page.relative_to(built_site.root).as_posix().removesuffix("index.html")
                   for page in built_site.root.rglob("*.html"))
    loaded = visit(paths[0], narrowest)
    problems = []
    for path in paths:
        loaded.page.goto(origin + path)
        found = loaded.page.evaluate(OVERFLOW, narrowest.width)
        if found["page"] > found["limit"]:
            problems.append(f"{path} at {narrowest.name}: {found['page']} px wide: "
                            + ", ".join(describe(element) for element in found["wide"]))
        problems += [f"{path} at {narrowest.name}: {describe(element)} is {element['width']:g}x{element['height']:g} px"
                     for element in loaded.page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)]
    assert not problems, f"{len(problems)} problems on {len(paths)} pages:\n" + "\n".join(problems[:20])
