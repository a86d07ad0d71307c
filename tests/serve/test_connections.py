"""However many clients connect, and however slowly they talk, the preview keeps answering."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from site_gen.connections import STREAMS, WORKERS
from tests.serve.conftest import EventStream, Live, start_live


def _request(port: int, target: str = "/") -> bytes:
    return f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()


def _answer(connection: socket.socket) -> bytes:
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


def _get(port: int, target: str = "/") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(_request(port, target))
        return _answer(connection)


@pytest.fixture
def quick(tmp_path: Path) -> Iterator[Live]:
    """A server that waits half a second for a request head."""
    running = start_live(tmp_path, timeout=0.5)
    yield running
    running.server.stop()


def test_a_thousand_idle_connections_cost_no_thread_and_block_nobody(live: Live) -> None:
    port, before = live.server.port, threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(1000)]
    try:
        started = time.monotonic()
        assert _get(port, "/drills/leg-swings/").startswith(b"HTTP/1.1 200 OK\r\n")
        assert time.monotonic() - started < 3
        assert threading.active_count() <= before + WORKERS
    finally:
        for connection in idle:
            connection.close()


def test_a_client_that_never_finishes_its_request_is_dropped(quick: Live) -> None:
    port = quick.server.port
    with socket.create_connection(("127.0.0.1", port), timeout=5) as silent:
        started = time.monotonic()
        assert _answer(silent).startswith(b"HTTP/1.1 408 Request Timeout\r\n")
        assert time.monotonic() - started < 2
    with socket.create_connection(("127.0.0.1", port), timeout=5) as trickling:
        # One byte at a time, each in time: the head as a whole must still arrive within the limit.
        started = time.monotonic()
        request = _request(port)
        try:
            for byte in request:
                trickling.sendall(bytes([byte]))
                time.sleep(0.1)
        except OSError:
            pass  # dropped while still sending: what this test wants
        assert time.monotonic() - started < 2
        assert _answer(trickling).endswith(b"the request did not arrive in time\n")
    assert _get(port).startswith(b"HTTP/1.1 200 OK\r\n")


def test_hundreds_of_requests_at_once_are_all_answered(live: Live) -> None:
    port = live.server.port
    barrier = threading.Barrier(300)

    def fetch(_: int) -> bytes:
        barrier.wait()
        return _get(port, "/drills/")[:15]

    with ThreadPoolExecutor(300) as pool:
        answers = list(pool.map(fetch, range(300)))
    assert answers == [b"HTTP/1.1 200 OK"] * 300


def test_tabs_past_the_limit_are_refused_and_pages_still_served(live: Live) -> None:
    port = live.server.port
    tabs = [EventStream(port) for _ in range(STREAMS)]
    try:
        deadline = time.monotonic() + 5
        while live.server.broker.count < STREAMS and time.monotonic() < deadline:
            time.sleep(0.01)
        answer = _get(port, "/__stride/events")
        assert answer.startswith(b"HTTP/1.1 503 Service Unavailable\r\n")
        assert answer.endswith(f"more than {STREAMS} tabs are open on this preview; close some, then reload\n".encode())
        assert _get(port, "/").startswith(b"HTTP/1.1 200 OK\r\n")
    finally:
        for tab in tabs:
            tab.close()
    # A closed tab frees its place (it is noticed within a second or so).
    deadline = time.monotonic() + 5
    while (again := EventStream(port)).response.status != 200 and time.monotonic() < deadline:
        again.close()
        time.sleep(0.05)
    assert again.response.status == 200
    again.close()


def test_a_request_head_past_the_limit_is_refused(shared_live: Live) -> None:
    with socket.create_connection(("127.0.0.1", shared_live.server.port), timeout=5) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nX-Padding: " + b"a" * 20000)
        answer = _answer(connection)
    assert answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")
    assert answer.endswith(b"the request head is longer than 16384 bytes\n")
