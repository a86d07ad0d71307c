"""`build.py new drill|routine SLUG`: a commented file that passes the check as it is.  [I/O]"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path, PurePosixPath

from .content_format import DRILL, ROUTINE, SLUG, Document, Field
from .load import SourceFile, load_sources
from .model import Settings
from .validate import validate_site

DRILL_BODY = """\
## How to do it

Say how to do the movement, step by step, in plain words.

## Why it helps

Say what it prepares for the run, staying with what the guide's source article says.
"""


# Standing tall, then a knee lifted: a figure that passes the check, to redraw as the drill moves.
STARTER_FIGURE = """
  view: side
  still: 2
  poses:
    - {upper_arm: 5, forearm: 30}
    - {thigh: [60, 0], shin: [10, 0], upper_arm: 5, forearm: 30}"""


def starter_text(document: Document, settings: Settings, chosen: Mapping[str, str]) -> str:
    """Every declared field, its help line above it as a comment, with `chosen` values or an example."""
    lines = []
    for field in document.fields:
        words = [term.slug for term in getattr(settings, field.vocabulary)] if field.vocabulary else []
        lines.append(f"# {field.help}" + (f" From site.yaml: {', '.join(words)}." if words else ""))
        value = chosen.get(field.name) or _example(field, words)
        separator = "" if value.startswith("\n") else " "  # a block value starts on the next line
        lines.append(f"{field.name}:{separator}{value}")
    return "\n".join(lines) + "\n"


def _example(field: Field, words: list[str]) -> str:
    # The declared examples name words of the shipped site.yaml; another site may not have them.
    if field.kind == "word" and words:
        return words[0]
    if field.kind == "words" and words:
        return "[]" if field.empty_allowed else words[0] if field.single_allowed else f"[{words[0]}]"
    return field.example


def scaffold(content: Path, shown_as: PurePosixPath, kind: str, slug: str) -> tuple[bool, str]:
    """Write a new drill or routine file: (written, what to tell the contributor)."""
    if not SLUG.fullmatch(slug):
        return False, f"'{slug}' is not a safe slug: use lowercase letters, digits and hyphens, e.g. 'hip-circles'"
    sources, load_problems = load_sources(content, shown_as)
    site, _ = validate_site(sources)
    if site is None:
        return False, f"fix the content first (python build.py check --content {shown_as}): a new file is checked against it"
    folder = {"drill": "drills", "routine": "routines"}[kind]
    taken = [s.path for s in sources if s.kind == kind and s.slug.lower() == slug]
    if taken:
        return False, _taken(taken[0])
    settings, title = site.settings, slug.replace("-", " ").capitalize()
    if kind == "drill":
        text = ("---\n# A drill: copy what fits from another drill, and run `python build.py check` after each edit.\n"
                + starter_text(DRILL, settings, {"title": title, "figure": STARTER_FIGURE}) + "---\n" + DRILL_BODY)
        suffix = ".md"
    else:
        if not site.drills:
            return False, "there is no drill yet for a routine to name: run `python build.py new drill SLUG` first"
        first = min(site.drills, key=lambda d: ([t.slug for t in settings.phases].index(d.phase), d.slug))
        dose = "1 min" if first.dose.seconds else f"{first.dose}\n    time: 60 s"
        # One step of one minute, so that 'minutes: 1' agrees with it.
        text = ("# A routine variant: run `python build.py check` after each edit.\n"
                + starter_text(ROUTINE, settings, {"title": title, "minutes": "1",
                                                   "steps": f"\n  - drill: {first.slug}\n    dose: {dose}"}))
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
    written = f"wrote {path}: edit it, then run `python build.py check`"
    if load_problems:  # the files concerned were not read, so the new file was not checked against them
        return True, (f"{written}\nnote: the content has {len(load_problems)} problem(s) reading its files, "
                      "and the new file was checked without those files; `python build.py check` lists them")
    return True, written


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
