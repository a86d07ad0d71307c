"""A build with nothing touched reads no content; anything touched, or edited under a build, is read again.

Each build here is what one `build.py build` does (a fresh process): a new Builder over the
same cache, so nothing is remembered but what `.cache/` holds.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from unittest.mock import ANY

import pytest

import site_gen.builder
import site_gen.load
import site_gen.quick
from site_gen.builder import Builder, BuildResult
from site_gen.cache import BuildCache
from site_gen.cli import CACHE
from site_gen.input_stats import input_stats
from tests.helpers import tree_hashes

OUT = Path("_site")
DRILL = Path("drills/leg-swings.md")


def _build(content: Path) -> BuildResult:
    result = Builder(content, PurePosixPath("content"), cache=BuildCache(CACHE)).build(OUT)
    assert not result.problems, result.problems
    return result


def _after_reading(monkeypatch: pytest.MonkeyPatch, then: Callable[[PurePosixPath], None]) -> None:
    """Call `then` with each content file's shown path once a build has read it: by the loader, or by a
    build after an edit comparing a touched file's content (site_gen/quick.py)."""
    read, read_input = site_gen.load._read, site_gen.quick._read_input

    def loaded(path: Path, shown: PurePosixPath, *args: object) -> object:
        found = read(path, shown, *args)  # type: ignore[arg-type]
        then(shown)
        return found

    def compared(folders: site_gen.quick.Folders, key: str) -> str | None:
        found = read_input(folders, key)
        if key.startswith("0 "):
            then(folders.shown_as / key[2:])
        return found

    monkeypatch.setattr(site_gen.load, "_read", loaded)
    monkeypatch.setattr(site_gen.quick, "_read_input", compared)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[PurePosixPath]:
    """Each content file the builds read, in order (by its shown path); a build with nothing to do reads none."""
    seen: list[PurePosixPath] = []
    _after_reading(monkeypatch, seen.append)
    return seen


def _clean_build(content: Path) -> dict[str, str]:
    Builder(content, PurePosixPath("content")).build(Path("clean"))
    return tree_hashes(Path("clean"))


def test_a_build_with_nothing_touched_reads_no_content(site_copy: Path, reads: list[PurePosixPath]) -> None:
    first = _build(site_copy)
    assert PurePosixPath("content") / DRILL in reads
    reads.clear()
    again = _build(site_copy)
    assert (again.files, again.written, reads) == (first.files, 0, [])


@pytest.mark.parametrize("touched", [DRILL, Path("routines/5k-easy.yaml")])
def test_a_file_saved_unchanged_is_read_once_and_then_no_more(site_copy: Path, reads: list[PurePosixPath],
                                                              touched: Path) -> None:
    _build(site_copy)
    reads.clear()
    os.utime(site_copy / touched)  # saved without a change: a new modification time
    assert _build(site_copy).written == 0  # read, found the same, nothing written
    assert PurePosixPath("content") / touched in reads
    reads.clear()
    assert (_build(site_copy).written, reads) == (0, [])  # and the next build stops before reading


@pytest.mark.parametrize("where", ["content", "templates", "assets"])
def test_a_touched_input_anywhere_is_read_again(site_copy: Path, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(site_copy)
    number, folder = {"content": (0, site_copy), "templates": (1, site_gen.builder.TEMPLATES),
                      "assets": (2, site_gen.builder.ASSETS)}[where]
    touched = next(path for path in sorted(folder.rglob("*")) if path.is_file())
    read: list[str] = []
    read_input = site_gen.quick._read_input
    monkeypatch.setattr(site_gen.quick, "_read_input",
                        lambda folders, key: read.append(key) or read_input(folders, key))
    status = touched.stat()
    try:
        os.utime(touched, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
        assert _build(site_copy).written == 0
    finally:
        os.utime(touched, ns=(status.st_atime_ns, status.st_mtime_ns))
    # Read and compared by content: the same bytes, so nothing is made again.
    assert read == [f"{number} {touched.relative_to(folder).as_posix()}"], f"touching {touched} was not noticed"


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(site_copy: Path) -> None:
    _build(site_copy)
    drill = site_copy / DRILL
    status = drill.stat()
    text = drill.read_text()
    assert "Loosen the hips" in text
    drill.write_text(text.replace("Loosen the hips", "Losen, the hips"))  # the same length
    os.utime(drill, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the old time, as `touch -r` would
    assert drill.stat().st_size == status.st_size
    assert _build(site_copy).written > 0
    assert tree_hashes(OUT) == _clean_build(site_copy)


def test_an_edit_made_while_a_build_reads_is_seen_by_the_next(site_copy: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _build(site_copy)
    drill = site_copy / DRILL

    def edit(shown: PurePosixPath) -> None:
        if shown.name == drill.name:
            drill.write_text(drill.read_text().replace("Loosen the hips", "Free the hips"))

    with monkeypatch.context() as patched:
        _after_reading(patched, edit)
        os.utime(drill)  # saved unchanged, so that the next build reads
        _build(site_copy)  # built from what it read: the old words
    assert "Free the hips" in drill.read_text()
    assert _build(site_copy).written > 0
    assert tree_hashes(OUT) == _clean_build(site_copy)


def test_status_alone_cannot_vouch_for_a_symbolic_link(tmp_path: Path) -> None:
    (tmp_path / "drills").mkdir()
    (tmp_path / "elsewhere.md").write_text("x")
    assert input_stats(tmp_path, ()) == {"0 elsewhere.md": ANY}
    (tmp_path / "drills" / "linked.md").symlink_to(tmp_path / "elsewhere.md")
    assert input_stats(tmp_path, ()) is None


def test_editor_files_in_the_content_are_no_input(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: x\n")
    before = input_stats(tmp_path, ())
    for name in (".site.yaml.swp", "site.yaml~", "4913", ".#site.yaml"):
        (tmp_path / name).write_text("editor")
    assert input_stats(tmp_path, ()) == before


def test_a_build_with_nothing_to_do_replaces_nothing_so_a_foreign_file_waits_for_the_next_that_writes(
        site_copy: Path, run) -> None:
    assert run("build").code == 0
    (OUT / "notes.txt").write_text("mine")
    result = run("build")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("built _site: 40 files, 0 written, in ")
    assert (OUT / "notes.txt").read_text() == "mine"
    os.utime(site_copy / DRILL)  # touched: this build reads, and would replace the folder
    result = run("build")
    assert result.code == 2
    assert "holds files that no build wrote (notes.txt)" in result.err
    assert (OUT / "notes.txt").read_text() == "mine"
