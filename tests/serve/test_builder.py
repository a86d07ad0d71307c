"""Whatever a rebuild raises, the builder reports it and rebuilds the next edit; its lines cannot be forged."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

import pytest

from site_gen.builder import Builder, BuildResult
from site_gen.serve import DevServer, printable
from tests.conftest import FIXTURE_SITE
from tests.serve.conftest import EventStream, Live, start_live

INTERNAL = ("internal error while rebuilding (RecursionError: maximum recursion depth exceeded); "
            "this is a bug in site_gen, please report it")


class _Exploding(Builder):
    """The real builder, except that it raises on content that says EXPLODE (a stand-in for any bug)."""

    def build(self, out: Path, changed: Iterable[Path] | None = None) -> BuildResult:
        if any("EXPLODE" in path.read_text() for path in self.content.rglob("*.md")):
            raise RecursionError("maximum recursion depth exceeded")
        return super().build(out, changed)


@pytest.fixture
def fragile(tmp_path: Path) -> Iterator[Live]:
    running = start_live(tmp_path, _Exploding)
    yield running
    running.server.stop()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_rebuild_that_raises_is_reported_and_the_next_edit_rebuilt(fragile: Live) -> None:
    stream = EventStream(fragile.server.port)
    try:
        drill = fragile.content / "drills" / "leg-swings.md"
        good = fragile.get("/drills/leg-swings/")[2]
        _replace(drill, "Loosen the hips", "EXPLODE the hips")
        assert stream.next("problems") == [INTERNAL]
        assert fragile.lines[-1].startswith(f"changed content/drills/leg-swings.md: {INTERNAL}; "
                                            "still serving the last good site (")
        assert "\n" not in fragile.lines[-1]
        assert fragile.get("/drills/leg-swings/")[2] == good

        _replace(drill, "EXPLODE the hips", "Free the hips")
        assert "/drills/leg-swings/" in stream.next("reload")  # type: ignore[operator]
        assert b"Free the hips and hamstrings beside a wall." in fragile.get("/drills/leg-swings/")[2]
        assert " file(s) written in " in fragile.lines[-1]
    finally:
        stream.close()


def test_a_first_build_that_raises_still_serves_and_rebuilds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    _replace(content / "drills" / "strides.md", "phase: strides", "phase: strides  # EXPLODE")
    lines: list[str] = []
    server = DevServer(_Exploding(content, PurePosixPath("content"), workers=1), tmp_path / "_site", "127.0.0.1", 0,
                       lines.append)
    try:
        assert server.start().failure == INTERNAL
        assert len(lines) == 1 and lines[0].startswith(f"start: {INTERNAL}; still serving the last good site (")
        stream = EventStream(server.port)
        assert stream.next("problems") == [INTERNAL]  # a tab opened later still sees it
        _replace(content / "drills" / "strides.md", "  # EXPLODE", "")
        assert "/drills/strides/" in stream.next("reload")  # type: ignore[operator]
        stream.close()
    finally:
        server.stop()


DEEP = ["content/drills/leg-swings.md:5:27: nested more than 20 levels deep",
        "  hint: a drill, routine or site.yaml needs a few levels of lists and fields; flatten it"]
LONG = ["content/drills/leg-swings.md:5:10001: line is 120,007 characters long; the limit is 10,000",
        "  hint: break it into shorter lines"]


# 2,000 deep was past Python's recursion limit (a dead builder); 60,000 crashed the YAML library (a dead server).
@pytest.mark.parametrize(("depth", "expected"), [(2_000, [*DEEP, "1 error"]), (60_000, [*DEEP, *LONG, "2 errors"])])
def test_yaml_nested_too_deep_is_reported_and_the_next_edit_rebuilt(live: Live, depth: int,
                                                                     expected: list[str]) -> None:
    stream = EventStream(live.server.port)
    try:
        drill = live.content / "drills" / "leg-swings.md"
        good = drill.read_text()
        drill.write_text(good.replace("zones: [hips, hamstrings]", "zones: " + "[" * depth + "]" * depth, 1))
        # Refused at the line and column where the limit is crossed, before the YAML library sees it.
        assert stream.next("problems", timeout=30) == expected
        drill.write_text(good.replace("Loosen the hips", "Free the hips"))
        assert "/drills/leg-swings/" in stream.next("reload", timeout=30)  # type: ignore[operator]
        assert b"Free the hips" in live.get("/drills/leg-swings/")[2]
    finally:
        stream.close()


def test_a_changed_file_name_cannot_forge_terminal_lines(live: Live) -> None:
    stream = EventStream(live.server.port)
    try:
        (live.content / "pages" / "x\x1b[2K\rok\nforged:1:1: done.md").write_text("---\ntitle: X\n---\nText.\n")
        stream.next("problems")  # the name is no slug
        assert live.lines[-1].startswith(r"changed content/pages/x\x1b[2K\rok\nforged:1:1: done.md: ")
        assert "\x1b" not in live.lines[-1] and "\r" not in live.lines[-1]
    finally:
        stream.close()


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("plain text, ünïcode and symbols: ✓") == "plain text, ünïcode and symbols: ✓"
    assert printable("a\nb\rc\x1b[31md\x7f\x85\u2028\u202e\udc80\t") == (
        r"a\nb\rc\x1b[31md\x7f\x85\u2028\u202e\udc80\t")
