"""What the built pages show, read as parsed HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import soup


@pytest.fixture
def built(site_copy: Path, run) -> Path:
    result = run("build")
    assert result.code == 0, result.err
    return Path("_site")


def test_routine_page_shows_steps_in_order_grouped_by_phase(built: Path) -> None:
    page = soup(built / "routines/5k-easy/index.html")
    assert page.h1.get_text() == "5K easy run, beginner"
    sections = page.select("main section")
    assert [s.h2.get_text() for s in sections] == ["Pulse raiser · 5 min", "Dynamic drills · 1 min", "Strides · 4 min"]
    steps = page.select("li.step")
    assert [s.select_one(".step-title").get_text() for s in steps] == ["Easy trotting", "Leg swings", "Strides"]
    assert [s.select_one(".dose").get_text() for s in steps] == ["5 min", "10 per side", "4 reps"]
    assert steps[1].select_one(".cue").get_text() == "Swing from the hip."
    assert steps[1].select_one(".step-note").get_text() == "Hold the wall."
    assert [s.select_one("a.more")["href"] for s in steps] == [
        "../../drills/easy-trotting/", "../../drills/leg-swings/", "../../drills/strides/"]
    # Each checkbox is labelled by its step, so a tap on the words ticks it.
    for step in steps:
        assert step.label["for"] == step.input["id"]
    card = [a for a in page.select("main a") if a.get_text() == "Printable card"]
    assert [a["href"] for a in card] == ["../../routines/5k-easy/card/"]
    # No 'why' in this routine: nothing folded below the steps.
    assert page.select("details") == []


def test_routine_page_shows_how_long_each_step_and_each_phase_takes(built: Path) -> None:
    page = soup(built / "routines/race-day/index.html")
    # A timed dose is its own time; a counted one says how long it takes.
    assert [" ".join(s.label.get_text().split()) for s in page.select("li.step")] == [
        "Easy trotting 5 min", "Leg swings 20 per side · about 1 min 30 s", "Strides 4 reps · about 3 min"]
    assert [s.select_one(".step-time") is None for s in page.select("li.step")] == [True, False, False]
    assert [h.get_text() for h in page.select("main section h2")] == [
        "Pulse raiser · 5 min", "Dynamic drills · 1 min 30 s", "Strides · 3 min"]


def test_routine_page_puts_the_steps_first_and_folds_the_why_below_them(built: Path) -> None:
    page = soup(built / "routines/race-day/index.html")
    main = page.select_one("main")
    order = [element for element in main.find_all(True) if element.name in ("h1", "dl", "template", "section", "details")
             or (element.name == "a" and element.get_text() == "Printable card")]
    assert [element.name for element in order] == ["h1", "dl", "template", "section", "section", "section", "a", "details"]
    assert {div.dt.get_text(): div.dd.get_text() for div in main.select("dl.facts div")} == {
        "Distance": "5K, Marathon", "Level": "Beginner, Experienced", "Session": "Race day", "Time": "10 min"}
    why = main.select_one("details.why")
    assert why.summary.get_text() == "Why these steps"
    assert why.select_one(".prose p").get_text() == "Strides come last, so the run starts where they end. Read the safety page first."
    assert why.select_one(".prose a")["href"] == "../../safety/"
    # The source is credited on the page, as site.yaml words it.
    assert why.select_one(".source").get_text() == page.select_one("footer p").get_text()


def test_card_lists_every_step_by_phase_with_its_number_line_and_dose_then_the_checklist(built: Path) -> None:
    card = soup(built / "routines/race-day/card/index.html").select_one("article.card")
    assert card.h1.get_text() == "Race day"
    assert card.select_one(".card-meta").get_text() == (
        "5K, Marathon · Beginner, Experienced · Race day · 10 min. Scan the code for this routine and its timer.")
    assert [h.get_text() for h in card.select("h2.card-phase")] == [
        "Pulse raiser", "Dynamic drills", "Strides", "After the warm-up"]
    # Numbered across the phases; the routine's own note for a step in place of the drill's card line.
    assert [ol["start"] for ol in card.select("ol.card-steps")] == ["1", "2", "3"]
    assert [li.get_text(" ", strip=True) for li in card.select(".card-steps li")] == [
        "1 Easy trotting, breathing comfortable 5 min",
        "2 Leg swings, about 20 a side 20 per side",
        "3 Strides: Controlled. 4 reps",
    ]
    assert [li.get_text(strip=True) for li in card.select(".card-checklist li")] == [
        "Every movement done with control", "Stiffness or fatigue noticed"]


def test_card_carries_a_qr_code_of_its_routines_published_address(built: Path) -> None:
    card = soup(built / "routines/race-day/card/index.html").select_one("article.card")
    qr = card.select_one("svg.qr")
    assert qr["aria-hidden"] == "true"
    assert qr["viewbox"] == "0 0 37 37"  # the fixture's address takes a version 4 code (33 modules) and 2 of margin a side
    assert qr.path["d"].startswith("M2 2.5h7")  # the top-left finder pattern's first row, inside the margin


def test_distance_page_lists_its_routines_by_level_and_links_its_sheets(built: Path) -> None:
    page = soup(built / "distances/marathon/index.html")
    assert [h.get_text() for h in page.select("main h2")] == ["Beginner", "Experienced", "Print the cards"]
    assert [a["href"] for a in page.select("main .choices a")] == ["../../routines/race-day/", "../../routines/race-day/"]
    assert [a["href"] for a in page.select("#print + p + ul a")] == ["../../distances/marathon/cards-a4/",
                                                                    "../../distances/marathon/cards-letter/"]


def test_sheet_tiles_the_distances_cards_four_to_a_page(built: Path) -> None:
    sheet = soup(built / "distances/5k/cards-letter/index.html")
    assert "sheet-letter" in sheet.body["class"]
    pages = sheet.select(".sheet")
    assert [[card.h2.get_text() for card in page.select("article.card")] for page in pages] == [
        ["5K easy run, beginner", "Race day"]]
    assert [a.get_text() for a in sheet.select("main p a")] == ["5K cards, A4 paper"]


def test_drill_page_shows_every_field_and_the_routines_using_it(built: Path) -> None:
    page = soup(built / "drills/leg-swings/index.html")
    assert page.select_one(".lede").get_text() == "Loosen the hips and hamstrings beside a wall."
    meta = {div.dt.get_text(): div.dd.get_text(" ", strip=True) for div in page.select("dl.meta div")}
    assert meta == {"Phase": "Dynamic drills", "Dose": "20 per side (about 1 min 30 s)", "Zones": "Hips, Hamstrings",
                    "Equipment": "A wall"}
    assert [li.get_text() for li in page.select("#cues + ul li")] == ["Swing from the hip."]
    assert page.select_one(".variants").get_text(" ", strip=True) == "Easier Smaller swings. Harder Add lateral swings."
    assert page.select_one(".stop p").get_text() == "Sharp pain in the hip."
    table = page.select_one("#used-in + table")
    assert [th.get_text() for th in table.select("thead th")] == ["Beginner", "Experienced"]
    # By distance; a routine for every distance last, a routine for every level under each.
    assert [[row.th.get_text(), *([a.get_text() for a in td.select("a")] for td in row.select("td"))]
            for row in table.select("tbody tr")] == [["5K", ["Easy run"], []], ["Any distance", ["Race day"], ["Race day"]]]
    assert [a["href"] for a in table.select("a")] == [
        "../../routines/5k-easy/", "../../routines/race-day/", "../../routines/race-day/"]


def test_markdown_cannot_inject_markup(built: Path) -> None:
    prose = soup(built / "drills/leg-swings/index.html").select_one(".prose")
    assert prose.find("b") is None
    assert "<b>raw html stays text</b>" in prose.get_text()
    assert prose.find("em").get_text() == "forward and backward"
    assert prose.find("a", string="safety")["href"] == "../../safety/"


def test_front_matter_text_is_escaped(site_copy: Path, run) -> None:
    path = site_copy / "drills" / "strides.md"
    path.write_text(path.read_text().replace("title: Strides", 'title: "<script>alert(1)</script> Strides"'))
    assert run("build").code == 0
    page = soup(Path("_site/drills/strides/index.html"))
    # The only scripts are the site's own files, none written from content.
    assert all(script.get("src", "").startswith("../../assets/js/") and not script.string
               for script in page.find_all("script"))
    assert page.h1.get_text() == "<script>alert(1)</script> Strides"


def test_links_are_relative_except_on_the_404_page(built: Path) -> None:
    home = soup(built / "index.html")
    assert [a["href"] for a in home.select(".masthead nav a")] == ["./", "drills/", "log/"]
    missing = soup(built / "404.html")
    assert [a["href"] for a in missing.select(".masthead nav a")] == ["/guide/", "/guide/drills/", "/guide/log/"]
    assert missing.select_one('link[rel="stylesheet"]')["href"].startswith("/guide/assets/css/site.")


def test_assets_are_fingerprinted_and_referenced(built: Path) -> None:
    stylesheets = [link["href"] for link in soup(built / "drills/index.html").select('link[rel="stylesheet"]')]
    assert len(stylesheets) == 2
    for href in stylesheets:
        assert (built / "drills" / href).resolve().is_file()
    names = sorted(p.name for p in (built / "assets/css").iterdir())
    assert [n.split(".")[0] for n in names] == ["print", "site"] and all(len(n.split(".")[1]) == 10 for n in names)


def test_sitemap_lists_every_page_by_full_address(built: Path) -> None:
    from xml.etree import ElementTree

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    addresses = [loc.text for loc in ElementTree.parse(built / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    assert addresses[0] == "https://example.org/guide/"
    assert "https://example.org/guide/drills/leg-swings/" in addresses
    assert "https://example.org/guide/routines/race-day/card/" in addresses
    assert not any("404" in a for a in addresses)
    pages = [p for p in built.rglob("*.html") if p.name != "404.html"]
    assert len(addresses) == len(pages)


def test_canonical_address_uses_the_base_url(built: Path) -> None:
    page = soup(built / "drills/strides/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == "https://example.org/guide/drills/strides/"
    assert page.html["lang"] == "en"
