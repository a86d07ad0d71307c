"""How many clients the preview serves at once, and for how long it waits for each.  [I/O]

One thread accepts connections and holds them, with no thread each, until their request
head has arrived, so idle or slow clients cost a socket and nothing more. A fixed pool of
workers then answers whole requests, one per connection. An event stream stays open for as
long as its tab does, so each gets a thread of its own, and there is a bounded number of them.
"""

from __future__ import annotations

import queue
import re
import selectors
import socket
import socketserver
import threading
import time
from collections.abc import Callable
from http import HTTPStatus

WORKERS = 32  # threads answering requests
STREAMS = 64  # open event streams (tabs); one more is refused with 503
WAITING = 512  # connections still sending their request head; past this, the longest waiting is dropped
QUEUED = 512  # whole requests waiting for a worker; past this, 503
BACKLOG = 1024  # connections the kernel holds before the server accepts them
TIMEOUT = 10.0  # seconds for a request head to arrive, and for each write of a response
HEAD_LIMIT = 16 * 1024  # bytes of request line and headers
_HEAD_END = re.compile(rb"\r?\n\r?\n")

BUSY = "the preview is busy; try again\n"
TOO_MANY_TABS = f"more than {STREAMS} tabs are open on this preview; close some, then reload\n"
TOO_SLOW = "the request did not arrive in time\n"
TOO_LONG = f"the request head is longer than {HEAD_LIMIT} bytes\n"


class _Waiting:
    """A connection whose request head is still arriving."""

    __slots__ = ("address", "head", "since")

    def __init__(self, address: object, since: float) -> None:
        self.address, self.head, self.since = address, bytearray(), since


