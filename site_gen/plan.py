"""Site -> the pages to render: URL, template and everything the template shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import PurePosixPath
from typing import Any

from . import urls
from .digest import digest
from .errors import Location, Problem
from .model import Drill, Routine, Site, Step, Term, spell_seconds

LOG = "/log/"
LOG_ROWS = 12  # lines on the printed progress log sheet
TRACKING_PAGE = "tracking-progress"  # the log links to it, when it exists, for how to gauge each column
CARDS_PER_SHEET = 4  # A6 cards on one A4 or Letter sheet, two by two
PAPERS = (Term("a4", "A4"), Term("letter", "US Letter"))


@dataclass(frozen=True, slots=True)
class PlannedPage:
    url: str  # site path, e.g. "/drills/leg-swings/"
    template: str
    context: Mapping[str, Any]
    sources: tuple[str, ...]  # the content files this page shows (sorted paths): what a rebuild checks
    in_sitemap: bool = True
    extra_key: str = ""  # what the page shows beyond its sources, e.g. the sitemap's list of addresses


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class StepView:
    number: int
    title: str
    url: str
    dose: str
    cue: str
    note: str
    checklist: str
    seconds: int
    countdown: int  # the timer counts a timed dose down from this; 0 for a counted dose (a "done" tap)


@dataclass(frozen=True, slots=True)
class Group:
    """A heading and what goes under it: steps by phase, drills by zone, routines by level."""

    title: str
    items: tuple[Any, ...]
    slug: str = ""


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
    phases: tuple[Group, ...]
    steps: tuple[StepView, ...]
    checklist: tuple[str, ...]
    key: str  # "slug:hash of the steps": a runner's ticks are kept under it, so a changed routine starts fresh


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every page shows: the site's name, navigation and credit."""

    title: str
    description: str
    language: str
    credit: str
    nav: tuple[Link, ...]
    pages: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Names:
    """Shown names of every vocabulary word."""

    of: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __call__(self, vocabulary: str, *slugs: str) -> str:
        return ", ".join(self.of[vocabulary][slug] for slug in slugs)


def plan_pages(site: Site) -> tuple[tuple[PlannedPage, ...], tuple[Problem, ...]]:
    """Every page of the site, in URL order, and clashes between pages planned at one URL."""
    pages, problems, _ = plan_pages_memo(site, {})
    return pages, problems


# Pages planned from the same model objects are the same pages: the memo maps each unit
# (a drill, a routine, the library) to the objects it was planned from and its pages.
PlanMemo = Mapping[tuple[str, str], tuple[Any, ...]]


