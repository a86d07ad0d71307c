"""`build.py serve`: build, serve the output on 127.0.0.1, watch, rebuild what changed, reload tabs.  [I/O]

Three parts: the HTTP server (preview_http.py: who it answers; connections.py: how many at
once), the watchdog observer, and one builder thread that drains file events, waits for a
burst to settle, and rebuilds. A failed rebuild keeps the last good site on disk and shows
the problems in every open tab; the server itself never stops, for bad content or for a bug.
"""

from __future__ import annotations

import gc
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .assets import load_assets
from .check import element_ids
from .connections import TIMEOUT
from .errors import Problem, format_text, printable
from .load import ReadCache, SourceFile, is_ignored, load_sources, reload_sources
from .pipeline import ASSETS, TEMPLATES, BuildState, build_changes
from .preview_http import Broker, bind
from .render import RenderedFile, make_environment
from .write import update_site, write_site

DEBOUNCE = 0.01  # seconds of quiet that end a burst of file events (an editor's save is several)
LONGEST_BURST = 0.3  # rebuild anyway after this long, even if events keep coming
WATCHED_EVENTS = {"created", "modified", "deleted", "moved", "closed"}
INTERNAL_ERROR = "internal error while rebuilding ({kind}: {message}); this is a bug in site_gen, please report it"
LONGEST_DETAIL = 200  # characters of an exception's message shown; the rest is rarely news
BuildChanges = Callable[..., tuple[BuildState, object, tuple[Problem, ...]]]  # pipeline.build_changes, or a stand-in


@dataclass(frozen=True, slots=True)
class Report:
    """What one rebuild did, for the terminal and the open tabs."""

    problems: tuple[Problem, ...]
    changed: tuple[str, ...]  # URLs of the pages that were written
    written: int
    seconds: float
    cause: str
    failure: str = ""  # an internal error: the rebuild raised, which is a bug, never the content's fault


class Preview:
    """The content, its last good build state and the output folder; rebuilds one burst at a time."""

    def __init__(self, content: Path, shown_as: PurePosixPath, out: Path,
                 templates: Path = TEMPLATES, assets: Path = ASSETS, stages: BuildChanges = build_changes) -> None:
        # Absolute: watchdog reports absolute paths, and the read cache must key on the same ones.
        self.content, self.shown_as, self.out = content.absolute(), shown_as, out.absolute()
        self.templates, self.assets = templates.absolute(), assets.absolute()
        self.environment = make_environment(templates, {})
        self.state = BuildState()
        self.cache: ReadCache = {}
        self.sources: tuple[SourceFile, ...] = ()
        self.load_problems: tuple[Problem, ...] = ()
        self.lock = threading.Lock()
        self.stages = stages

    def build(self, changed: Iterable[Path] = (), cause: str = "start") -> Report:
        """What rebuilding after `changed` did; whatever it raises becomes the report's failure."""
        started = time.perf_counter()
        with self.lock:
            try:
                return self._build(changed, cause, started)
            except Exception as error:  # a bug must not stop the builder: report it, and start afresh
                self._forget()
                return Report((), (), 0, time.perf_counter() - started, cause, internal_error(error))

    def _forget(self) -> None:
        # Whatever the failed rebuild left half done, the next one starts from a clean build.
        self.state, self.cache, self.sources, self.load_problems = BuildState(), {}, (), ()
        if self.environment.cache is not None:
            self.environment.cache.clear()

    def _build(self, changed: Iterable[Path], cause: str, started: float) -> Report:
        changed = [path.absolute() for path in changed]
        for path in changed:
            self.cache.pop(path, None)  # an event is news even when size and time look the same
        if any(path.is_relative_to(self.templates) for path in changed) and self.environment.cache is not None:
            self.environment.cache.clear()  # mtimes are too coarse to trust for two quick saves
        reloaded = reload_sources(self.content, self.shown_as, self.sources, self.load_problems, changed,
                                  self.cache) if self.sources else None
        sources, load_problems = reloaded or load_sources(self.content, self.shown_as, self.cache)
        self.sources, self.load_problems = sources, load_problems
        fresh: dict[str, RenderedFile] = {}
        state, changes, problems = self.stages(
            sources, self.state, self.environment, load_assets(self.assets),
            lambda file: fresh.__setitem__(file.path, file),
            lambda path: element_ids(fresh[path].content if path in fresh else (self.out / path).read_bytes()))
        problems = tuple(sorted({*load_problems, *problems}))
        if problems:
            self.state = state  # keeps the memo of what was checked, and the last good fingerprints
            return Report(problems, (), 0, time.perf_counter() - started, cause)
        if self.out.is_dir() and self.state.fingerprints:
            written = update_site(self.out, fresh.values(), changes.removed)
        else:
            written = write_site(self.out, fresh.values())
        self.state = state
        # The state lives for the whole session: keep the cyclic collector from walking
        # its many thousand objects in the middle of a later rebuild (a 50 ms pause at
        # 4,000 drills). Plain reference counting still frees what a rebuild replaces.
        gc.freeze()
        return Report((), changes.urls, written, time.perf_counter() - started, cause)


