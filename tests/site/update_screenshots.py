"""The README's pictures of the guide, taken from a fresh build of content/ by the browser tests' Chromium.

    python -m tests.site.update_screenshots      (after a change the pictures show; commit the PNGs)

docs/screenshots/routine.png: a routine on a phone (360x640 CSS px, 2x pixels), its first screen.
docs/screenshots/card.png: that routine's card as Chromium prints it (A6, its own @page size),
made a PNG by pdftoppm (poppler-utils). The same content and browser give the same pictures.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.chromium import LAUNCH_ARGS, locate_chromium
from tests.site.built import PROJECT, build_shipped_site
from tests.site.lighthouse import served

SCREENSHOTS = PROJECT / "docs" / "screenshots"
ROUTINE = "/routines/5k-easy-run-beginner/"
PHONE = {"width": 360, "height": 640}
CARD_DPI = 110  # an A6 card (105 x 148 mm) about 450 px wide: legible beside the phone picture


def take(site: Path, out: Path, scratch: Path) -> list[Path]:
    """Write routine.png and card.png of the built `site` into `out`: the paths written."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("update_screenshots: pdftoppm is missing (Debian: apt-get install poppler-utils)")
    out.mkdir(parents=True, exist_ok=True)
    with served(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=locate_chromium(playwright.chromium.executable_path),
                                             args=list(LAUNCH_ARGS))
        # reduced_motion: the figures stand at their still pose, so the picture is the same every time.
        phone = browser.new_page(viewport=PHONE, device_scale_factor=2, reduced_motion="reduce")
        phone.goto(origin + ROUTINE)
        # The first screen as a runner opens it: title, facts, intro, Start and the first step.
        phone.locator("[data-do=start]").wait_for()
        phone.screenshot(path=str(out / "routine.png"))
        card = browser.new_page()
        card.goto(origin + ROUTINE + "card/")
        (scratch / "card.pdf").write_bytes(card.pdf(prefer_css_page_size=True, print_background=True))
        browser.close()
    subprocess.run([pdftoppm, "-png", "-singlefile", "-r", str(CARD_DPI), str(scratch / "card.pdf"),
                    str(out / "card")], check=True)
    return [out / "routine.png", out / "card.png"]


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        site = build_shipped_site(Path(scratch) / "_site").root
        for path in take(site, SCREENSHOTS, Path(scratch)):
            print(f"wrote {path.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
