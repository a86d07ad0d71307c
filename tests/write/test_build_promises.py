"""The build's promises: atomic, deterministic, no stale files, nothing outside the output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen import write
from site_gen.render import RenderedFile
from tests.helpers import tree_hashes

PROJECT = Path(__file__).resolve().parents[2]


def test_failed_build_leaves_the_last_good_site_byte_for_byte(site_copy: Path, run) -> None:
    assert run("build").code == 0
    before = tree_hashes(Path("_site"))
    (site_copy / "drills" / "strides.md").write_text("---\ntitle: [broken\n---\nBody\n")

    result = run("build")

    assert result.code == 1
    assert "content/drills/strides.md:3:1: YAML syntax error" in result.err
    assert "(it started on line 2)" in result.err
    assert result.err.rstrip().endswith("nothing written: _site is unchanged")
    assert tree_hashes(Path("_site")) == before
    assert not [p.name for p in Path(".").iterdir() if p.name.startswith("._site")]  # no stage left behind


def test_deleted_drill_leaves_no_stale_page(site_copy: Path, run) -> None:
    assert run("build").code == 0
    assert Path("_site/drills/strides/index.html").exists()
    for routine in ("5k-easy", "race-day"):
        path = site_copy / "routines" / f"{routine}.yaml"
        text = path.read_text()
        path.write_text(text[: text.index("  - drill: strides")] if "- drill: strides" in text else text)
    (site_copy / "routines" / "5k-easy.yaml").write_text(
        (site_copy / "routines" / "5k-easy.yaml").read_text().replace("minutes: 10", "minutes: 6"))
    (site_copy / "routines" / "race-day.yaml").write_text(
        (site_copy / "routines" / "race-day.yaml").read_text().replace("minutes: 10", "minutes: 7"))
    (site_copy / "drills" / "strides.md").unlink()

    result = run("build")

    assert result.code == 0, result.err
    assert not Path("_site/drills/strides").exists()
    assert "strides" not in Path("_site/sitemap.xml").read_text()


def _build_in_subprocess(out: Path, seed: str, locale: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "LC_ALL": locale, "LANG": locale}
    subprocess.run([sys.executable, str(PROJECT / "build.py"), "build", "--content",
                    str(PROJECT / "tests/fixtures/site/content"), "--out", str(out)],
                   check=True, env=env, capture_output=True, cwd=out.parent)


def test_builds_are_byte_identical_whatever_the_hash_seed_and_locale(tmp_path: Path) -> None:
    _build_in_subprocess(tmp_path / "one", "1", "C")
    _build_in_subprocess(tmp_path / "two", "4242", "C.UTF-8")
    first, second = tree_hashes(tmp_path / "one"), tree_hashes(tmp_path / "two")
    assert len(first) > 10
    assert first == second


def test_output_folder_that_would_swallow_the_project_is_refused(site_copy: Path, run) -> None:
    for out in (".", "content", ".."):
        result = run("build", "--out", out)
        assert result.code == 2
        assert "would replace" in result.err
    assert (site_copy / "site.yaml").exists()


def test_output_folder_with_foreign_files_is_refused(site_copy: Path, run) -> None:
    Path("docs").mkdir()
    Path("docs/thesis.txt").write_text("precious")
    result = run("build", "--out", "docs")
    assert result.code == 2
    assert "holds files that no build wrote" in result.err
    assert Path("docs/thesis.txt").read_text() == "precious"


def test_writer_refuses_a_path_outside_the_output(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside the output folder"):
        write.write_site(tmp_path / "out", [RenderedFile("/x", "../escape.html", b"x")])
    assert not (tmp_path / "escape.html").exists()
    assert not (tmp_path / "out").exists()


def test_a_build_killed_between_the_two_renames_is_mended(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write.write_site(out, [RenderedFile("/", "index.html", b"old"), RenderedFile("/sitemap.xml", "sitemap.xml", b"")])
    os.rename(out, tmp_path / "._site.old")  # as if killed right after the first of two renames
    write.write_site(out, [RenderedFile("/", "index.html", b"new"), RenderedFile("/sitemap.xml", "sitemap.xml", b"")])
    assert (out / "index.html").read_bytes() == b"new"
    # The site it replaced is kept as the spare the next build starts from.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]
    assert (tmp_path / "._site.spare" / "index.html").read_bytes() == b"old"


def test_output_is_world_readable_for_a_web_server(tmp_path: Path) -> None:
    write.write_site(tmp_path / "_site", [RenderedFile("/", "index.html", b"x")])
    assert (tmp_path / "_site").stat().st_mode & 0o777 == 0o755
    shutil.rmtree(tmp_path / "_site")


def test_bad_site_reports_every_error_and_leaves_the_good_build_alone(tmp_path: Path, run,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    out = str(tmp_path / "_site")
    assert run("build", "--content", "tests/fixtures/site/content", "--out", out).code == 0
    before = tree_hashes(Path(out))

    checked = run("check", "--content", "tests/fixtures/bad-site/content")
    built = run("build", "--content", "tests/fixtures/bad-site/content", "--out", out)

    expected = (PROJECT / "tests/fixtures/bad-site/expected.txt").read_text()
    assert (checked.code, checked.out) == (1, expected)
    assert (built.code, built.err) == (1, expected + f"nothing written: {out} is unchanged\n")
    assert tree_hashes(Path(out)) == before
