"""`build.py serve`: build, serve the output on 127.0.0.1, watch, rebuild what changed, reload tabs.  [I/O]

Three parts: the HTTP server (preview_http.py: who it answers; connections.py: how many at
once), the watchdog observer, and one builder thread that drains file events, waits for a
burst to settle, and has a Builder (builder.py) rebuild: the very build of `build.py build`,
which keeps what it needs between rebuilds. A failed rebuild keeps the last good site on
disk and shows the problems in every open tab; the server itself never stops, for bad
content or for a bug.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .builder import Builder, BuildResult
from .connections import TIMEOUT
from .errors import format_text, printable
from .load import is_ignored
from .preview_http import Broker, bind

DEBOUNCE = 0.01  # seconds of quiet that end a burst of file events (an editor's save is several)
LONGEST_BURST = 0.3  # rebuild anyway after this long, even if events keep coming
WATCHED_EVENTS = {"created", "modified", "deleted", "moved", "closed"}
INTERNAL_ERROR = "internal error while rebuilding ({kind}: {message}); this is a bug in site_gen, please report it"
LONGEST_DETAIL = 200  # characters of an exception's message shown; the rest is rarely news


@dataclass(frozen=True, slots=True)
class Report:
    """One rebuild, for the terminal and the open tabs."""

    cause: str
    result: BuildResult
    failure: str = ""  # an internal error: the rebuild raised, which is a bug, never the content's fault


class Preview:
    """A Builder and the output folder it keeps up to date, one burst of edits at a time."""

    def __init__(self, builder: Builder, out: Path) -> None:
        self.builder, self.out = builder, out.absolute()
        self.lock = threading.Lock()

    def build(self, changed: Iterable[Path] | None = None, cause: str = "start") -> Report:
        """What rebuilding after `changed` (None: every file) did; whatever it raises becomes the report's failure."""
        started = time.perf_counter()
        with self.lock:
            try:
                return Report(cause, self.builder.build(self.out, changed))
            except Exception as error:  # noqa: BLE001 - a bug must not stop the builder: report it, and start afresh
                self.builder.forget()
                return Report(cause, BuildResult((), 0, 0, time.perf_counter() - started), internal_error(error))


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
        report = preview.build(sorted(burst), cause=_describe(sorted(burst), preview.builder.content))
        announce(report, broker, say)


def internal_error(error: Exception) -> str:
    """The one line that says a rebuild raised: the exception's type and the start of its message."""
    message = str(error)
    if len(message) > LONGEST_DETAIL:
        message = message[:LONGEST_DETAIL] + "..."
    return printable(INTERNAL_ERROR.format(kind=type(error).__name__, message=message))


def announce(report: Report, broker: Broker, say: Callable[[str], None]) -> None:
    """One terminal line per rebuild; the overlay or a reload for the tabs."""
    result = report.result
    took = f"{result.seconds * 1000:.0f} ms"
    if report.failure:
        say(f"{report.cause}: {report.failure}; still serving the last good site ({took})")
        broker.publish("problems", [report.failure], sticky=True)
    elif result.problems:
        # Line by line: a hint's line break is ours, anything else unprintable is escaped.
        say(f"{report.cause}: {len(result.problems)} problem(s), still serving the last good site ({took})\n"
            + "\n".join(printable(line) for line in format_text(result.problems).split("\n")))
        broker.publish("problems", format_text(result.problems).splitlines(), sticky=True)
    else:
        say(f"{report.cause}: {result.written} file(s) written in {took}")
        broker.publish("reload", list(result.changed))


def _describe(paths: list[Path], content: Path) -> str:
    names = []
    for path in paths[:3]:
        try:
            names.append(printable(path.relative_to(content.parent).as_posix()))
        except ValueError:
            names.append(printable(path.as_posix()))
    return "changed " + ", ".join(names) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


class DevServer:
    """Everything `serve` runs, started and stopped together (tests use it directly).

    `builder` builds into `out`; its content, templates and assets folders are watched.
    """

    def __init__(self, builder: Builder, out: Path, host: str, port: int, say: Callable[[str], None],
                 timeout: float = TIMEOUT) -> None:
        self.say = say
        self.broker = Broker()
        self.preview = Preview(builder, out)
        self.paths: queue.Queue[Path] = queue.Queue()
        self.stop_event = threading.Event()
        out.mkdir(parents=True, exist_ok=True)
        self.server = bind(host, port, out, self.broker, say, timeout)
        self.observer = Observer()
        for folder in (builder.content, builder.templates, builder.assets):
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
