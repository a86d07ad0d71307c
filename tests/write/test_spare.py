"""The output is built in the site it replaced (the spare): whatever state that is in, the result is exact."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from site_gen.builder import TEMPLATES, Builder
from site_gen.cache import BuildCache
from site_gen.cli import CACHE
from tests.helpers import tree_hashes

SPARE = Path("._site.spare")


def _edit(content: Path, words: str) -> None:
    """Add a sentence to the body of leg-swings: its drill page changes, and little else."""
    drill = content / "drills" / "leg-swings.md"
    drill.write_text(drill.read_text() + f"\n{words}.\n")


def test_a_build_keeps_the_site_it_replaced_as_the_spare(site_copy: Path, run) -> None:
    assert run("build").code == 0
    first = tree_hashes(Path("_site"))
    _edit(site_copy, "Free the hips")
    assert run("build").code == 0
    assert tree_hashes(SPARE) == first
    assert tree_hashes(Path("_site")) != first


def test_pages_an_edit_does_not_touch_keep_their_file(site_copy: Path, run) -> None:
    assert run("build").code == 0
    _edit(site_copy, "Free the hips")
    assert run("build").code == 0  # the spare now exists: the next build reuses it
    before = {name: os.stat(f"_site/{name}") for name in ("safety/index.html", "drills/leg-swings/index.html")}
    _edit(site_copy, "Open the hips")
    assert run("build").code == 0
    after = {name: os.stat(f"_site/{name}") for name in before}
    untouched, edited = "safety/index.html", "drills/leg-swings/index.html"
    assert (after[untouched].st_ino, after[untouched].st_mtime_ns) == (before[untouched].st_ino,
                                                                     before[untouched].st_mtime_ns)
    assert after[edited].st_ino != before[edited].st_ino
    assert "Open the hips" in Path(f"_site/{edited}").read_text()


def test_a_page_the_spare_shares_with_the_served_site_is_replaced_never_written_into(site_copy: Path, run) -> None:
    assert run("build").code == 0
    _edit(site_copy, "Free the hips")
    assert run("build").code == 0  # strides' page is now one file, linked into both the site and the spare
    served = tree_hashes(Path("_site"))
    strides = site_copy / "drills" / "strides.md"
    strides.write_text(strides.read_text() + "\nRun tall.\n")
    assert run("build").code == 0
    assert tree_hashes(SPARE) == served  # the site it replaced, as it was served, to the byte
    assert "Run tall." in Path("_site/drills/strides/index.html").read_text()


def test_a_spare_in_any_state_still_gives_the_exact_site(site_copy: Path, run, tmp_path: Path) -> None:
    assert run("build").code == 0
    _edit(site_copy, "Free the hips")
    assert run("build").code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    # Everything that can be wrong with a spare, at once:
    (SPARE / "stray.html").write_text("not part of the site")  # a file no build has
    os.unlink(SPARE / "index.html")
    (SPARE / "index.html").write_text("an old home page")  # a file of its own, not the live one
    shutil.rmtree(SPARE / "drills")
    os.symlink(outside, SPARE / "drills")  # a folder that leads outside
    os.unlink(SPARE / "sitemap.xml")
    (SPARE / "sitemap.xml").mkdir()  # a folder where the site has a file
    (SPARE / "sitemap.xml" / "x").write_text("x")

    _edit(site_copy, "Open the hips")
    assert run("build").code == 0
    assert run("build", "--no-cache", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    assert list(outside.iterdir()) == []


def test_a_build_stopped_by_a_broken_link_after_writing_leaves_the_site_alone(
        site_copy: Path, run, tmp_path: Path) -> None:
    assert run("build").code == 0
    _edit(site_copy, "Free the hips")
    assert run("build").code == 0
    good = tree_hashes(Path("_site"))
    # Links are checked as pages stream to the stage: this one is found after the writing began.
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    page = templates / "page.html"
    head, end, tail = page.read_text().rpartition("{% endblock %}")
    page.write_text(f'{head}<a href="/nowhere/">x</a>{end}{tail}')

    # As `build` runs it, with the cache and the spare, but with these templates.
    broken = Builder(site_copy, PurePosixPath("content"), templates, cache=BuildCache(CACHE)).build(Path("_site"))
    assert broken.problems
    assert "links to ../nowhere/, which is not part of the site" in "\n".join(map(str, broken.problems))
    assert tree_hashes(Path("_site")) == good

    assert run("build").code == 0
    assert run("build", "--no-cache", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


def test_a_build_killed_while_updating_the_spare_leaves_nothing_behind(site_copy: Path, run) -> None:
    assert run("build").code == 0
    leftover = Path("._site.new")
    leftover.mkdir()
    (leftover / "index.html").write_text("half a build")
    assert run("build", "--no-cache").code == 0
    assert not leftover.exists()  # it was kept as the spare, and put right
    assert sorted(p.name for p in Path().iterdir() if p.name.startswith("._site")) == ["._site.spare"]
    assert run("build", "--no-cache", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
