"""Every generated page is valid HTML, by html-validate (pinned in package.json, rules in .htmlvalidate.json)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.site.built import PROJECT, BuiltSite

VALIDATOR = PROJECT / "node_modules" / "html-validate" / "bin" / "html-validate.mjs"


def test_every_page_is_valid_html(shipped_site: BuiltSite) -> None:
    node = shutil.which("node")
    if node is None or not VALIDATOR.is_file():
        pytest.fail("html-validate needs Node.js and node_modules: run `make test`, which installs them",
                    pytrace=False)
    sites = (shipped_site.root, PROJECT / "tests" / "site" / "golden")
    pages = sorted(path for site in sites for path in site.rglob("*.html"))
    # One run over every file: starting node once per page would cost seconds.
    result = subprocess.run([node, str(VALIDATOR), "--config", str(PROJECT / ".htmlvalidate.json"),
                             "--formatter", "json", *map(str, pages)],
                            cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), f"html-validate could not run (exit {result.returncode}):\n{result.stderr}"
    errors = [f"{_shown(report['filePath'], sites)}:{message['line']}:{message['column']}: {message['message']}"
              f" ({message['ruleId']})"
              for report in json.loads(result.stdout or "[]") for message in report["messages"]]
    assert not errors, f"{len(errors)} HTML errors in {len(pages)} pages:\n" + "\n".join(errors[:30])
    assert result.returncode == 0, result.stdout + result.stderr


def _shown(path: str, sites: tuple) -> str:
    """A page as its site path: 'content/: routines/x/index.html'."""
    for site, name in zip(sites, ("content/ built: ", "tests/site/golden/")):
        if path.startswith(str(site)):
            return name + path[len(str(site)) + 1:]
    return path
