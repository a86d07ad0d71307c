"""What the follow-along timer paces each step by, and what its end screen offers next.

routine.js reads the pacing as JSON from the page, so every number it counts by comes from
the content (a step's time, a drill's parts as the article gives them), none from the script.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from .. import urls
from ..errors import Location
from ..model import Drill, Part, Routine, Step, read_part

COOL_DOWN = "cool-down"  # the session of the routine the end screen offers after the run


@dataclass(frozen=True, slots=True)
class TimerView:
    pacing: str  # JSON, one entry a step: [seconds, per side (0/1), reps, [[what, seconds], ...]]
    cool_down_url: str  # "" on the cool-down itself, or when the guide has none
    cool_down_title: str
    log_url: str  # the log, told which routine was just done
    shows: tuple[Location, ...]  # the other routine the end screen names: its page depends on it


def cool_down(routines: tuple[Routine, ...]) -> Routine | None:
    """The routine the guide offers after a run: the first whose session is the cool-down."""
    return next((routine for routine in routines if routine.session == COOL_DOWN), None)


def timer_view(routine: Routine, drills: Mapping[str, Drill], after: Routine | None) -> TimerView:
    """The timer's pacing of `routine` and where its end screen leads."""
    offered = after is not None and after.slug != routine.slug
    pacing = [_step_pacing(step, drills[step.drill]) for step in routine.steps]
    return TimerView(
        # Lists in step order, no spaces: the same content gives the same bytes, and few of them.
        pacing=json.dumps(pacing, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"),
        cool_down_url=urls.routine(after.slug) if offered and after else "",
        cool_down_title=after.title if offered and after else "",
        log_url=f"{urls.log()}?routine={routine.slug}", shows=(after.at,) if offered and after else ())


def repetition_parts(parts: tuple[Part, ...], seconds: int) -> tuple[tuple[str, int], ...]:
    """Each part of one repetition of `seconds`, with how long the timer gives it; () when they cannot fit.

    A part lasts the longest time its range allows when all of them still leave time for the
    part with no time (the easy return); else the shortest; the part with no time gets the rest.
    """
    if not parts:
        return ()
    resting = any(not part.high for part in parts)
    for pick in (lambda part: part.high, lambda part: part.low):
        timed = sum(pick(part) for part in parts)
        if timed < seconds or (timed == seconds and not resting):
            return tuple((_spoken(part), pick(part) if part.high else seconds - timed) for part in parts)
    return ()


def _step_pacing(step: Step, drill: Drill) -> list[object]:
    reps = step.dose.amount if step.dose.unit == "reps" else 1
    parts = repetition_parts(tuple(read_part(text) for text in drill.parts), step.seconds // reps)
    return [step.seconds, int(step.dose.unit == "per side"), reps if parts else 1, [list(part) for part in parts]]


def _spoken(part: Part) -> str:
    """The part as the timer shows it: 'Pick-up to a brisk walk, 15–20 s'."""
    what = part.what[:1].upper() + part.what[1:]
    if not part.high:
        return what
    return f"{what}, {part.low}–{part.high} s" if part.low != part.high else f"{what}, {part.low} s"
