"""`build.py serve`: build, serve the output on 127.0.0.1, watch, rebuild what changed, reload tabs.  [I/O]

Three kinds of thread: the HTTP server (one thread a request, event streams included), the
watchdog observer, and one builder that drains file events, waits for a burst to settle,
and rebuilds. A failed rebuild keeps the last good site on disk and shows the problems in
every open tab; the server itself never stops for bad content.
"""

from __future__ import annotations

import errno
import gc
import json
import mimetypes
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .assets import load_assets
from .check import element_ids
from .errors import Problem, format_text
from .load import ReadCache, SourceFile, is_ignored, load_sources, reload_sources
from .pipeline import ASSETS, TEMPLATES, BuildState, build_changes
from .render import RenderedFile, make_environment
from .write import update_site, write_site

LIVE = "/__stride/"  # the server's own paths; never part of a built site
DEBOUNCE = 0.01  # seconds of quiet that end a burst of file events (an editor's save is several)
LONGEST_BURST = 0.3  # rebuild anyway after this long, even if events keep coming
PING = 15.0  # seconds between keep-alive comments on an event stream
LIVE_SCRIPT = (Path(__file__).parent / "live.js").read_bytes()
INJECT = b'<script src="/__stride/live.js"></script>\n</body>'
WATCHED_EVENTS = {"created", "modified", "deleted", "moved", "closed"}


@dataclass(frozen=True, slots=True)
class Report:
    """What one rebuild did, for the terminal and the open tabs."""

    problems: tuple[Problem, ...]
    changed: tuple[str, ...]  # URLs of the pages that were written
    written: int
    seconds: float
    cause: str


