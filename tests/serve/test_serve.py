"""The dev server as a contributor uses it: edit, see it, break it, fix it; and what it refuses to serve."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path, PurePosixPath

import pytest

from site_gen.builder import Builder
from site_gen.serve import DevServer
from tests.serve.conftest import EventStream, Live


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_an_edit_rebuilds_the_page_and_reloads_open_tabs(live: Live, stream: EventStream) -> None:
    _edit(live.content / "drills" / "leg-swings.md", "Loosen the hips", "Free the hips")

    changed = stream.next("reload")

    assert "/drills/leg-swings/" in changed  # type: ignore[operator]
    status, kind, body = live.get("/drills/leg-swings/")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert b"Free the hips and hamstrings beside a wall." in body
    assert live.lines[-1].startswith("changed content/drills/leg-swings.md: ")
    assert " file(s) written in " in live.lines[-1]


def test_a_bad_edit_shows_the_problems_and_keeps_the_last_good_page(live: Live, stream: EventStream) -> None:
    good = live.get("/drills/strides/")[2]
    _edit(live.content / "drills" / "strides.md", "phase: strides", "phase: stride")

    problems = stream.next("problems")

    assert problems == [
        "content/drills/strides.md:4:8: unknown phase 'stride'",
        "  hint: did you mean 'strides'? (the phases are listed in site.yaml)",
        "1 error",
    ]
    assert live.get("/drills/strides/")[2] == good
    assert "1 problem(s), still serving the last good site" in live.lines[-1]

    # A tab opened while the site is broken sees the problems at once.
    late = EventStream(live.server.port)
    assert late.next("problems") == problems
    late.close()

    _edit(live.content / "drills" / "strides.md", "phase: stride", "phase: strides")
    # Back to the last good content: no page differs from what is on disk, but the message
    # still comes, and the script reloads any tab that showed the overlay.
    assert stream.next("reload") == []
    assert live.get("/drills/strides/")[2] == good


def test_the_overlay_is_text_not_markup(live: Live) -> None:
    script = live.get("/__stride/live.js")[2].decode()
    assert "textContent" in script and "innerHTML" not in script


def test_the_reload_script_is_only_added_by_the_server(live: Live) -> None:
    served = live.get("/")[2]
    on_disk = (live.out / "index.html").read_bytes()
    assert b'<script src="/__stride/live.js"></script>' in served
    assert b"__stride" not in on_disk
    assert served.replace(b'<script src="/__stride/live.js"></script>\n', b"") == on_disk


def test_a_template_change_rebuilds_the_pages_that_use_it(live: Live, stream: EventStream) -> None:
    _edit(live.content.parent / "templates" / "macros" / "dose.html", 'class="dose"', 'class="dose amount"')
    changed = stream.next("reload")
    assert "/routines/5k-easy/" in changed and "/drills/leg-swings/" in changed  # type: ignore[operator]
    assert "/safety/" not in changed  # type: ignore[operator]  # the page shows no dose
    assert b'class="dose amount"' in live.get("/routines/5k-easy/")[2]


def _raw_get(port: int, target: str) -> int:
    """Status of a request sent byte for byte, so no client normalises the path first."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        return int(connection.recv(100).split()[1])


