"""The card's words for a step: a dose in the routine page's words (plan.pages.dose_words), and the routine's note."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from site_gen.model import Dose
from site_gen.plan.pages import dose_words
from site_gen.plan.routines import CardView, Phase, RoutineView, StepView
from site_gen.render import make_environment

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _step(number: int, dose: str, countdown: int, note: str = "") -> StepView:
    amount, unit = dose.split(" ", 1)
    words = dose_words(Dose(int(amount), unit), countdown or 45)
    return StepView(number=number, title=f"Drill {number}", url=f"/drills/d{number}/", dose=words.dose, time=words.time,
                    cue="Cue.", note=note, checklist=f"Drill {number}, its card line", seconds=countdown or 45,
                    countdown=countdown, figure="")


def _card(*steps: StepView) -> CardView:
    routine = RoutineView(title="R", url="/routines/r/", card_url="/routines/r/card/", distances="5K", levels="Beginner",
                          session="Easy run", minutes=5, intro_html="", why_html="",
                          phases=(Phase("Mobility", steps, "mobility", "5 min"),), steps=steps, checklist=("Control",), key="r:0")
    return CardView(routine, "After the cool-down", "https://example.org/routines/r/")


def test_timed_doses_read_as_on_the_routine_page_and_counted_ones_as_written() -> None:
    environment = make_environment(TEMPLATES, {})
    template = environment.from_string('{% from "macros/card.html" import card %}{{ card(shown) }}')
    html = template.render(shown=_card(_step(1, "150 s", 150), _step(2, "90 s", 90, note="Slowly."), _step(3, "60 s", 60),
                                       _step(4, "6 per side", 0)))
    card = BeautifulSoup(html, "html.parser")
    assert [dose.get_text() for dose in card.select(".card-steps .dose")] == ["2 min 30 s", "1 min 30 s", "1 min",
                                                                             "6 per side"]
    assert [line.get_text(" ", strip=True) for line in card.select(".card-steps .card-line")] == [
        "Drill 1, its card line 2 min 30 s", "Drill 2: Slowly. 1 min 30 s", "Drill 3, its card line 1 min",
        "Drill 4, its card line 6 per side"]
    assert card.select_one("h2.card-phase:last-of-type").get_text() == "After the cool-down"
