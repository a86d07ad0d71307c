"""A build cache that others could write (a CI cache, a shared checkout) is data, checked as it is read.

Whatever is in .cache/, the build succeeds with at most one warning line and writes exactly
what a clean build writes; nothing in the cache can run code or write outside it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen import cache
from site_gen.model import Drill
from tests.helpers import tree_hashes

IGNORED = "warning: build cache {path} ignored ({why}); rebuilding it\n"


def _built_then_edited(site_copy: Path, run) -> tuple[Path, Path]:
    """A built site with its cache, then an edit, and a clean build of the edit in ./clean: (stamp, state)."""
    assert run("build").code == 0
    drill = site_copy / "drills" / "strides.md"
    drill.write_text(drill.read_text() + "\nOne more line.\n")
    assert run("build", "--no-cache", "--out", "clean").code == 0
    return next(Path(".cache").glob("*.stamp.json")), next(Path(".cache").glob("*.state"))


def _state_bytes(payload: bytes, records: bytes = b"{}") -> bytes:
    """A state file with a true header (this generator's version, the SHA-256 of what follows) around the
    `records` of the inputs (none: a build after an edit cannot start from it) and `payload`."""
    body = records + b"\n" + payload
    sha = hashlib.sha256(body).hexdigest()
    return cache.MAGIC + cache.generator_version().encode() + b"\n" + sha.encode() + b"\n\n" + body


def _state_of(file: Path) -> bytes:
    """The state a state file holds: after its header and the line of its inputs' records."""
    return file.read_bytes().partition(b"\n\n")[2].partition(b"\n")[2]


def _plain(payload: bytes) -> dict:
    """A state's payload as one plain dict: the first line, and each memo entry of the lines after it."""
    first, *rows = payload.split(b"\n")
    return {**json.loads(first), "memo": [json.loads(row) for row in rows]}


def _lines(plain: object) -> bytes:
    """`plain` as a state's payload: the state without its memo, then a line for each memo entry."""
    if not isinstance(plain, dict) or not isinstance(plain.get("memo"), list):
        return json.dumps(plain).encode()
    top = {key: value for key, value in plain.items() if key != "memo"}
    return b"\n".join([json.dumps(top).encode(), *(json.dumps(row).encode() for row in plain["memo"])])


class _Planted:
    """What a pickle runs when it is loaded: here, it would create a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_runs_no_code(site_copy: Path, run, tmp_path: Path) -> None:
    _, state = _built_then_edited(site_copy, run)
    marker = tmp_path / "the-cache-ran-code"
    state.write_bytes(_state_bytes(pickle.dumps(_Planted(marker))))

    result = run("build")

    assert not marker.exists()
    assert result.code == 0
    assert result.err == IGNORED.format(path=state, why="not JSON")
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    assert run("build").err == ""


def _forge(mutate: Callable[[dict], object]) -> Callable[[dict], object]:
    return mutate


def _drill_row(plain: dict) -> list:
    return next(row for row in plain["memo"] if row[1] == "drill")


def _routine_row(plain: dict) -> list:
    return next(row for row in plain["memo"] if row[1] == "routine")


def _set(row: list, index: int, value: object) -> None:
    row[index] = value


FORGED = {
    "not an object": (lambda plain: [plain], "not a valid state: the state is a list, not a dict"),
    "a key missing": (lambda plain: {k: v for k, v in plain.items() if k != "outputs"},
                      ("not a valid state: the state has the keys ['assets', 'fingerprints', 'memo', "
                      "'template_references'], not ['assets', 'fingerprints', 'memo', 'outputs', 'template_references']")),
    "an unknown kind of entry": (lambda plain: _set(_drill_row(plain), 1, "module"),
                                 "not a valid state: a memo entry is not [path, kind, digest, model, links, drills]"),
    "a number where a title goes": (lambda plain: _set(_drill_row(plain)[3], 1, 7),
                                    "not a valid state: a Drill field is a int, not a str"),
    "a boolean where a number goes": (lambda plain: _set(_drill_row(plain)[3][6], 0, True),
                                      "not a valid state: a Dose field is a bool, not a int"),
    "a unit outside the vocabulary": (lambda plain: _set(_drill_row(plain)[3][6], 1, "furlongs"),
                                      "not a valid state: 'furlongs' is none of ['m', 'min', 'per side', 'reps', 's']"),
    "a model with a field too many": (lambda plain: _drill_row(plain)[3].append("__import__('os')"),
                                      f"not a valid state: a Drill is not a list of its {len(dataclasses.fields(Drill))} fields"),
    "a routine using a drill not in the memo": (
        lambda plain: _set(_routine_row(plain)[5], 0, ["strides", "content/drills/nowhere.md"]),
        ("not a valid state: a drill used by 'content/routines/5k-easy.yaml' "
        "is not [slug, path of a drill in the memo]")),
    "a fingerprint that is not two strings": (lambda plain: plain["fingerprints"].update({"/": [1, 2]}),
                                              "not a valid state: fingerprint of '/' is not two strings"),
}


@pytest.mark.parametrize("case", sorted(FORGED))
def test_a_forged_state_is_ignored_with_one_warning(site_copy: Path, run, case: str) -> None:
    _, state = _built_then_edited(site_copy, run)
    mutate, why = FORGED[case]
    plain = _plain(_state_of(state))
    plain = mutate(plain) or plain
    state.write_bytes(_state_bytes(_lines(plain)))

    result = run("build")

    assert result.code == 0
    assert result.err == IGNORED.format(path=state, why=why)
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    assert run("build").err == ""


@pytest.mark.parametrize(("payload", "why"), [
    (b"[" * 100_000 + b"]" * 100_000, "not JSON"),  # deeper than Python recurses
    (b'{"memo": ' + b"9" * 5000 + b"}", "not JSON"),  # past Python's limit on digits
    (b"\xff\xfe not text", "not JSON"),
    (b"", "not JSON"),
])
def test_a_state_that_is_not_json_is_ignored_with_one_warning(site_copy: Path, run, payload: bytes,
                                                                why: str) -> None:
    _, state = _built_then_edited(site_copy, run)
    state.write_bytes(_state_bytes(payload))
    result = run("build")
    assert result.code == 0
    assert result.err == IGNORED.format(path=state, why=why)
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def _stamp_json(stamp: Path) -> dict:
    return json.loads(stamp.read_text())


STAMPS = {
    "manifest is a list": (lambda s: {**s, "manifest": list(s["manifest"])},
                           "malformed: the manifest is a list, not an object"),
    "lacks inputs": (lambda s: {k: v for k, v in s.items() if k != "inputs"}, "malformed: no digest of the inputs"),
    "a manifest entry is one number": (lambda s: {**s, "manifest": {**s["manifest"], "index.html": [5]}},
                                       ("malformed: the manifest entry 'index.html' is not a file with "
                                        "[size, time, digest]")),
    "a manifest entry leads outside": (lambda s: {**s, "manifest": {"../../etc/passwd": [1, 2, "0" * 32]}},
                                       ("malformed: the manifest entry '../../etc/passwd' is not a file with "
                                       "[size, time, digest]")),
    "a manifest digest is a path": (lambda s: {**s, "manifest": {"index.html": [1, 2, "../../etc/passwd"]}},
                                    ("malformed: the manifest entry 'index.html' is not a file with "
                                     "[size, time, digest]")),
    "not an object": (lambda s: [s], "not a Stride Prep cache"),
    "version is a number": (lambda s: {**s, "version": 12}, "not a Stride Prep cache"),
}


@pytest.mark.parametrize("case", sorted(STAMPS))
def test_a_damaged_stamp_is_ignored_with_one_warning(site_copy: Path, run, case: str) -> None:
    stamp, _ = _built_then_edited(site_copy, run)
    mutate, why = STAMPS[case]
    stamp.write_text(json.dumps(mutate(_stamp_json(stamp))))

    result = run("build")

    assert result.code == 0
    assert result.err == IGNORED.format(path=stamp, why=why)
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    assert run("build").err == ""  # saved again, and trusted


def test_a_stamp_that_is_not_json_is_ignored_with_one_warning(site_copy: Path, run) -> None:
    stamp, _ = _built_then_edited(site_copy, run)
    stamp.write_bytes(b'{"version": ')
    result = run("build")
    assert result.err == IGNORED.format(path=stamp, why="not JSON")
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def test_a_state_that_is_a_folder_is_ignored_with_one_warning(site_copy: Path, run) -> None:
    _, state = _built_then_edited(site_copy, run)
    state.unlink()
    state.mkdir()
    result = run("build")
    assert result.code == 0
    assert result.err == IGNORED.format(path=state, why="not a regular file")
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    # It cannot be saved either: the next build, which then has no stamp to go by, says that instead.
    result = run("build")
    assert result.code == 0
    assert result.err == ("warning: build cache .cache could not be saved (Is a directory); "
                          "the next build renders everything again\n")
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def test_a_state_truncated_inside_its_header_is_ignored_with_one_warning(site_copy: Path, run) -> None:
    _, state = _built_then_edited(site_copy, run)
    state.write_bytes(state.read_bytes()[:5])
    result = run("build")
    assert result.err == IGNORED.format(path=state, why="not a Stride Prep cache")
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def test_a_cache_folder_that_is_a_file_costs_one_warning(site_copy: Path, run) -> None:
    Path(".cache").write_text("not a folder")
    for _ in range(2):
        result = run("build")
        assert result.code == 0
        assert result.err == ("warning: build cache .cache could not be saved (File exists); "
                              "the next build renders everything again\n")
    assert run("build", "--no-cache", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def test_a_cache_folder_that_cannot_be_written_costs_one_warning(site_copy: Path, run,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    stamp, _ = _built_then_edited(site_copy, run)

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refused)  # as for a folder of someone else's (we run as root)
    result = run("build")
    assert result.code == 0
    assert result.err == ("warning: build cache .cache could not be saved (Permission denied); "
                          "the next build renders everything again\n")
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    assert not stamp.exists()  # the old stamp would vouch for a site that has changed since


def test_an_unreadable_stamp_is_ignored_with_one_warning(site_copy: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    stamp, _ = _built_then_edited(site_copy, run)
    real_open = os.open

    def open_(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == stamp:  # as for a file of someone else's (we run as root)
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    result = run("build")
    assert result.code == 0
    assert result.err == IGNORED.format(path=stamp, why="Permission denied")
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def test_a_fifo_in_the_cache_does_not_stall_the_build(site_copy: Path, run) -> None:
    stamp, _ = _built_then_edited(site_copy, run)
    stamp.unlink()
    os.mkfifo(stamp)
    # In a process of its own: reading a FIFO with no writer would wait for ever.
    result = subprocess.run([sys.executable, str(Path(cache.__file__).parent.parent / "build.py")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == IGNORED.format(path=stamp, why="not a regular file")
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def test_a_planted_link_beside_the_cache_is_not_written_through(site_copy: Path, run, tmp_path: Path) -> None:
    _, state = _built_then_edited(site_copy, run)
    victim = tmp_path / "someone-elses-file"
    victim.write_text("theirs")
    for name in (f"{state.name}.tmp", f"{state.name.replace('.state', '.stamp.json')}.tmp"):
        (state.parent / name).symlink_to(victim)
    assert run("build").code == 0
    assert victim.read_text() == "theirs"
    assert run("build").err == ""
