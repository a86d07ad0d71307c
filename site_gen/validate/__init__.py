"""Raw documents -> the Site model, and every problem found on the way.

Validation is memoised per file: a file whose text, vocabulary and references are as they
were reuses its last result, so a rebuild after one edit validates one file, not the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from .. import urls
from ..digest import digest
from ..errors import Location, Problem
from ..images import ShownImage
from ..load import SourceFile
from ..markdown import IMAGES, NotedTargets
from ..model import Drill, Page, Routine, Settings, Site
from ..parallel import map_chunks
from ..parse import RawDocument, parse_document
from .drills import validate_drill
from .pages import validate_page
from .routines import validate_routine
from .site import SLUG, validate_settings

URL_OF = {"drill": urls.drill, "routine": urls.routine, "page": urls.page}
ABSENT = object()  # a referenced drill with no file at all, unlike None: a drill with problems


@dataclass(frozen=True, slots=True)
class Checked:
    """One file's validation and everything it depended on besides its own text."""

    text: str
    # Of the text, and of each image the file shows (see _file_digest): what page fingerprints use.
    digest: str
    settings: Settings | None  # compared by identity: the same site.yaml keeps the same object
    model: Any  # Drill, Page, Routine, Settings or None
    problems: tuple[Problem, ...]
    links: tuple[tuple[str, str, bool], ...]  # (scheme, slug, existed)
    drills: tuple[tuple[str, object], ...]  # a routine's steps: (slug, the Drill it was checked with)


Memo = Mapping[PurePosixPath, Checked]


def validate_site(sources: Iterable[SourceFile],
                  images: Mapping[str, ShownImage] | None = None) -> tuple[Site | None, tuple[Problem, ...]]:
    """The whole site, or None with every problem of every file."""
    site, problems, _ = validate_site_memo(sources, {}, images=images)
    return site, problems


def validate_site_memo(sources: Iterable[SourceFile], memo: Memo, workers: int = 1,
                       images: Mapping[str, ShownImage] | None = None
                       ) -> tuple[Site | None, tuple[Problem, ...], dict[PurePosixPath, Checked]]:
    """Like validate_site, reusing `memo` where nothing a file depends on changed; also the new memo.

    Drills and pages the memo cannot vouch for are checked on up to `workers` processes.
    `images` are what content/images/ holds, by content path (site_gen.images.prepare_images).
    """
    problems: list[Problem] = []
    sources = tuple(sources)
    # Slugs come from file names, so a file with a syntax error still counts as existing:
    # one mistake must not cascade into "unknown drill" everywhere it is used.
    slugs = _slug_problems(sources, problems)
    targets = content_targets(slugs, images or {})
    checked: dict[PurePosixPath, Checked] = {}

    settings: Settings | None = None
    for source in (s for s in sources if s.kind == "site"):
        entry = memo.get(source.path)
        if entry is None or (entry.text != source.text if entry.text else entry.digest != digest(source.text)):
            document, found = parse_document(source)
            model, more = validate_settings(document.meta) if document else (None, ())
            entry = Checked(source.text, digest(source.text), None, model, (*found, *more), (), ())
        checked[source.path] = entry
        settings = entry.model

    drills: dict[str, Drill | None] = {slug: None for slug in slugs["drill"]}
    # A drill or page depends on nothing but its text, the vocabulary and which slugs exist,
    # so all of them can be checked at once, in parallel; routines come after, in order.
    pending = [s for s in sources if s.kind in ("drill", "page")
               and (s.path not in memo or not _still_valid(memo[s.path], s, settings, targets, drills))]
    # The parent's objects: the memo compares settings by identity, and the text a worker sends back
    # is a copy of one the parent holds already.
    fresh = {source.path: replace(entry, settings=settings, text=source.text)
             for source, entry in zip(pending, map_chunks(_check_chunk, (pending, settings, targets), len(pending),
                                                          workers))}
    pages: list[Page] = []
    # Drills before routines: a routine's minutes and phase order come from its drills.
    for kind in ("drill", "page", "routine"):
        for source in (s for s in sources if s.kind == kind):
            entry = fresh.get(source.path) or memo.get(source.path)
            if entry is None or not _still_valid(entry, source, settings, targets, drills):
                entry = check_file(source, settings, targets, drills)
            checked[source.path] = entry
            if kind == "drill":
                drills[source.slug] = entry.model
            elif kind == "page" and entry.model:
                pages.append(entry.model)
    for entry in checked.values():
        problems.extend(entry.problems)
    routines = [e.model for path, e in checked.items() if isinstance(e.model, Routine)]

    if problems or settings is None:
        return None, tuple(sorted(set(problems))), checked
    return Site(
        settings=settings,
        drills=tuple(sorted((d for d in drills.values() if d), key=lambda d: d.slug)),
        routines=tuple(sorted(routines, key=lambda r: r.slug)),
        pages=tuple(sorted(pages, key=lambda p: (p.order, p.slug))),
    ), (), checked


