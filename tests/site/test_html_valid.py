"""Every generated page is valid HTML, by html-validate (pinned in tests/package.json, rules in .htmlvalidate.json).

The rules (JSON allows no comments, so the reasons are here): `html-validate:recommended`,
every rule of the standard set, plus `html-validate:document`, the rules for complete pages
(every form control labelled, heading levels in order, every id reference resolves, a
doctype). No rule is off. One is narrowed: `require-sri` asks for an `integrity` hash only on
resources from another origin. Ours are all same-origin and already named by their content
hash, so a hash there would guard against nothing and break under a host that rewrites files
(a CDN that minifies CSS); and the browser tests assert no page ever requests another origin.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.site.built import GOLDEN, NODE_MODULES, PROJECT, BuiltSite

VALIDATOR = NODE_MODULES / "html-validate" / "bin" / "html-validate.mjs"


def test_every_page_is_valid_html(shipped_site: BuiltSite, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not VALIDATOR.is_file():
        pytest.fail("html-validate needs Node.js and tests/node_modules: run `make test`, which installs them",
                    pytrace=False)
    sites = {shipped_site.root: "content/ built: ", GOLDEN: "tests/site/golden/"}
    pages = sorted(path for site in sites for path in site.rglob("*.html"))
    # One run over every file: starting node once per page would cost seconds. The report goes
    # to a file: node exits before a large report piped to stdout is flushed.
    report = tmp_path / "html-validate.json"
    result = subprocess.run([node, str(VALIDATOR), "--config", str(PROJECT / ".htmlvalidate.json"),
                             "--formatter", f"json={report}", *map(str, pages)],
                            cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1) and report.is_file(), (
        f"html-validate could not run (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    errors = [f"{_shown(Path(checked['filePath']), sites)}:{message['line']}:{message['column']}: "
              f"{message['message']} ({message['ruleId']})"
              for checked in json.loads(report.read_text(encoding="utf-8")) for message in checked["messages"]]
    assert not errors, f"{len(errors)} HTML errors in {len(pages)} pages:\n" + "\n".join(errors[:30])
    assert result.returncode == 0, result.stdout + result.stderr


def _shown(path: Path, sites: dict[Path, str]) -> str:
    """A page as a person finds it: 'content/ built: routines/x/index.html'."""
    for site, name in sites.items():
        if path.is_relative_to(site):
            return name + path.relative_to(site).as_posix()
    return str(path)
