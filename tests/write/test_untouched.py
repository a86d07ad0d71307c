"""A build with nothing touched reads no content; anything touched, or edited under a build, is read again.

Each build here is what one `build.py build` does (a fresh process): a new Builder over the
same cache, so nothing is remembered but what `.cache/` holds.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

import site_gen.builder
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


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content folders each build read, in order; a build with nothing to do reads none."""
    seen: list[Path] = []
    load = site_gen.builder.load_sources

    def counted(root: Path, *args: object) -> object:
        seen.append(root)
        return load(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(site_gen.builder, "load_sources", counted)
    return seen


def _clean_build(content: Path) -> dict[str, str]:
    Builder(content, PurePosixPath("content")).build(Path("clean"))
    return tree_hashes(Path("clean"))


def test_a_build_with_nothing_touched_reads_no_content(site_copy: Path, reads: list[Path]) -> None:
    first = _build(site_copy)
    assert len(reads) == 1
    again = _build(site_copy)
    assert (again.files, again.written, len(reads)) == (first.files, 0, 1)


def test_a_file_saved_unchanged_is_read_once_and_then_no_more(site_copy: Path, reads: list[Path]) -> None:
    _build(site_copy)
    os.utime(site_copy / DRILL)  # saved without a change: a new modification time
    assert (_build(site_copy).written, len(reads)) == (0, 2)  # read, found the same, nothing written
    assert (_build(site_copy).written, len(reads)) == (0, 2)  # and the next build stops before reading


@pytest.mark.parametrize("where", ["content", "templates", "assets"])
def test_a_touched_input_anywhere_is_read_again(site_copy: Path, reads: list[Path], where: str,
                                                tmp_path: Path) -> None:
    _build(site_copy)
    folder = {"content": site_copy, "templates": site_gen.builder.TEMPLATES, "assets": site_gen.builder.ASSETS}[where]
    touched = next(path for path in sorted(folder.rglob("*")) if path.is_file())
    status = touched.stat()
    try:
        os.utime(touched, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
        _build(site_copy)
    finally:
        os.utime(touched, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert len(reads) == 2, f"touching {touched} was not noticed"


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
    load: Callable[..., object] = site_gen.builder.load_sources

    def edited_after_reading(root: Path, *args: object) -> object:
        loaded = load(root, *args)
        drill.write_text(drill.read_text().replace("Loosen the hips", "Free the hips"))
        return loaded

    monkeypatch.setattr(site_gen.builder, "load_sources", edited_after_reading)
    os.utime(drill)  # saved unchanged, so that the next build reads
    _build(site_copy)  # built from what it read: the old words
    monkeypatch.setattr(site_gen.builder, "load_sources", load)
    assert _build(site_copy).written > 0
    assert tree_hashes(OUT) == _clean_build(site_copy)


def test_status_alone_cannot_vouch_for_a_symbolic_link(tmp_path: Path) -> None:
    (tmp_path / "drills").mkdir()
    (tmp_path / "elsewhere.md").write_text("x")
    assert input_stats(tmp_path, ()) != ""
    (tmp_path / "drills" / "linked.md").symlink_to(tmp_path / "elsewhere.md")
    assert input_stats(tmp_path, ()) == ""


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
