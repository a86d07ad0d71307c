"""The build state as plain data: what a build stores comes back equal, and good enough to skip all validation."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import pytest

from site_gen.load import load_sources
from site_gen.state import BuildState, InvalidState, state_from_bytes, state_from_plain, state_to_bytes, state_to_plain
from site_gen.validate import validate_site_memo
from tests.conftest import FIXTURE_SITE


def _validated() -> tuple[tuple, dict]:
    sources, problems = load_sources(FIXTURE_SITE, PurePosixPath("content"))
    assert problems == ()
    site, problems, memo = validate_site_memo(sources, {})
    assert site is not None and problems == ()
    return sources, memo


def _round_trip(state: BuildState) -> BuildState:
    return state_from_plain(json.loads(json.dumps(state_to_plain(state))))


def test_a_stored_state_comes_back_equal_without_the_source_texts() -> None:
    _, memo = _validated()
    state = BuildState(memo, {}, {"/": (None, "used", "print")}, {"assets/x.css": "d1"}, {"{{ x }}": ["a.html"]},
                       {"index.html": "d2"})
    back = _round_trip(state)
    assert set(back.memo) == set(memo)
    for path, entry in memo.items():
        assert (back.memo[path].text, back.memo[path].digest, back.memo[path].model, back.memo[path].links) == (
            "", entry.digest, entry.model, entry.links)
    assert (back.fingerprints, back.assets, back.template_references, back.outputs) == (
        state.fingerprints, state.assets, state.template_references, state.outputs)


def test_a_stored_memo_vouches_for_every_unchanged_file() -> None:
    # Validation compares what a file was checked with by identity (the vocabulary, a routine's
    # drills): the state must bring those back as the very objects of the other entries.
    sources, memo = _validated()
    back = _round_trip(BuildState(memo))
    _, problems, again = validate_site_memo(sources, back.memo)
    assert problems == ()
    assert all(again[path] is back.memo[path] for path in memo)


def test_the_stored_lines_come_back_and_are_written_again_as_they_were_read() -> None:
    _, memo = _validated()
    payload = state_to_bytes(BuildState(memo, fingerprints={"/": (None, "used", "print")}))
    assert payload.count(b"\n") == len(memo)  # the state without its memo, then a line an entry
    back = state_from_bytes(payload)
    assert {path: entry.model for path, entry in back.memo.items()} == {path: entry.model for path, entry in memo.items()}
    assert state_to_bytes(back) == payload


@pytest.mark.parametrize("plain", [None, 1, "x", [], {"memo": {}}])
def test_anything_else_is_an_invalid_state(plain: object) -> None:
    with pytest.raises(InvalidState):
        state_from_plain(plain)
