"""The drill library and its narrowed views, read as parsed HTML: each drill once, counts, links that resolve."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.helpers import soup

FACETS = {"zone": "Body zone", "equipment": "Equipment", "phase": "Phase"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pathlib import PurePosixPath

    from site_gen.builder import Builder
    from tests.conftest import FIXTURE_SITE

    out = tmp_path_factory.mktemp("library") / "site"
    result = Builder(FIXTURE_SITE, PurePosixPath("content")).build(out)
    assert result.problems == ()
    return out


def _rows(page) -> list[tuple[str, str]]:
    return [(li.a.get_text(), li.select_one(".row-meta").get_text()) for li in page.select("ul.rows li")]


def _choices(page, url: str = "/drills/") -> dict[str, list[tuple[str, str]]]:
    """Each facet's choices: the words with their counts, and the site path each links to."""
    return {details.summary.get_text(): [(a.get_text(" ", strip=True), urljoin(url, a["href"])) for a in details.select("a")]
            for details in page.select("nav.facets details")}


def test_the_library_lists_each_drill_once_by_phase_with_dose_and_zones(built: Path) -> None:
    page = soup(built / "drills/index.html")
    assert page.h1.get_text() == "Drill library"
    assert page.select_one(".library-count").get_text() == "3 drills"
    assert [h2.get_text() for h2 in page.select("main h2")] == ["Pulse raiser", "Dynamic drills", "Strides"]
    assert _rows(page) == [("Easy trotting", "5 min · Calves"), ("Leg swings", "20 per side · Hips, Hamstrings"),
                           ("Strides", "4 reps · Calves, Hips")]
    assert [urljoin("/drills/", a["href"]) for a in page.select("ul.rows a")] == [
        "/drills/easy-trotting/", "/drills/leg-swings/", "/drills/strides/"]
    assert all(li.select_one(".row-figure svg") for li in page.select("ul.rows li"))


def test_the_library_can_be_narrowed_by_zone_equipment_and_phase_with_links(built: Path) -> None:
    page = soup(built / "drills/index.html")
    # Folded: nothing is chosen on the whole library. Only words that keep a drill are offered.
    assert [details.get("open") for details in page.select("nav.facets details")] == [None, None, None]
    assert _choices(page) == {
        "Body zone": [("Hips (2)", "/drills/zone/hips/"), ("Hamstrings (1)", "/drills/zone/hamstrings/"),
                      ("Calves (2)", "/drills/zone/calves/")],
        "Equipment": [("No equipment (2)", "/drills/equipment/none/"), ("A wall (1)", "/drills/equipment/wall/")],
        "Phase": [("Pulse raiser (1)", "/drills/phase/pulse-raiser/"), ("Dynamic drills (1)", "/drills/phase/dynamic-drills/"),
                  ("Strides (1)", "/drills/phase/strides/")],
    }
    for links in _choices(page).values():
        for _, path in links:
            assert (built / path.lstrip("/") / "index.html").is_file(), path


@pytest.mark.parametrize(("path", "title", "count", "rows"), [
    ("zone/hips", "Drills: Hips", "2 of 3 drills", ["Leg swings", "Strides"]),
    ("equipment/none", "Drills: No equipment", "2 of 3 drills", ["Easy trotting", "Strides"]),
    ("equipment/wall", "Drills: A wall", "1 of 3 drills", ["Leg swings"]),
    ("phase/strides", "Drills: Strides", "1 of 3 drills", ["Strides"]),
])
def test_a_narrowed_view_lists_its_drills_once_says_how_many_and_links_back(
        built: Path, path: str, title: str, count: str, rows: list[str]) -> None:
    page = soup(built / "drills" / path / "index.html")
    assert page.h1.get_text() == title
    assert page.title.get_text() == f"{title} · Fixture Prep"
    assert page.select_one(".library-count").get_text(" ", strip=True) == f"{count} Show all drills"
    back = page.select_one(".library-count a")["href"]
    assert urljoin(f"/drills/{path}/", back) == "/drills/"
    assert [name for name, _ in _rows(page)] == rows
    # The facet it is narrowed by is open, its word marked as the current page; the others stay folded.
    facet = path.split("/")[0]
    opened = [details.summary.get_text() for details in page.select("nav.facets details[open]")]
    word = title.removeprefix("Drills: ")
    assert opened == [f"{FACETS[facet]}: {word}"]
    current = page.select('nav.facets a[aria-current="page"]')
    assert [a.get_text(" ", strip=True).rsplit(" (", 1)[0] for a in current] == [word]
    # The same choices on every view, each a page of the site.
    assert list(_choices(page, f"/drills/{path}/").values()) == list(_choices(soup(built / "drills/index.html")).values())
    for a in page.select("main a"):
        assert (built / urljoin(f"/drills/{path}/", a["href"]).lstrip("/") / "index.html").is_file(), a["href"]


def test_a_view_of_one_phase_has_no_heading_repeating_its_title(built: Path) -> None:
    assert soup(built / "drills/phase/strides/index.html").select("main h2") == []
    assert [h2.get_text() for h2 in soup(built / "drills/zone/hips/index.html").select("main h2")] == [
        "Dynamic drills", "Strides"]


def test_no_page_for_a_word_no_drill_uses(built: Path) -> None:
    # The fixture's vocabularies are all used; a zone no drill names gets no page and no link.
    assert sorted(p.name for p in (built / "drills/zone").iterdir()) == ["calves", "hamstrings", "hips"]
