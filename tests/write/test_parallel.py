"""One worker or two, cache or none: the same bytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

from site_gen.parallel import SMALLEST
from site_gen.pipeline import build
from tests.helpers import tree_hashes

PROJECT = Path(__file__).resolve().parents[2]


def test_one_or_two_workers_with_or_without_cache_give_the_same_bytes(tmp_path: Path) -> None:
    count = SMALLEST + 50  # enough drills for the process pool to be used
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "make_corpus.py"), str(count), str(tmp_path / "corpus")],
                   check=True, capture_output=True)
    content = tmp_path / "corpus" / "content"
    trees = []
    for name, workers, cache in (("one", 1, None), ("two", 2, None), ("cached", 2, tmp_path / ".cache")):
        result = build(content, PurePosixPath("content"), tmp_path / name, cache_dir=cache, workers=workers)
        assert result.problems == ()
        trees.append(tree_hashes(tmp_path / name))
    assert len(trees[0]) > count
    assert trees[0] == trees[1] == trees[2]
