"""A routine's card as planned: the address its QR code opens and the heading of its checklist."""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

import pytest
from jinja2 import Environment

from site_gen import changes, qr
from site_gen.builder import Builder
from site_gen.plan import PlannedPage, plan_pages
from site_gen.plan.routines import CardView, card_view
from site_gen.qr import qr_svg
from site_gen.render import RenderedFile, render_page
from tests.conftest import FIXTURE_SITE


def _cards() -> dict[str, CardView]:
    site, problems = Builder(FIXTURE_SITE, PurePosixPath("content")).read()
    assert problems == () and site is not None
    pages, _ = plan_pages(site)
    return {page.url: page.context["card"] for page in pages if page.template == "card.html"}


def test_a_cards_code_opens_its_routines_page_at_the_published_base_url() -> None:
    card = _cards()["/routines/race-day/card/"]
    assert card.address == "https://example.org/guide/routines/race-day/"


def test_the_sheets_show_the_very_cards_the_card_pages_show() -> None:
    site, _ = Builder(FIXTURE_SITE, PurePosixPath("content")).read()
    assert site is not None
    pages, _ = plan_pages(site)
    by_url = {page.url: page for page in pages}
    cards = _cards()
    on_sheet = [card for sheet in by_url["/distances/5k/cards-a4/"].context["sheets"] for card in sheet]
    assert on_sheet == [cards["/routines/5k-easy/card/"], cards["/routines/race-day/card/"]]


@pytest.mark.parametrize(("session", "heading"), [
    ("easy-run", "After the warm-up"), ("race-day", "After the warm-up"), ("workout", "After the warm-up"),
    ("cross-training", "After the routine"), ("cool-down", "After the cool-down"),
])
def test_the_checklist_is_headed_for_what_the_routine_is(session: str, heading: str) -> None:
    site, _ = Builder(FIXTURE_SITE, PurePosixPath("content")).read()
    assert site is not None
    routine = dataclasses.replace(site.routines[0], session=session)
    view = _cards()["/routines/5k-easy/card/"].routine
    assert card_view(routine, view, "https://example.org/").checklist_heading == heading


def test_the_same_address_gives_the_same_code_and_another_address_another() -> None:
    assert qr_svg("https://example.org/routines/a/") == qr_svg("https://example.org/routines/a/")
    assert qr_svg("https://example.org/routines/a/") != qr_svg("https://example.org/routines/b/")


def test_a_build_draws_each_routines_code_once_and_before_any_page_is_rendered(
        site_copy: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    # In whichever worker a card or a sheet is rendered, its codes are drawn already: none is drawn twice.
    events: list[str] = []

    def drawing(address: str) -> str:
        events.append(address)
        return f"<svg>{address}</svg>"

    def rendering(environment: Environment, page: PlannedPage, base_url: str) -> RenderedFile:
        events.append("rendered")
        return render_page(environment, page, base_url)

    monkeypatch.setattr(qr, "_draw", drawing)
    monkeypatch.setattr(qr, "_drawn", {})
    monkeypatch.setattr(changes, "render_page", rendering)
    assert run("build", "--workers", "1").code == 0
    site = site_copy.parent / "_site"
    cards = list((site / "routines").glob("*/card/index.html"))
    drawn = events[:events.index("rendered")]
    assert len(cards) > 1 and len(drawn) == len(set(drawn)) == len(cards)
    assert events.count("rendered") > len(cards) and "rendered" not in drawn and set(events) - set(drawn) == {"rendered"}
    sheet = (site / "distances" / "5k" / "cards-a4" / "index.html").read_text(encoding="utf-8")
    assert "<svg>https://example.org/guide/routines/race-day/</svg>" in sheet
