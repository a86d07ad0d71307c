"""Loading any page asks nothing of a third party, and everything it asks of the site is there."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.pages import PAGES, VIEWPORTS, Visit

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]


@pytest.mark.parametrize("kind", PAGES)
def test_page_makes_no_third_party_request(visit: Callable[..., Visit], origin: str, served: list[tuple[int, str]],
                                           kind: str) -> None:
    already = len(served)
    loaded = visit(PAGES[kind], PHONE)
    loaded.page.wait_for_load_state("networkidle")  # late requests too: icons, anything a script adds
    elsewhere = [url for url in loaded.requests if not url.startswith(origin + "/")]
    assert not elsewhere, f"{loaded.where()}: requests leaving the site: " + ", ".join(elsewhere)
    assert not loaded.failed, f"{loaded.where()}: requests that failed: " + ", ".join(loaded.failed)
    # The server's side too: the browser asks for some things (the icon) that the page never sees.
    missing = [f"{status} {path}" for status, path in served[already:] if status >= 400]
    assert not missing, f"{loaded.where()}: the server answered " + ", ".join(missing)
