"""The swap is one step: at no moment is there no output, and a killed build is mended."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from site_gen import swap, write
from site_gen.render import RenderedFile


def _site(word: str) -> list[RenderedFile]:
    return [RenderedFile("/", "index.html", word.encode()), RenderedFile("/a/", "a/index.html", word.encode())]


def _exchanged(first: Path, second: Path) -> None:
    if not swap.exchange(first, second):
        pytest.skip("this kernel or file system has no renameat2(RENAME_EXCHANGE)")


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "one").write_text("1")
    _exchanged(first, second)
    assert (os.listdir(first), os.listdir(second)) == ([], ["one"])


def test_the_output_never_goes_missing_during_swaps(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write.write_site(out, _site("0"))
    _exchanged(out, out)  # a name swapped with itself: nothing moves
    missing, stop = [], threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if not os.path.isdir(out):
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for number in range(1, 200):
            write.write_site(out, _site(str(number)))
    finally:
        stop.set()
        watcher.join()
    assert missing == []
    assert (out / "index.html").read_text() == "199"
    assert (tmp_path / "._site.spare" / "index.html").read_text() == "198"  # the old site, at the spare's name
    assert sorted(os.listdir(tmp_path)) == ["._site.spare", "_site"]


def test_without_the_exchange_two_renames_and_the_recovery_still_work(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(swap, "_renameat2", None)
    out = tmp_path / "_site"
    for word in ("old", "new", "newer"):
        write.write_site(out, _site(word))
    assert (out / "index.html").read_text() == "newer"
    assert (tmp_path / "._site.spare" / "index.html").read_text() == "new"
    os.rename(out, tmp_path / "._site.old")  # killed between the two renames
    swap.recover(out)
    assert (out / "index.html").read_text() == "newer"


def test_a_build_killed_after_the_exchange_keeps_the_old_site_as_the_spare(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write.write_site(out, _site("old"))
    (tmp_path / "._site.new").mkdir()  # where the exchange put the site it replaced
    (tmp_path / "._site.new" / "index.html").write_text("the site the exchange moved aside")
    write.write_site(out, _site("new"))
    assert (out / "index.html").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["._site.spare", "_site"]
    write.write_site(out, _site("newest"))
    assert (out / "a" / "index.html").read_text() == "newest"


def test_leftovers_that_are_links_are_removed_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    for name in ("._site.new", "._site.old", "._site.spare"):
        (tmp_path / name).symlink_to(outside, target_is_directory=True)
    write.write_site(tmp_path / "_site", _site("x"))
    assert (outside / "keep.txt").read_text() == "mine"
    assert sorted(os.listdir(tmp_path)) == ["_site", "outside"]



def test_a_link_loop_in_the_output_is_replaced_never_followed(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write.write_site(out, _site("x"))
    (out / "loop.html").symlink_to(out / "loop.html")
    assert write.write_site(out, [*_site("x"), RenderedFile("/loop.html", "loop.html", b"y")]) == 1
    assert not os.path.islink(out / "loop.html")  # a file of its own in the new site, nothing written through it
    assert (out / "loop.html").read_bytes() == b"y"
