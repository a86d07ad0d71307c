"""What the preview answers, and to whom: built files, the reload script, the event stream.  [I/O]

Only requests addressed to this computer by a name it answers to are served: a page on
another site that rebinds its own name to 127.0.0.1 (DNS rebinding) still sends its own
name as `Host`, and gets 421 for every path.
"""

from __future__ import annotations

import errno
import io
import ipaddress
import json
import mimetypes
import queue
import re
import select
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import urls
from .connections import TIMEOUT, BoundedServer

LIVE = "/__stride/"  # the server's own paths; never part of a built site
EVENTS = LIVE + "events"
PING = 15.0  # seconds between keep-alive comments on an event stream
GONE_CHECK = 1.0  # seconds between looks for a closed tab, so its place among the streams frees soon
LIVE_SCRIPT = (Path(__file__).parent / "live.js").read_bytes()
INJECT = b'<script src="/__stride/live.js"></script>\n</body>'
LOOPBACK = ("localhost", "127.0.0.1", "::1")
EVERY_INTERFACE = ("", "0.0.0.0", "::")
_PORT = re.compile(r":([0-9]{1,5})")
NOT_FOUND = urls.output_path(urls.not_found())
FOREIGN_ORIGIN = "this preview is not shared with pages of other sites\n"


@dataclass(frozen=True, slots=True)
class Audience:
    """The names a request may address this server by (lowercase, IPv6 in brackets), and its port."""

    names: frozenset[str]
    port: int
    any_address: bool  # listening on every interface: any IP address is a name too (it cannot be rebound)

    def accepts(self, authority: str) -> bool:
        """Whether a `Host` value (or an origin's host and port) names this server."""
        if authority.startswith("["):
            name, bracket, rest = authority.partition("]")
            name += bracket
        else:
            name, colon, port = authority.partition(":")
            rest = colon + port
        port_match = _PORT.fullmatch(rest)
        # A browser leaves out the port only when it is the default one.
        if not (int(port_match.group(1)) == self.port if port_match else rest == "" and self.port == 80):
            return False
        name = name.lower()
        return name in self.names or (self.any_address and _is_address(name))

    def misdirected(self) -> str:
        """The one message for a request addressed to another name."""
        names = ", ".join(f"{name}:{self.port}" for name in sorted(self.names))
        return (f"this preview answers only requests for {names}"
                + (f" or an address of this computer, port {self.port}" if self.any_address else "") + "\n")


def audience(host: str, port: int) -> Audience:
    """Who a server listening on `host`:`port` answers: this computer's names, and `host` itself."""
    names = {*LOOPBACK, host.lower()} - set(EVERY_INTERFACE)
    return Audience(frozenset(f"[{name}]" if ":" in name else name for name in names), port,
                    host in EVERY_INTERFACE)


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name[1:-1] if name.startswith("[") and name.endswith("]") else name)
    except ValueError:
        return False
    return ":" not in name or name.startswith("[")


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


class Handler(BaseHTTPRequestHandler):
    """Files from the output folder only, the live-reload script and the event stream; one request each."""

    server: LiveServer
    protocol_version = "HTTP/1.1"

    def __init__(self, request: object, client_address: object, server: LiveServer, head: bytes) -> None:
        self.head = head
        super().__init__(request, client_address, server)  # type: ignore[arg-type]

    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        self.rfile = io.BytesIO(self.head)  # read whole by the server; then the connection closes

    @staticmethod
    def is_stream(target: str) -> bool:
        return urlsplit(target).path == EVENTS

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per rebuild is enough; requests would drown it (and they are the client's words)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        refusal = self._refusal()
        if refusal is not None:
            return self._send(refusal[0], "text/plain", refusal[1].encode(), head)
        path = urlsplit(self.path).path
        if path == LIVE + "live.js":
            return self._send(HTTPStatus.OK, "text/javascript", LIVE_SCRIPT, head)
        if path == EVENTS:
            return self._stream()
        if path.endswith(urls.service_worker()):
            # A service worker would keep serving old pages from its cache while you edit.
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", b"no service worker in preview\n", head)
        file, status = resolve_request(self.server.root, path)
        if file is None:
            if status == HTTPStatus.NOT_FOUND and (self.server.root / NOT_FOUND).is_file():
                return self._send(status, "text/html", self._page(self.server.root / NOT_FOUND), head)
            return self._send(status, "text/plain", f"{status.value} {status.phrase}\n".encode(), head)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        body = self._page(file) if kind == "text/html" else file.read_bytes()
        self._send(HTTPStatus.OK, kind, body, head)

    def _refusal(self) -> tuple[HTTPStatus, str] | None:
        """Why this request is not answered, or None: it must name this server, and come from its pages."""
        audience = self.server.audience
        hosts = self.headers.get_all("Host") or []
        target = urlsplit(self.path)
        named = [*hosts, *([target.netloc] if target.scheme else [])]  # an absolute URL names its host too
        if len(hosts) != 1 or not all(audience.accepts(name) for name in named):
            return HTTPStatus.MISDIRECTED_REQUEST, audience.misdirected()
        origins = self.headers.get_all("Origin") or []
        # Browsers send Origin on cross-site requests (an EventSource, a fetch): only this server's own pass.
        if any(not (origin.startswith("http://") and audience.accepts(origin[len("http://"):]))
               for origin in origins):
            return HTTPStatus.FORBIDDEN, FOREIGN_ORIGIN
        return None

    def _page(self, file: Path) -> bytes:
        # Only the server adds the reload script: built files stay byte-identical to `build`.
        return file.read_bytes().replace(b"</body>", INJECT, 1)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "javascript")) else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        client = self.server.broker.subscribe()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            quiet_since = time.monotonic()
            while True:
                try:
                    message = client.get(timeout=GONE_CHECK)
                except queue.Empty:
                    if self._tab_closed():
                        return
                    if time.monotonic() - quiet_since < PING:
                        continue
                    message = b": ping\n\n"  # keeps proxies and the browser from giving up on a quiet stream
                quiet_since = time.monotonic()
                if message is None:
                    return
                self.wfile.write(message)
                self.wfile.flush()
        except OSError:
            return  # the tab closed or the network dropped: nothing to clean up but the queue
        finally:
            self.server.broker.unsubscribe(client)


    def _tab_closed(self) -> bool:
        # A tab that went away leaves its end readable, with nothing to read.
        if not select.select([self.connection], [], [], 0)[0]:
            return False
        return self.connection.recv(1, socket.MSG_PEEK) == b""


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


class LiveServer(BoundedServer):
    """The preview's server: the output folder, the open tabs and the names it answers to."""

    def __init__(self, address: tuple[str, int], root: Path, broker: Broker, say: Callable[[str], None],
                 timeout: float = TIMEOUT) -> None:
        super().__init__(address, Handler, say, timeout)
        self.root, self.broker = root, broker
        self.audience = audience(address[0], int(self.server_address[1]))  # the port bound, when 0 was asked


def bind(host: str, port: int, root: Path, broker: Broker, say: Callable[[str], None],
         timeout: float = TIMEOUT, tries: int = 20) -> LiveServer:
    """A server on `port`, or on the next free one when it is taken."""
    for candidate in range(port, port + tries):
        try:
            return LiveServer((host, candidate), root, broker, say, timeout)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
    raise OSError(errno.EADDRINUSE, f"ports {port} to {port + tries - 1} are all taken; choose one with --port")