class _Events(FileSystemEventHandler):
    """Watchdog events -> paths on a queue, minus editor noise."""

    def __init__(self, paths: queue.Queue[Path]) -> None:
        self.paths = paths

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in WATCHED_EVENTS:
            return
        if event.event_type == "closed" and not getattr(event, "is_write", True):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder's own time changes with every file in it: the file's event says more
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = Path(raw.decode() if isinstance(raw, bytes) else raw) if raw else None
            if path is not None and not is_ignored(path.name):
                self.paths.put(path)


def run_builder(preview: Preview, broker: Broker, paths: queue.Queue[Path], stop: threading.Event,
                say: Callable[[str], None]) -> None:
    """Drain file events, wait for each burst to settle, rebuild, and tell the tabs."""
    while not stop.is_set():
        try:
            first = paths.get(timeout=0.2)
        except queue.Empty:
            continue
        burst, started = {first}, time.monotonic()
        while time.monotonic() - started < LONGEST_BURST:
            try:
                burst.add(paths.get(timeout=DEBOUNCE))
            except queue.Empty:
                break
        report = preview.build(sorted(burst), cause=_describe(sorted(burst), preview.content))
        announce(report, broker, say)


def internal_error(error: Exception) -> str:
    """The one line that says a rebuild raised: the exception's type and the start of its message."""
    message = str(error)
    if len(message) > LONGEST_DETAIL:
        message = message[:LONGEST_DETAIL] + "..."
    return printable(INTERNAL_ERROR.format(kind=type(error).__name__, message=message))


def announce(report: Report, broker: Broker, say: Callable[[str], None]) -> None:
    """One terminal line per rebuild; the overlay or a reload for the tabs."""
    took = f"{report.seconds * 1000:.0f} ms"
    if report.failure:
        say(f"{report.cause}: {report.failure}; still serving the last good site ({took})")
        broker.publish("problems", [report.failure], sticky=True)
    elif report.problems:
        # Line by line: a hint's line break is ours, anything else unprintable is escaped.
        say(f"{report.cause}: {len(report.problems)} problem(s), still serving the last good site ({took})\n"
            + "\n".join(printable(line) for line in format_text(report.problems).split("\n")))
        broker.publish("problems", format_text(report.problems).splitlines(), sticky=True)
    else:
        say(f"{report.cause}: {report.written} file(s) written in {took}")
        broker.publish("reload", list(report.changed))


def _describe(paths: list[Path], content: Path) -> str:
    names = []
    for path in paths[:3]:
        try:
            names.append(printable(path.relative_to(content.parent).as_posix()))
        except ValueError:
            names.append(printable(path.as_posix()))
    return "changed " + ", ".join(names) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


class DevServer:
    """Everything `serve` runs, started and stopped together (tests use it directly)."""

    def __init__(self, content: Path, shown_as: PurePosixPath, out: Path, host: str, port: int,
                 say: Callable[[str], None], templates: Path = TEMPLATES, assets: Path = ASSETS,
                 timeout: float = TIMEOUT, stages: BuildChanges = build_changes) -> None:
        self.say = say
        self.broker = Broker()
        self.preview = Preview(content, shown_as, out, templates, assets, stages)
        self.paths: queue.Queue[Path] = queue.Queue()
        self.stop_event = threading.Event()
        out.mkdir(parents=True, exist_ok=True)
        self.server = bind(host, port, out, self.broker, say, timeout)
        self.observer = Observer()
        for folder in (content, templates, assets):
            self.observer.schedule(_Events(self.paths), str(folder), recursive=True)
        self.threads = [
            threading.Thread(target=self.server.serve_forever, name="http", daemon=True,
                             kwargs={"poll_interval": 0.05}),
            threading.Thread(target=run_builder, name="builder", daemon=True,
                             args=(self.preview, self.broker, self.paths, self.stop_event, say)),
        ]

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def start(self) -> Report:
        report = self.preview.build()
        announce(report, self.broker, self.say)
        self.observer.start()
        for thread in self.threads:
            thread.start()
        return report

    def stop(self) -> None:
        self.stop_event.set()
        self.broker.close()
        self.observer.stop()
        self.server.shutdown()
        self.server.server_close()
        self.observer.join()
        for thread in self.threads:
            thread.join(timeout=5)