def plan_pages_memo(site: Site, memo: PlanMemo) -> tuple[tuple[PlannedPage, ...], tuple[Problem, ...],
                                                          dict[tuple[str, str], tuple[Any, ...]]]:
    """Like plan_pages, reusing the pages of every drill and routine whose inputs are the same objects."""
    settings = site.settings
    new_memo: dict[tuple[str, str], tuple[Any, ...]] = {}

    def remember(key: tuple[str, str], inputs: tuple[Any, ...], make: Any) -> Any:
        # Inputs compare by identity: validation hands back the same object for unchanged content.
        old = memo.get(key)
        if old is not None and len(old) == len(inputs) + 1 and all(a is b for a, b in zip(old, inputs)):
            new_memo[key] = old
            return old[-1]
        made = make()
        new_memo[key] = (*inputs, made)
        return made

    names = remember(("names", ""), (settings,), lambda: Names(
        {name: {t.slug: t.name for t in getattr(settings, name)}
         for name in ("distances", "levels", "sessions", "phases", "zones", "equipment")}))
    drills = {drill.slug: drill for drill in site.drills}
    page_links = tuple(Link(p.title, urls.page(p.slug), p.summary) for p in site.pages)
    info = SiteInfo(settings.title, settings.description, settings.language, settings.credit,
                    nav=(Link("Distances", urls.home()), Link("Drills", urls.drill_library()), Link("Log", LOG)),
                    pages=page_links)
    previous_info = memo.get(("info", ""))
    if previous_info is not None and previous_info[0] == info:
        info = previous_info[0]  # the same object, so that the memo below can hit
    new_memo[("info", "")] = (info,)
    pages: list[PlannedPage] = []

    def page(url: str, template: str, sources: tuple[Location, ...] = (), in_sitemap: bool = True,
             listing: bool = False, **context: Any) -> PlannedPage:
        # A listing shows a line of many files: key it on those lines, not on the files,
        # so that editing one drill's body does not render the drill library again.
        key = repr(sorted(context.items())) if listing else ""
        paths = () if listing else tuple(sorted({str(at.path) for at in sources}))
        return PlannedPage(url, template, {"site": info, **context}, paths, in_sitemap, key)

    def add(url: str, template: str, sources: tuple[Location, ...] = (), **context: Any) -> None:
        pages.append(page(url, template, sources, **context))

    routine_views = {
        r.slug: remember(("routine", r.slug), (r, names, *(drills[s.drill] for s in r.steps)),
                         lambda r=r: _routine_view(r, drills, names, settings.checklist))
        for r in site.routines}
    add(urls.home(), "home.html", listing=True, title=settings.title,
        distances=tuple(Link(t.name, urls.distance(t.slug), _count(site.routines, t.slug)) for t in settings.distances),
        pages=page_links)
    for distance in settings.distances:
        chosen = [r for r in site.routines if distance.slug in r.distances]
        levels = _by_level(chosen, settings.levels, settings.sessions, routine_views)
        # The sheet shows the cards in the order the distance page lists them.
        cards = tuple({view.url: view for level in levels for view in level.items}.values())
        sheets = {paper: Link(f"{distance.name} cards, {paper.name} paper", urls.sheet(distance.slug, paper.slug))
                  for paper in PAPERS} if cards else {}
        add(urls.distance(distance.slug), "distance.html", tuple(r.at for r in chosen),
            title=f"{distance.name} warm-ups", levels=levels, sheets=tuple(sheets.values()))
        card_sources = tuple(r.at for r in chosen) + tuple(drills[s.drill].at for r in chosen for s in r.steps)
        for paper, sheet in sheets.items():
            add(sheet.url, "sheet.html", card_sources, title=sheet.title, paper=paper,
                papers=tuple(other for other in sheets.values() if other != sheet),
                sheets=tuple(cards[i:i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)))
    for routine in site.routines:
        view = routine_views[routine.slug]
        pages.extend(remember(("routine-pages", routine.slug), (view, info), lambda routine=routine, view=view: (
            page(urls.routine(routine.slug), "routine.html", _routine_sources(routine, drills),
                 title=routine.title, routine=view),
            page(urls.card(routine.slug), "card.html", _routine_sources(routine, drills),
                 title=f"{routine.title}: card", routine=view))))
    used_in = _used_in(site.routines)
    listed = tuple((d.slug, d.title, d.summary, d.phase, d.zones) for d in site.drills)
    pages.append(_library(memo, new_memo, (info, names), listed, lambda: page(
        urls.drill_library(), "drills.html", listing=True, title="Drill library",
        by_phase=_group(site.drills, settings.phases, lambda d: (d.phase,)),
        by_zone=_group(site.drills, settings.zones, lambda d: d.zones))))
    for drill in site.drills:
        routines = used_in.get(drill.slug, ())
        pages.append(remember(("drill", drill.slug), (drill, info, names, *routines),
                              lambda drill=drill, routines=routines: page(
            urls.drill(drill.slug), "drill.html", (drill.at, *(r.at for r in routines)), title=drill.title,
            drill=drill, phase=names("phases", drill.phase), dose=str(drill.dose),
            time="" if drill.dose.seconds else f"about {spell_seconds(drill.seconds)}",
            zones=names("zones", *drill.zones), equipment=names("equipment", *drill.equipment) or "None needed",
            routines=tuple(Link(r.title, urls.routine(r.slug)) for r in routines))))
    for prose in site.pages:
        add(urls.page(prose.slug), "page.html", (prose.at,), title=prose.title, page=prose)
    guide = tuple(Link(p.title, urls.page(p.slug)) for p in site.pages if p.slug == TRACKING_PAGE)
    # A listing: the log shows every routine's title (the form suggests them), keyed on those lines.
    add(LOG, "log.html", listing=True, title="Progress log", rows=tuple(range(LOG_ROWS)), guide=guide,
        routines=tuple(routine_views[r.slug].title for r in site.routines))
    add("/404.html", "404.html", in_sitemap=False, title="Page not found")

    ordered = tuple(sorted(pages, key=lambda p: p.url))
    return ordered, _clashes(ordered), new_memo


def _library(memo: PlanMemo, new_memo: dict[tuple[str, str], tuple[Any, ...]], shared: tuple[Any, ...],
             listed: tuple[Any, ...], make: Any) -> PlannedPage:
    # The library shows each drill's title, summary, phase and zones: equal lines, equal page.
    # (A drill's body edit makes a new Drill object, so identity would miss here; equality does not.)
    old = memo.get(("library", ""))
    if old is not None and all(a is b for a, b in zip(old[0], shared)) and old[1] == listed:
        new_memo[("library", "")] = old
        return old[2]
    made = make()
    new_memo[("library", "")] = (shared, listed, made)
    return made


def _routine_sources(routine: Routine, drills: Mapping[str, Drill]) -> tuple[Location, ...]:
    return (routine.at, *(drills[step.drill].at for step in routine.steps))


def sitemap_page(pages: tuple[PlannedPage, ...], base_url: str) -> PlannedPage:
    """sitemap.xml, listing every page meant for search engines by its full address."""
    addresses = tuple(base_url + p.url.lstrip("/") for p in pages if p.in_sitemap)
    return PlannedPage("/sitemap.xml", "sitemap.xml", {"addresses": addresses}, (), False, "\n".join(addresses))


