"""A running dev server over a copy of the fixture site, and a client for its event stream."""

from __future__ import annotations

import http.client
import json
import queue
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from site_gen.builder import ASSETS, TEMPLATES, Builder
from site_gen.serve import DevServer
from tests.conftest import FIXTURE_SITE


@dataclass
class Live:
    server: DevServer
    content: Path
    out: Path
    lines: list[str]

    def get(self, path: str) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, response.getheader("Content-Type") or "", body


class EventStream:
    """Reads server-sent events on a thread; `next(kind)` waits for one of that kind."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.connection.connect()
        self.socket = self.connection.sock  # the response keeps it open after the connection lets go
        self.connection.request("GET", "/__stride/events")
        self.response = self.connection.getresponse()
        self.events: queue.Queue[tuple[str, object]] = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        kind = ""
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    kind = line[len("event: "):]
                elif line.startswith("data: "):
                    self.events.put((kind, json.loads(line[len("data: "):])))
        except (OSError, ValueError):
            return

    def next(self, kind: str, timeout: float = 10) -> object:
        while True:
            got, data = self.events.get(timeout=timeout)
            if got == kind:
                return data

    def close(self) -> None:
        """Hang up, as a closed tab does; the reading thread sees the end."""
        try:
            self.socket.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # the server hung up first
        self.connection.close()


def start_live(root: Path, builder: type[Builder] = Builder, **options: object) -> Live:
    """A dev server over a fresh copy of the fixture site under `root`, built by a `builder`; `options` go to DevServer."""
    content = root / "content"
    shutil.copytree(FIXTURE_SITE, content)
    # The templates and assets are copied too, so a test may edit them.
    shutil.copytree(TEMPLATES, root / "templates")
    shutil.copytree(ASSETS, root / "assets")
    lines: list[str] = []
    server = DevServer(builder(content, PurePosixPath("content"), root / "templates", root / "assets", workers=1),
                       root / "_site", "127.0.0.1", 0, lines.append, **options)  # type: ignore[arg-type]
    server.start()
    return Live(server, content, root / "_site", lines)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    running = start_live(tmp_path)
    yield running
    running.server.stop()


@pytest.fixture(scope="module")
def shared_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """One server for the tests of a module that only read from it."""
    running = start_live(tmp_path_factory.mktemp("shared"))
    yield running
    running.server.stop()


@pytest.fixture
def stream(live: Live) -> Iterator[EventStream]:
    events = EventStream(live.server.port)
    yield events
    events.close()
