"""`build.py new drill|routine SLUG`: a commented file that passes the check as it is.  [I/O]"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .load import SourceFile, load_sources
from .validate import validate_site
from .validate.site import SLUG

DRILL = """\
---
# A drill: copy what fits from another drill, and run `python build.py check` after each edit.
title: {title}
summary: One sentence on what this drill does for a runner.
# One phase from site.yaml: {phases}
phase: {phase}
# Body zones from site.yaml: {zones}
zones: [{zone}]
# Equipment from site.yaml ({equipment}); [] when nothing is needed.
equipment: []
# '<number> <unit>': reps, per side, s, min or m.
dose: 10 reps
# How long the dose takes: needed for counted doses (reps, per side, m), not for s or min.
time: 60 s
# Short form cues; the first is shown on routine pages, so make it the one that matters most.
cues:
  - Stand tall and move with control.
mistakes:
  - Rushing the movement.
easier: A smaller range, more slowly.
harder: A larger range, still with control.
stop_if: Any sharp pain.
# The short line printed on a routine card (at most 70 characters).
checklist: {title}, 10 reps, with control
---
## How to do it

Say how to do the movement, step by step, in plain words.

## Why it helps

Say what it prepares for the run, staying with what the guide's source article says.
"""

ROUTINE = """\
# A routine variant: run `python build.py check` after each edit.
title: {title}
# A distance from site.yaml ({distances}), or a list of them.
distance: {distance}
# A level ({levels}), or a list of them.
level: {level}
# A session type: {sessions}
session: {session}
# Must agree with the steps: timed doses count as they are, counted ones by their 'time'.
minutes: 1
intro: |
  Who this routine is for and what it does, in a sentence or two.
# In phase order ({phases}). Each step names a drill by its file name;
# 'dose' (with 'time' when it is a count) and 'note' are optional.
steps:
  - drill: {drill}
    dose: {dose}
"""


def scaffold(content: Path, shown_as: PurePosixPath, kind: str, slug: str) -> tuple[bool, str]:
    """Write a new drill or routine file: (written, what to tell the contributor)."""
    if not SLUG.fullmatch(slug):
        return False, f"'{slug}' is not a safe slug: use lowercase letters, digits and hyphens, e.g. 'hip-circles'"
    sources, problems = load_sources(content, shown_as)
    site, problems = validate_site(sources)
    if site is None:
        return False, f"fix the content first (python build.py check --content {shown_as}): a new file is checked against it"
    folder = {"drill": "drills", "routine": "routines"}[kind]
    taken = [s.path for s in sources if s.kind == kind and s.slug.lower() == slug]
    if taken:
        return False, f"{taken[0]} already exists: choose another slug, or edit that file"
    vocab = site.vocab
    words = {name: ", ".join(t.slug for t in getattr(vocab, name))
             for name in ("phases", "zones", "equipment", "distances", "levels", "sessions")}
    title = slug.replace("-", " ").capitalize()
    if kind == "drill":
        text = DRILL.format(title=title, phase=vocab.phases[0].slug, zone=vocab.zones[0].slug, **words)
        suffix = ".md"
    else:
        if not site.drills:
            return False, "there is no drill yet for a routine to name: run `python build.py new drill SLUG` first"
        first = min(site.drills, key=lambda d: ([t.slug for t in vocab.phases].index(d.phase), d.slug))
        text = ROUTINE.format(title=title, distance=vocab.distances[0].slug, level=vocab.levels[0].slug,
                              session=vocab.sessions[0].slug, drill=first.slug,
                              dose="1 min" if first.dose.seconds else f"{first.dose}\n    time: 60 s", **words)
        suffix = ".yaml"
    path = shown_as / folder / f"{slug}{suffix}"
    candidate = SourceFile(path, kind, slug, text)  # type: ignore[arg-type]
    _, problems = validate_site((*sources, candidate))
    own = [str(p) for p in problems if p.at.path == path]
    if own:  # a bug in the scaffold, not the contributor's fault: say so rather than write a bad file
        raise AssertionError("the scaffold does not pass the check:\n" + "\n".join(own))
    target = content / folder / f"{slug}{suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True, f"wrote {path}: edit it, then run `python build.py check`"
