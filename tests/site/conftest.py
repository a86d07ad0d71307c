"""The shipped guide, built once for the tests that read the output as files."""

from __future__ import annotations

import pytest

from tests.site.built import BuiltSite, build_shipped_site, golden_site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_shipped_site(tmp_path_factory.mktemp("site") / "_site")


@pytest.fixture(scope="session", params=["content", "golden"])
def every_site(request: pytest.FixtureRequest, shipped_site: BuiltSite) -> BuiltSite:
    """The shipped guide and the recorded fixture site: two complete builds, each checked alike."""
    return shipped_site if request.param == "content" else golden_site()
