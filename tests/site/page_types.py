"""One page of each type the site has, from the shipped guide: the one table of page types.

The browser tests (tests/browser/pages.py), the page-weight budget (page_weight.py) and
Lighthouse (lighthouse.py) all open these pages; test_page_types.py holds the table to the
templates and to the planner, so a new type of page fails there until it is listed here.
No Playwright here: `python -m tests.site.page_weight` runs without it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageType:
    name: str  # how tests, ids and reports name it
    path: str  # site path of one such page in the shipped guide
    template: str  # the template that writes it


PAGE_TYPES = (
    PageType("home", "/", "home.html"),
    PageType("distance", "/distances/5k/", "distance.html"),
    PageType("routine", "/routines/5k-easy-run-beginner/", "routine.html"),
    PageType("card", "/routines/5k-easy-run-beginner/card/", "card.html"),
    PageType("sheet-a4", "/distances/5k/cards-a4/", "sheet.html"),
    PageType("sheet-letter", "/distances/5k/cards-letter/", "sheet.html"),
    PageType("drill-library", "/drills/", "drills.html"),
    PageType("drill-zone", "/drills/zone/hips/", "drills.html"),
    PageType("drill-equipment", "/drills/equipment/none/", "drills.html"),
    PageType("drill", "/drills/leg-swings-front-to-back/", "drill.html"),
    PageType("prose", "/safety/", "page.html"),
    PageType("log", "/log/", "log.html"),
    PageType("404", "/404.html", "404.html"),
)

# Each type's path by its name: PAGES["routine"].
PAGES = {page.name: page.path for page in PAGE_TYPES}