def content_targets(slugs: Mapping[str, Iterable[str]],
                    images: Mapping[str, ShownImage]) -> dict[str, Mapping[str, Any]]:
    """Where content links may point: each kind's slugs -> their site paths, and the images by content path."""
    targets: dict[str, Mapping[str, Any]] = {kind: {slug: URL_OF[kind](slug) for slug in slugs[kind]}
                                             for kind in URL_OF}
    targets[IMAGES] = images
    return targets


def check_file(source: SourceFile, settings: Settings | None, targets: Mapping[str, Mapping[str, str]],
               drills: Mapping[str, Drill | None]) -> Checked:
    """One file checked against the vocabulary in `settings`, the slugs in `targets` and, for a routine, the
    `drills` by slug its steps name."""
    document, found = parse_document(source)
    if document is None:
        return Checked(source.text, digest(source.text), settings, None, found, (), ())
    # The Markdown rules note every content link they resolve: what this file's result depends on.
    noted = NotedTargets(targets)
    model: Drill | Page | Routine | None
    used: tuple[tuple[str, object], ...] = ()
    if source.kind == "drill":
        model, more = validate_drill(document, settings, noted)
    elif source.kind == "page":
        model, more = validate_page(document, noted)
    else:
        model, more = validate_routine(document, settings, drills, noted)
        used = tuple((slug, drills.get(slug, ABSENT)) for slug in _step_slugs(document))
    links = tuple(noted.noted)
    return Checked(source.text, _file_digest(source.text, links, targets), settings, model, (*found, *more), links, used)


def _check_chunk(inputs: tuple[list[SourceFile], Settings | None, Mapping[str, Mapping[str, str]]],
                 start: int, stop: int) -> list[Checked]:
    pending, settings, targets = inputs
    return [check_file(source, settings, targets, {}) for source in pending[start:stop]]


def _still_valid(entry: Checked, source: SourceFile, settings: Settings | None,
                 targets: Mapping[str, Mapping[str, str]], drills: Mapping[str, Drill | None]) -> bool:
    return (_unchanged(entry, source, targets) and entry.settings is settings
            and all((slug in targets[scheme]) == existed for scheme, slug, existed in entry.links)
            and all(drills.get(slug, ABSENT) is drill for slug, drill in entry.drills))


def _unchanged(entry: Checked, source: SourceFile, targets: Mapping[str, Mapping[str, Any]]) -> bool:
    """The file's text, and the images it shows, are as they were when `entry` was made."""
    if entry.text and entry.text != source.text:
        return False
    if entry.text and not any(scheme == IMAGES for scheme, _, _ in entry.links):
        return True  # the same text and no image: no need to hash it
    # A memo read back from the build cache keeps only the digest.
    return entry.digest == _file_digest(source.text, entry.links, targets)


def _file_digest(text: str, links: Iterable[tuple[str, str, bool]], targets: Mapping[str, Mapping[str, Any]]) -> str:
    """The digest of a file's text and of each image it shows: an image that changed changes its pages."""
    images = targets[IMAGES]
    shown = [images[path].digest if path in images else "" for scheme, path, _ in links if scheme == IMAGES]
    return digest(text, *shown) if shown else digest(text)


def _step_slugs(document: RawDocument) -> list[str]:
    steps = document.meta.value.get("steps") if isinstance(document.meta.value, dict) else None
    if not isinstance(steps, list):
        return []
    named = (step.get("drill") if isinstance(step, dict) else step for step in steps)
    return [slug for slug in named if isinstance(slug, str)]


def _slug_problems(sources: tuple[SourceFile, ...], problems: list[Problem]) -> dict[str, list[str]]:
    """The slugs of each kind; unsafe and duplicate ones become problems."""
    seen: dict[tuple[str, str], SourceFile] = {}
    slugs: dict[str, list[str]] = {"drill": [], "routine": [], "page": []}
    for source in sources:
        if source.kind in ("site", "image"):  # images are named by their path, checked where they are shown
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
