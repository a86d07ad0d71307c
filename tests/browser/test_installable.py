"""Installable: Chromium reads the manifest, fetches its icons and finds nothing that stops an install.

`Page.getInstallabilityErrors` is the check Lighthouse's installability audit used. The site
is served on http://127.0.0.1, a secure context, as a static host would serve it over HTTPS.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright

from tests.browser.chromium import LAUNCH_ARGS, locate_chromium
from tests.browser.conftest import _local_only
from tests.browser.pages import PAGES, VIEWPORTS

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
READY = "() => navigator.serviceWorker.ready.then(() => true)"


@pytest.fixture
def profile(playwright: Playwright, origin: str, tmp_path: Path) -> Iterator[BrowserContext]:
    """A browser with a profile on disk: Chromium never offers to install from an incognito context,
    which is what a plain Playwright context is."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path / "profile", executable_path=locate_chromium(playwright.chromium.executable_path), headless=True,
        args=list(LAUNCH_ARGS), **PHONE.context_options())
    context.route("**/*", functools.partial(_local_only, origin))
    yield context
    context.close()


@pytest.fixture
def blank_page(profile: BrowserContext) -> Callable[..., Page]:
    def open_(_viewport: object) -> Page:
        return profile.new_page()
    return open_


@pytest.mark.parametrize("kind", ["home", "routine", "drill-zone"])
def test_chromium_finds_the_site_installable(blank_page: Callable[..., Page], origin: str, kind: str) -> None:
    page = blank_page(PHONE)
    page.goto(origin + PAGES[kind])
    page.evaluate(READY)  # the worker is active: Chromium's check may ask for one
    session = page.context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], f"{PAGES[kind]}: {errors}"
    manifest = session.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert manifest["url"] == origin + "/manifest.webmanifest"


def test_the_manifest_s_addresses_resolve_to_the_site_s_root_and_its_icons(blank_page: Callable[..., Page],
                                                                         origin: str) -> None:
    page = blank_page(PHONE)
    page.goto(origin + PAGES["drill"])
    session = page.context.new_cdp_session(page)
    parsed = session.send("Page.getAppManifest").get("manifest") or {}
    assert urljoin(origin + "/manifest.webmanifest", "./") == origin + "/"
    assert parsed.get("start_url", origin + "/") == origin + "/"
    # Each icon Chromium will fetch answers with a PNG of the size the manifest says.
    sizes = page.evaluate("""async () => {
      const link = document.querySelector('link[rel=manifest]');
      const manifest = await (await fetch(link.href)).json();
      return Promise.all(manifest.icons.map(async (icon) => {
        const url = new URL(icon.src, link.href);
        const bitmap = await createImageBitmap(await (await fetch(url)).blob());
        return [icon.sizes, `${bitmap.width}x${bitmap.height}`, url.pathname.startsWith('/assets/icons/')];
      }));
    }""")
    assert sizes and all(declared == actual and under for declared, actual, under in sizes), sizes


def test_the_check_fails_a_manifest_without_icons(blank_page: Callable[..., Page], origin: str) -> None:
    # The same check on the same page, its manifest served without icons: the check can fail.
    page = blank_page(PHONE)
    page.route("**/manifest.webmanifest", lambda route: route.fulfill(
        status=200, content_type="application/manifest+json",
        body='{"name": "Stride Prep", "start_url": "./", "display": "standalone"}'))
    page.goto(origin + PAGES["home"])
    page.evaluate(READY)
    session = page.context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert "manifest-missing-suitable-icon" in [error["errorId"] for error in errors], errors
