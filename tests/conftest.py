"""Shared helpers: a small complete site to copy, running the CLI as a contributor would, and the shipped guide built once."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_gen.cli import main
from tests.site.built import BuiltSite, build_shipped_site

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site" / "content"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def site_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the fixture site at ./content, with the working directory beside it."""
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run build.py with arguments; returns exit code and output."""

    def run_(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run_


# Here, not in tests/site or tests/browser: a fixture lives once per conftest that declares it,
# and every test of a run (site, browser, guide) is to read the same one build.
@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped guide (content/), built once per test run through build.py; tests only read it."""
    return build_shipped_site(tmp_path_factory.mktemp("site") / "_site")
