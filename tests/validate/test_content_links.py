"""Content links as the Markdown rule finds them: what a file's validation depends on, reference-style links too."""

from __future__ import annotations

from pathlib import PurePosixPath

from site_gen.load import SourceFile, load_sources
from site_gen.markdown import render_markdown
from site_gen.validate import validate_site_memo
from tests.conftest import FIXTURE_SITE

PAGE = SourceFile(PurePosixPath("content/pages/links.md"), "page", "links",
                  "---\ntitle: Links\nsummary: Links.\norder: 5\n---\nSee [the new drill][new].\n\n[new]: drill:new-drill\n")


def test_a_reference_style_link_is_resolved_and_placed_at_its_definition() -> None:
    rendered = render_markdown("See [swings][s] and [gone][g].\n\n[s]: drill:leg-swings\n[g]:  drill:gone\n",
                               PurePosixPath("content/pages/x.md"), 6, {"drill": {"leg-swings": "/drills/leg-swings/"}})
    assert 'href="/drills/leg-swings/"' in rendered.html
    assert [str(problem).split("\n")[0] for problem in rendered.problems] == [
        "content/pages/x.md:9:7: link to unknown drill 'gone'"]


def test_adding_the_drill_a_reference_style_link_names_clears_its_problem_on_a_rebuild() -> None:
    sources, _ = load_sources(FIXTURE_SITE, PurePosixPath("content"))
    site, problems, memo = validate_site_memo((*sources, PAGE), {})
    assert site is None and [p.message for p in problems] == ["link to unknown drill 'new-drill'"]
    # The link's page is unchanged: only the memo's note of what it linked to can tell it to check again.
    drill = next(s for s in sources if s.kind == "drill")
    added = SourceFile(PurePosixPath("content/drills/new-drill.md"), "drill", "new-drill", drill.text)
    site, problems, _ = validate_site_memo((*sources, added, PAGE), memo)
    assert problems == () and site is not None
