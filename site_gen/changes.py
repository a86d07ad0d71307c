"""What one build changes: validate, plan, fingerprint, render the pages whose inputs changed, check links.

The stages between loading and writing, for every command alike: a full build is a build
from an empty state, so a rebuild can only differ from a clean build if a page's
fingerprint misses one of its inputs (deps.py), and the tests compare the two. Each new
file goes to the output as soon as it is made and through the link check as it comes, so
a big site is never held in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any, Protocol
from urllib.parse import urlsplit

from jinja2 import Environment

from .assets import fingerprint_assets
from .check import LinkScan, PageLinks, check_links
from .deps import page_fingerprints, shared_digest, template_digests
from .digest import digest
from .errors import Problem
from .icons import draw_icons, icon_urls
from .images import ShownImage
from .load import SourceFile
from .output_folder import MARK, build_mark
from .palette import STYLESHEET, Palette, read_palette
from .parallel import stream_chunks
from .plan import PlannedPage, cards_on, manifest_page, plan_pages_memo, service_worker_page, sitemap_page
from .qr import draw_all
from .render import RenderedFile, TemplateFault, render_page
from .state import BuildState, Fingerprint
from .urls import output_path
from .validate import validate_site_memo

WORKER_URL = service_worker_page("", ()).url  # where it sits: not its version
RENDER_CHUNK = 250  # pages per chunk of rendering: the most results on their way to the disk at once
UNKNOWN: Fingerprint = (None, "", "")  # a page the last build did not make
# The content's images: what the Markdown image rule writes for each, and the files to publish.
Images = tuple[Mapping[str, ShownImage], tuple[RenderedFile, ...]]
NO_IMAGES: Images = ({}, ())


class Output(Protocol):
    """Where a build's files go as they are made: a stage beside the site, or memory.

    A file is `put` in the process that made it (a forked render worker, or the build's
    own), and what that returns is given to `placed` in the build's process: so the page's
    bytes need not travel back to it.
    """

    def prepare(self, paths: Iterable[str]) -> None:
        """Before workers are forked: be ready for files at these paths."""

    def put(self, file: RenderedFile) -> Any:
        """Take one new or re-rendered file; what the build's process must know of it."""

    def placed(self, receipt: Any) -> None:
        """In the build's process: what `put` returned."""

    def ids(self, path: str) -> set[str]:
        """The element ids of a page as this build leaves it: what it was given, or else the last build's."""


@dataclass(frozen=True, slots=True)
class Made:
    """One file made and put in the output where it was rendered: all that the build's process keeps of it."""

    url: str
    path: str
    digest: str  # of its bytes
    links: PageLinks
    receipt: Any  # what the output's `put` returned


@dataclass(frozen=True, slots=True)
class Changes:
    urls: tuple[str, ...]  # of the files handed to the output, in order
    fresh: frozenset[str]  # output paths handed to the output: new or re-rendered files
    removed: tuple[str, ...]  # output paths the last build had and this one has not
    paths: frozenset[str]  # every output path of this build


NO_CHANGES = Changes((), frozenset(), (), frozenset())


