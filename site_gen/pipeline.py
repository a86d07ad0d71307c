"""The whole build, stage after stage: read and plan everything, render what changed, check, then write.

A full build is an incremental build from nothing: the same code path serves `build`,
`check` and the dev server, so a rebuild can only differ from a clean build if a page's
fingerprint misses one of its inputs (deps.py), and the tests compare the two.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from jinja2 import Environment

from .assets import fingerprint_assets, load_assets
from .check import check_links, element_ids
from .deps import page_fingerprints, shared_digest, template_digests
from .digest import digest
from .errors import Problem
from .load import SourceFile, load_sources
from .model import Site
from .plan import PlanMemo, PlannedPage, plan_pages_memo, sitemap_page
from .render import RenderedFile, make_environment, render_page
from .urls import output_path
from .validate import Checked, validate_site_memo
from .write import write_site

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
ASSETS = PROJECT / "assets"


@dataclass(frozen=True, slots=True)
class BuildState:
    """What the last good build made, so that the next one redoes only what changed."""

    memo: Mapping[PurePosixPath, Checked] = field(default_factory=dict)
    plan: PlanMemo = field(default_factory=dict)
    # page URL -> (the planned page, what it was rendered with, its fingerprint)
    fingerprints: Mapping[str, tuple[PlannedPage, str, str]] = field(default_factory=dict)
    assets: Mapping[str, str] = field(default_factory=dict)  # asset output path -> digest of its bytes
    templates: dict[str, list[str]] = field(default_factory=dict)  # a cache: template source -> references


@dataclass(frozen=True, slots=True)
class Changes:
    files: tuple[RenderedFile, ...]  # new or re-rendered files
    removed: tuple[str, ...]  # output paths the last build had and this one has not
    paths: frozenset[str]  # every output path of this build


@dataclass(frozen=True, slots=True)
class BuildResult:
    problems: tuple[Problem, ...]
    rendered: int  # files the site has; 0 when there were problems
    written: int  # files written to the output; 0 when there were problems or no output
    seconds: float


def read_site(content: Path, shown_as: PurePosixPath) -> tuple[Site | None, tuple[Problem, ...]]:
    """Load and validate all content: the Site, or every problem."""
    sources, load_problems = load_sources(content, shown_as)
    site, problems, _ = validate_site_memo(sources, {})
    if load_problems:
        return None, tuple(sorted({*load_problems, *problems}))
    return site, problems


def build_changes(sources: Iterable[SourceFile], previous: BuildState, environment: Environment,
                  assets: Mapping[str, bytes],
                  read_output: Callable[[str], bytes]) -> tuple[BuildState, Changes, tuple[Problem, ...]]:
    """Validate all content, plan every page and render those whose inputs changed since `previous`.

    `read_output(path)` returns a file of the previous output, for anchors into pages that
    were not rendered again. On problems the previous state comes back, with the new memo.
    """
    sources = tuple(sources)
    site, problems, memo = validate_site_memo(sources, previous.memo)
    failed = (BuildState(memo, previous.plan, previous.fingerprints, previous.assets, previous.templates),
              Changes((), (), frozenset()))
    if site is None:
        return *failed, problems
    pages, problems, plan = plan_pages_memo(site, previous.plan)
    if problems:
        return *failed, problems
    pages = (*pages, sitemap_page(pages, site.vocab.base_url))
    asset_paths, asset_files = fingerprint_assets(assets)
    environment.globals["asset"] = asset_paths.__getitem__
    source_digests = {str(path): entry.digest for path, entry in memo.items()}
    fingerprints = page_fingerprints(pages, source_digests, template_digests(environment, previous.templates),
                                     shared_digest(sources, asset_paths), previous.fingerprints)
    rendered = tuple(render_page(environment, page, site.vocab.base_url) for page in pages
                     if previous.fingerprints.get(page.url, (None, "", ""))[2] != fingerprints[page.url][2])
    new_assets = {file.path: digest(file.content) for file in asset_files}
    changed = (*rendered, *(file for file in asset_files if previous.assets.get(file.path) != new_assets[file.path]))

    paths = frozenset({*(output_path(page.url) for page in pages), *new_assets})
    fresh = {file.path: file.content for file in rendered}
    problems = check_links(rendered, paths, lambda path: element_ids(fresh.get(path) or read_output(path)),
                           {page.url: page.template for page in pages}, urlsplit(site.vocab.base_url).path)
    if problems:
        return *failed, problems
    previous_paths = {output_path(url) for url in previous.fingerprints} | set(previous.assets)
    removed = tuple(sorted(previous_paths - paths))
    return BuildState(memo, plan, fingerprints, new_assets, previous.templates), Changes(changed, removed, paths), ()


def render_all(content: Path, shown_as: PurePosixPath) -> tuple[tuple[RenderedFile, ...], tuple[Problem, ...]]:
    """Every file of the site, rendered from nothing, or every problem."""
    sources, load_problems = load_sources(content, shown_as)
    environment = make_environment(TEMPLATES, {})
    _, changes, problems = build_changes(sources, BuildState(), environment, load_assets(ASSETS), _nothing)
    if load_problems or problems:
        return (), tuple(sorted({*load_problems, *problems}))
    return changes.files, ()


def build(content: Path, shown_as: PurePosixPath, out: Path | None) -> BuildResult:
    """Read, render and check the whole site; write it to `out` only when there is no problem at all."""
    started = time.perf_counter()
    files, problems = render_all(content, shown_as)
    if problems:
        return BuildResult(problems, 0, 0, time.perf_counter() - started)
    written = write_site(out, files) if out is not None else 0
    return BuildResult((), len(files), written, time.perf_counter() - started)


def _nothing(path: str) -> bytes:
    raise KeyError(f"{path}: a clean build renders every page")  # a bug if it is ever called