@pytest.mark.parametrize(("target", "status"), [
    ("/../../../../etc/passwd", 403),
    ("/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 403),
    ("/%252e%252e/%252e%252e/etc/passwd", 404),  # decoded once: a literal name, which does not exist
    ("/drills/..%2f..%2f..%2fetc/passwd", 403),
    ("//etc/passwd", 404),
    ("/etc/passwd", 404),
    ("/drills/%00", 400),
    ("/assets\\..\\..\\etc\\passwd", 400),
])
def test_requests_outside_the_output_are_refused(live: Live, target: str, status: int) -> None:
    assert _raw_get(live.server.port, target) == status


def test_a_symlink_out_of_the_output_is_refused(live: Live, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (live.out / "leak.txt").symlink_to(secret)
    assert _raw_get(live.server.port, "/leak.txt") == 403


def test_missing_pages_get_the_404_page_and_files_their_mime_type(live: Live) -> None:
    status, kind, body = live.get("/no/such/page/")
    assert (status, kind) == (404, "text/html; charset=utf-8")
    assert b"Page not found" in body
    css = next(p for p in (live.out / "assets" / "css").iterdir() if p.name.startswith("site."))
    status, kind, _ = live.get(f"/assets/css/{css.name}")
    assert (status, kind) == (200, "text/css; charset=utf-8")
    assert live.get("/sitemap.xml")[1].startswith(("application/xml", "text/xml"))


def test_fifty_open_streams_do_not_block_pages(live: Live) -> None:
    streams = [EventStream(live.server.port) for _ in range(50)]
    try:
        assert all(live.get(url)[0] == 200 for url in ("/", "/drills/", "/routines/race-day/card/"))
        # A client that vanishes mid-stream must not wedge the server.
        vanishing = socket.create_connection(("127.0.0.1", live.server.port), timeout=5)
        vanishing.sendall(f"GET /__stride/events HTTP/1.1\r\nHost: localhost:{live.server.port}\r\n\r\n".encode())
        assert vanishing.recv(100).startswith(b"HTTP/1.1 200")
        vanishing.close()
        _edit(live.content / "pages" / "about.md", "Based on an article.", "Based on the article.")
        assert streams[-1].next("reload")
        assert live.get("/about/")[0] == 200
    finally:
        for events in streams:
            events.close()


def test_a_taken_port_moves_to_the_next_free_one(live: Live, tmp_path: Path) -> None:
    second = DevServer(Builder(live.content, PurePosixPath("content")), tmp_path / "other", "127.0.0.1",
                       live.server.port, lambda line: None)
    try:
        assert second.port != live.server.port
    finally:
        second.server.server_close()


def test_stopping_leaves_no_thread_behind(tmp_path: Path, live: Live) -> None:
    before = {thread.name for thread in threading.enumerate()}
    assert "builder" in before and "http" in before
    live.server.stop()
    time.sleep(0.1)
    assert not [t for t in threading.enumerate() if t.name in ("builder", "http") and t.is_alive()]
    live.server.stop = lambda: None  # type: ignore[method-assign]  # the fixture stops it again


def test_editor_noise_is_ignored_and_atomic_saves_are_seen(live: Live, stream: EventStream) -> None:
    drills = live.content / "drills"
    (drills / ".leg-swings.md.swp").write_text("swap")
    (drills / "leg-swings.md~").write_text("backup")
    # An editor's atomic save: write a temporary file, then rename it over the original.
    temporary = drills / ".leg-swings.md.tmp123"
    temporary.write_text((drills / "leg-swings.md").read_text().replace("Chasing height.", "Swinging for height."))
    os.replace(temporary, drills / "leg-swings.md")
    assert "/drills/leg-swings/" in stream.next("reload")  # type: ignore[operator]
    assert b"Swinging for height." in live.get("/drills/leg-swings/")[2]


def test_a_sed_style_save_is_reported_as_the_file_it_changed(live: Live, stream: EventStream) -> None:
    drill = live.content / "drills" / "leg-swings.md"
    # `sed -i`: the new text goes to a temporary file beside it, renamed over the original.
    temporary = drill.with_name("sedcOYk7j")
    temporary.write_text(drill.read_text().replace("Chasing height.", "Kicking for height."))
    os.replace(temporary, drill)
    assert "/drills/leg-swings/" in stream.next("reload")  # type: ignore[operator]
    assert [line.split(":")[0] for line in live.lines[1:]] == ["changed content/drills/leg-swings.md"]


def test_ctrl_c_stops_the_command_cleanly_with_a_tab_open(tmp_path: Path) -> None:
    import shutil
    import signal
    import subprocess
    import sys

    from tests.conftest import FIXTURE_SITE

    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    project = Path(__file__).resolve().parents[2]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(project / "build.py"), "serve", "--port", str(port)],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    lines = [server.stdout.readline(), server.stdout.readline()]
    assert lines[1].startswith(f"serving _site at http://127.0.0.1:{port}/"), lines
    tab = EventStream(port)
    server.send_signal(signal.SIGINT)
    assert server.wait(timeout=10) == 0
    assert server.stdout.read().strip() == "stopping"
    tab.close()


def test_the_preview_never_offers_a_service_worker(live: Live) -> None:
    assert (live.out / "sw.js").is_file()  # the build writes it...
    assert live.get("/sw.js")[0] == 404  # ...but a worker caching pages would hide every edit
