"""A build replaces only a folder it wrote, never one of the content, and one build at a time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.output_folder import MARK, MARK_HEADER, output_lock
from tests.helpers import tree_hashes, unprivileged

PROJECT = Path(__file__).resolve().parents[2]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_build_leaves_a_mark_listing_what_it_wrote(site_copy: Path, run) -> None:
    assert run("build").code == 0
    header, *listed = Path("_site", MARK).read_text().splitlines()
    assert header == MARK_HEADER
    assert listed == sorted(set(tree_hashes(Path("_site"))) - {MARK})


def test_a_users_folder_with_a_sitemap_is_not_taken_for_a_build(site_copy: Path, run) -> None:
    site = Path("my-website")
    (site / "blog").mkdir(parents=True)
    (site / "sitemap.xml").write_text("<urlset/>")
    (site / "notes.txt").write_text("mine")
    (site / "blog" / "post.html").write_text("<p>mine</p>")
    before = _files(site)
    for _ in range(3):  # the spare used to be deleted two builds later
        result = run("build", "--out", "my-website")
        assert (result.code, result.out) == (2, "")
        assert result.err == ("build.py: the output folder my-website holds files that no build wrote "
                              f"(no {MARK}); empty it or choose another folder\n")
    assert _files(site) == before
    assert sorted(p.name for p in Path().iterdir()) == ["content", "my-website"]


def test_files_put_into_a_built_folder_are_not_deleted(site_copy: Path, run) -> None:
    assert run("build").code == 0
    Path("_site/notes.txt").write_text("mine")
    Path("_site/blog").mkdir()
    Path("_site/blog/post.html").write_text("<p>mine</p>")
    Path("_site/blog/draft.html").write_text("<p>mine</p>")
    Path("_site/zz.txt").write_text("mine")
    before = _files(Path("_site"))
    drill = site_copy / "drills" / "strides.md"
    drill.write_text(drill.read_text() + "\nOne more line.\n")
    for _ in range(3):
        result = run("build")
        assert result.code == 2
        assert result.err == ("build.py: the output folder _site holds files that no build wrote (blog/draft.html, "
                              "blog/post.html, notes.txt and 1 more); move them out of it, or choose another folder\n")
    assert _files(Path("_site")) == before
    for name in ("notes.txt", "blog", "zz.txt"):
        shutil.move(f"_site/{name}", name)
    assert run("build").code == 0


def test_an_empty_folder_is_built_into(site_copy: Path, run) -> None:
    Path("empty").mkdir()
    assert run("build", "--out", "empty").code == 0
    assert Path("empty/index.html").is_file()


@pytest.mark.parametrize("name", ["*", "?", "[ab]", "_s*"])
def test_leftovers_are_matched_by_exact_name_never_by_pattern(site_copy: Path, run, name: str) -> None:
    # Each matched by one of the patterns the old names made of these outputs (.*.old-*, .?.new-*, ...).
    others = [".other-project.new-keep", ".backup.old-2024", "._site.old-x", ".a.new-1", ".b.old-2", ".x.spare"]
    for other in others:
        Path(other).mkdir()
        (Path(other) / "precious.txt").write_text(other)
    Path("_site").mkdir()
    (Path("_site") / "precious.txt").write_text("_site")
    drill = site_copy / "drills" / "strides.md"
    for round_ in range(3):  # the first build, one with a spare, and one that reuses it
        assert run("build", "--out", name).code == 0, round_
        drill.write_text(drill.read_text() + f"\nRound {round_}.\n")
    for other in [*others, "_site"]:
        assert (Path(other) / "precious.txt").read_text() == other
    assert sorted(p.name for p in Path().iterdir()) == sorted(
        [".cache", "content", name, f".{name}.spare", "_site", *others])


@pytest.mark.parametrize(("out", "message"), [
    ("content/drills/site", "is inside the content folder content, which the build reads"),
    ("content/site", "is inside the content folder content, which the build reads"),
    (str(PROJECT / "templates" / "site"), f"is inside the templates folder {PROJECT / 'templates'}, which the build reads"),
    (str(PROJECT / "assets"), f"would replace the assets folder {PROJECT / 'assets'}"),
    (".cache/site", "is inside the build cache .cache, which the build reads"),
])
def test_an_output_inside_what_the_build_reads_is_refused(site_copy: Path, run, out: str, message: str) -> None:
    before, existed = _files(site_copy), Path(out).exists()
    result = run("build", "--out", out)
    assert (result.code, result.out) == (2, "")
    assert result.err.count("\n") == 1
    assert result.err.startswith(f"build.py: the output folder {out} {message}; ")
    assert _files(site_copy) == before
    assert Path(out).exists() == existed, "a refused output was made"
    assert run("build").code == 0  # and the next build is fine


def test_content_inside_the_output_is_refused(site_copy: Path, run) -> None:
    result = run("build", "--out", ".", "--content", "content")
    assert result.code == 2
    assert "would replace the content folder content" in result.err


def test_an_output_whose_parent_is_a_file_is_one_line(site_copy: Path, run) -> None:
    Path("plain").write_text("a file")
    result = run("build", "--out", "plain/site")
    assert (result.code, result.err) == (2, ("build.py: the output folder plain/site cannot be made: "
                                            f"{Path.cwd() / 'plain'} is a file\n"))
    link = Path("link")
    link.symlink_to(Path("elsewhere").absolute(), target_is_directory=True)
    result = run("build", "--out", "link")
    assert (result.code, result.err) == (2, ("build.py: the output folder link is a symbolic link; "
                                            "give the folder it leads to, or another folder\n"))


def test_an_output_that_cannot_be_written_is_one_line(tmp_path_factory: pytest.TempPathFactory,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # Made by hand, not in tmp_path: an unprivileged user must be able to reach it.
    root = Path(tmp_path_factory.getbasetemp().parent.parent) / f"stride-readonly-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    try:
        shutil.copytree(PROJECT / "tests/fixtures/site/content", root / "content")
        (root / "locked").mkdir()
        for path in (root, root / "locked", *root.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        monkeypatch.chdir(root)
        # In this process, with only the effective id dropped: the checkout itself may be private to root.
        with unprivileged():
            code = main(["build", "--no-cache", "--out", "locked/site"])
        out, err = capsys.readouterr()
        assert (code, out) == (2, "")
        assert err == f"build.py: cannot build locked/site: Permission denied: {root / 'locked' / '.site.lock'}\n"
        assert sorted(os.listdir(root / "locked")) == []
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _build(out: Path, cwd: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "build", *options, "--content",
                             str(PROJECT / "tests/fixtures/site/content"), "--out", str(out)],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_build_waits_while_another_holds_the_output(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    with output_lock(out, lambda: pytest.fail("nobody else holds it")):
        waiting = _build(out, tmp_path)
        assert waiting.stderr is not None
        line = waiting.stderr.readline()  # it says so before it waits
        assert line == f"another build is writing {out}; waiting\n"
        assert waiting.poll() is None and not out.exists()
    stdout, stderr = waiting.communicate(timeout=60)
    assert (waiting.returncode, stderr) == (0, "")
    assert stdout.startswith(f"built {out}: ")
    clean = _build(tmp_path / "clean", tmp_path)
    assert clean.wait(timeout=60) == 0
    assert tree_hashes(out) == tree_hashes(tmp_path / "clean")
    assert not (tmp_path / "._site.lock").exists()


def test_two_builds_at_once_both_succeed_with_the_clean_bytes(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    for _ in range(3):  # without the cache every build writes, and so every pair collides
        builds = [_build(out, tmp_path, "--no-cache") for _ in range(3)]
        for build in builds:
            _stdout, stderr = build.communicate(timeout=120)
            assert build.returncode == 0, stderr
            assert stderr in ("", f"another build is writing {out}; waiting\n")
    clean = _build(tmp_path / "clean", tmp_path)
    assert clean.wait(timeout=60) == 0
    assert tree_hashes(out) == tree_hashes(tmp_path / "clean")
