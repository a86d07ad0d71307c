"""The fixture site builds to exactly the recorded output (`make golden` re-records it)."""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath

from site_gen.builder import Builder
from tests.site.update_golden import FIXTURE, GOLDEN


def test_fixture_site_matches_the_golden_output_byte_for_byte(tmp_path: Path) -> None:
    result = Builder(FIXTURE, PurePosixPath("content")).build(tmp_path / "out")
    assert result.problems == ()
    built = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    golden = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert built == golden
    for name in built:
        new, old = (tmp_path / "out" / name).read_bytes(), (GOLDEN / name).read_bytes()
        if new != old:  # show a readable diff, not two blobs
            diff = difflib.unified_diff(old.decode().splitlines(), new.decode().splitlines(), "golden", "built", lineterm="")
            raise AssertionError(f"{name} differs from the golden copy (run `make golden` if intended):\n"
                                 + "\n".join(list(diff)[:40]))
