"""Lighthouse on the built guide: home, a routine, a drill and the log, as a phone on a slow connection.

    python -m tests.site.lighthouse [SITE]      (default: build content/ afresh; `make lighthouse`)

Serves the site on 127.0.0.1 (a free port) and runs the pinned `lighthouse` npm package
(tests/lighthouse/package.json) with its default mobile emulation and simulated throttling, driving the
Chromium the browser tests use (Debian's /usr/bin/chromium, or $CHROME_PATH) headless.
Prints the four category scores of each page and every audit that cost a point; exits 1
when a score is under 100. Reports land in test-artifacts/lighthouse/.

Not part of `make test`: a run takes about 10 s a page, and a performance score measures
the machine as well as the site (a busy CI runner can lose a point on a good page).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.browser.chromium import DEBIAN_CHROMIUM
from tests.site.built import PROJECT, build_shipped_site
from tests.site.page_types import PAGES

# Its own package set: `make test` never installs it (tests/lighthouse/package.json).
LIGHTHOUSE = PROJECT / "tests" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = PROJECT / "test-artifacts" / "lighthouse"
# Of the page types, the three asked for and the log (the page its script changes most).
MEASURED = ("home", "routine", "drill", "log")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT serving `site`, on a port nobody else uses."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    """Lighthouse's JSON report of one page."""
    chrome = os.environ.get("CHROME_PATH") or str(DEBIAN_CHROMIUM)
    result = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
        env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not report.is_file():
        raise SystemExit(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}")
    report_json: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return report_json


def scores(report: dict[str, Any]) -> tuple[dict[str, int], list[str]]:
    """Each category's score out of 100, and the audits that lowered one."""
    categories, audits = report["categories"], report["audits"]
    found = {name: round(categories[name]["score"] * 100) for name in CATEGORIES}
    lost = [f"{name}: {audits[reference['id']]['title']} "
            f"({audits[reference['id']].get('displayValue') or audits[reference['id']]['score']})"
            for name in CATEGORIES for reference in categories[name]["auditRefs"]
            if reference["weight"] and audits[reference["id"]]["score"] is not None
            and audits[reference["id"]]["score"] < 1]
    return found, lost


def main(arguments: list[str]) -> int:
    if not LIGHTHOUSE.is_file():
        print("lighthouse is not installed: run `make lighthouse`, which installs it into tests/lighthouse/", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(arguments[0]) if arguments else build_shipped_site(Path(scratch) / "_site").root
        REPORTS.mkdir(parents=True, exist_ok=True)
        failed = False
        version = ""
        with served(site) as origin:
            print(f"{'page':<8} " + " ".join(f"{name:>14}" for name in CATEGORIES))
            for kind in MEASURED:
                report = run_lighthouse(origin + PAGES[kind], REPORTS / f"{kind}.json")
                version = str(report.get("lighthouseVersion", ""))
                found, lost = scores(report)
                print(f"{kind:<8} " + " ".join(f"{found[name]:>14}" for name in CATEGORIES))
                for line in lost:
                    print(f"         lost: {line}")
                failed |= any(score < 100 for score in found.values())
        print(f"Lighthouse {version}, mobile emulation, simulated throttling; "
              f"reports in {REPORTS.relative_to(PROJECT)}/; Chromium: {os.environ.get('CHROME_PATH') or DEBIAN_CHROMIUM}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