class BoundedServer(socketserver.TCPServer):
    """A TCP server with one accepting thread, a fixed worker pool and bounded event streams.

    `RequestHandlerClass(connection, address, server, head)` answers one request whose head
    has been read already; `RequestHandlerClass.is_stream(target)` says which requests stay open.
    """

    allow_reuse_address = True
    request_queue_size = BACKLOG

    def __init__(self, address: tuple[str, int], handler: type, say: Callable[[str], None],
                 timeout: float = TIMEOUT, workers: int = WORKERS, streams: int = STREAMS) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, handler)
        self.say, self.wait, self.workers = say, timeout, workers  # not `timeout`: socketserver reads that
        self._work: queue.Queue[tuple[socket.socket, object, bytes] | None] = queue.Queue(QUEUED)
        self._streams = threading.BoundedSemaphore(streams)
        self._stopping, self._stopped = threading.Event(), threading.Event()
        self._pool: list[threading.Thread] = []

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._pool = [threading.Thread(target=self._work_loop, name=f"http-worker-{n}", daemon=True)
                      for n in range(self.workers)]
        for thread in self._pool:
            thread.start()
        self.socket.setblocking(False)
        waiting: dict[socket.socket, _Waiting] = {}  # in the order accepted: the oldest first
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            try:
                while not self._stopping.is_set():
                    for key, _ in selector.select(poll_interval):
                        if key.fileobj is self.socket:
                            self._accept(selector, waiting)
                        else:
                            self._read(selector, waiting, key.fileobj)  # type: ignore[arg-type]
                    self._expire(selector, waiting)
            finally:
                for connection in waiting:
                    connection.close()
                for _ in self._pool:
                    self._work.put(None)
                self._stopped.set()

    def shutdown(self) -> None:
        if not self._pool:
            return  # never served
        self._stopping.set()
        self._stopped.wait()
        for thread in self._pool:
            thread.join(timeout=5)

    def _accept(self, selector: selectors.BaseSelector, waiting: dict[socket.socket, _Waiting]) -> None:
        for _ in range(BACKLOG):  # a burst of clients is taken in one go, not one per wake-up
            try:
                connection, address = self.socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                # Out of file descriptors: free the longest waiting, or else pause, rather than spin.
                if not waiting:
                    time.sleep(0.05)
                    return
                self._drop(selector, waiting, next(iter(waiting)))
                continue
            if len(waiting) >= WAITING:
                self._drop(selector, waiting, next(iter(waiting)))
            connection.setblocking(False)
            waiting[connection] = _Waiting(address, time.monotonic())
            selector.register(connection, selectors.EVENT_READ)

    def _read(self, selector: selectors.BaseSelector, waiting: dict[socket.socket, _Waiting],
              connection: socket.socket) -> None:
        try:
            chunk = connection.recv(4096)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""  # reset by the client: the same as a close
        if not chunk:
            return self._drop(selector, waiting, connection)
        entry = waiting[connection]
        entry.head += chunk
        end = _HEAD_END.search(entry.head)
        if end is None:
            if len(entry.head) > HEAD_LIMIT:
                self._drop(selector, waiting, connection, HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, TOO_LONG)
            return
        selector.unregister(connection)
        del waiting[connection]
        self._dispatch(connection, entry.address, bytes(entry.head[:end.end()]))

    def _expire(self, selector: selectors.BaseSelector, waiting: dict[socket.socket, _Waiting]) -> None:
        deadline = time.monotonic() - self.wait
        while waiting:
            oldest = next(iter(waiting))
            if waiting[oldest].since > deadline:
                return
            self._drop(selector, waiting, oldest, HTTPStatus.REQUEST_TIMEOUT, TOO_SLOW)

    def _drop(self, selector: selectors.BaseSelector, waiting: dict[socket.socket, _Waiting],
              connection: socket.socket, status: HTTPStatus | None = None, text: str = "") -> None:
        selector.unregister(connection)
        del waiting[connection]
        if status is None:
            connection.close()
        else:
            _refuse(connection, status, text)

    def _dispatch(self, connection: socket.socket, address: object, head: bytes) -> None:
        parts = head.split(b"\n", 1)[0].split()
        target = parts[1].decode("latin-1") if len(parts) > 1 else ""
        if self.RequestHandlerClass.is_stream(target):  # type: ignore[attr-defined]
            if not self._streams.acquire(blocking=False):
                return _refuse(connection, HTTPStatus.SERVICE_UNAVAILABLE, TOO_MANY_TABS)
            threading.Thread(target=self._stream, args=(connection, address, head), name="http-stream",
                             daemon=True).start()
            return
        try:
            self._work.put_nowait((connection, address, head))
        except queue.Full:
            _refuse(connection, HTTPStatus.SERVICE_UNAVAILABLE, BUSY)

    def _work_loop(self) -> None:
        while (job := self._work.get()) is not None:
            self._answer(*job)

    def _stream(self, connection: socket.socket, address: object, head: bytes) -> None:
        try:
            self._answer(connection, address, head)
        finally:
            self._streams.release()

    def _answer(self, connection: socket.socket, address: object, head: bytes) -> None:
        try:
            connection.setblocking(True)
            connection.settimeout(self.wait)  # a client that stops reading is dropped, not waited for
            self.RequestHandlerClass(connection, address, self, head)  # type: ignore[call-arg, arg-type]  # ours takes the head it was handed
        except OSError:
            pass  # the client went away or stopped reading: nothing to answer, nobody to tell
        except Exception as error:  # noqa: BLE001 - a bug in the handler must not take a worker with it
            self.say(f"internal error answering a request ({type(error).__name__}); "
                     "this is a bug in site_gen, please report it")
        finally:
            self.shutdown_request(connection)


def _refuse(connection: socket.socket, status: HTTPStatus, text: str) -> None:
    """A short plain-text answer sent without waiting (the accepting thread must never block), then close."""
    body = text.encode()
    head = (f"HTTP/1.1 {status.value} {status.phrase}\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    try:
        connection.send(head + body)
    except OSError:
        pass  # the client is being dropped either way; the answer was a courtesy
    connection.close()
