"""The guide on paper, printed by Chromium: one routine a card, four cards a sheet, one log a page.

Page counts come from the PDF the browser prints; whether a card's content fits its quarter of
a sheet is measured in print media at a viewport the size of the paper's printable area. The QR
codes are read back from the printed PDF (pdftoppm, then zbarimg), as a phone would read the paper.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.browser.pages import ELEMENT_SUMMARY, PAGES, VIEWPORTS, Viewport, Visit, describe
from tests.site.built import CONTENT, BuiltSite

pytestmark = pytest.mark.browser

PX_PER_MM = 96 / 25.4
PT_PER_MM = 72 / 25.4
MIN_CARD_TEXT_PX = 12  # 9 pt
MIN_STEP_TEXT_PX = 11 * 96 / 72  # 11 pt
DESKTOP = VIEWPORTS[-1]
ROUTINES = sorted(path.stem for path in (CONTENT / "routines").glob("*.yaml"))
BASE_URL = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))["base_url"]
SCAN_DPI = 300  # a home printer's; the codes' modules are about 4 px wide at it


@dataclass(frozen=True)
class Paper:
    slug: str
    name: str  # Playwright's `format`
    width_mm: float
    height_mm: float
    sheet_margin_mm: float = 5  # @page sheet-a4 / sheet-letter in print.css

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
    loaded.page.set_viewport_size({"width": round(A6.width_mm * PX_PER_MM), "height": round(A6.height_mm * PX_PER_MM)})
    loaded.page.emulate_media(media="print")
    needs, has = loaded.page.evaluate("() => [document.querySelector('.card').scrollHeight, "
                                      "document.querySelector('.card').clientHeight]")
    assert needs <= has, f"{loaded.path} printed needs {needs} px but the card is {has} px high: its end is cut off"


STEP_TYPE = """
() => {
  const size = (element) => parseFloat(getComputedStyle(element).fontSize);
  return {title: size(document.querySelector('.card-title')),
          steps: [...document.querySelectorAll('.card-steps li')].map((step) => ({
            text: step.innerText, sizes: [...step.querySelectorAll('*')].filter((element) => element.innerText.trim())
              .map(size)}))};
}
"""


@pytest.mark.parametrize("routine", ROUTINES)
def test_every_cards_steps_print_at_11pt_or_more_and_its_title_larger(visit: Callable[..., Visit], routine: str) -> None:
    loaded = visit(f"/routines/{routine}/card/", DESKTOP)
    loaded.page.emulate_media(media="print")
    measured = loaded.page.evaluate(STEP_TYPE)
    assert measured["steps"], f"{loaded.path} printed shows no steps"
    small = [f"{step['text']!r} at {min(step['sizes']) * 72 / 96:.1f} pt" for step in measured["steps"]
             if min(step["sizes"]) < MIN_STEP_TEXT_PX - 0.01]
    assert not small, f"{loaded.path} printed: steps under 11 pt: " + "; ".join(small[:3])
    largest = max(max(step["sizes"]) for step in measured["steps"])
    assert measured["title"] > largest, f"{loaded.path}: the title ({measured['title']} px) is not larger than the steps"


def decoded(pdf: bytes, folder: Path) -> list[str]:
    """What zbarimg reads from every page of a printed PDF, rasterised at a printer's resolution."""
    for tool, package in (("pdftoppm", "poppler-utils"), ("zbarimg", "zbar-tools")):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed: install {package} (make test does, on Debian, with chromium)",
                        pytrace=False)
    (folder / "printed.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(SCAN_DPI), str(folder / "printed.pdf"), str(folder / "page")],
                   check=True)
    images = sorted(str(path) for path in folder.glob("page*.png"))
    # zbarimg exits 4 when it finds no code at all: that is the failure this test reports.
    found = subprocess.run(["zbarimg", "--raw", "-q", *images], capture_output=True, text=True, check=False)
    return found.stdout.split()


def address(routine: str) -> str:
    return BASE_URL + f"routines/{routine}/"


@pytest.mark.parametrize("routine", ROUTINES)
def test_every_printed_cards_code_opens_its_routine_at_the_published_address(
        visit: Callable[..., Visit], routine: str, tmp_path: Path) -> None:
    loaded = visit(f"/routines/{routine}/card/", DESKTOP)
    codes = decoded(loaded.page.pdf(prefer_css_page_size=True), tmp_path)
    assert codes == [address(routine)], f"{loaded.path} printed: its QR code reads {codes}, not {address(routine)}"


