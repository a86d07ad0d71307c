"""Offline after one visit: the service worker keeps the shell, the assets, the page visited and what it leads to."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.browser.conftest import QuietHandler, _local_only
from tests.browser.pages import PAGES, VIEWPORTS
from tests.site.built import BuiltSite

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
ROUTINE = PAGES["routine"]
CARD = PAGES["card"]

KEPT = """
async (paths) => {
  const names = await caches.keys();
  const kept = [];
  for (const name of names) {
    const cache = await caches.open(name);
    for (const path of paths) if (await cache.match(new URL(path, location.origin).href)) kept.push(path);
  }
  return {names, kept};
}
"""


def wait_until_kept(page: Page, paths: list[str], seconds: float = 10) -> list[str]:
    """The cache names once every path is kept; fails with what is missing after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        found = page.evaluate(KEPT, paths)
        if set(found["kept"]) >= set(paths):
            return found["names"]
        if time.monotonic() > deadline:
            raise AssertionError(f"after {seconds} s the service worker keeps {found['kept']} of {paths}"
                                 f" (caches: {found['names']})")
        page.wait_for_timeout(100)


def test_routine_and_its_card_load_offline_after_one_visit(blank_page: Callable[..., Page], origin: str) -> None:
    page = blank_page(PHONE)
    page.goto(origin + ROUTINE)
    drill = page.locator(".step .more").first.get_attribute("href")
    assert drill
    wait_until_kept(page, [ROUTINE, CARD, "/", "/drills/", "/log/"])
    page.context.set_offline(True)

    # The log shows its app: log.js came from the cache too (the paper sheet is hidden with scripts on).
    # The timer's end screen links to the log with the routine it was: offline, the same log page.
    for path, shown in ((ROUTINE, ".step"), (CARD, ".card"), ("/log/", "form.log-form"),
                        ("/log/?routine=5k-easy-run-beginner", "form.log-form")):
        page.goto(origin + path)
        expect(page.locator(shown).first).to_be_visible()
        # Styled: the hashed stylesheet came from the cache too.
        assert page.evaluate("() => getComputedStyle(document.body).margin") == "0px", f"{path} offline: no CSS"
    page.goto(origin + ROUTINE)
    page.locator(".step .more").first.click()  # a drill the routine links to
    expect(page.locator("h1")).not_to_have_text("Page not found")
    # Ticks work offline too: the scripts came from the cache.
    page.goto(origin + ROUTINE)
    page.locator("label[for=step-1]").click()
    expect(page.locator(".track-count")).to_contain_text("1 of")
    # A page never visited says so rather than leaving the browser's error page.
    page.goto(origin + "/distances/marathon/")
    expect(page.locator("h1")).to_have_text("Page not found")


@pytest.fixture
def page_for(browser: Browser) -> Iterator[Callable[[str], Page]]:
    """A page in a context of its own that may talk to `origin` (another local server) only."""
    opened: list[BrowserContext] = []

    def open_(origin: str) -> Page:
        context = browser.new_context(**PHONE.context_options())
        context.route("**/*", functools.partial(_local_only, origin))
        opened.append(context)
        return context.new_page()

    yield open_
    for context in opened:
        context.close()


@pytest.fixture
def second_build(built_site: BuiltSite, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A copy of the built site on its own server, so that a test may publish a 'new build' into it."""
    root = tmp_path / "site"
    shutil.copytree(built_site.root, root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()


def test_a_new_build_replaces_the_old_cache_and_keeps_the_pages_kept(page_for: Callable[[str], Page],
                                                                      second_build: tuple[str, Path]) -> None:
    origin, root = second_build
    page = page_for(origin)
    page.goto(origin + ROUTINE)
    old = wait_until_kept(page, [ROUTINE, CARD])
    assert len(old) == 1 and old[0].startswith("stride-prep-"), old
    worker = root / "sw.js"
    text = worker.read_text(encoding="utf-8")
    assert re.search(r"stride-prep-[0-9a-f]+", text), "sw.js names its cache stride-prep-<version>"
    worker.write_text(re.sub(r"stride-prep-([0-9a-f]+)", r"stride-prep-\1next", text), encoding="utf-8")
    # The browser finds the new worker; it takes over once no tab uses the old one.
    page.evaluate("""() => navigator.serviceWorker.getRegistration().then((registration) => registration.update())
        .then(() => navigator.serviceWorker.getRegistration())
        .then((registration) => registration.installing && new Promise((resolve) =>
            registration.installing.addEventListener('statechange', resolve)))""")
    context = page.context
    page.close()
    page = context.new_page()
    deadline = time.monotonic() + 10
    while True:
        page.goto(origin + "/")
        names = page.evaluate("() => caches.keys()")
        if names == [old[0] + "next"] or time.monotonic() > deadline:
            break
        page.wait_for_timeout(200)
    assert names == [old[0] + "next"], f"after a new build the caches are {names}"
    # The pages the runner kept came along, fetched again from the new build.
    wait_until_kept(page, [ROUTINE, CARD])


def test_no_worker_under_the_dev_server(blank_page: Callable[..., Page], origin: str) -> None:
    """A page carrying the dev server's live-reload script never registers the worker (edits would go stale)."""
    page = blank_page(PHONE)

    def as_the_dev_server_serves_it(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(
            "</body>", '<script src="/__stride/live.js"></script>\n</body>', 1))

    page.route(origin + ROUTINE, as_the_dev_server_serves_it)
    page.route(origin + "/__stride/live.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(origin + ROUTINE)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".track-count")).to_be_visible()  # the page's own scripts did run
    assert page.evaluate("() => navigator.serviceWorker.getRegistrations().then((found) => found.length)") == 0
