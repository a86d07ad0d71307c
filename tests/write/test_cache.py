"""The build cache: same bytes with and without it, nothing done when nothing changed, and never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import tree_hashes


def _times(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_the_cache_changes_nothing_in_the_output(site_copy: Path, run) -> None:
    assert run("build", "--no-cache", "--out", "plain").code == 0
    assert not Path(".cache").exists(), "--no-cache wrote a cache"
    assert run("build", "--out", "cached").code == 0
    assert tree_hashes(Path("cached")) == tree_hashes(Path("plain"))
    assert sorted(path.name.partition(".")[2] for path in Path(".cache").iterdir()) == ["pages", "stamp.json", "state"]


def test_a_build_with_nothing_changed_writes_nothing(site_copy: Path, run) -> None:
    assert run("build").code == 0
    before = _times(Path("_site"))
    result = run("build")
    assert result.code == 0
    assert result.out.startswith(f"built _site: {len(before)} files, 0 written, in ")
    assert _times(Path("_site")) == before


def test_an_edit_between_builds_shows_up_and_matches_a_clean_build(site_copy: Path, run) -> None:
    assert run("build").code == 0
    drill = site_copy / "drills" / "leg-swings.md"
    drill.write_text(drill.read_text().replace("Loosen the hips", "Free the hips"))
    result = run("build")
    assert result.code == 0
    written = int(result.out.split(", ")[1].split()[0])
    assert 0 < written < len(tree_hashes(Path("_site")))  # only what shows the drill
    assert "Free the hips" in Path("_site/drills/leg-swings/index.html").read_text()
    assert run("build", "--no-cache", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def test_an_output_file_changed_by_hand_is_put_right(site_copy: Path, run) -> None:
    assert run("build").code == 0
    good = tree_hashes(Path("_site"))
    Path("_site/drills/strides/index.html").write_text("tampered")
    (Path("_site/safety/index.html")).unlink()
    assert run("build").code == 0
    assert tree_hashes(Path("_site")) == good


def _state_file() -> Path:
    return next(Path(".cache").glob("*.state"))


@pytest.mark.parametrize(("damage", "why"), [
    (lambda data: data[: len(data) // 2], "corrupt or truncated"),
    (lambda data: data[:-10] + b"0123456789", "corrupt or truncated"),
    (lambda data: b"some other tool's cache\n" + data, "not a Stride Prep cache"),
    (lambda data: data.replace(data.split(b"\n")[1], b"0" * 32, 1), "made by another version of the generator"),
])
def test_a_damaged_cache_is_ignored_with_one_warning(site_copy: Path, run, damage, why: str) -> None:
    assert run("build").code == 0
    good = tree_hashes(Path("_site"))
    drill = site_copy / "drills" / "strides.md"
    drill.write_text(drill.read_text() + "\nOne more line.\n")
    assert run("build", "--no-cache", "--out", "clean").code == 0
    state = _state_file()
    state.write_bytes(damage(state.read_bytes()))

    result = run("build")

    assert result.code == 0
    assert result.err == f"warning: build cache {state} ignored ({why}); rebuilding it\n"
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean")) != good
    assert run("build").err == ""  # rebuilt: the next build trusts it again


def test_an_old_cache_is_ignored_with_one_warning(site_copy: Path, run) -> None:
    assert run("build").code == 0
    stamp = next(Path(".cache").glob("*.stamp.json"))
    stamp.write_text(stamp.read_text().replace('"version": "', '"version": "0', 1))
    result = run("build")
    assert result.err == f"warning: build cache {stamp} ignored (made by another version of the generator); rebuilding it\n"
    assert run("build").err == ""