def build_changes(sources: Iterable[SourceFile], previous: BuildState, environment: Environment,
                  assets: Mapping[str, bytes], output: Output, workers: int = 1,
                  images: Images = NO_IMAGES) -> tuple[BuildState, Changes, tuple[Problem, ...]]:
    """Validate all content, plan every page and hand `output` those whose inputs changed since `previous`.

    On problems the previous state comes back, with the new memo: what the output was
    given must then be thrown away.
    """
    sources = tuple(sources)
    shown_images, image_files = images
    site, problems, memo = validate_site_memo(sources, previous.memo, workers, images=shown_images)
    failed = replace(previous, memo=memo)
    if site is None:
        return failed, NO_CHANGES, problems
    pages, problems, plan = plan_pages_memo(site, previous.plan)
    if problems:
        return failed, NO_CHANGES, problems
    base_url = site.settings.base_url
    published = publish_assets(assets, environment)
    palette, asset_paths, asset_files, icon_paths = (published.palette, published.urls, published.files,
                                                     published.icons)
    pages = (*pages, sitemap_page(pages, base_url), manifest_page(site.settings, asset_paths, palette))
    templates = template_digests(environment, previous.template_references)
    fingerprints = page_fingerprints(pages, {str(path): entry.digest for path, entry in memo.items()}, templates,
                                     shared_digest(sources, asset_paths), previous.fingerprints)
    icon_files, icon_digests = _icons(previous, icon_paths, palette)
    handing = _Handing(output, previous, fingerprints,
                       {**{file.path: digest(file.content) for file in asset_files}, **icon_digests},
                       tuple(asset_paths.values()), pages, image_files, urlsplit(base_url).path)
    for file in asset_files:
        if previous.assets.get(file.path) != handing.new_assets[file.path]:
            handing.hand_on(file)
    for file in icon_files:
        handing.hand_on(file)
    for file in image_files:  # named after their bytes: a path the last build wrote is unchanged
        if file.path not in previous.outputs:
            handing.hand_on(file)
    # A page is rendered again when its fingerprint changed, or when the digest of its bytes
    # (which names the service worker's cache) is not known from the last build.
    stale = [page for page in pages if handing.is_stale(page.url)]
    draw_all((card.address for page in stale for card in cards_on(page)), workers)
    output.prepare(output_path(page.url) for page in stale)
    # Lazily: each page is written and its links read where it is rendered, and what the link
    # check needs of it comes here as it is made.
    made = chain(map(handing.take, stream_chunks(_render_chunk, (environment, stale, base_url, handing), len(stale),
                                                 workers, largest=RENDER_CHUNK)),
                 handing.worker_last(environment, templates, base_url))
    try:
        problems = check_links(made, output.ids, {page.url: page.template for page in pages},
                               lambda: template_sources(environment))
    except TemplateFault as fault:  # a broken template: its file and line, like any other problem
        return failed, NO_CHANGES, (fault.problem,)
    if problems:
        return failed, NO_CHANGES, problems
    return (BuildState(memo, plan, fingerprints, handing.new_assets, previous.template_references, handing.outputs,
                       previous.plain),
            handing.changes(), ())


@dataclass(frozen=True, slots=True)
class PublishedAssets:
    """The site's assets as a build publishes them."""

    palette: Palette  # the stylesheet's colours, which the icons are drawn in
    urls: dict[str, str]  # each asset's and icon's site path by name, in name order: what templates ask for
    files: tuple[RenderedFile, ...]  # the asset files, under the names that carry their digest
    icons: dict[str, str]  # each icon's site path by name


def publish_assets(assets: Mapping[str, bytes], environment: Environment) -> PublishedAssets:
    """The assets' names and files, the icons' names beside them, and `environment` told those names."""
    # The icons are drawn in the stylesheet's colours, and published as assets beside it.
    palette = read_palette(assets[STYLESHEET].decode("utf-8"))
    paths, files = fingerprint_assets(assets)
    icons = icon_urls(palette)
    urls = dict(sorted({**paths, **icons}.items()))
    environment.globals["asset"] = urls.__getitem__
    return PublishedAssets(palette, urls, files, icons)


