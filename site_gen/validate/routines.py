"""content/routines/*.yaml: one routine variant each."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from ..content_format import ROUTINE, STEP
from ..errors import Location, Problem, did_you_mean
from ..markdown import render_markdown
from ..model import Dose, Drill, Routine, Settings, Step, spell_seconds
from ..parse import RawDocument
from .drills import step_seconds
from .fields import MISSING, FieldReader


def validate_routine(raw: RawDocument, settings: Settings | None, drills: Mapping[str, Drill | None],
                     targets: Mapping[str, Mapping[str, str]]) -> tuple[Routine | None, tuple[Problem, ...]]:
    """The routine, or None when it has problems. `drills` holds None for drills that have problems."""
    problems: list[Problem] = []
    fields = FieldReader(raw.meta, (), ROUTINE, problems, settings)
    values = fields.read_all(by_hand=("intro", "why", "steps"))
    intro = render_markdown(fields.read("intro"), raw.source.path, _text_line(raw, fields, "intro"), targets)
    problems.extend(intro.problems)
    why = fields.read("why")
    why_html = ""
    if why:
        rendered = render_markdown(why, raw.source.path, _text_line(raw, fields, "why"), targets)
        problems.extend(rendered.problems)
        why_html = rendered.html
    steps, complete = _steps(raw, fields, drills, problems)
    if complete and steps and "minutes" in fields.values:
        _check_minutes(values["minutes"], steps, fields, problems)
    if settings and complete:
        _check_phase_order(steps, drills, settings, problems)
    if problems:
        return None, tuple(problems)
    return Routine(slug=raw.source.slug, intro_html=intro.html, why_html=why_html, steps=tuple(steps), at=raw.meta.at(), **values), ()


def _steps(raw: RawDocument, fields: FieldReader, drills: Mapping[str, Drill | None],
           problems: list[Problem]) -> tuple[list[Step], bool]:
    """The steps, and whether every step's time is known (so the minutes can be checked)."""
    value = fields.raw("steps")
    if value is MISSING:
        return [], False
    if not isinstance(value, list) or not value:
        problems.append(Problem(fields.at("steps"), "'steps' must be a list of one or more steps",
                                "write each step as '- drill: SLUG' on its own line"))
        return [], False
    steps: list[Step] = []
    complete = True
    for index, item in enumerate(value):
        written = _written_step(raw, index, item, problems)
        if written is None:
            complete = False
            continue
        slug, dose, seconds, note, at, dose_known = written
        complete = complete and dose_known
        if slug and slug not in drills:
            problems.append(Problem(at, f"unknown drill '{slug}'", did_you_mean(slug, drills, "drills")))
        drill = drills.get(slug)
        if drill is None:  # unknown or broken: the minutes and phase order cannot be judged
            complete = False
        elif dose is None:
            steps.append(Step(slug, drill.dose, drill.seconds, note, at))
        elif seconds is None:  # a counted dose without its time
            complete = False
        else:
            steps.append(Step(slug, dose, seconds, note, at))
    return steps, complete


def _written_step(raw: RawDocument, index: int, item: object, problems: list[Problem]
                  ) -> tuple[str, Dose | None, int | None, str, Location, bool] | None:
    """A step as written: (slug, dose, seconds, note, where, whether its dose is usable); None when not a step."""
    if isinstance(item, str):  # "- leg-swings" is a natural shorthand; accept it
        return item, None, None, "", raw.meta.at("steps", index), True
    fields = FieldReader(raw.meta, ("steps", index), STEP, problems)
    if not fields.is_mapping:
        return None
    dose = fields.read("dose")
    seconds = step_seconds(fields, dose, problems, "step") if dose else None
    if dose is None and "time" in fields.values and "dose" not in fields.values:
        problems.append(Problem(fields.at("time"), "'time' goes with a step's own 'dose'",
                                "give the step a dose too, or remove 'time' to use the drill's"))
    # A wrong dose leaves the routine's total unknown.
    return (fields.read("drill"), dose, seconds, fields.read("note"), fields.at("drill"),
            dose is not None or "dose" not in fields.values)


def _text_line(raw: RawDocument, fields: FieldReader, name: str) -> int:
    # A block scalar ("intro: |") starts on the line after its indicator.
    at = fields.at(name)
    line = raw.source.text.split("\n")[at.line - 1]
    return at.line + 1 if line[at.column - 1:at.column] in ("|", ">") else at.line


def _check_minutes(minutes: int, steps: list[Step], fields: FieldReader, problems: list[Problem]) -> None:
    total = sum(step.seconds for step in steps)
    # Stated minutes are whole; allow the half minute either way that rounding needs.
    if abs(minutes * 60 - total) > 30:
        problems.append(Problem(fields.at("minutes"),
                                f"minutes is {minutes}, but the steps add up to {spell_seconds(total)}",
                                f"set 'minutes: {(total + 30) // 60}', or change the steps' doses"))


def _check_phase_order(steps: list[Step], drills: Mapping[str, Drill | None], settings: Settings,
                       problems: list[Problem]) -> None:
    order = {term.slug: index for index, term in enumerate(settings.phases)}
    names = {term.slug: term.name for term in settings.phases}
    phases = [drills[step.drill].phase for step in steps]  # type: ignore[union-attr]  # complete: all valid
    # The fewest steps to move are those outside the longest run already in order: only they are wrong.
    kept = in_order([order[phase] for phase in phases])
    sequence = " > ".join(term.name for term in settings.phases)
    for index, step in enumerate(steps):
        if index in kept:
            continue
        before = [i for i in kept if order[phases[i]] <= order[phases[index]]]
        where = (f"after '{steps[before[-1]].drill}'" if before
                 else f"before '{steps[min(kept)].drill}'")
        problems.append(Problem(step.at, f"'{step.drill}' ({names[phases[index]]}) is out of phase order",
                                f"move it {where}: routines follow the phases in order: {sequence}"))


def in_order(ranks: list[int]) -> set[int]:
    """The indexes of a longest subsequence of `ranks` that never goes down (the earliest such, for ties)."""
    tails: list[int] = []  # tails[k]: index ending the best run of length k + 1 found so far
    tail_ranks: list[int] = []  # their ranks, kept beside them for the binary search
    previous: list[int] = [-1] * len(ranks)
    for index, rank in enumerate(ranks):
        length = bisect_right(tail_ranks, rank)
        previous[index] = tails[length - 1] if length else -1
        if length == len(tails):
            tails.append(index)
            tail_ranks.append(rank)
        else:
            tails[length], tail_ranks[length] = index, rank
    kept, index = set(), tails[-1] if tails else -1
    while index >= 0:
        kept.add(index)
        index = previous[index]
    return kept