SHELL = ("/", "/drills/", LOG, "/404.html")  # what a runner can open offline before visiting anything else


def service_worker_page(version: str, asset_urls: tuple[str, ...]) -> PlannedPage:
    """sw.js: precaches the shell and the assets of this build; `version` names its cache.

    Its addresses are relative to the worker itself, which sits at the site's root, so the
    site works offline at a domain root and under a sub-path alike.
    """
    precache = tuple(url.lstrip("/") or "./" for url in (*SHELL, *asset_urls))
    return PlannedPage("/sw.js", "sw.js", {"version": version, "precache": precache}, (), False, version)


def _routine_view(routine: Routine, drills: Mapping[str, Drill], names: Names,
                  checklist: tuple[str, ...]) -> RoutineView:
    steps = tuple(_step_view(number, step, drills[step.drill]) for number, step in enumerate(routine.steps, 1))
    phases: list[Group] = []
    for step, view in zip(routine.steps, steps):
        phase = drills[step.drill].phase
        if phases and phases[-1].slug == phase:
            phases[-1] = Group(phases[-1].title, (*phases[-1].items, view), phase)
        else:
            phases.append(Group(names("phases", phase), (view,), phase))
    return RoutineView(
        title=routine.title, url=urls.routine(routine.slug), card_url=urls.card(routine.slug),
        distances=names("distances", *routine.distances), levels=names("levels", *routine.levels),
        session=names("sessions", routine.session), minutes=routine.minutes, intro_html=routine.intro_html,
        phases=tuple(phases), steps=steps, checklist=checklist, key=f"{routine.slug}:{_steps_digest(routine)}")


def _steps_digest(routine: Routine) -> str:
    # Ticks are kept by step number: only the steps (which drill, which dose) can make them stale.
    return digest(*(f"{step.drill} {step.dose} {step.seconds}" for step in routine.steps))[:8]


def _step_view(number: int, step: Step, drill: Drill) -> StepView:
    return StepView(number=number, title=drill.title, url=urls.drill(drill.slug), dose=str(step.dose),
                    cue=drill.cues[0], note=step.note, checklist=drill.checklist, seconds=step.seconds,
                    countdown=step.dose.seconds or 0)


def _count(routines: tuple[Routine, ...], distance: str) -> str:
    count = sum(distance in r.distances for r in routines)
    return f"{count} routine" + ("" if count == 1 else "s")


def _by_level(routines: list[Routine], levels: tuple[Term, ...], sessions: tuple[Term, ...],
              views: Mapping[str, RoutineView]) -> tuple[Group, ...]:
    session_order = {term.slug: index for index, term in enumerate(sessions)}
    groups = []
    for level in levels:
        chosen = sorted((r for r in routines if level.slug in r.levels), key=lambda r: (session_order[r.session], r.slug))
        if chosen:
            groups.append(Group(level.name, tuple(views[r.slug] for r in chosen), level.slug))
    return tuple(groups)


def _group(drills: tuple[Drill, ...], terms: tuple[Term, ...], words_of: Any) -> tuple[Group, ...]:
    members: dict[str, list[Link]] = defaultdict(list)
    for drill in drills:
        for word in words_of(drill):
            members[word].append(Link(drill.title, urls.drill(drill.slug), drill.summary))
    return tuple(Group(t.name, tuple(members[t.slug]), t.slug) for t in terms if members[t.slug])


def _used_in(routines: tuple[Routine, ...]) -> dict[str, tuple[Routine, ...]]:
    found: dict[str, list[Routine]] = defaultdict(list)
    for routine in routines:
        for slug in dict.fromkeys(step.drill for step in routine.steps):
            found[slug].append(routine)
    return {slug: tuple(chosen) for slug, chosen in found.items()}


def _clashes(pages: tuple[PlannedPage, ...]) -> tuple[Problem, ...]:
    problems = []
    # Prose pages are the one namespace contributors name at the top of the site: a page
    # named like a section would sit among that section's pages, so refuse it by name.
    sections = {p.url.split("/")[1] for p in pages if p.template != "page.html"} | {"assets"}
    taken = set()
    for page in pages:
        section = page.url.split("/")[1]
        if page.template == "page.html" and section in sections:
            taken.add(page.url)
            problems.append(Problem(Location(PurePosixPath(page.sources[0]), 1), f"the page name '{section}' is taken by a section "
                                    "of the site", f"rename the file, e.g. to 'about-{section}.md'"))
    # Any other clash is a bug in the URL scheme; still report it rather than overwrite a page.
    for before, after in pairwise(pages):
        if before.url == after.url and before.url not in taken:
            at = Location(PurePosixPath("templates") / after.template, 1)
            problems.append(Problem(at, f"two pages would be written at {after.url} "
                                        f"({before.template} and {after.template})"))
    return tuple(problems)
