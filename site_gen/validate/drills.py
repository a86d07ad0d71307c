"""content/drills/*.md: one drill each."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import Problem
from ..markdown import render_body
from ..model import Dose, Drill, Vocab
from ..parse import RawDocument
from .fields import FieldReader

CHECKLIST_LIMIT = 70  # one line on an A6 card
FIELDS = {
    "title": "Leg swings, front to back",
    "summary": "One sentence on what the drill does.",
    "phase": "dynamic-drills",
    "zones": "[hips, hamstrings]",
    "equipment": "[wall]   (or [] when nothing is needed)",
    "dose": "20 per side",
    "time": "90 s",
    "cues": "[Stand tall, Swing from the hip]",
    "mistakes": "[Chasing height]",
    "easier": "A regression, in a sentence",
    "harder": "A progression, in a sentence",
    "stop_if": "Sharp pain in the hip",
    "checklist": "The short line printed on a card",
}


def validate_drill(raw: RawDocument, vocab: Vocab | None,
                   targets: Mapping[str, Mapping[str, str]]) -> tuple[Drill | None, tuple[Problem, ...]]:
    """The drill, or None when its front matter has problems."""
    problems: list[Problem] = []
    fields = FieldReader(raw.meta, (), FIELDS, problems)
    dose = fields.dose("dose")
    seconds = step_seconds(fields, dose, problems, "drill")
    body = render_body(raw.body, raw.source.path, raw.body_line, targets,
                       "below the front matter, say how to do the drill and why it helps")
    problems.extend(body.problems)
    drill = Drill(
        slug=raw.source.slug,
        title=fields.text("title"),
        summary=fields.text("summary"),
        phase=fields.word("phase", vocab.phases if vocab else None, "phase"),
        zones=fields.words("zones", vocab.zones if vocab else None, "zone"),
        equipment=fields.words("equipment", vocab.equipment if vocab else None, "equipment word", empty_allowed=True),
        dose=dose,  # type: ignore[arg-type]  # None only when there are problems
        seconds=seconds or 0,
        cues=fields.texts("cues"),
        mistakes=fields.texts("mistakes"),
        easier=fields.text("easier"),
        harder=fields.text("harder"),
        stop_if=fields.text("stop_if"),
        checklist=fields.text("checklist", max_length=CHECKLIST_LIMIT),
        body_html=body.html,
        at=raw.meta.at(),
    )
    return (None if problems else drill), tuple(problems)


def step_seconds(fields: FieldReader, dose: Dose | None, problems: list[Problem], what: str) -> int | None:
    """How long a dose takes: the dose itself when timed, else the stated 'time'."""
    if dose is None:
        fields.duration("time", required=False)
        return None
    if dose.seconds is not None:
        if "time" in fields.values:
            problems.append(Problem(fields.at("time"), f"'time' is only for counted doses; '{dose}' already says how long",
                                    "remove the 'time' line"))
        return dose.seconds
    seconds = fields.duration("time", required=False)
    if seconds is None and "time" not in fields.values:
        problems.append(Problem(fields.at("dose"), f"the {what}'s dose '{dose}' is a count: say how long it takes",
                                "add e.g. 'time: 90 s' below the dose"))
    return seconds
