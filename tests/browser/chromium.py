"""Which Chromium the browser tests drive, and how it is launched.

Looked for in order: $STRIDE_PREP_CHROMIUM, Debian's /usr/bin/chromium, then the browser
Playwright manages (`python -m playwright install chromium`, for a contributor's laptop).
Playwright cannot download its own browser on our machines, so on Debian `make test`
installs the distribution's package instead.

`python -m tests.browser.chromium` starts the browser once and prints which it is, or says why
it cannot (exit 1): `make test` runs it to decide whether to install anything.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ENVIRONMENT_VARIABLE = "STRIDE_PREP_CHROMIUM"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")

# Headless, as root in CI (so no sandbox), and quiet: nothing phones home during a test.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

# Playwright runs a bundled Node.js driver, which needs libatomic1; a minimal Debian lacks it.
STARTING_FAILED = ("Playwright could not start Chromium; the lines above name what is missing"
                   " (on Debian: apt-get install libatomic1 chromium, which make test does as root)")


class ChromiumMissing(Exception):
    """No usable Chromium; the message says where we looked and how to install one."""


def locate_chromium(playwright_managed: str | None) -> Path:
    """The Chromium executable to launch; `playwright_managed` is Playwright's own browser path, if known."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE, "")
    if chosen:
        # Set on purpose: a wrong path is a mistake to report, not a reason to quietly use another browser.
        if not os.access(chosen, os.X_OK):
            raise ChromiumMissing(f"${ENVIRONMENT_VARIABLE} is {chosen!r}, which is not an executable file")
        return Path(chosen)
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    if playwright_managed and os.access(playwright_managed, os.X_OK):
        return Path(playwright_managed)
    raise ChromiumMissing(
        f"no Chromium for the browser tests: ${ENVIRONMENT_VARIABLE} is not set, {DEBIAN_CHROMIUM} does not exist"
        f" and Playwright's own browser is not installed ({playwright_managed or 'path unknown'}).\n"
        "  On Debian or Ubuntu, as root: apt-get install chromium (make test does this when run as root).\n"
        f"  Elsewhere: install Chromium and set {ENVIRONMENT_VARIABLE}=/path/to/chromium,"
        " or run .venv/bin/python -m playwright install chromium")


def main() -> int:
    """0 when the browser tests can run here: Playwright's driver starts and launches the Chromium found."""
    found = None
    try:
        with sync_playwright() as playwright:
            found = locate_chromium(playwright.chromium.executable_path)
            playwright.chromium.launch(executable_path=found, headless=True, args=list(LAUNCH_ARGS)).close()
    except ChromiumMissing as missing:
        print(f"browser tests: {missing}", file=sys.stderr)
        return 1
    # Playwright raises a bare Exception when its driver dies at start (a missing library).
    except Exception as error:  # noqa: BLE001 - reported, with what was being started
        print(f"browser tests: {STARTING_FAILED} ({found or 'Playwright driver'}): {error}", file=sys.stderr)
        return 1
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
