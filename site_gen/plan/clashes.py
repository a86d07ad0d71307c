"""Two pages planned at one URL."""

from __future__ import annotations

from itertools import pairwise
from pathlib import PurePosixPath

from ..errors import Location, Problem
from .pages import PlannedPage


def clashes(pages: tuple[PlannedPage, ...]) -> tuple[Problem, ...]:
    """A problem for each prose page named like a section, and for any other two pages at one URL (in URL order)."""
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
