"""The shipped guide, built the way a contributor builds it, for the tests that look at the output."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
CONTENT = PROJECT / "content"
GOLDEN = PROJECT / "tests" / "site" / "golden"
# The test tools from npm, installed by `make test` from tests/package.json (Lighthouse apart, in tests/lighthouse/).
NODE_MODULES = PROJECT / "tests" / "node_modules"
GOLDEN_CONTENT = PROJECT / "tests" / "fixtures" / "site" / "content"


@dataclass(frozen=True)
class BuiltSite:
    name: str  # how a failure message names it
    root: Path  # the output folder
    base_url: str  # from its site.yaml: the sitemap and the 404 page's links use it


def build_shipped_site(out: Path) -> BuiltSite:
    """Build content/ into `out` through the command line; fail the test run with the build's report."""
    # Through build.py, as a contributor runs it: the documented interface, not the pipeline's internals.
    result = subprocess.run([sys.executable, "build.py", "build", "--content", str(CONTENT), "--out", str(out)],
                            cwd=PROJECT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError(f"building content/ failed (exit {result.returncode}):\n{result.stderr}{result.stdout}")
    return BuiltSite("content/", out, base_url_of(CONTENT))


def golden_site() -> BuiltSite:
    """The recorded fixture site (tests/site/golden), another complete build to check."""
    return BuiltSite("tests/site/golden/", GOLDEN, base_url_of(GOLDEN_CONTENT))


def base_url_of(content: Path) -> str:
    settings = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    return str(settings["base_url"])