class _Handing:
    """The files of one build on their way to the output, and the digests of what it leaves there."""

    def __init__(self, output: Output, previous: BuildState, fingerprints: dict[str, Fingerprint],
                 new_assets: dict[str, str], worker_urls: tuple[str, ...], pages: tuple[PlannedPage, ...],
                 images: tuple[RenderedFile, ...], base_path: str) -> None:
        self.output, self.previous, self.fingerprints = output, previous, fingerprints
        self.new_assets, self.worker_urls = new_assets, worker_urls
        self.worker_path = output_path(WORKER_URL)
        built = {*(output_path(page.url) for page in pages), self.worker_path, *new_assets,
                 *(image.path for image in images)}
        # The mark that proves to the next build that this output is a build's: a file of the site like any other.
        self.mark = build_mark(built)
        fingerprints[self.mark.url] = (None, "", digest(self.mark.content))
        self.paths = frozenset({*built, self.mark.path})
        self.scan = LinkScan(self.paths, base_path)
        self.outputs = {path: previous.outputs[path] for path in self.paths
                        if path in previous.outputs and path not in new_assets}
        self.handed: list[tuple[str, str]] = []  # (URL, path) of each file given to the output
        if self.is_stale(self.mark.url):
            self.hand_on(self.mark)

    def is_stale(self, url: str) -> bool:
        return (self.previous.fingerprints.get(url, UNKNOWN)[2] != self.fingerprints[url][2]
                or output_path(url) not in self.previous.outputs)

    def make(self, file: RenderedFile) -> Made:
        """Put a file in the output and read its links, in whichever process made it."""
        return Made(file.url, file.path, digest(file.content), self.scan.scan(file), self.output.put(file))

    def take(self, made: Made) -> PageLinks:
        """In the build's process: record a file made, here or in a worker; its links, for the link check."""
        self.output.placed(made.receipt)
        self.handed.append((made.url, made.path))
        if made.path not in self.new_assets:
            self.outputs[made.path] = made.digest
        return made.links

    def hand_on(self, file: RenderedFile) -> PageLinks:
        return self.take(self.make(file))

    def worker_last(self, environment: Environment, templates: Mapping[str, str],
                    base_url: str) -> Iterator[PageLinks]:
        worker, self.fingerprints[WORKER_URL] = service_worker({**self.outputs, **self.new_assets},
                                                               self.worker_urls, templates)
        if self.is_stale(worker.url):
            yield self.hand_on(render_page(environment, worker, base_url))

    def changes(self) -> Changes:
        previous_paths = {output_path(url) for url in self.previous.fingerprints} | set(self.previous.assets)
        return Changes(tuple(url for url, _ in self.handed), frozenset(path for _, path in self.handed),
                       tuple(sorted(previous_paths - self.paths)), self.paths)


def service_worker(files: Mapping[str, str], worker_urls: tuple[str, ...],
                   templates: Mapping[str, str]) -> tuple[PlannedPage, Fingerprint]:
    """sw.js for a site whose files have these digests (output path -> digest of its bytes), and its fingerprint.

    Its cache is named after the bytes of every other file of the site, so its version is a
    function of the content alone, not of which pages a build happened to render or what an
    earlier (perhaps killed) build left: it is made once all others are.
    """
    others = sorted((path, value) for path, value in files.items() if path not in (output_path(WORKER_URL), MARK))
    version = digest(*(f"{path} {value}" for path, value in others))[:12]
    worker = service_worker_page(version, worker_urls)
    used = templates[worker.template]
    return worker, (worker, used, digest(version, used))


def _icons(previous: BuildState, icon_paths: Mapping[str, str],
           palette: Palette) -> tuple[tuple[RenderedFile, ...], dict[str, str]]:
    """The icon files to write and the digest of each one's bytes by path.

    An icon's path names what it is drawn from (icons.icon_urls): when the last build wrote
    these very paths, their bytes are the same, so a rebuild draws nothing and keeps its digests.
    """
    paths = [url.lstrip("/") for url in icon_paths.values()]
    if all(path in previous.assets for path in paths):
        return (), {path: previous.assets[path] for path in paths}
    files = tuple(RenderedFile(icon_paths[name], icon_paths[name].lstrip("/"), content)
                  for name, content in draw_icons(palette).items())
    return files, {file.path: digest(file.content) for file in files}


def _render_chunk(inputs: tuple[Environment, list[PlannedPage], str, _Handing], start: int,
                  stop: int) -> list[Made]:
    environment, pages, base_url, handing = inputs
    return [handing.make(render_page(environment, page, base_url)) for page in pages[start:stop]]


def template_sources(environment: Environment) -> dict[str, str]:
    """Every template's source by name: where the link check finds the line that wrote a link."""
    loader = environment.loader
    assert loader is not None
    return {name: loader.get_source(environment, name)[0] for name in loader.list_templates()}
