"""content/drills/*.md: one drill each."""

from __future__ import annotations

from collections.abc import Mapping

from ..content_format import DRILL
from ..errors import Problem
from ..markdown import render_body
from ..model import Dose, Drill, Settings, read_part
from ..parse import RawDocument
from .fields import FieldReader
from .starters import body_starters


def validate_drill(raw: RawDocument, settings: Settings | None,
                   targets: Mapping[str, Mapping[str, str]]) -> tuple[Drill | None, tuple[Problem, ...]]:
    """The drill, or None when its front matter has problems."""
    problems: list[Problem] = []
    fields = FieldReader(raw.meta, (), DRILL, problems, settings)
    values = fields.read_all(by_hand=("dose", "time"))
    dose = fields.read("dose")
    seconds = step_seconds(fields, dose, problems, "drill")
    problems.extend(part_problems(fields, values["parts"]))
    body = render_body(raw.body, raw.source.path, raw.body_line, targets,
                       "below the front matter, say how to do the drill and why it helps")
    problems.extend(body.problems)
    problems.extend(body_starters(raw, DRILL))
    if problems:
        return None, tuple(problems)
    return Drill(slug=raw.source.slug, dose=dose, seconds=seconds or 0, body_html=body.html, at=raw.meta.at(),
                 **values), ()


def step_seconds(fields: FieldReader, dose: Dose | None, problems: list[Problem], what: str) -> int | None:
    """How long a dose takes: the dose itself when timed, else the stated 'time'."""
    if dose is None:
        fields.read("time")
        return None
    if dose.seconds is not None:
        if "time" in fields.values:
            problems.append(Problem(fields.at("time"), f"'time' is only for counted doses; '{dose}' already says how long",
                                    "remove the 'time' line"))
        return dose.seconds
    seconds = fields.read("time")
    if seconds is None and "time" not in fields.values:
        problems.append(Problem(fields.at("dose"), f"the {what}'s dose '{dose}' is a count: say how long it takes",
                                "add e.g. 'time: 90 s' below the dose"))
    return seconds


def part_problems(fields: FieldReader, parts: tuple[str, ...]) -> list[Problem]:
    """What is wrong with a drill's parts: a time that runs backwards, a second part taking the rest."""
    problems = []
    rest = ""  # the part with no time, which takes what is left of each repetition
    for index, text in enumerate(parts):
        part, at = read_part(text), fields.doc.at(*fields.base, "parts", index)
        if part.low > part.high:
            problems.append(Problem(at, f"the part '{text}' runs backwards",
                                    f"write the shorter time first: '{part.high}-{part.low} s {part.what}'"))
        elif not part.high and rest:
            problems.append(Problem(at, f"the part '{text}' has no time, but '{rest}' already takes what is "
                                    "left of each repetition", f"give it a time first, e.g. '10-15 s {text}'"))
        elif not part.high:
            rest = text
    return problems
