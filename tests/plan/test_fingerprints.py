"""Page fingerprints: equal inputs, equal fingerprint; any input changed, a new one."""

from __future__ import annotations

from site_gen.deps import page_fingerprints
from site_gen.plan import PlannedPage

SOURCES = {"content/drills/a.md": "digest-a", "content/drills/b.md": "digest-b"}
TEMPLATES = {"drill.html": "template-1"}


def _page(*sources: str, extra_key: str = "") -> PlannedPage:
    return PlannedPage("/drills/a/", "drill.html", {}, sources, True, extra_key)


def _fingerprint(page: PlannedPage, sources: dict[str, str] = SOURCES, templates: dict[str, str] = TEMPLATES,
                 shared: str = "shared") -> str:
    return page_fingerprints([page], sources, templates, shared, {})[page.url][2]


def test_equal_inputs_give_equal_fingerprints() -> None:
    assert _fingerprint(_page("content/drills/a.md")) == _fingerprint(_page("content/drills/a.md"))


def test_each_input_changes_the_fingerprint() -> None:
    page = _page("content/drills/a.md")
    base = _fingerprint(page)
    assert _fingerprint(page, sources={**SOURCES, "content/drills/a.md": "edited"}) != base
    assert _fingerprint(page, templates={"drill.html": "template-2"}) != base
    assert _fingerprint(page, shared="site.yaml edited") != base
    assert _fingerprint(_page("content/drills/a.md", "content/drills/b.md")) != base
    assert _fingerprint(_page("content/drills/a.md", extra_key="a listing's lines")) != base
    # A file the page does not show changes nothing.
    assert _fingerprint(page, sources={**SOURCES, "content/drills/b.md": "edited"}) == base


def test_the_same_page_object_keeps_its_fingerprint_without_hashing_its_sources_again() -> None:
    page = _page("content/drills/a.md")
    first = page_fingerprints([page], SOURCES, TEMPLATES, "shared", {})
    # No digest of its sources is needed: the planner reuses a page object only for unchanged inputs.
    again = page_fingerprints([page], {}, TEMPLATES, "shared", first)
    assert again[page.url] is first[page.url]


def test_the_same_page_object_with_a_changed_template_is_fingerprinted_again() -> None:
    page = _page("content/drills/a.md")
    first = page_fingerprints([page], SOURCES, TEMPLATES, "shared", {})
    again = page_fingerprints([page], SOURCES, {"drill.html": "template-2"}, "shared", first)
    assert again[page.url][2] != first[page.url][2]
    # An equal page that is another object is hashed again, to the same fingerprint.
    equal = _page("content/drills/a.md")
    assert page_fingerprints([equal], SOURCES, TEMPLATES, "shared", first)[page.url] == first[page.url]
