"""The guide on paper, printed by Chromium: one routine a card, four cards a sheet, one log a page.

Page counts come from the PDF the browser prints; whether a card's content fits its quarter of
a sheet is measured in print media at a viewport the size of the paper's printable area.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.browser.pages import ELEMENT_SUMMARY, PAGES, VIEWPORTS, Viewport, Visit, describe
from tests.site.built import CONTENT, BuiltSite

pytestmark = pytest.mark.browser

PX_PER_MM = 96 / 25.4
PT_PER_MM = 72 / 25.4
MIN_CARD_TEXT_PX = 12  # 9 pt
DESKTOP = VIEWPORTS[-1]
ROUTINES = sorted(path.stem for path in (CONTENT / "routines").glob("*.yaml"))


@dataclass(frozen=True)
class Paper:
    slug: str
    name: str  # Playwright's `format`
    width_mm: float
    height_mm: float
    sheet_margin_mm: float = 8  # @page sheet-a4 / sheet-letter in print.css

    def printable_area(self) -> Viewport:
        """A viewport the size of the sheet's printable area, so print-media layout matches the paper."""
        return Viewport(round((self.width_mm - 2 * self.sheet_margin_mm) * PX_PER_MM),
                        round((self.height_mm - 2 * self.sheet_margin_mm) * PX_PER_MM))


A6 = Paper("a6", "A6", 105, 148)
PAPERS = (Paper("a4", "A4", 210, 297), Paper("letter", "Letter", 215.9, 279.4))

_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of each page of a PDF Chromium printed, in mm.

    Chromium writes each page as an uncompressed dictionary with its own MediaBox; if a later
    version stops doing that, the two counts disagree and this says so rather than guess.
    """
    boxes = [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in _MEDIA_BOX.findall(pdf)]
    pages = len(_PAGE_OBJECT.findall(pdf))
    assert pages == len(boxes), f"cannot read this PDF's pages: {pages} page objects, {len(boxes)} media boxes"
    return [(width / PT_PER_MM, height / PT_PER_MM) for width, height in boxes]


def same_size(page: tuple[float, float], paper: Paper) -> bool:
    return abs(page[0] - paper.width_mm) < 1 and abs(page[1] - paper.height_mm) < 1  # Chromium rounds to px


def print_pdf(loaded: Visit, **options: object) -> list[tuple[float, float]]:
    pdf = loaded.page.pdf(**options)  # type: ignore[arg-type]
    return pdf_pages(pdf)


SMALL_TEXT_IN = f"""
([selector, minimum]) => {{
  const name = {ELEMENT_SUMMARY};
  const small = [];
  for (const root of document.querySelectorAll(selector)) {{
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
      const element = node.parentElement;
      if (!node.textContent.trim() || !element.checkVisibility({{visibilityProperty: true}})) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < minimum) small.push({{selector: name(element), size: Math.round(size * 100) / 100,
                                       text: node.textContent}});
    }}
  }}
  return small;
}}
"""

SHEET_LAYOUT = f"""
() => {{
  const name = {ELEMENT_SUMMARY};
  return [...document.querySelectorAll('.sheet')].map((sheet) => ({{
    height: sheet.getBoundingClientRect().height,
    cards: [...sheet.querySelectorAll('.card')].map((card) => ({{
      selector: name(card), text: card.querySelector('.card-title').innerText,
      scroll: card.scrollHeight, client: card.clientHeight,
    }})),
  }}));
}}
"""

VISIBLE_CONTROLS = f"""
() => {{
  const name = {ELEMENT_SUMMARY};
  const controls = document.querySelectorAll(
    'nav, input, button, select, textarea, [role=button], .button, .skip, .screen-only');
  return [...controls].filter((element) => element.checkVisibility({{visibilityProperty: true}}))
    .map((element) => ({{selector: name(element), text: element.innerText || ''}}));
}}
"""


@pytest.mark.parametrize("routine", ROUTINES)
def test_every_card_prints_on_exactly_one_a6_page(visit: Callable[..., Visit], routine: str) -> None:
    loaded = visit(f"/routines/{routine}/card/", DESKTOP)
    pages = print_pdf(loaded, prefer_css_page_size=True)
    sizes = ", ".join(f"{width:.0f}x{height:.0f} mm" for width, height in pages)
    assert len(pages) == 1, f"{loaded.path} prints on {len(pages)} pages, not 1 ({sizes}): the card is too long"
    assert same_size(pages[0], A6), f"{loaded.path} prints on a {sizes} page, not A6 (105x148 mm)"


@pytest.mark.parametrize("paper", PAPERS, ids=[paper.slug for paper in PAPERS])
def test_sheets_print_four_cards_a_page_and_every_card_fits_its_cell(
        visit: Callable[..., Visit], built_site: BuiltSite, paper: Paper) -> None:
    sheets = sorted(built_site.root.glob(f"distances/*/cards-{paper.slug}/index.html"))
    assert sheets, f"the built site has no {paper.name} sheets"
    problems: list[str] = []
    for sheet in sheets:
        path = "/" + sheet.parent.relative_to(built_site.root).as_posix() + "/"
        loaded = visit(path, paper.printable_area())
        loaded.page.emulate_media(media="print")
        layout = loaded.page.evaluate(SHEET_LAYOUT)
        pages = print_pdf(loaded, prefer_css_page_size=True)
        cards = sum(len(page["cards"]) for page in layout)
        if len(pages) != len(layout):
            problems.append(f"{path} prints {cards} cards on {len(pages)} pages, not {len(layout)}")
        problems += [f"{path} prints on a {width:.0f}x{height:.0f} mm page, not {paper.name}"
                     for width, height in pages if not same_size((width, height), paper)]
        for number, page in enumerate(layout, 1):
            if len(page["cards"]) > 4:
                problems.append(f"{path} sheet {number} holds {len(page['cards'])} cards, more than 4")
            problems += [f"{path} ({paper.name}, printed): card \"{card['text']}\" needs {card['scroll']} px"
                         f" but its cell is {card['client']} px high: the end of the card is cut off"
                         for card in page["cards"] if card["scroll"] > card["client"]]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["card", "sheet-a4", "sheet-letter"])
def test_printed_card_text_is_at_least_9pt(visit: Callable[..., Visit], kind: str) -> None:
    loaded = visit(PAGES[kind], DESKTOP)
    loaded.page.emulate_media(media="print")
    small = loaded.page.evaluate(SMALL_TEXT_IN, [".card", MIN_CARD_TEXT_PX])
    assert not small, f"{loaded.path} printed: card text under 9 pt ({MIN_CARD_TEXT_PX} px): " + "; ".join(
        f"{describe(element)} is {element['size']:g} px" for element in small[:5])


@pytest.mark.parametrize("paper", PAPERS, ids=[paper.slug for paper in PAPERS])
def test_log_prints_on_one_page(visit: Callable[..., Visit], paper: Paper) -> None:
    loaded = visit(PAGES["log"], DESKTOP)
    pages = print_pdf(loaded, format=paper.name)
    assert len(pages) == 1, f"{loaded.path} prints on {len(pages)} {paper.name} pages, not 1"


@pytest.mark.parametrize("kind", PAGES)
def test_print_hides_navigation_and_controls(visit: Callable[..., Visit], kind: str) -> None:
    loaded = visit(PAGES[kind], DESKTOP)
    loaded.page.emulate_media(media="print")
    shown = loaded.page.evaluate(VISIBLE_CONTROLS)
    assert not shown, f"{loaded.path} printed still shows: " + "; ".join(describe(element) for element in shown[:5])


