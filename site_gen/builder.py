"""The one object that builds the site: load, validate, plan, render, check links, write.  [I/O]

`build`, `check` and `serve` all use a Builder, as Zola's commands share one Site: it
loads the content, hands it with what the last build left to the stages (changes.py), and
streams every new file into the output's stage (write.py), swapped in whole only when
there is no problem at all. What the last build left lives in the Builder between the dev
server's rebuilds, and in the build cache it is handed (cache.py) between two runs of
`build`; with neither, a build starts from nothing, by the same code path.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import collector
from .errors import Problem
from .input_stats import Listing, input_stats, stats_digest
from .load import ReadCache, SourceFile, load_sources, reload_sources
from .parallel import default_workers
from .write import Known, Placed, Stage

# The stages (Jinja, Markdown, YAML, Pillow and what uses them) are imported where a build
# needs them, not here: a build with nothing to do exits before, having imported none of them.
if TYPE_CHECKING:
    from jinja2 import Environment

    from .cache import BuildCache, CachedBuild
    from .changes import Changes, Output
    from .model import Site
    from .render import RenderedFile
    from .state import BuildState

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
ASSETS = PROJECT / "assets"


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What one build did: the report of `build`, `check` and every rebuild of the preview."""

    problems: tuple[Problem, ...]
    files: int  # files the site has; 0 when there were problems
    written: int  # files written with new bytes; 0 when there were problems or no output
    seconds: float
    warning: str = ""  # e.g. a build cache that could not be used
    changed: tuple[str, ...] = ()  # URLs of the files made anew, in order: what an open tab reloads


class InFolder:
    """The output of a build into a folder: its stage, and the site as it is for pages not made again."""

    def __init__(self, stage: Stage) -> None:
        self.stage = stage

    def prepare(self, paths: Iterable[str]) -> None:
        self.stage.prepare(paths)

    def put(self, file: RenderedFile) -> Placed:
        return self.stage.put(file)

    def placed(self, receipt: Placed) -> None:
        self.stage.placed(receipt)

    def ids(self, path: str) -> set[str]:
        from .check import element_ids

        return element_ids(self.stage.read(path))


class InMemory:
    """The output of a build that writes nothing: what the link check needs, and every file if `keep`."""

    def __init__(self, keep: bool = False) -> None:
        self.keep = keep
        self.files: dict[str, RenderedFile] = {}
        self.page_ids: dict[str, set[str]] = {}

    def prepare(self, paths: Iterable[str]) -> None:
        pass  # nothing to make ready: what workers put comes back whole

    def put(self, file: RenderedFile) -> tuple[str, RenderedFile | None, set[str] | None]:
        from .check import element_ids

        # Only what the build keeps comes back from a worker: the file when `keep`, its ids when a page.
        return (file.path, file if self.keep else None,
                element_ids(file.content) if file.path.endswith(".html") else None)

    def placed(self, receipt: tuple[str, RenderedFile | None, set[str] | None]) -> None:
        path, file, ids = receipt
        if file is not None:
            self.files[path] = file
        if ids is not None:
            self.page_ids[path] = ids

    def ids(self, path: str) -> set[str]:
        return self.page_ids[path]


