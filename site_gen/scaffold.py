"""`build.py new drill|routine SLUG`: a commented file that passes the check as it is.  [I/O]"""

from __future__ import annotations

import os
from contextlib import suppress
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
        return False, _taken(taken[0])
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
    refused = _create(content, folder, f"{slug}{suffix}", text.encode("utf-8"))
    if refused == "exists":
        return False, _taken(path)
    if refused:
        return False, f"{shown_as / folder} is {refused}: a new file is only written into a folder of the content itself"
    return True, f"wrote {path}: edit it, then run `python build.py check`"


def _taken(path: PurePosixPath) -> str:
    return f"{path} already exists: choose another slug, or edit that file"


def _create(content: Path, folder: str, name: str, text: bytes) -> str:
    """Write a new file `content/folder/name`: "" when written, else "exists" or what `folder` is instead.

    Never through a symbolic link and never over a file: the name may be a link to a file
    outside the content (the loader skips those, so the check above does not see it).
    """
    parent = content / folder
    with suppress(FileExistsError):
        os.mkdir(parent)
    if os.path.islink(parent):
        return "a symbolic link"
    if not os.path.isdir(parent):
        return "not a folder"
    directory = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        try:
            # O_EXCL: fail if anything has the name, a link (even a broken one) included.
            handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=directory)
        except FileExistsError:
            return "exists"
        with os.fdopen(handle, "wb") as file:
            file.write(text)
    finally:
        os.close(directory)
    return ""
