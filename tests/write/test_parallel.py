"""One worker or two, cache or none: the same bytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

from site_gen.builder import Builder
from site_gen.cache import BuildCache
from site_gen.parallel import SMALLEST, stream_chunks
from tests.helpers import tree_hashes

PROJECT = Path(__file__).resolve().parents[2]


def test_one_or_two_workers_with_or_without_cache_give_the_same_bytes(tmp_path: Path) -> None:
    count = SMALLEST + 50  # enough drills for the process pool to be used
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "make_corpus.py"), str(count), str(tmp_path / "corpus")],
                   check=True, capture_output=True)
    content = tmp_path / "corpus" / "content"
    trees = []
    for name, workers, cache in (("one", 1, None), ("two", 2, None), ("cached", 2, tmp_path / ".cache")):
        builder = Builder(content, PurePosixPath("content"), cache=cache and BuildCache(cache), workers=workers)
        result = builder.build(tmp_path / name)
        assert result.problems == ()
        trees.append(tree_hashes(tmp_path / name))
    assert len(trees[0]) > count
    assert trees[0] == trees[1] == trees[2]


def _squares(inputs: list[int], start: int, stop: int) -> list[int]:
    return [value * value for value in inputs[start:stop]]


def test_streamed_chunks_come_back_in_order_however_small() -> None:
    values = list(range(SMALLEST * 2))
    # Chunks of 7 across two forked workers: far more chunks than are let ahead at once.
    assert list(stream_chunks(_squares, values, len(values), 2, largest=7)) == [v * v for v in values]
    assert list(stream_chunks(_squares, values, len(values), 1, largest=7)) == [v * v for v in values]