class Builder:
    """One content folder with its templates and assets, and what its last build left."""

    def __init__(self, content: Path, shown_as: PurePosixPath, templates: Path = TEMPLATES, assets: Path = ASSETS,
                 cache: BuildCache | None = None, workers: int = 0, image_cache: Path | None = None) -> None:
        # Absolute: the dev server's watcher reports absolute paths, and the read cache keys on the same ones.
        self.content, self.shown_as = content.absolute(), shown_as
        self.templates, self.assets = templates.absolute(), assets.absolute()
        self.cache = cache
        self.image_cache = image_cache  # where encoded images are kept between builds; None: encode every time
        self.workers = workers or default_workers()
        self._environment: Environment | None = None  # made when first needed: an unchanged site needs none
        self.state: BuildState | None = None  # what the last build into `built_into` left
        self.built_into: Path | None = None
        self.known: Known | None = None  # what the stages of the builds into `built_into` left there
        self.reads: ReadCache = {}
        self.sources: tuple[SourceFile, ...] = ()
        self.load_problems: tuple[Problem, ...] = ()

    def check(self) -> BuildResult:
        """Every problem of the content, its pages rendered and their links checked; nothing is written."""
        started = time.perf_counter()
        changes, problems = self._from_nothing(InMemory())
        return BuildResult(problems, 0 if problems else len(changes.paths), 0, time.perf_counter() - started)

    def render(self) -> tuple[tuple[RenderedFile, ...], tuple[Problem, ...]]:
        """Every file of the site, rendered from nothing and held in memory (for tests), or every problem."""
        output = InMemory(keep=True)
        _, problems = self._from_nothing(output)
        return ((), problems) if problems else (tuple(output.files.values()), ())

    def read(self) -> tuple[Site | None, tuple[Problem, ...]]:
        """The content loaded and validated: the Site, or every problem."""
        from .images import prepare_images
        from .validate import validate_site_memo

        self._load(None)
        site, problems, _ = validate_site_memo(self.sources, {}, images=prepare_images(self.sources, None)[0])
        return (None, _together(self.load_problems, problems)) if self.load_problems else (site, problems)

    def build(self, out: Path, changed: Iterable[Path] | None = None, stats: Listing | None = None) -> BuildResult:
        """Build the site into `out`, swapped in whole only when there is no problem at all.

        `changed`: the files edited since this Builder's last build, as the dev server's
        watcher reports them; None reads every file again. Only pages whose inputs changed
        since the last build (this Builder's, or the cache's) are rendered; the output is
        byte-identical either way. `stats`: what `untouched(out)` took when it found
        something to do; None: the build looks for itself.
        """
        with collector.paused():
            started = time.perf_counter()
            if changed is not None:
                stats = None
            elif stats is None:
                # Taken before anything is read: a file edited while this build runs is news to the next one.
                untouched, stats = self.untouched(out)
                if untouched is not None:
                    return untouched
            if changed is None and stats is not None and self.cache is not None:
                from .quick import Folders, quick_build

                quick = quick_build(self.cache, Folders(self.content, self.shown_as, self.templates, self.assets),
                                    out, stats, lambda: self.environment)
                if quick is not None:
                    self.forget()  # what this Builder held is older than what it just wrote
                    return quick
            self._load(changed)
            cached = self.cache.open(self.content, self.shown_as, out, self.sources, (self.templates, self.assets),
                                     stats) if self.cache is not None else None
            if cached is not None and cached.up_to_date and not self.load_problems:
                return BuildResult((), len(cached.kept), 0, time.perf_counter() - started,
                                   self.cache.restamp(cached) if self.cache is not None else "")
            from .assets import load_assets
            from .changes import build_changes
            from .images import prepare_images
            previous, restore, warning = self._previous(out, cached)
            stage = Stage(out, self.known if self.built_into == out else None, restore)
            try:
                with stage:
                    shown, image_files, unsaved_images = prepare_images(self.sources, self.image_cache)
                    warning = warning or unsaved_images
                    state, changes, problems = build_changes(self.sources, previous, self.environment,
                                                             load_assets(self.assets), InFolder(stage), self.workers,
                                                             (shown, image_files))
                    problems = _together(self.load_problems, problems)
                    if problems:
                        # Keep the memo of what was checked; the output is still the last good build's.
                        self.state = replace(previous, memo=state.memo)
                        return BuildResult(problems, 0, 0, time.perf_counter() - started, warning)
                    written = 0
                    if changes.fresh or changes.removed or not out.is_dir():
                        written = stage.commit(keep=changes.paths - changes.fresh)
            finally:
                self.known = stage.leaves
            self.state, self.built_into = state, out
            if cached is not None and self.cache is not None:
                # One warning a build: a cache that could not be read is most likely one that cannot be saved either.
                unsaved = self.cache.save(cached, out, changes.paths, changes.fresh, state)
                warning = warning or unsaved
            return BuildResult((), len(changes.paths), written, time.perf_counter() - started, warning, changes.urls)

    def untouched(self, out: Path) -> tuple[BuildResult | None, Listing | None]:
        """What `build(out)` would give when no input was touched since its last good build, found without
        reading any content (by file status, input_stats.py), or None when there is something to do;
        and the file status it took, for that build (`build(out, stats=...)`)."""
        if self.cache is None:
            return None, None
        started = time.perf_counter()
        stats = input_stats(self.content, (self.templates, self.assets))
        files = self.cache.untouched(self.content, out, stats_digest(stats))
        return (None if files is None else BuildResult((), files, 0, time.perf_counter() - started)), stats

    def forget(self) -> None:
        """Start the next build from nothing: after a build that raised, what it left half done is not trusted."""
        self.state, self.built_into, self.known = None, None, None
        self.reads, self.sources, self.load_problems = {}, (), ()
        self._clear_templates()

    def _from_nothing(self, output: Output) -> tuple[Changes, tuple[Problem, ...]]:
        from .assets import load_assets
        from .changes import build_changes
        from .images import prepare_images
        from .state import BuildState

        with collector.paused():
            self._load(None)
            shown, image_files, _ = prepare_images(self.sources, self.image_cache)
            _, changes, problems = build_changes(self.sources, BuildState(), self.environment,
                                                 load_assets(self.assets), output, self.workers, (shown, image_files))
            return changes, _together(self.load_problems, problems)

    def _load(self, changed: Iterable[Path] | None) -> None:
        """Read the content again: only the `changed` files when that is enough, else every file that looks changed."""
        reloaded = None
        if changed is None:
            self._clear_templates()
        else:
            changed = [path.absolute() for path in changed]
            for path in changed:
                self.reads.pop(path, None)  # an event is news even when size and time look the same
            if any(path.is_relative_to(self.templates) for path in changed):
                self._clear_templates()
            if self.sources:
                reloaded = reload_sources(self.content, self.shown_as, self.sources, self.load_problems, changed,
                                          self.reads)
        self.sources, self.load_problems = reloaded or load_sources(self.content, self.shown_as, self.reads)

    @property
    def environment(self) -> Environment:
        """The Jinja environment of the templates folder, kept between builds with its parsed templates."""
        if self._environment is None:
            from .render import make_environment

            self._environment = make_environment(self.templates, {})
        return self._environment

    def _clear_templates(self) -> None:
        if self._environment is not None and self._environment.cache is not None:
            self._environment.cache.clear()  # template mtimes are too coarse to trust for two quick saves

    def _previous(self, out: Path, cached: CachedBuild | None) -> tuple[BuildState, dict[str, Path], str]:
        """What the next build into `out` starts from, the cache's files that stand in for missing output files,
        and a warning about the cache."""
        from .state import BuildState

        if self.built_into == out and self.state is not None:
            if out.is_dir():
                return self.state, {}, ""
            # The site was removed under us: every file is made again, the checked content is still good.
            return BuildState(self.state.memo, self.state.plan,
                              template_references=self.state.template_references), {}, ""
        if cached is None or self.cache is None:
            return BuildState(), {}, ""
        return self.cache.state(cached)


def _together(first: tuple[Problem, ...], second: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """Both stages' problems, each once, in file and line order."""
    return tuple(sorted({*first, *second}))
