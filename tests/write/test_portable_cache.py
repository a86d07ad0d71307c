"""A build cache moved to another checkout (a CI cache restored) is used, and the output is the same bytes.

The cache is named by content, not by where the project sits: a fresh checkout with `.cache/`
restored and no `_site/` links the last build's files from the cache's store instead of
rendering them. A store file that is damaged, forged or not a file costs a warning and a
render, never a wrong byte.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import tree_hashes
from tests.write.test_cache_hostile import _lines, _plain, _state_bytes, _state_of


def _written(out: str) -> int:
    """The "N written" of a build's summary line."""
    return int(out.split(", ")[1].split()[0])


def _checkout(here: Path, elsewhere: Path) -> None:
    """A fresh checkout of `here` at `elsewhere`, with the cache restored: the content and .cache/, no _site."""
    elsewhere.mkdir()
    shutil.copytree(here / "content", elsewhere / "content")
    shutil.copytree(here / ".cache", elsewhere / ".cache", symlinks=True)


def _store() -> Path:
    return next(Path(".cache").glob("*.pages"))


def test_a_restored_cache_in_another_checkout_links_the_pages_and_gives_a_clean_builds_bytes(
        site_copy: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("build").code == 0
    pages = len(tree_hashes(Path("_site")))
    _checkout(tmp_path, tmp_path / "ci")
    monkeypatch.chdir(tmp_path / "ci")

    result = run("build")

    assert (result.code, result.err) == (0, "")
    assert _written(result.out) == 0  # every file came from the store: nothing rendered, nothing written
    assert os.stat("_site/index.html").st_nlink == 2  # the very file of the store, not a copy
    assert run("build", "--no-cache", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    assert len(tree_hashes(Path("_site"))) == pages


def test_a_pull_request_build_with_a_restored_cache_equals_a_clean_and_an_incremental_build(
        site_copy: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("build").code == 0
    _checkout(tmp_path, tmp_path / "ci")
    for where in (tmp_path, tmp_path / "ci"):  # the same edit in both checkouts
        drill = where / "content" / "drills" / "leg-swings.md"
        drill.write_text(drill.read_text().replace("Loosen the hips", "Free the hips"))
    incremental = run("build")
    assert incremental.code == 0 and 0 < _written(incremental.out)
    monkeypatch.chdir(tmp_path / "ci")

    warm = run("build")

    assert (warm.code, warm.err) == (0, "")
    assert 0 < _written(warm.out) < len(tree_hashes(Path("_site"))) // 2  # what shows the drill, not the site
    assert "Free the hips" in Path("_site/drills/leg-swings/index.html").read_text()
    assert run("build", "--no-cache", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean")) == tree_hashes(tmp_path / "_site")


def test_an_output_with_its_times_lost_is_judged_by_its_bytes(site_copy: Path, run) -> None:
    assert run("build").code == 0
    for path in Path("_site").rglob("*"):  # as a tar or a copy without sub-second times leaves it
        if path.is_file():
            os.utime(path, ns=(0, path.stat().st_mtime_ns // 10**9 * 10**9 - 10**9))
    before = {path: path.stat().st_mtime_ns for path in Path("_site").rglob("*") if path.is_file()}

    result = run("build")

    assert (result.code, _written(result.out)) == (0, 0)
    assert {path: path.stat().st_mtime_ns for path in Path("_site").rglob("*") if path.is_file()} == before


def _truncate(file: Path) -> None:
    file.write_bytes(file.read_bytes()[:10])


def _forge(file: Path) -> None:
    data = file.read_bytes()  # the same size, other bytes: a forged page under a true name
    file.write_bytes(bytes([data[0] ^ 1]) + data[1:])


def _link_away(file: Path) -> None:
    target = file.with_name("elsewhere.html")
    os.replace(file, target)
    file.symlink_to(target)  # even to the right bytes: the store holds files, never links


def _fifo(file: Path) -> None:
    file.unlink()
    os.mkfifo(file)  # reading it would wait for a writer forever


@pytest.mark.parametrize("damage", [_truncate, _forge, _link_away, _fifo])
def test_a_damaged_store_file_costs_a_warning_and_a_render(site_copy: Path, run, damage) -> None:
    assert run("build").code == 0
    good = tree_hashes(Path("_site"))
    shutil.rmtree("_site")
    stored = _store() / next(name for name in sorted(os.listdir(_store())))
    damage(stored)

    result = run("build")

    assert result.code == 0
    assert result.err == f"warning: build cache {_store()}: 1 stored file(s) damaged; rendering them again\n"
    assert tree_hashes(Path("_site")) == good
    shutil.rmtree("_site")
    assert run("build").err == ""  # the store was mended by the build


def test_a_forged_digest_in_the_state_never_names_a_file_outside_the_store(site_copy: Path, run,
                                                                           tmp_path: Path) -> None:
    assert run("build").code == 0
    good = tree_hashes(Path("_site"))
    state_file = next(Path(".cache").glob("*.state"))
    state = _plain(_state_of(state_file))
    outside = tmp_path / "outside.html"
    outside.write_text("not the site")
    state["outputs"] = {path: os.path.relpath(outside, _store()) for path in state["outputs"]}
    state_file.write_bytes(_state_bytes(_lines(state)))
    shutil.rmtree("_site")

    result = run("build")

    assert result.code == 0
    assert tree_hashes(Path("_site")) == good
    assert outside.read_text() == "not the site"


def _state_payload() -> bytes:
    return _state_of(next(Path(".cache").glob("*.state")))


def test_a_rebuild_saves_the_state_a_clean_build_saves(site_copy: Path, run, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # A rebuild writes the entries it did not check again as it read them: they must be what
    # encoding them would give, or a later build would start from a state no build made.
    assert run("build").code == 0
    for name in ("leg-swings.md", "strides.md"):
        drill = site_copy / "drills" / name
        drill.write_text(drill.read_text() + "\nOne more line.\n")
        assert run("build").code == 0
    rebuilt = _state_payload()
    (tmp_path / "clean").mkdir()
    shutil.copytree(site_copy, tmp_path / "clean" / "content")
    monkeypatch.chdir(tmp_path / "clean")
    assert run("build").code == 0
    clean = _state_payload()
    # The memo, a line an entry, byte for byte; the rest as data (its maps' order is how they were filled).
    assert rebuilt.split(b"\n")[1:] == clean.split(b"\n")[1:]
    assert _plain(rebuilt) == _plain(clean)


def test_the_library_versions_are_what_importlib_metadata_says() -> None:
    from importlib.metadata import version

    from site_gen.cache import library_versions

    names = ("jinja2", "markdown-it-py", "pyyaml", "markupsafe", "pillow")
    assert library_versions(names) == [f"{name}={version(name)}" for name in names]
