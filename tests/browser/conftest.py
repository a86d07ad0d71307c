"""One built guide, served on 127.0.0.1, and one headless Chromium for every browser test.

The browser may talk to the local server only: every other request is aborted and
recorded, so a test can assert the site asks no third party for anything.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Response, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.browser.chromium import LAUNCH_ARGS, STARTING_FAILED, ChromiumMissing, locate_chromium
from tests.browser.pages import Viewport, Visit
from tests.site.built import BuiltSite


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; keeps what it answered instead of printing it."""

    answered: ClassVar[list[tuple[int, str]]] = []  # (status, path): the browser's own requests too

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.answered.append((int(code), self.path))

    def log_message(self, format: str, *args: Any) -> None:
        pass  # pytest shows failures; a line per request would drown them


@pytest.fixture(scope="session")
def built_site(shipped_site: BuiltSite) -> BuiltSite:
    """The guide the browser opens: the one build of the run that the tests of the output read too."""
    return shipped_site


@pytest.fixture(scope="session")
def served() -> list[tuple[int, str]]:
    """Every (status, path) the test server answered, including requests the page does not see (an icon)."""
    return QuietHandler.answered


@pytest.fixture(scope="session")
def origin(built_site: BuiltSite) -> Iterator[str]:
    """http://127.0.0.1:PORT serving the built guide, on a free port."""
    handler = functools.partial(QuietHandler, directory=str(built_site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# Never a skip: CI must run these tests, so a browser that is missing or cannot start fails
# every browser test, with the reason.
@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    try:
        started = sync_playwright().start()
    except Exception as error:  # noqa: BLE001 - Playwright raises a bare Exception when its driver dies at start
        pytest.fail(f"{STARTING_FAILED}: {error}", pytrace=False)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    try:
        executable = locate_chromium(playwright.chromium.executable_path)
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=list(LAUNCH_ARGS))
    except ChromiumMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    except PlaywrightError as error:
        pytest.fail(f"{STARTING_FAILED}: {error}", pytrace=False)
    yield launched
    launched.close()


@pytest.fixture
def new_context(browser: Browser, origin: str) -> Iterator[Callable[..., BrowserContext]]:
    """Open a browser context that may fetch from the local server only; closed after the test."""
    opened: list[BrowserContext] = []

    def open_(viewport: Viewport, **options: Any) -> BrowserContext:
        context = browser.new_context(**viewport.context_options(), **options)
        context.route("**/*", functools.partial(_local_only, origin))
        opened.append(context)
        return context

    yield open_
    for context in opened:
        context.close()


@pytest.fixture
def blank_page(new_context: Callable[..., BrowserContext]) -> Callable[..., Page]:
    """A new page in a new local-only context, not loaded yet: a test may install a clock first."""

    def open_(viewport: Viewport, **options: Any) -> Page:
        return new_context(viewport, **options).new_page()

    return open_


@pytest.fixture
def visit(new_context: Callable[..., BrowserContext], origin: str) -> Callable[..., Visit]:
    """Load a site path at a viewport, recording its requests; fails the test unless the server answers 200."""

    def visit_(path: str, viewport: Viewport, **options: Any) -> Visit:
        context = new_context(viewport, **options)
        page = context.new_page()
        loaded = Visit(page, path, viewport)
        # On the context, not the page: a service worker's requests count too.
        context.on("request", lambda request: loaded.requests.append(request.url))
        context.on("response", functools.partial(_note_error, loaded))
        context.on("requestfailed", lambda request: loaded.failed.append(f"{request.failure} {request.url}"))
        response = page.goto(origin + path, wait_until="load")
        assert response is not None and response.status == 200, f"{path}: the server answered {response and response.status}"
        return loaded

    return visit_


def _note_error(visit: Visit, response: Response) -> None:
    if not response.ok:
        visit.failed.append(f"{response.status} {response.url}")


def _local_only(origin: str, route: Route) -> None:
    if route.request.url.startswith(origin + "/"):
        route.continue_()
    else:
        route.abort("blockedbyclient")
