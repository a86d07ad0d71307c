"""The whole build, stage after stage: read and plan everything, render what changed, check, then write.

A full build is an incremental build from nothing: the same code path serves `build`,
`check` and the dev server, so a rebuild can only differ from a clean build if a page's
fingerprint misses one of its inputs (deps.py), and the tests compare the two.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from jinja2 import Environment

from . import collector
from .assets import fingerprint_assets, load_assets
from .cache import (
    cache_files,
    generator_version,
    inputs_digest,
    output_manifest,
    read_stamp,
    read_state,
    unchanged_outputs,
    write_cache,
)
from .check import check_links, element_ids
from .deps import page_fingerprints, shared_digest, template_digests
from .digest import digest
from .errors import Problem
from .images import prepare_images
from .load import SourceFile, load_sources
from .model import Site
from .output_folder import build_mark
from .parallel import default_workers, stream_chunks
from .plan import PlannedPage, plan_pages_memo, service_worker_page, sitemap_page
from .render import RenderedFile, make_environment, render_page
from .state import BuildState
from .urls import output_path
from .validate import validate_site_memo
from .write import Stage

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
ASSETS = PROJECT / "assets"
RENDER_CHUNK = 250  # pages per chunk of rendering: the most results on their way to the disk at once


@dataclass(frozen=True, slots=True)
class Changes:
    urls: tuple[str, ...]  # of the files handed to the sink, in order
    fresh: frozenset[str]  # output paths handed to the sink: new or re-rendered files
    removed: tuple[str, ...]  # output paths the last build had and this one has not
    paths: frozenset[str]  # every output path of this build


@dataclass(frozen=True, slots=True)
class BuildResult:
    problems: tuple[Problem, ...]
    rendered: int  # files the site has; 0 when there were problems
    written: int  # files written to the output; 0 when there were problems or no output
    seconds: float
    warning: str = ""  # e.g. a build cache that could not be used


def read_site(content: Path, shown_as: PurePosixPath) -> tuple[Site | None, tuple[Problem, ...]]:
    """Load and validate all content: the Site, or every problem."""
    sources, load_problems = load_sources(content, shown_as)
    images, _, _ = prepare_images(sources, None)  # [images]
    site, problems, _ = validate_site_memo(sources, {}, images=images)
    if load_problems:
        return None, tuple(sorted({*load_problems, *problems}))
    return site, problems


def build_changes(sources: Iterable[SourceFile], previous: BuildState, environment: Environment,
                  assets: Mapping[str, bytes], sink: Callable[[RenderedFile], None],
                  ids_of: Callable[[str], set[str]],
                  workers: int = 1, image_cache: Path | None = None) -> tuple[BuildState, Changes, tuple[Problem, ...]]:
    """Validate all content, plan every page and render those whose inputs changed since `previous`.

    Each new or re-rendered file goes to `sink` as soon as it is made, so a big site is
    never held in memory; `ids_of(path)` gives the element ids of a page as this build
    leaves it (what the sink was given, or else the previous output), for the anchors links
    point at.
    On problems the previous state comes back, with the new memo: what the sink was given
    must then be thrown away. `image_cache` keeps encoded images between builds.
    """
    sources = tuple(sources)
    # [images] Encoded (or read from the cache) before validation: the Markdown image rule writes their names.
    images, image_files, _ = prepare_images(sources, image_cache)
    site, problems, memo = validate_site_memo(sources, previous.memo, workers, images=images)
    failed = (BuildState(memo, previous.plan, previous.fingerprints, previous.assets, previous.templates,
                          previous.outputs), Changes((), frozenset(), (), frozenset()))
    if site is None:
        return *failed, problems
    pages, problems, plan = plan_pages_memo(site, previous.plan)
    if problems:
        return *failed, problems
    pages = (*pages, sitemap_page(pages, site.settings.base_url))
    asset_paths, asset_files = fingerprint_assets(assets)
    environment.globals["asset"] = asset_paths.__getitem__
    source_digests = {str(path): entry.digest for path, entry in memo.items()}
    templates = template_digests(environment, previous.templates)
    fingerprints = page_fingerprints(pages, source_digests, templates, shared_digest(sources, asset_paths),
                                     previous.fingerprints)
    # A page is rendered again when its fingerprint changed, or when the digest of its bytes
    # (which names the service worker's cache) is not known from the last build.
    stale = [page for page in pages
             if previous.fingerprints.get(page.url, (None, "", ""))[2] != fingerprints[page.url][2]
             or output_path(page.url) not in previous.outputs]
    new_assets = {file.path: digest(file.content) for file in asset_files}
    worker_urls = tuple(asset_paths[name] for name in sorted(asset_paths))
    worker_path = output_path(service_worker_page("", worker_urls).url)  # where it sits: not its version
    built = {*(output_path(page.url) for page in pages), worker_path, *new_assets,
             *(file.path for file in image_files)}  # [images]
    # The mark that proves to the next build that this output is a build's: a file of the site like any other.
    mark = build_mark(built)
    fingerprints[mark.url] = (None, "", digest(mark.content))
    paths = frozenset({*built, mark.path})
    outputs = {path: previous.outputs[path] for path in paths if path in previous.outputs and path not in new_assets}

    handed: list[tuple[str, str]] = []  # (URL, path) of each file given to the sink

    def hand_on(file: RenderedFile) -> RenderedFile:
        sink(file)
        handed.append((file.url, file.path))
        if file.path not in new_assets:
            outputs[file.path] = digest(file.content)
        return file

    if (previous.fingerprints.get(mark.url, (None, "", ""))[2] != fingerprints[mark.url][2]
            or mark.path not in previous.outputs):
        hand_on(mark)

    def worker_last() -> Iterator[RenderedFile]:
        # The service worker's cache is named after the bytes of every other file of the site, so
        # its version is a function of the content alone, not of which pages a build happened to
        # render or what an earlier (perhaps killed) build left: it is made once all others are.
        others = sorted((path, value) for path, value in {**outputs, **new_assets}.items()
                        if path not in (worker_path, mark.path))
        version = digest(*(f"{path} {value}" for path, value in others))[:12]
        worker = service_worker_page(version, worker_urls)
        fingerprints[worker.url] = (worker, templates[worker.template], digest(version, templates[worker.template]))
        if (previous.fingerprints.get(worker.url, (None, "", ""))[2] != fingerprints[worker.url][2]
                or worker_path not in previous.outputs):
            yield hand_on(render_page(environment, worker, site.settings.base_url))

    for file in asset_files:
        if previous.assets.get(file.path) != new_assets[file.path]:
            hand_on(file)
    for file in image_files:  # [images] named after their bytes: a path the last build wrote is unchanged
        if file.path not in previous.outputs:
            hand_on(file)
    # Lazily: each page goes to the sink and through the link check as it comes, then is dropped.
    rendered = chain(map(hand_on, stream_chunks(_render_chunk, (environment, stale, site.settings.base_url), len(stale),
                                                workers, largest=RENDER_CHUNK)), worker_last())
    problems = check_links(rendered, paths, ids_of, {page.url: page.template for page in pages},
                           urlsplit(site.settings.base_url).path)
    if problems:
        return *failed, problems
    previous_paths = {output_path(url) for url in previous.fingerprints} | set(previous.assets)
    removed = tuple(sorted(previous_paths - paths))
    changes = Changes(tuple(url for url, _ in handed), frozenset(path for _, path in handed), removed, paths)
    return BuildState(memo, plan, fingerprints, new_assets, previous.templates, outputs), changes, ()


def _render_chunk(inputs: tuple[Environment, list[PlannedPage], str], start: int, stop: int) -> list[RenderedFile]:
    environment, pages, base_url = inputs
    return [render_page(environment, page, base_url) for page in pages[start:stop]]


def _render_from_nothing(sources: Iterable[SourceFile], sink: Callable[[RenderedFile], None],
                         ids_of: Callable[[str], set[str]], workers: int) -> tuple[Changes, tuple[Problem, ...]]:
    """Every page of the site to `sink`, with the shipped templates and assets and no previous build."""
    _, changes, problems = build_changes(sources, BuildState(), make_environment(TEMPLATES, {}), load_assets(ASSETS),
                                         sink, ids_of, workers)
    return changes, problems


def render_all(content: Path, shown_as: PurePosixPath,
               workers: int = 1) -> tuple[tuple[RenderedFile, ...], tuple[Problem, ...]]:
    """Every file of the site, rendered from nothing and held in memory, or every problem."""
    sources, load_problems = load_sources(content, shown_as)
    files: dict[str, RenderedFile] = {}
    _, problems = _render_from_nothing(sources, lambda file: files.__setitem__(file.path, file),
                                       lambda path: element_ids(files[path].content), workers)
    if load_problems or problems:
        return (), tuple(sorted({*load_problems, *problems}))
    return tuple(files.values()), ()


def build(content: Path, shown_as: PurePosixPath, out: Path | None, cache_dir: Path | None = None,
          workers: int = 0) -> BuildResult:
    """Read, render and check the whole site; swap it in as `out` only when there is no problem at all.

    With a `cache_dir`, an unchanged site writes nothing and an edit renders only what it touched;
    the output is byte-identical either way.
    """
    with collector.paused():
        return _build(content, shown_as, out, cache_dir, workers)


def _build(content: Path, shown_as: PurePosixPath, out: Path | None, cache_dir: Path | None,
           workers: int) -> BuildResult:
    started = time.perf_counter()
    workers = workers or default_workers()
    sources, load_problems = load_sources(content, shown_as)
    if out is None:  # check: render every page, keep of each only what the link check needs
        ids: dict[str, set[str]] = {}

        def keep_ids(file: RenderedFile) -> None:
            if file.path.endswith(".html"):
                ids[file.path] = element_ids(file.content)

        changes, problems = _render_from_nothing(sources, keep_ids, ids.__getitem__, workers)
        problems = tuple(sorted({*load_problems, *problems}))
        return BuildResult(problems, 0 if problems else len(changes.paths), 0, time.perf_counter() - started)

    warning, state, kept_as_was = "", BuildState(), {}
    if cache_dir is not None:
        version = generator_version()
        stamp_path, state_path = cache_files(cache_dir, content, out)
        inputs = inputs_digest(version, sources, (TEMPLATES, ASSETS))
        stamp, warning = read_stamp(stamp_path, version)
        manifest = stamp.manifest if stamp else {}
        kept = unchanged_outputs(out, manifest)
        if stamp and stamp.inputs == inputs and not load_problems and kept == set(manifest):
            return BuildResult((), len(manifest), 0, time.perf_counter() - started)
        kept_as_was = {path: manifest[path] for path in kept}
        if stamp:
            cached, warning = read_state(state_path, version)
            state = cached or BuildState()
        # A page whose file was changed or removed by hand is rendered again.
        state = replace(state, fingerprints={url: value for url, value in state.fingerprints.items()
                                             if output_path(url) in kept},
                        assets={path: value for path, value in state.assets.items() if path in kept},
                        outputs={path: value for path, value in state.outputs.items() if path in kept})
    with Stage(out) as stage:
        new_state, changes, problems = build_changes(sources, state, make_environment(TEMPLATES, {}),
                                                     load_assets(ASSETS), stage.write,
                                                     lambda path: element_ids(stage.read(path)), workers,
                                                     cache_dir / "images" if cache_dir else None)  # [images]
        if load_problems or problems:
            return BuildResult(tuple(sorted({*load_problems, *problems})), 0, 0, time.perf_counter() - started,
                               warning)
        written = 0
        if changes.fresh or changes.removed or not out.is_dir():
            written = stage.commit(keep=changes.paths - changes.fresh)
    if cache_dir is not None:
        unchanged = {path: entry for path, entry in kept_as_was.items() if path not in changes.fresh}
        # One warning a build: a cache that could not be read is most likely one that cannot be saved either.
        unsaved = write_cache(stamp_path, state_path, version, inputs, output_manifest(out, changes.paths, unchanged),
                              new_state)
        warning = warning or unsaved
    return BuildResult((), len(changes.paths), written, time.perf_counter() - started, warning)
