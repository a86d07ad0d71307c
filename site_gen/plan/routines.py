"""The routine families: each routine's page and card, each distance's page and printable sheets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import urls
from ..digest import digest
from ..model import Drill, Routine, Step, Term, spell_seconds
from .drills import drill_figure
from .pacing import TimerView
from .pages import Group, Names, PlannedPage, SheetLink, SiteInfo, dose_words, planned

CARDS_PER_SHEET = 4  # cards on one A4 or Letter sheet, two by two, each a little under A6 (print.css)
PAPERS = (Term("a4", "A4"), Term("letter", "US Letter"))
# A card's checklist heading by session (site.yaml's keys): every other session is a warm-up before a run.
CHECKLIST_HEADINGS = {"cool-down": "After the cool-down", "cross-training": "After the routine"}
WARM_UP_HEADING = "After the warm-up"


@dataclass(frozen=True, slots=True)
class StepView:
    number: int
    title: str
    url: str
    dose: str  # as shown: '6 per side', '1 min 30 s' (plan.pages.dose_words)
    time: str  # how long a counted dose takes, as shown: 'about 45 s'; '' when the dose is a time
    cue: str
    note: str
    checklist: str
    seconds: int
    countdown: int  # the timer counts a timed dose down from this; 0 for a counted dose (a "done" tap)
    figure: str  # the drill's figure, small beside the step and large in the timer


@dataclass(frozen=True, slots=True)
class Phase:
    """One phase of a routine: its heading, its steps in order and how long they take together."""

    title: str
    items: tuple[StepView, ...]
    slug: str
    time: str  # the steps' times added up, as people say it: '4 min 30 s'


@dataclass(frozen=True, slots=True)
class RoutineView:
    title: str
    url: str
    card_url: str
    distances: str
    levels: str
    session: str
    minutes: int
    intro_html: str
    why_html: str
    phases: tuple[Phase, ...]
    steps: tuple[StepView, ...]
    checklist: tuple[str, ...]
    key: str  # "slug:hash of the steps": a runner's ticks are kept under it, so a changed routine starts fresh


@dataclass(frozen=True, slots=True)
class CardView:
    """A routine's printed card: the routine, its checklist's heading and the QR code that opens its page."""

    routine: RoutineView
    checklist_heading: str
    address: str  # the routine's page at the published base URL: a phone scanning the card opens it


def card_view(routine: Routine, view: RoutineView, base_url: str) -> CardView:
    """What a routine's card and the sheets show of it."""
    address = base_url + view.url.lstrip("/")
    return CardView(view, CHECKLIST_HEADINGS.get(routine.session, WARM_UP_HEADING), address)


def cards_on(page: PlannedPage) -> tuple[CardView, ...]:
    """The cards a page shows: a card page its own, a sheet the cards on it."""
    if page.template == "card.html":
        return (page.context["card"],)
    if page.template == "sheet.html":
        return tuple(card for row in page.context["sheets"] for card in row)
    return ()


def routine_view(routine: Routine, drills: Mapping[str, Drill], names: Names, checklist: tuple[str, ...]) -> RoutineView:
    """What a routine's page, card and distance page show of it."""
    steps = tuple(_step_view(number, step, drills[step.drill]) for number, step in enumerate(routine.steps, 1))
    runs: list[tuple[str, list[StepView]]] = []  # (phase, its steps): a run of steps in one phase
    for step, view in zip(routine.steps, steps):
        phase = drills[step.drill].phase
        if runs and runs[-1][0] == phase:
            runs[-1][1].append(view)
        else:
            runs.append((phase, [view]))
    phases = [Phase(names("phases", slug), tuple(items), slug, spell_seconds(sum(item.seconds for item in items)))
              for slug, items in runs]
    return RoutineView(
        title=routine.title, url=urls.routine(routine.slug), card_url=urls.card(routine.slug),
        distances=names("distances", *routine.distances), levels=names("levels", *routine.levels),
        session=names("sessions", routine.session), minutes=routine.minutes, intro_html=routine.intro_html, why_html=routine.why_html,
        phases=tuple(phases), steps=steps, checklist=checklist, key=f"{routine.slug}:{_steps_digest(routine)}")


def routine_pages(routine: Routine, view: RoutineView, card: CardView, timer: TimerView,
                  info: SiteInfo) -> tuple[PlannedPage, PlannedPage]:
    """A routine's page, with its timer, and its printable card.

    Keyed on what they show (`by_context`), not on the drill files: editing a drill's body, or
    anything else of it these pages do not show, renders none of them again.
    """
    return (planned(urls.routine(routine.slug), "routine.html", info, by_context=True, title=routine.title,
                    routine=view, timer=timer),
            planned(urls.card(routine.slug), "card.html", info, by_context=True, card=card))


def distance_pages(distance: Term, routines: tuple[Routine, ...], levels: tuple[Term, ...],
                   sessions: tuple[Term, ...], views: Mapping[str, RoutineView], cards: Mapping[str, CardView],
                   info: SiteInfo) -> tuple[PlannedPage, ...]:
    """A distance's page, by level, and its sheets of cards on each paper size (when it has routines)."""
    chosen = tuple(r for r in routines if distance.slug in r.distances)
    by_level = _by_level(chosen, levels, sessions, views)
    # The sheet shows the cards in the order the distance page lists them.
    shown = {view.url: view for level in by_level for view in level.items}
    by_url = {card.routine.url: card for card in cards.values()}
    on_sheets = tuple(by_url[url] for url in shown)
    sheets = tuple(SheetLink(distance.name, paper, urls.sheet(distance.slug, paper.slug)) for paper in PAPERS) if on_sheets else ()
    page = planned(urls.distance(distance.slug), "distance.html", info, tuple(r.at for r in chosen),
                   distance=distance.name, levels=by_level, sheets=sheets)
    # Keyed on the cards they show, like the cards themselves (routine_pages).
    return (page, *(planned(
        sheet.url, "sheet.html", info, by_context=True, sheet=sheet, paper=sheet.paper,
        papers=tuple(other for other in sheets if other != sheet),
        sheets=tuple(on_sheets[i:i + CARDS_PER_SHEET] for i in range(0, len(on_sheets), CARDS_PER_SHEET)))
        for sheet in sheets))


def _steps_digest(routine: Routine) -> str:
    # Ticks are kept by step number: only the steps (which drill, which dose) can make them stale.
    return digest(*(f"{step.drill} {step.dose} {step.seconds}" for step in routine.steps))[:8]


def _step_view(number: int, step: Step, drill: Drill) -> StepView:
    words = dose_words(step.dose, step.seconds)
    return StepView(number=number, title=drill.title, url=urls.drill(drill.slug), dose=words.dose, time=words.time,
                    cue=drill.cues[0], note=step.note, checklist=drill.checklist, seconds=step.seconds,
                    countdown=step.dose.seconds or 0, figure=drill_figure(drill))


def _by_level(routines: tuple[Routine, ...], levels: tuple[Term, ...], sessions: tuple[Term, ...],
              views: Mapping[str, RoutineView]) -> tuple[Group, ...]:
    session_order = {term.slug: index for index, term in enumerate(sessions)}
    groups = []
    for level in levels:
        chosen = sorted((r for r in routines if level.slug in r.levels), key=lambda r: (session_order[r.session], r.slug))
        if chosen:
            groups.append(Group(level.name, tuple(views[r.slug] for r in chosen), level.slug))
    return tuple(groups)
