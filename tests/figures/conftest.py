from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from site_gen.load import load_sources
from site_gen.model import Drill
from site_gen.validate import validate_site
from tests.site.built import CONTENT


@pytest.fixture(scope="session")
def drills() -> dict[str, Drill]:
    """The shipped guide's drills, by slug."""
    sources, _ = load_sources(CONTENT, PurePosixPath("content"))
    site, problems = validate_site(sources)
    assert site is not None, problems
    return {drill.slug: drill for drill in site.drills}
