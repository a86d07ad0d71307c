"""The pre-commit hook: `build.py check` on a commit that touches content/, its report and exit code as they are."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import yaml

from site_gen.builder import PROJECT

HOOKS = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
FIXTURE = PROJECT / "tests" / "fixtures" / "site" / "content"


def _fork(tmp_path: Path) -> Path:
    """A contributor's fork as pre-commit runs a system hook in it: build.py, the generator, .venv, content/."""
    fork = tmp_path / "fork"
    fork.mkdir()
    shutil.copy(PROJECT / "build.py", fork / "build.py")
    for name in ("site_gen", "templates", "assets", ".venv"):
        (fork / name).symlink_to(PROJECT / name, target_is_directory=True)
    shutil.copytree(FIXTURE, fork / "content")
    return fork


def _run_hook(fork: Path) -> subprocess.CompletedProcess[str]:
    (hook,) = HOOKS
    # As pre-commit runs it: the entry split like a shell would, in the repository's root, no file names.
    environment = {name: value for name, value in os.environ.items() if name != "STRIDE_PREP_IN_VENV"}
    return subprocess.run(shlex.split(hook["entry"]), cwd=fork, capture_output=True, text=True, timeout=120,
                          check=False, env=environment)


def test_the_hook_checks_the_whole_content_when_a_content_file_is_committed() -> None:
    (hook,) = HOOKS
    assert hook["id"] == "stride-prep-check"
    assert hook["language"] == "system"  # the fork's own build.py: nothing for pre-commit to install
    assert hook["pass_filenames"] is False  # a drill is checked against the routines that name it
    files = re.compile(hook["files"])
    assert files.search("content/drills/leg-swings.md") and files.search("content/site.yaml")
    assert not files.search("README.md") and not files.search("tests/fixtures/site/content/site.yaml")


def test_the_hook_passes_clean_content(tmp_path: Path) -> None:
    result = _run_hook(_fork(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("content is clean: ")


def test_the_hook_stops_the_commit_at_the_mistake_s_line(tmp_path: Path) -> None:
    fork = _fork(tmp_path)
    drill = fork / "content" / "drills" / "strides.md"
    drill.write_text(drill.read_text().replace("\nsummary:", "\nsumary:", 1))
    line = next(number for number, text in enumerate(drill.read_text().split("\n"), 1) if text.startswith("sumary:"))
    result = _run_hook(fork)
    assert result.returncode == 1
    assert result.stdout == (f"content/drills/strides.md:{line}:1: unknown field 'sumary'\n"
                             "  hint: did you mean 'summary'?\n1 error\n")
