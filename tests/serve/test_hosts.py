"""The preview answers only requests addressed to this computer, from its own pages (no DNS rebinding)."""

from __future__ import annotations

import socket

import pytest

from site_gen.preview_http import Audience, audience
from tests.serve.conftest import Live


def _exchange(port: int, request: str) -> tuple[int, bytes]:
    """Status and body of a request sent byte for byte, read until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(request.encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _get(port: int, target: str, headers: str) -> tuple[int, bytes]:
    return _exchange(port, f"GET {target} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n")


def _misdirected(port: int) -> bytes:
    return f"this preview answers only requests for 127.0.0.1:{port}, [::1]:{port}, localhost:{port}\n".encode()


@pytest.mark.parametrize("host", [
    None,
    "evil.example",
    "evil.example:{port}",
    "127.0.0.1.evil.example:{port}",
    "localhost.evil.example:{port}",
    "localhost:1@evil",
    "localhost:{port}@evil.example",
    "localhost:{port}:{port}",
    "127.0.0.1:{other}",
    "127.0.0.1",  # no port, and the port is not 80
    "[::1]:{other}",
    "[::1",
    "",
])
@pytest.mark.parametrize("target", ["/", "/drills/leg-swings/", "/__stride/live.js", "/__stride/events", "/nope"])
def test_a_request_for_another_name_gets_421_on_every_path(shared_live: Live, host: str | None, target: str) -> None:
    port = shared_live.server.port
    header = "" if host is None else f"Host: {host.format(port=port, other=port + 1)}\r\n"
    assert _get(port, target, header) == (421, _misdirected(port))


def test_two_host_headers_are_refused(shared_live: Live) -> None:
    port = shared_live.server.port
    assert _get(port, "/", f"Host: 127.0.0.1:{port}\r\nHost: evil.example\r\n") == (421, _misdirected(port))


def test_an_absolute_target_must_name_this_server_too(shared_live: Live) -> None:
    port = shared_live.server.port
    assert _get(port, "http://evil.example/", f"Host: 127.0.0.1:{port}\r\n") == (421, _misdirected(port))
    assert _get(port, f"http://localhost:{port}/", f"Host: 127.0.0.1:{port}\r\n")[0] == 200


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}", "[::1]:{port}"])
def test_this_computers_names_are_answered(shared_live: Live, host: str) -> None:
    port = shared_live.server.port
    status, body = _get(port, "/drills/leg-swings/", f"Host: {host.format(port=port)}\r\n")
    assert status == 200 and b"Leg swings" in body


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1.evil.example:{port}", "null",
                                    "https://localhost:{port}", "http://localhost:{other}"])
@pytest.mark.parametrize("target", ["/__stride/events", "/"])
def test_another_sites_page_cannot_read_the_preview(shared_live: Live, origin: str, target: str) -> None:
    port = shared_live.server.port
    headers = f"Host: localhost:{port}\r\nOrigin: {origin.format(port=port, other=port + 1)}\r\n"
    assert _get(port, target, headers) == (403, b"this preview is not shared with pages of other sites\n")


def test_the_previews_own_pages_open_the_event_stream(shared_live: Live) -> None:
    port = shared_live.server.port
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(f"GET /__stride/events HTTP/1.1\r\nHost: localhost:{port}\r\n"
                           f"Origin: http://localhost:{port}\r\n\r\n".encode())
        assert connection.recv(100).startswith(b"HTTP/1.1 200")


def test_who_a_server_answers() -> None:
    assert audience("127.0.0.1", 8000) == Audience(frozenset({"localhost", "127.0.0.1", "[::1]"}), 8000, False)
    assert audience("::1", 8000).names == frozenset({"localhost", "127.0.0.1", "[::1]"})
    named = audience("Stride.Local", 8000)
    assert named.accepts("stride.local:8000") and not named.accepts("stride.local.evil:8000")
    # On every interface, a phone on the same network uses this computer's address, which no
    # other site can rebind; a name still has to be one of ours.
    everywhere = audience("0.0.0.0", 8000)
    assert everywhere.accepts("192.168.1.20:8000") and everywhere.accepts("[fe80::1]:8000")
    assert not everywhere.accepts("evil.example:8000") and not everywhere.accepts("192.168.1.20:8001")
    assert not audience("127.0.0.1", 8000).accepts("192.168.1.20:8000")
    assert everywhere.misdirected() == ("this preview answers only requests for 127.0.0.1:8000, [::1]:8000, "
                                        "localhost:8000 or an address of this computer, port 8000\n")
    # A browser leaves out the default port.
    assert audience("127.0.0.1", 80).accepts("localhost") and not audience("127.0.0.1", 8000).accepts("localhost")
