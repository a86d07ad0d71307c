"""The complete sites the tests of the output read: the shipped guide (built once, tests/conftest.py) and the golden one."""

from __future__ import annotations

import pytest

from tests.site.built import BuiltSite, golden_site


@pytest.fixture(scope="session", params=["content", "golden"])
def every_site(request: pytest.FixtureRequest, shipped_site: BuiltSite) -> BuiltSite:
    """The shipped guide and the recorded fixture site: two complete builds, each checked alike."""
    return shipped_site if request.param == "content" else golden_site()