def _distances(routine: str) -> set[str]:
    distance = yaml.safe_load((CONTENT / "routines" / f"{routine}.yaml").read_text(encoding="utf-8"))["distance"]
    return {distance} if isinstance(distance, str) else set(distance)


@pytest.mark.parametrize("paper", PAPERS, ids=[paper.slug for paper in PAPERS])
def test_every_code_on_the_printed_sheets_opens_its_cards_routine(
        visit: Callable[..., Visit], built_site: BuiltSite, paper: Paper, tmp_path: Path) -> None:
    problems = []
    for sheet in sorted(built_site.root.glob(f"distances/*/cards-{paper.slug}/index.html")):
        distance = sheet.parent.parent.name
        loaded = visit("/" + sheet.parent.relative_to(built_site.root).as_posix() + "/", paper.printable_area())
        folder = tmp_path / distance
        folder.mkdir()
        codes = sorted(decoded(loaded.page.pdf(prefer_css_page_size=True), folder))
        expected = sorted(address(routine) for routine in ROUTINES if distance in _distances(routine))
        if codes != expected:
            problems.append(f"{loaded.path} printed: its codes read {codes}, not {expected}")
    assert not problems, "\n".join(problems)


CARD_BORDER = """
() => {
  const card = document.querySelector('.card');
  const style = getComputedStyle(card);
  const box = card.getBoundingClientRect();
  return {width: box.width, height: box.height,
          sides: ['Top', 'Right', 'Bottom', 'Left'].map((side) => [style[`border${side}Style`],
                                                                   parseFloat(style[`border${side}Width`])])};
}
"""


@pytest.mark.parametrize("paper", PAPERS, ids=[paper.slug for paper in PAPERS])
def test_a_card_printed_alone_on_a4_or_letter_is_one_page_with_a_border_to_cut_along(
        visit: Callable[..., Visit], paper: Paper) -> None:
    loaded = visit(PAGES["card"], DESKTOP)
    pages = print_pdf(loaded, format=paper.name)
    assert len(pages) == 1 and same_size(pages[0], paper), f"{loaded.path} on {paper.name} prints as {pages}"
    loaded.page.emulate_media(media="print")
    border = loaded.page.evaluate(CARD_BORDER)
    assert all(style == "dashed" and width > 0 for style, width in border["sides"]), (
        f"{loaded.path} printed: the card's border is {border['sides']}, not dashed on every side")
    # The cut line is the A6 trim itself: a card cut along it is the size of one printed on A6.
    assert abs(border["width"] - A6.width_mm * PX_PER_MM) < 2 and abs(border["height"] - A6.height_mm * PX_PER_MM) < 4, (
        f"{loaded.path} printed: the card is {border['width']:.0f}x{border['height']:.0f} px, not A6")


CROP_MARKS = """
() => [...document.querySelectorAll('.cut')].map((cut) => {
  const box = (element) => { const r = element.getBoundingClientRect();
                             return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  return {title: cut.querySelector('.card-title').innerText, cell: box(cut),
          marks: [...cut.querySelectorAll('.crop')].filter((mark) => mark.checkVisibility()).map((mark) => {
            const style = getComputedStyle(mark);
            return {corner: mark.className.replace('crop ', ''), ...box(mark),
                    lines: ['Top', 'Right', 'Bottom', 'Left'].filter((side) => style[`border${side}Style`] === 'solid'
                             && parseFloat(style[`border${side}Width`]) > 0)};
          })};
})
"""
# Where each corner's mark lies (outside the card, its inner corner on the card's), and its two lines.
CORNERS = {"top left": ("right", "left", "bottom", "top", ["Right", "Bottom"]),
           "top right": ("left", "right", "bottom", "top", ["Bottom", "Left"]),
           "bottom left": ("right", "left", "top", "bottom", ["Top", "Right"]),
           "bottom right": ("left", "right", "top", "bottom", ["Top", "Left"])}


def _crop_mark_problems(path: str, cells: list[dict[str, object]], area: Viewport) -> list[str]:
    problems = []
    for cell in cells:
        card, marks = cell["cell"], {mark["corner"]: mark for mark in cell["marks"]}  # type: ignore[index, union-attr]
        if sorted(marks) != sorted(CORNERS):
            problems.append(f"{path}: card \"{cell['title']}\" has crop marks at {sorted(marks)}, not at its 4 corners")
            continue
        for corner, (mark_x, card_x, mark_y, card_y, lines) in CORNERS.items():
            mark = marks[corner]
            if abs(mark[mark_x] - card[card_x]) > 1 or abs(mark[mark_y] - card[card_y]) > 1 or mark["lines"] != lines:
                problems.append(f"{path}: card \"{cell['title']}\": the {corner} mark is not on its corner: {mark}")
            if mark["left"] < 0 or mark["right"] > area.width:
                problems.append(f"{path}: card \"{cell['title']}\": the {corner} mark is off the printable area")
    return problems


