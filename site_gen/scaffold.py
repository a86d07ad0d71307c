"""`build.py new drill|routine|page SLUG`: a commented file whose only problems are its starter texts.  [I/O]

Every other check passes, so `check` lists exactly what is left to write, line by line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import replace
from pathlib import Path, PurePosixPath

from .content_format import DRILL, LAST, PAGE, ROUTINE, SLUG, Document, Field
from .load import SourceFile, load_sources
from .model import Settings, Site
from .validate import validate_site
from .validate.starters import PREFIX, filled_in

FOLDERS = {"drill": "drills", "routine": "routines", "page": "pages"}


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
        # An optional text with no placeholder would pass check as written (strides' parts on any drill):
        # it is offered commented out, for the contributor who needs it.
        optional_text = not field.required and not field.starter and field.kind in ("text", "texts")
        offered = "# " if optional_text and field.name not in chosen else ""
        lines.append(f"{offered}{field.name}:{separator}{value}")
    return "\n".join(lines) + "\n"


def _example(field: Field, words: list[str]) -> str:
    if field.starter:  # a placeholder check refuses, where the example may be a real value
        return f"[{field.starter}]" if field.kind == "texts" else field.starter
    # The declared examples name words of the shipped site.yaml; another site may not have them.
    if field.kind == "word" and words:
        return words[0]
    if field.kind == "words" and words:
        return "[]" if field.empty_allowed else words[0] if field.single_allowed else f"[{words[0]}]"
    return field.example


def scaffold(content: Path, shown_as: PurePosixPath, kind: str, slug: str) -> tuple[bool, str]:
    """Write a new drill, routine or page file: (written, what to tell the contributor)."""
    if not SLUG.fullmatch(slug):
        return False, f"'{slug}' is not a safe slug: use lowercase letters, digits and hyphens, e.g. 'hip-circles'"
    sources, load_problems = load_sources(content, shown_as)
    # Checked as if each starter text were written: the checklist of one `new` must not refuse the next.
    sources = tuple(replace(source, text=filled_in(source.text)) for source in sources)
    site, _ = validate_site(sources)
    if site is None:
        return False, f"fix the content first (python build.py check --content {shown_as}): a new file is checked against it"
    folder = FOLDERS[kind]
    taken = [s.path for s in sources if s.kind == kind and s.slug.lower() == slug]
    if taken:
        return False, _taken(taken[0])
    text, suffix = _starter_file(kind, site, slug.replace("-", " ").capitalize())
    if not text:
        return False, "there is no drill yet for a routine to name: run `python build.py new drill SLUG` first"
    path = shown_as / folder / f"{slug}{suffix}"
    candidate = SourceFile(path, kind, slug, text)  # type: ignore[arg-type]
    _, problems = validate_site((*sources, candidate))
    own = [p for p in problems if p.at.path == path]
    starters = [p for p in own if p.message.startswith(PREFIX)]
    if len(starters) < len(own):  # a bug in the scaffold, not the contributor's fault: say so rather than write it
        raise AssertionError("the scaffold fails the check:\n" + "\n".join(str(p) for p in own if p not in starters))
    refused = _create(content, folder, f"{slug}{suffix}", text.encode("utf-8"))
    if refused == "exists":
        return False, _taken(path)
    if refused:
        return False, f"{shown_as / folder} is {refused}: a new file is only written into a folder of the content itself"
    written = (f"wrote {path}: replace its {len(starters)} starter texts; "
               "`python build.py check` lists those still there, at their lines")
    if load_problems:  # the files concerned were not read, so the new file was not checked against them
        return True, (f"{written}\nnote: the content has {len(load_problems)} problem(s) reading its files, "
                      "and the new file was checked without those files; `python build.py check` lists them")
    return True, written


def _starter_file(kind: str, site: Site, title: str) -> tuple[str, str]:
    """The starter file's text and suffix; no text for a routine when there is no drill to name."""
    settings = site.settings
    if kind == "drill":
        return ("---\n# A drill: copy what fits from another drill, and run `python build.py check` after each edit.\n"
                + starter_text(DRILL, settings, {"title": title, "figure": STARTER_FIGURE}) + "---\n"
                + DRILL.starter_body, ".md")
    if kind == "page":
        # After the pages that have a place in lists, before those that do not.
        order = max((page.order for page in site.pages if page.order < LAST), default=0) + 1
        return ("---\n# A prose page: run `python build.py check` after each edit.\n"
                + starter_text(PAGE, settings, {"title": title, "order": str(order)}) + "---\n"
                + PAGE.starter_body, ".md")
    if not site.drills:
        return "", ".yaml"
    first = min(site.drills, key=lambda d: ([t.slug for t in settings.phases].index(d.phase), d.slug))
    dose = "1 min" if first.dose.seconds else f"{first.dose}\n    time: 60 s"
    # One step of one minute, so that 'minutes: 1' agrees with it.
    return ("# A routine variant: run `python build.py check` after each edit.\n"
            + starter_text(ROUTINE, settings, {"title": title, "minutes": "1",
                                               "steps": f"\n  - drill: {first.slug}\n    dose: {dose}"}), ".yaml")


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
