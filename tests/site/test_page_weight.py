"""Small enough for a slow connection at the track: every page type within 30 KB, all JavaScript within 10 KB (gzip)."""

from __future__ import annotations

from tests.site.built import BuiltSite
from tests.site.page_weight import report


def test_every_page_type_and_the_javascript_are_within_budget(shipped_site: BuiltSite) -> None:
    # That every page type is a page of the build is test_page_types.py's.
    table, problems = report(shipped_site.root)
    assert not problems, "over budget:\n" + "\n".join(problems) + "\n" + table