@pytest.mark.parametrize("paper", PAPERS, ids=[paper.slug for paper in PAPERS])
def test_sheets_have_a_crop_mark_at_every_cards_corners_in_the_printable_area(
        visit: Callable[..., Visit], built_site: BuiltSite, paper: Paper) -> None:
    problems: list[str] = []
    for sheet in sorted(built_site.root.glob(f"distances/*/cards-{paper.slug}/index.html")):
        loaded = visit("/" + sheet.parent.relative_to(built_site.root).as_posix() + "/", paper.printable_area())
        loaded.page.emulate_media(media="print")
        cells = loaded.page.evaluate(CROP_MARKS)
        assert cells, f"{loaded.path} has no cards"
        problems += _crop_mark_problems(loaded.path, cells, paper.printable_area())
    assert not problems, "\n".join(problems[:10])


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


PAPER_ROWS = """
() => [...document.querySelectorAll('table.log tbody tr')].filter((row) => row.checkVisibility())
  .map((row) => [...row.cells].map((cell) => cell.innerText.trim()))
"""
LOG_ROWS = 12
BLANK_ROWS = 4  # left on a printed log for the runs to come


@pytest.mark.parametrize("paper", PAPERS, ids=[paper.slug for paper in PAPERS])
def test_log_prints_empty_as_the_paper_sheet_on_one_page(visit: Callable[..., Visit], paper: Paper) -> None:
    loaded = visit(PAGES["log"], DESKTOP)
    pages = print_pdf(loaded, format=paper.name)
    assert len(pages) == 1, f"{loaded.path} prints on {len(pages)} {paper.name} pages, not 1"
    loaded.page.emulate_media(media="print")
    assert loaded.page.evaluate(PAPER_ROWS) == [[""] * 6] * LOG_ROWS


def _entry(day: int, notes: str) -> dict[str, object]:
    return {"date": f"2025-07-{day:02d}", "routine": "Trail / ultra race day, experienced " * 3 + "x" * 12,  # 120 characters, the most
            "stride": "64 steps over my usual stretch, counted twice" [:60], "cadence": 160 + day, "effort": day % 10 + 1,
            "notes": notes}


@pytest.mark.parametrize("paper", PAPERS, ids=[paper.slug for paper in PAPERS])
def test_log_prints_its_newest_entries_in_the_sheet_on_one_page_with_rows_left(
        visit: Callable[..., Visit], paper: Paper) -> None:
    # Ten entries, some as long as the log takes: the newest eight fill the sheet, oldest first, as written by hand.
    long_notes = ("Hips tight at first, loose after the swings; calves fine; effort easy. " * 15)[:1000]
    entries = [_entry(day, long_notes if day % 2 else "Fine") for day in range(19, 9, -1)]
    loaded = visit(PAGES["log"], DESKTOP)
    loaded.page.evaluate("(log) => localStorage.setItem('stride1:log', log)", json.dumps(entries))
    loaded.page.reload()
    pages = print_pdf(loaded, format=paper.name)
    assert len(pages) == 1, f"{loaded.path} with {len(entries)} entries prints on {len(pages)} {paper.name} pages, not 1"
    loaded.page.emulate_media(media="print")
    rows = loaded.page.evaluate(PAPER_ROWS)
    assert [row[0] for row in rows] == [f"2025-07-{day}" for day in range(12, 20)] + [""] * BLANK_ROWS
    assert rows[0][1:5] == [entries[-3]["routine"], entries[-3]["stride"], "172", "3"]
    assert rows[-1] == [""] * 6


@pytest.mark.parametrize("kind", PAGES)
def test_print_hides_navigation_and_controls(visit: Callable[..., Visit], kind: str) -> None:
    loaded = visit(PAGES[kind], DESKTOP)
    loaded.page.emulate_media(media="print")
    shown = loaded.page.evaluate(VISIBLE_CONTROLS)
    assert not shown, f"{loaded.path} printed still shows: " + "; ".join(describe(element) for element in shown[:5])


