"""One worker or two, cache or none: the same bytes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

from site_gen.builder import TEMPLATES, Builder
from site_gen.cache import BuildCache
from site_gen.parallel import SMALLEST, stream_chunks
from site_gen.tree import entries_under
from tests.helpers import tree_hashes

PROJECT = Path(__file__).resolve().parents[2]


def _corpus(tmp_path: Path, count: int) -> Path:
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "make_corpus.py"), str(count), str(tmp_path / "corpus")],
                   check=True, capture_output=True)
    return tmp_path / "corpus" / "content"


def test_one_or_two_workers_with_or_without_cache_give_the_same_bytes(tmp_path: Path) -> None:
    count = SMALLEST + 50  # enough drills for the process pool to be used
    content = _corpus(tmp_path, count)
    trees = []
    for name, workers, cache in (("one", 1, None), ("two", 2, None), ("cached", 2, tmp_path / ".cache")):
        builder = Builder(content, PurePosixPath("content"), cache=cache and BuildCache(cache), workers=workers)
        result = builder.build(tmp_path / name)
        assert result.problems == ()
        trees.append(tree_hashes(tmp_path / name))
    assert len(trees[0]) > count
    assert trees[0] == trees[1] == trees[2]


def test_pages_workers_write_are_what_the_parent_knows_and_a_rebuild_through_the_spare_is_exact(tmp_path: Path) -> None:
    content = _corpus(tmp_path, SMALLEST + 50)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    base = templates / "base.html"
    out = tmp_path / "_site"
    # One Builder, as the dev server keeps it: each build after the first trusts what the last one recorded.
    builder = Builder(content, PurePosixPath("content"), templates, workers=2)
    for round_ in range(3):  # the first build, then two that re-render every page into the spare
        assert builder.build(out).problems == ()
        assert builder.known is not None
        entries = list(entries_under(out))
        # The forked workers wrote the pages; the parent recorded every one, with the inode it has.
        assert builder.known.site.files == {path: entry.inode() for path, entry in entries if not entry.is_dir()}
        assert builder.known.site.folders == {path for path, entry in entries if entry.is_dir()}
        base.write_text(base.read_text().replace("</body>", f"<p>round {round_}</p></body>", 1), encoding="utf-8")
    assert builder.build(out).problems == ()
    assert "<p>round 2</p>" in (out / "index.html").read_text()
    assert Builder(content, PurePosixPath("content"), templates, workers=1).build(tmp_path / "clean").problems == ()
    assert tree_hashes(out) == tree_hashes(tmp_path / "clean")


def _squares(inputs: list[int], start: int, stop: int) -> list[int]:
    return [value * value for value in inputs[start:stop]]


def test_streamed_chunks_come_back_in_order_however_small() -> None:
    values = list(range(SMALLEST * 2))
    # Chunks of 7 across two forked workers: far more chunks than are let ahead at once.
    assert list(stream_chunks(_squares, values, len(values), 2, largest=7)) == [v * v for v in values]
    assert list(stream_chunks(_squares, values, len(values), 1, largest=7)) == [v * v for v in values]