class Broker:
    """The open event streams: every tab gets every message, and a new tab gets the current state."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: set[queue.Queue[bytes | None]] = set()
        self._current = b""  # the problems overlay while the site is broken, so new tabs show it too

    def subscribe(self) -> queue.Queue[bytes | None]:
        client: queue.Queue[bytes | None] = queue.Queue()
        with self._lock:
            self._clients.add(client)
            if self._current:
                client.put(self._current)
        return client

    def unsubscribe(self, client: queue.Queue[bytes | None]) -> None:
        with self._lock:
            self._clients.discard(client)

    def publish(self, event: str, data: object, sticky: bool = False) -> None:
        message = f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()
        with self._lock:
            self._current = message if sticky else b""
            for client in self._clients:
                client.put(message)

    def close(self) -> None:
        with self._lock:
            for client in self._clients:
                client.put(None)  # tells the stream's thread to end
            self._clients.clear()

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._clients)


class Preview:
    """The content, its last good build state and the output folder; rebuilds one burst at a time."""

    def __init__(self, content: Path, shown_as: PurePosixPath, out: Path,
                 templates: Path = TEMPLATES, assets: Path = ASSETS) -> None:
        # Absolute: watchdog reports absolute paths, and the read cache must key on the same ones.
        self.content, self.shown_as, self.out = content.absolute(), shown_as, out.absolute()
        self.templates, self.assets = templates.absolute(), assets.absolute()
        self.environment = make_environment(templates, {})
        self.state = BuildState()
        self.cache: ReadCache = {}
        self.sources: tuple[SourceFile, ...] = ()
        self.load_problems: tuple[Problem, ...] = ()
        self.lock = threading.Lock()

    def build(self, changed: Iterable[Path] = (), cause: str = "start") -> Report:
        started = time.perf_counter()
        with self.lock:
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
            state, changes, problems = build_changes(
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


def announce(report: Report, broker: Broker, say: Callable[[str], None]) -> None:
    """One terminal line per rebuild; the overlay or a reload for the tabs."""
    took = f"{report.seconds * 1000:.0f} ms"
    if report.problems:
        say(f"{report.cause}: {len(report.problems)} problem(s), still serving the last good site ({took})\n"
            + format_text(report.problems))
        broker.publish("problems", format_text(report.problems).splitlines(), sticky=True)
    else:
        say(f"{report.cause}: {report.written} file(s) written in {took}")
        broker.publish("reload", list(report.changed))


def _describe(paths: list[Path], content: Path) -> str:
    names = []
    for path in paths[:3]:
        try:
            names.append(path.relative_to(content.parent).as_posix())
        except ValueError:
            names.append(path.as_posix())
    return "changed " + ", ".join(names) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


class Handler(BaseHTTPRequestHandler):
    """Files from the output folder only, the live-reload script and the event stream."""

    server: LiveServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per rebuild is enough; requests would drown it

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        path = urlsplit(self.path).path
        if path == LIVE + "live.js":
            return self._send(HTTPStatus.OK, "text/javascript", LIVE_SCRIPT, head)
        if path == LIVE + "events":
            return self._stream()
        if path.endswith("/sw.js"):
            # A service worker would keep serving old pages from its cache while you edit.
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", b"no service worker in preview\n", head)
        file, status = resolve_request(self.server.root, path)
        if file is None:
            if status == HTTPStatus.NOT_FOUND and (self.server.root / "404.html").is_file():
                return self._send(status, "text/html", self._page(self.server.root / "404.html"), head)
            return self._send(status, "text/plain", f"{status.value} {status.phrase}\n".encode(), head)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        body = self._page(file) if kind == "text/html" else file.read_bytes()
        self._send(HTTPStatus.OK, kind, body, head)

    def _page(self, file: Path) -> bytes:
        # Only the server adds the reload script: built files stay byte-identical to `build`.
        return file.read_bytes().replace(b"</body>", INJECT, 1)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "javascript")) else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        client = self.server.broker.subscribe()
        self.close_connection = True
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while True:
                try:
                    message = client.get(timeout=PING)
                except queue.Empty:
                    message = b": ping\n\n"  # also how a tab that went away is noticed
                if message is None:
                    return
                self.wfile.write(message)
                self.wfile.flush()
        except OSError:
            return  # the tab closed or the network dropped: nothing to clean up but the queue
        finally:
            self.server.broker.unsubscribe(client)


def resolve_request(root: Path, url_path: str) -> tuple[Path | None, HTTPStatus]:
    """The file a request may read, or why not: only regular files inside `root`, never through '..'."""
    decoded = unquote(url_path)  # once: "%252e%252e" stays the literal name "%2e%2e", which does not exist
    if "\0" in decoded or "\\" in decoded or not decoded.startswith("/"):
        return None, HTTPStatus.BAD_REQUEST
    parts = [part for part in decoded.split("/") if part]
    if any(part in (".", "..") for part in parts):
        return None, HTTPStatus.FORBIDDEN
    candidate = root.joinpath(*parts)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    real_root = root.resolve()
    try:
        real = candidate.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        return None, HTTPStatus.NOT_FOUND
    if not real.is_relative_to(real_root):
        return None, HTTPStatus.FORBIDDEN  # a symlink out of the output folder
    if not real.is_file():
        return None, HTTPStatus.NOT_FOUND
    return real, HTTPStatus.OK


class LiveServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep the process alive after Ctrl-C
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path, broker: Broker) -> None:
        super().__init__(address, Handler)
        self.root, self.broker = root, broker


def bind(host: str, port: int, root: Path, broker: Broker, tries: int = 20) -> LiveServer:
    """A server on `port`, or on the next free one when it is taken."""
    for candidate in range(port, port + tries):
        try:
            return LiveServer((host, candidate), root, broker)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
    raise OSError(errno.EADDRINUSE, f"ports {port} to {port + tries - 1} are all taken; choose one with --port")


class DevServer:
    """Everything `serve` runs, started and stopped together (tests use it directly)."""

    def __init__(self, content: Path, shown_as: PurePosixPath, out: Path, host: str, port: int,
                 say: Callable[[str], None], templates: Path = TEMPLATES, assets: Path = ASSETS) -> None:
        self.say = say
        self.broker = Broker()
        self.preview = Preview(content, shown_as, out, templates, assets)
        self.paths: queue.Queue[Path] = queue.Queue()
        self.stop_event = threading.Event()
        out.mkdir(parents=True, exist_ok=True)
        self.server = bind(host, port, out, self.broker)
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
