"""Small enough for a slow connection at the track: every page type within 30 KB, all JavaScript within 10 KB (gzip)."""

from __future__ import annotations

from tests.site.built import BuiltSite
from tests.site.page_weight import PAGES, file_of, report


def test_every_page_type_and_the_javascript_are_within_budget(shipped_site: BuiltSite) -> None:
    missing = [url for url in PAGES.values() if not file_of(shipped_site.root, url).is_file()]
    assert not missing, f"page_weight.PAGES names pages the site does not have: {missing}"
    table, problems = report(shipped_site.root)
    assert not problems, "over budget:\n" + "\n".join(problems) + "\n" + table
