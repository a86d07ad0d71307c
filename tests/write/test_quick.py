"""A build after edits to drills alone (site_gen/quick.py): the full build's bytes and cache, or the full build.

Each build here is what one `build.py build` does (a fresh process: main() with the cache in
.cache/). Every field of a drill is edited in turn; whichever way the build goes, its output
must be a clean build's, and the state it leaves the one a clean build leaves.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from contextlib import chdir
from pathlib import Path

import pytest

import site_gen.builder
from site_gen.content_format import DRILL
from tests.helpers import tree_hashes
from tests.write.test_cache_hostile import IGNORED, _state_of
from tests.write.test_portable_cache import _written

STRIDES = Path("drills/strides.md")

# One edit of each field of content/drills/strides.md (and of its body), as a contributor makes it: text replaced.
EDITS = {
    "title": ("title: Strides", "title: Strides, controlled"),
    "summary": ("Short pick-ups then", "Short, easy pick-ups then"),
    "phase": ("phase: strides", "phase: pulse-raiser"),
    "zones": ("zones: [calves, hips]", "zones: [calves]"),
    "equipment": ("equipment: []", "equipment: [wall]"),
    "dose": ("dose: 4 reps", "dose: 5 reps"),
    "time": ("time: 3 min", "time: 150 s"),
    "parts": ("cues:\n", "parts:\n  - 15-20 s pick-up\n  - 10-15 s acceleration\n  - Ease down\ncues:\n"),
    "cues": ("  - Not maximum speed.", "  - Not maximum speed.\n  - Relaxed breathing."),
    "mistakes": ("  - Sprinting.", "  - Sprinting flat out."),
    "easier": ("easier: Fewer repeats.", "easier: Fewer repeats, gentler."),
    "harder": ("harder: More repeats.", "harder: More repeats, sharper cadence."),
    "stop_if": ("stop_if: Any sharp pain.", "stop_if: Any sharp pain; walk."),
    "checklist": ("checklist: Strides, controlled", "checklist: Strides, easy"),
    "figure": ("still: 2", "still: 1"),
    "body": ("into a controlled jog.", "into a controlled jog.\n\nEase down between them."),
}


@pytest.fixture
def full_builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content folders each full build loaded; a build after an edit the quick way loads none."""
    seen: list[Path] = []
    load = site_gen.builder.load_sources

    def counted(root: Path, *args: object) -> object:
        seen.append(root)
        return load(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(site_gen.builder, "load_sources", counted)
    return seen


def _edit(content: Path, field: str) -> None:
    old, new = EDITS[field]
    drill = content / STRIDES
    assert drill.read_text().count(old) == 1, f"the edit of {field} no longer fits {STRIDES}"
    drill.write_text(drill.read_text().replace(old, new))


def _clean(content: Path, run, tmp_path: Path) -> tuple[tuple[int, str], dict[str, str], bytes]:
    """A build of `content` from nothing, with a cache of its own: its exit code and errors, output and state."""
    home = tmp_path / "clean"
    shutil.copytree(content, home / "content")
    with chdir(home):
        result = run("build")
        if result.code != 0:
            return (result.code, result.err), {}, b""
        return (result.code, result.err), tree_hashes(Path("_site")), _state_of(next(Path(".cache").glob("*.state")))


def test_every_field_of_a_drill_has_an_edit_here() -> None:
    assert set(EDITS) == {field.name for field in DRILL.fields} | {"body"}


@pytest.mark.parametrize("field", sorted(EDITS))
def test_an_edit_of_any_field_builds_what_a_clean_build_does(site_copy: Path, run, tmp_path: Path,
                                                             full_builds: list[Path], field: str) -> None:
    assert run("build").code == 0
    before = tree_hashes(Path("_site"))
    full_builds.clear()
    _edit(site_copy, field)

    result = run("build")

    (code, err), clean, state = _clean(site_copy, run, tmp_path)
    assert (result.code, result.err) == (code, err)
    if code == 0:
        assert tree_hashes(Path("_site")) == clean
        # The memo, a line an entry, byte for byte: the next build starts from the state a clean build leaves.
        assert _state_of(next(Path(".cache").glob("*.state"))).split(b"\n")[1:] == state.split(b"\n")[1:]
    else:
        assert tree_hashes(Path("_site")) == before


@pytest.mark.parametrize("field", ["body", "mistakes", "easier", "harder", "stop_if"])
def test_an_edit_only_the_drill_s_page_shows_writes_that_page_and_the_service_worker_only(
        site_copy: Path, run, full_builds: list[Path], field: str) -> None:
    assert run("build").code == 0
    full_builds.clear()
    _edit(site_copy, field)
    result = run("build")
    assert result.code == 0
    assert result.out.startswith(f"built _site: {len(tree_hashes(Path('_site')))} files, 2 written, in ")
    assert full_builds == []  # nothing but the edited drill was read


@pytest.mark.parametrize("field", ["title", "checklist", "zones", "dose"])
def test_an_edit_other_pages_show_is_left_to_the_full_build(site_copy: Path, run, full_builds: list[Path],
                                                             field: str) -> None:
    assert run("build").code == 0
    full_builds.clear()
    _edit(site_copy, field)
    assert run("build").code == 0
    assert full_builds == [Path("content").absolute()]


def test_a_build_after_the_quick_one_starts_from_what_it_left(site_copy: Path, run, tmp_path: Path) -> None:
    assert run("build").code == 0
    _edit(site_copy, "body")
    assert run("build").code == 0
    routine = next((site_copy / "routines").iterdir())
    routine.write_text(routine.read_text().replace("title: ", "title: Edited ", 1))
    _edit(site_copy, "mistakes")
    assert run("build").code == 0
    assert tree_hashes(Path("_site")) == _clean(site_copy, run, tmp_path)[1]


def test_a_problem_in_the_edited_drill_is_reported_by_the_full_build_and_nothing_is_written(
        site_copy: Path, run) -> None:
    assert run("build").code == 0
    before = tree_hashes(Path("_site"))
    drill = site_copy / STRIDES
    drill.write_text(drill.read_text().replace("dose: 4 reps", "dose: 4 furlongs"))
    result = run("build")
    assert result.code == 1
    assert result.err.startswith("content/drills/strides.md:7:")
    assert result.err == run("check").out.rstrip("\n") + "\nnothing written: _site is unchanged\n"
    assert tree_hashes(Path("_site")) == before


def test_a_forged_line_of_the_edited_drill_costs_a_warning_and_the_full_build(site_copy: Path, run,
                                                                               tmp_path: Path) -> None:
    assert run("build").code == 0
    state = next(Path(".cache").glob("*.state"))
    header, _, body = state.read_bytes().partition(b"\n\n")
    forged = body.replace(b'["strides","Strides",', b'["strides",7,', 1)  # a number where its title goes
    assert forged != body
    lines = header.split(b"\n")
    state.write_bytes(b"\n".join([*lines[:2], hashlib.sha256(forged).hexdigest().encode()]) + b"\n\n" + forged)
    _edit(site_copy, "body")

    result = run("build")

    assert result.code == 0
    assert result.err == IGNORED.format(path=state, why="not a valid state: a Drill field is a int, not a str")
    assert tree_hashes(Path("_site")) == _clean(site_copy, run, tmp_path)[1]


def test_a_pull_request_build_in_a_fresh_checkout_with_the_cache_restored_goes_the_quick_way(
        site_copy: Path, run, tmp_path: Path, full_builds: list[Path]) -> None:
    # Every status is new there: each input is read and compared by content, and every output file is
    # linked from the store, checked, but the edited drill's page and the service worker.
    assert run("build").code == 0
    ci = tmp_path / "ci"
    ci.mkdir()
    shutil.copytree(site_copy, ci / "content")
    shutil.copytree(".cache", ci / ".cache")  # a plain copy, as actions/cache restores it
    with chdir(ci):
        _edit(ci / "content", "body")
        full_builds.clear()
        result = run("build")
        assert (result.code, result.err, full_builds) == (0, "", [])
        assert result.out.startswith(f"built _site: {len(tree_hashes(Path('_site')))} files, 2 written, in ")
        assert tree_hashes(Path("_site")) == _clean(ci / "content", run, tmp_path)[1]
        full_builds.clear()
        again = run("build")  # and the next build knows every file by its new status
        assert (_written(again.out), full_builds) == (0, [])


def test_a_drill_saved_unchanged_replaces_nothing(site_copy: Path, run, full_builds: list[Path]) -> None:
    assert run("build").code == 0
    site = os.stat("_site").st_ino
    os.utime(site_copy / STRIDES)  # saved without a change: a new modification time
    full_builds.clear()
    result = run("build")
    assert (_written(result.out), full_builds) == (0, [])
    assert os.stat("_site").st_ino == site  # not swapped for a copy of itself


def test_edits_to_two_drills_are_built_together(site_copy: Path, run, tmp_path: Path,
                                                 full_builds: list[Path]) -> None:
    assert run("build").code == 0
    full_builds.clear()
    _edit(site_copy, "body")
    other = site_copy / "drills" / "leg-swings.md"
    other.write_text(other.read_text() + "\nKeep the standing leg soft.\n")
    result = run("build")
    assert (result.code, full_builds) == (0, [])
    assert _written(result.out) == 3  # the two drills' pages and the service worker
    assert tree_hashes(Path("_site")) == _clean(site_copy, run, tmp_path)[1]
