"""Planning: which pages exist, at which URL, and how links become relative."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from site_gen import urls
from site_gen.builder import Builder
from site_gen.plan import plan_pages
from tests.conftest import FIXTURE_SITE


def test_every_page_kind_is_planned_once() -> None:
    site, problems = Builder(FIXTURE_SITE, PurePosixPath("content")).read()
    assert problems == () and site is not None
    pages, problems = plan_pages(site)
    assert problems == ()
    assert [(p.url, p.template) for p in pages] == [
        ("/", "home.html"),
        ("/404.html", "404.html"),
        ("/about/", "page.html"),
        ("/distances/5k/", "distance.html"),
        ("/distances/5k/cards-a4/", "sheet.html"),
        ("/distances/5k/cards-letter/", "sheet.html"),
        ("/distances/marathon/", "distance.html"),
        ("/distances/marathon/cards-a4/", "sheet.html"),
        ("/distances/marathon/cards-letter/", "sheet.html"),
        ("/drills/", "drills.html"),
        ("/drills/easy-trotting/", "drill.html"),
        ("/drills/equipment/none/", "drills.html"),
        ("/drills/equipment/wall/", "drills.html"),
        ("/drills/leg-swings/", "drill.html"),
        ("/drills/phase/dynamic-drills/", "drills.html"),
        ("/drills/phase/pulse-raiser/", "drills.html"),
        ("/drills/phase/strides/", "drills.html"),
        ("/drills/strides/", "drill.html"),
        ("/drills/zone/calves/", "drills.html"),
        ("/drills/zone/hamstrings/", "drills.html"),
        ("/drills/zone/hips/", "drills.html"),
        ("/log/", "log.html"),
        ("/routines/5k-easy/", "routine.html"),
        ("/routines/5k-easy/card/", "card.html"),
        ("/routines/race-day/", "routine.html"),
        ("/routines/race-day/card/", "card.html"),
        ("/safety/", "page.html"),
    ]
    drill = next(p for p in pages if p.url == "/drills/strides/")
    # A drill page depends on its own file and the routines it lists; a routine page on what it
    # shows of its drills (test_reuse).
    assert list(drill.sources) == ["content/drills/strides.md", "content/routines/5k-easy.yaml",
                                   "content/routines/race-day.yaml"]


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("/drills/x/", "/", "drills/x/"),
    ("/", "/", "./"),
    ("/", "/drills/x/", "../../"),
    ("/drills/y/", "/drills/x/", "../../drills/y/"),
    ("/assets/css/a.css", "/routines/r/card/", "../../../assets/css/a.css"),
    ("/drills/#by-zone", "/drills/", "../drills/#by-zone"),
])
def test_relative_links(target: str, page: str, expected: str) -> None:
    assert urls.relative(target, page) == expected


@pytest.mark.parametrize(("url", "path"), [("/", "index.html"), ("/drills/x/", "drills/x/index.html"),
                                           ("/404.html", "404.html"), ("/sitemap.xml", "sitemap.xml")])
def test_pretty_urls_are_folders(url: str, path: str) -> None:
    assert urls.output_path(url) == path
