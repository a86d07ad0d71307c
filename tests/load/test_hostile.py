"""Files no editor makes: loops, pipes, unreadable or oversized files, invisible characters.

Each becomes one problem at its file (and line), never a traceback or a hang, and a file
that exists but cannot be read still counts as existing: links to it are not errors too.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from site_gen import load
from site_gen.builder import Builder
from site_gen.load import MAX_BYTES, load_sources
from site_gen.text import MAX_LINE

from ..conftest import FIXTURE_SITE
from ..helpers import unprivileged

SHOWN = PurePosixPath("content")
LOOP = "symlink loop: following it leads back to itself\n  hint: replace the symlink with the file itself"


def _messages(root: Path) -> list[str]:
    return [str(problem) for problem in load_sources(root, SHOWN)[1]]


def test_symlink_loops_are_problems_not_tracebacks(site_copy: Path) -> None:
    drills = site_copy / "drills"
    (drills / "a.md").symlink_to("b.md")
    (drills / "b.md").symlink_to("a.md")
    (drills / "self.md").symlink_to("self.md")
    (site_copy / "loop").symlink_to("loop")
    assert sorted(_messages(site_copy)) == [f"content/drills/a.md:1: {LOOP}", f"content/drills/b.md:1: {LOOP}",
                                    f"content/drills/self.md:1: {LOOP}", f"content/loop:1: {LOOP}"]


def test_a_content_folder_that_loops_is_a_problem(site_copy: Path, tmp_path: Path) -> None:
    shutil.rmtree(site_copy / "pages")
    (site_copy / "pages").symlink_to("pages")
    assert _messages(site_copy) == [f"content/pages:1: {LOOP}"]
    (tmp_path / "looped").symlink_to("looped")
    assert [str(p) for p in load_sources(tmp_path / "looped", SHOWN)[1]] == [f"content:1: {LOOP}"]


def test_pipes_and_sockets_are_not_read(site_copy: Path) -> None:
    os.mkfifo(site_copy / "routines" / "x.yaml")  # reading it would wait for a writer forever
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(site_copy / "pages" / "s.md"))
        assert _messages(site_copy) == [
            "content/pages/s.md:1: not a regular file: it is a socket\n  hint: content files are plain text files; remove it",
            ("content/routines/x.yaml:1: not a regular file: it is a named pipe\n"
            "  hint: content files are plain text files; remove it"),
        ]
    finally:
        server.close()


def test_a_symlink_to_a_pipe_is_not_read(site_copy: Path) -> None:
    os.mkfifo(site_copy / "routines" / ".pipe")
    (site_copy / "routines" / "x.yaml").symlink_to(".pipe")
    assert _messages(site_copy) == [
        ("content/routines/x.yaml:1: symlink does not point to a file (it points to a named pipe)\n"
        "  hint: replace it with the file itself")]


def test_an_oversized_file_is_the_only_error_links_to_it_still_resolve(site_copy: Path) -> None:
    # Two routines and a page name 'strides': none of them may report it unknown.
    (site_copy / "drills" / "strides.md").write_bytes(b"x" * (MAX_BYTES + 1))
    site, problems = Builder(site_copy, SHOWN).read()
    assert site is None
    assert [str(p) for p in problems] == [
        ("content/drills/strides.md:1: file is 256 KB; the limit is 256 KB\n"
        "  hint: split it, or remove what does not belong in a drill, routine or page")]




@pytest.fixture
def open_site() -> Iterator[Path]:
    """A copy of the fixture site in a folder anyone may enter (pytest's tmp_path is root's own)."""
    parent = Path(tempfile.mkdtemp(prefix="stride-unreadable-"))
    parent.chmod(0o755)
    content = parent / "content"
    shutil.copytree(FIXTURE_SITE, content)
    for folder, _, names in os.walk(content):
        os.chmod(folder, 0o755)
        for name in names:
            os.chmod(os.path.join(folder, name), 0o644)
    yield content
    for folder, _, _ in os.walk(parent):
        os.chmod(folder, 0o755)
    shutil.rmtree(parent)


def test_unreadable_files_and_folders_are_errors_at_them(open_site: Path) -> None:
    (open_site / "drills" / "strides.md").chmod(0o000)
    private = open_site / "pages" / "private"
    private.mkdir()
    (private / "notes.md").write_text("---\ntitle: Notes\n---\nText.\n")
    private.chmod(0o000)  # os.walk skipped it in silence: its pages vanished from the site
    with unprivileged():
        site, problems = Builder(open_site, SHOWN).read()
    assert site is None
    assert [str(p) for p in problems] == [
        ("content/drills/strides.md:1: file cannot be read: permission denied\n"
        "  hint: make it readable by whoever runs the build (chmod a+r)"),
        ("content/pages/private:1: folder cannot be read: permission denied\n"
        "  hint: make it readable by whoever runs the build (chmod a+rx)"),
    ]


def test_an_unreadable_content_folder_is_one_error(open_site: Path) -> None:
    open_site.chmod(0o000)
    with unprivileged():
        files, problems = load_sources(open_site, SHOWN)
    assert files == ()
    assert [str(p) for p in problems] == [
        ("content:1: folder cannot be read: permission denied\n"
        "  hint: make it readable by whoever runs the build (chmod a+rx)")]


def test_old_mac_line_ends_count_as_lines(site_copy: Path) -> None:
    routine = site_copy / "routines" / "5k-easy.yaml"
    routine.write_bytes(routine.read_bytes().replace(b"\n", b"\r").replace(b"minutes: 10", b"minutes: 11"))
    assert [str(p) for p in Builder(site_copy, SHOWN).read()[1]] == [
        ("content/routines/5k-easy.yaml:5:10: minutes is 11, but the steps add up to 10 min\n"
        "  hint: set 'minutes: 10', or change the steps' doses")]


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x9b"])
def test_control_characters_are_one_problem_at_the_first(site_copy: Path, character: str) -> None:
    routine = site_copy / "routines" / "5k-easy.yaml"
    routine.write_text(routine.read_text().replace("Hold the wall", f"Hold{character} the{character} wall"))
    files, problems = load_sources(site_copy, SHOWN)
    assert [str(p) for p in problems] == [
        (f"content/routines/5k-easy.yaml:13:15: invisible control character U+{ord(character):04X} in the text\n"
        "  hint: delete it; retype the text around it if you cannot see where it is")]
    # The rest of the file is still read, so its other mistakes show and links to it resolve.
    text = next(f.text for f in files if f.slug == "5k-easy")
    assert "Hold\ufffd the\ufffd wall" in text
    assert [str(p) for p in Builder(site_copy, SHOWN).read()[1]] == [str(p) for p in problems]


def test_a_line_over_the_limit_is_an_error_at_it(site_copy: Path) -> None:
    page = site_copy / "pages" / "safety.md"
    page.write_text(page.read_text() + "\n" + "word " * (MAX_LINE // 5) + "end\n\nshort\n" + "x" * MAX_LINE + "\n")
    lines = page.read_text().split("\n")
    long_line = next(number for number, line in enumerate(lines, start=1) if len(line) > MAX_LINE)
    assert _messages(site_copy) == [
        (f"content/pages/safety.md:{long_line}:10001: line is 10,003 characters long; the limit is 10,000\n"
        "  hint: break it into shorter lines")]


def test_too_many_files_are_refused_before_any_is_read(site_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_FILES", 7)  # the fixture site has 8 files
    assert load_sources(site_copy, SHOWN) == ((), (load.Problem(load.Location(SHOWN, 1), (
        "the content folder holds 8 files; the limit is 7"), "split the guide, or remove what is not content"),))
    monkeypatch.setattr(load, "MAX_FILES", 8)
    assert load_sources(site_copy, SHOWN)[1] == ()
    (site_copy / "drills" / "stray.txt").write_text("not content, but a file all the same")
    assert [p.message for p in load_sources(site_copy, SHOWN)[1]] == ["the content folder holds 9 files; the limit is 8"]
