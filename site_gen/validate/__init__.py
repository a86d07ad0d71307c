"""Raw documents -> the Site model, and every problem found on the way."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import urls
from ..errors import Location, Problem
from ..load import SourceFile
from ..model import Drill, Page, Routine, Site, Vocab
from ..parse import RawDocument, parse_document
from .drills import validate_drill
from .pages import validate_page
from .routines import validate_routine
from .site import SLUG, validate_vocab

URL_OF = {"drill": urls.drill, "routine": urls.routine, "page": urls.page}


def validate_site(sources: Iterable[SourceFile]) -> tuple[Site | None, tuple[Problem, ...]]:
    """The whole site, or None with every problem of every file."""
    problems: list[Problem] = []
    documents: list[RawDocument] = []
    sources = tuple(sources)
    # Slugs come from file names, so a file with a syntax error still counts as existing:
    # one mistake must not cascade into "unknown drill" everywhere it is used.
    slugs = _slug_problems(sources, problems)
    for source in sources:
        document, found = parse_document(source)
        problems.extend(found)
        if document:
            documents.append(document)

    vocab: Vocab | None = None
    for document in (d for d in documents if d.source.kind == "site"):
        vocab, found = validate_vocab(document.meta)
        problems.extend(found)
    # Links may point at any file of the right kind, even one that has problems of its own.
    targets = {kind: {slug: URL_OF[kind](slug) for slug in slugs[kind]} for kind in URL_OF}

    drills: dict[str, Drill | None] = {slug: None for slug in slugs["drill"]}
    pages: list[Page] = []
    routine_documents = []
    for document in documents:
        kind, slug = document.source.kind, document.source.slug
        if kind == "drill":
            drills[slug], found = validate_drill(document, vocab, targets)
            problems.extend(found)
        elif kind == "page":
            page, found = validate_page(document, targets)
            problems.extend(found)
            if page:
                pages.append(page)
        elif kind == "routine":
            routine_documents.append(document)
    routines: list[Routine] = []
    for document in routine_documents:  # after the drills: a routine's minutes come from its drills
        routine, found = validate_routine(document, vocab, drills, targets)
        problems.extend(found)
        if routine:
            routines.append(routine)

    if problems or vocab is None:
        return None, tuple(sorted(set(problems)))
    return Site(
        vocab=vocab,
        drills=tuple(sorted((d for d in drills.values() if d), key=lambda d: d.slug)),
        routines=tuple(sorted(routines, key=lambda r: r.slug)),
        pages=tuple(sorted(pages, key=lambda p: (p.order, p.slug))),
    ), ()


def _slug_problems(sources: tuple[SourceFile, ...], problems: list[Problem]) -> dict[str, list[str]]:
    """The slugs of each kind; unsafe and duplicate ones become problems."""
    seen: dict[tuple[str, str], SourceFile] = {}
    slugs: dict[str, list[str]] = {"drill": [], "routine": [], "page": []}
    for source in sources:
        if source.kind == "site":
            continue
        at = Location(source.path, 1)
        if not SLUG.fullmatch(source.slug):
            suggestion = "-".join(re.findall(r"[a-z0-9]+", source.slug.lower())) or "my-drill"
            problems.append(Problem(at, f"file name '{source.slug}' is not a safe slug (it becomes a URL)",
                                    f"rename the file to '{suggestion}{source.path.suffix}': lowercase letters, "
                                    "digits and hyphens"))
        key = (source.kind, source.slug.lower())
        if key in seen:
            problems.append(Problem(at, f"duplicate {source.kind} slug '{source.slug}': {seen[key].path} has it too",
                                    "rename one of the two files; slugs must differ in more than letter case"))
        seen.setdefault(key, source)
        slugs[source.kind].append(source.slug)
    return slugs
