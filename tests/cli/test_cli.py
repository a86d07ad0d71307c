"""The command line: exit codes, summaries, and scaffolding new content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.builder import PROJECT
from site_gen.cli import GONE_READER, authority
from site_gen.content_format import DRILL, PAGE, ROUTINE
from site_gen.validate.starters import filled_in


def test_build_is_the_default_and_prints_one_summary_line(site_copy: Path, run) -> None:
    result = run()
    assert result.code == 0
    count = sum(1 for p in Path("_site").rglob("*") if p.is_file())
    assert result.out.startswith(f"built _site: {count} files, {count} written, in ")
    assert result.out.count("\n") == 1
    assert Path("_site/index.html").exists()


def test_check_writes_nothing(site_copy: Path, run) -> None:
    result = run("check")
    assert result.code == 0
    assert result.out.startswith("content is clean")
    assert sorted(p.name for p in Path(".").iterdir()) == ["content"]


def test_usage_errors_exit_2(site_copy: Path, run) -> None:
    assert run("check", "--format", "xml").code == 2
    assert run("new", "image", "x").code == 2
    assert run("--no-such-option").code == 2


@pytest.mark.parametrize("command", [(), ("build",), ("check",), ("new",)])
def test_every_command_has_help(command: tuple[str, ...], run) -> None:
    result = run(*command, "--help")
    assert result.code == 0
    assert result.out.startswith("usage: build.py")


@pytest.mark.parametrize(("kind", "path", "starters"), [("drill", "content/drills/hip-circles.md", 9),
                                                        ("routine", "content/routines/10k-easy.yaml", 2),
                                                        ("page", "content/pages/racing-tips.md", 2)])
def test_new_files_fail_the_check_only_at_their_starter_texts(kind: str, path: str, starters: int, site_copy: Path,
                                                              run) -> None:
    result = run("new", kind, path.split("/")[-1].split(".")[0])
    assert result.code == 0, result.err
    assert result.out == (f"wrote {path}: replace its {starters} starter texts; "
                          "`python build.py check` lists those still there, at their lines\n")
    # Commented for the contributor: every declared field under its help line.
    text, document = Path(path).read_text(), {"drill": DRILL, "routine": ROUTINE, "page": PAGE}[kind]
    assert [field.name for field in document.fields if f"# {field.help}" not in text] == []
    check = run("check")
    assert check.code == 1
    reported = [line for line in check.out.splitlines() if not line.startswith(("  hint:", f"{starters} errors"))]
    assert len(reported) == starters
    assert all(line.startswith(f"{path}:") and ": still the starter text: '" in line for line in reported)


def test_new_refuses_an_existing_or_unsafe_slug(site_copy: Path, run) -> None:
    before = (site_copy / "drills" / "strides.md").read_text()
    taken = run("new", "drill", "strides")
    assert taken.code == 2
    assert taken.err == "content/drills/strides.md already exists: choose another slug, or edit that file\n"
    assert (site_copy / "drills" / "strides.md").read_text() == before
    for slug in ("../escape", "Leg Swings", "a/b", ""):
        result = run("new", "drill", slug)
        assert result.code == 2
        assert "is not a safe slug" in result.err
    assert not Path("escape.md").exists() and not (site_copy / "escape.md").exists()


def test_new_never_writes_through_a_link_or_over_a_file(site_copy: Path, run, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("someone else's file")
    (site_copy / "drills" / "hip-opener.md").symlink_to(outside)
    (site_copy / "drills" / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    for slug in ("hip-opener", "dangling"):
        result = run("new", "drill", slug)
        assert (result.code, result.out) == (2, "")
        assert result.err == f"content/drills/{slug}.md already exists: choose another slug, or edit that file\n"
    assert outside.read_text() == "someone else's file"
    assert not (tmp_path / "nowhere.md").exists()


def test_new_never_writes_into_a_linked_folder(site_copy: Path, run) -> None:
    (site_copy / "drills").rename(site_copy / "drills-real")
    (site_copy / "drills").symlink_to(site_copy / "drills-real", target_is_directory=True)
    before = sorted(p.name for p in (site_copy / "drills-real").iterdir())
    result = run("new", "drill", "hip-opener")
    assert (result.code, result.out) == (2, "")
    assert result.err == ("content/drills is a symbolic link: a new file is only written into a folder "
                          "of the content itself\n")
    assert sorted(p.name for p in (site_copy / "drills-real").iterdir()) == before


def test_new_over_content_with_load_problems_says_so(site_copy: Path, run) -> None:
    (site_copy / "notes.txt").write_text("not content")  # a load problem: not part of the content model
    result = run("new", "drill", "hip-opener")
    assert result.code == 0
    assert result.out == ("wrote content/drills/hip-opener.md: replace its 9 starter texts; "
                          "`python build.py check` lists those still there, at their lines\n"
                          "note: the content has 1 problem(s) reading its files, and the new file was checked "
                          "without those files; `python build.py check` lists them\n")


def test_a_reader_that_leaves_early_gets_no_traceback(site_copy: Path) -> None:
    """`build.py check | head -1`: the command stops quietly, as a Unix tool does."""
    (site_copy / "drills" / "strides.md").write_text("---\ntitle: [\n---\n")
    process = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "check"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before anything is written
    errors = process.stderr.read()
    assert (process.wait(timeout=60), errors) == (GONE_READER, b"")


def test_refusals_and_warnings_escape_what_a_terminal_would_act_on(site_copy: Path, run) -> None:
    Path("out\x1b[2K").write_text("a file")
    refused = run("build", "--out", "out\x1b[2K")
    assert (refused.code, refused.err) == (2, "build.py: the output folder out\\x1b[2K is a file\n")


@pytest.mark.parametrize(("host", "expected"), [("127.0.0.1", "127.0.0.1:8000"), ("::1", "[::1]:8000"),
                                                ("localhost", "localhost:8000")])
def test_a_served_address_is_written_as_a_url_writes_it(host: str, expected: str) -> None:
    assert authority(host, 8000) == expected


def test_new_drill_writes_a_starter_figure_that_is_drawn(site_copy: Path, run) -> None:
    assert run("new", "drill", "hip-opener").code == 0
    text = (site_copy / "drills" / "hip-opener.md").read_text()
    assert "\nfigure:\n  view: side\n" in text and "    - {thigh: [60, 0]" in text
    (site_copy / "drills" / "hip-opener.md").write_text(filled_in(text))  # the starter texts written
    assert run("build").code == 0
    assert '<svg class="fig n2"' in Path("_site/drills/hip-opener/index.html").read_text()


def _project_copy(tmp_path: Path, with_venv: bool) -> Path:
    """build.py beside the generator, with or without the project's .venv: as a fresh clone is."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(PROJECT / "build.py", copy / "build.py")
    (copy / "site_gen").symlink_to(PROJECT / "site_gen", target_is_directory=True)
    if with_venv:
        (copy / ".venv").symlink_to(PROJECT / ".venv", target_is_directory=True)
    return copy


def test_a_python_without_the_dependencies_gets_one_line_and_exit_2(tmp_path: Path) -> None:
    copy = _project_copy(tmp_path, with_venv=False)
    # -S: no site-packages, as a system Python without jinja2 and the rest.
    result = subprocess.run([sys.executable, "-S", str(copy / "build.py"), "check", "--content", "my guide"],
                            capture_output=True, text=True, timeout=60, check=False,
                            env={k: v for k, v in os.environ.items() if k != "STRIDE_PREP_IN_VENV"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("build.py: this Python lacks what the generator needs; run `make build` once, "
                             "then `.venv/bin/python build.py check --content 'my guide'`\n")


def test_a_python_without_the_dependencies_runs_the_project_s_venv_instead(tmp_path: Path) -> None:
    copy = _project_copy(tmp_path, with_venv=True)
    result = subprocess.run([sys.executable, "-S", str(copy / "build.py"), "--help"],
                            capture_output=True, text=True, timeout=60, check=False,
                            env={k: v for k, v in os.environ.items() if k != "STRIDE_PREP_IN_VENV"})
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("usage: build.py")
