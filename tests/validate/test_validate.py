"""Every mistake a contributor can make: exact `path:line:col: message` and hint, all at once.

Each folder under cases/ is one mistake: its content/ files are laid over the fixture site
(a file named in delete.txt is removed), and expected.txt holds the exact output of
`build.py check`. Adding a case needs no Python.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_gen.validate.routines import in_order

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_check_reports_exactly(case: str, site_copy: Path, run) -> None:
    folder = CASES / case
    delete = folder / "delete.txt"
    # A case that lays nothing over the fixture would check the clean fixture, not its mistake.
    assert (folder / "content").is_dir() or delete.exists(), f"{case}: no content/ and no delete.txt"
    if (folder / "content").is_dir():
        shutil.copytree(folder / "content", site_copy, dirs_exist_ok=True)
    for name in delete.read_text().split() if delete.exists() else ():
        (site_copy / name).unlink()
    expected = (folder / "expected.txt").read_text()

    result = run("check")

    assert result.out == expected
    assert result.code == (0 if expected.startswith("content is clean") else 1)


@pytest.mark.parametrize("case", ["unknown_drill", "duplicate_key"])
def test_github_format_annotates_the_line(case: str, site_copy: Path, run) -> None:
    shutil.copytree(CASES / case / "content", site_copy, dirs_exist_ok=True)
    text_lines = [line for line in (CASES / case / "expected.txt").read_text().splitlines() if line.startswith("content/")]

    result = run("check", "--format", "github")

    assert result.code == 1
    annotations = result.out.splitlines()
    assert len(annotations) == len(text_lines)
    for annotation, text in zip(annotations, text_lines):
        path, line, column, message = text.split(":", 3)
        assert annotation.startswith(f"::error file={path},line={line},col={column}::{message.strip()}")


@pytest.mark.parametrize(("ranks", "kept"), [
    ([0, 1, 2], {0, 1, 2}),
    ([2, 0, 1], {1, 2}),  # the first step belongs at the end: only it is out of order
    ([0, 2, 1, 1, 3], {0, 2, 3, 4}),  # one step too early among four in order
    ([1, 0], {1}),  # a tie of lengths: the earliest-ending run, so the later step stays
    ([], set()),
])
def test_only_the_fewest_steps_are_out_of_order(ranks: list[int], kept: set[int]) -> None:
    assert in_order(ranks) == kept
