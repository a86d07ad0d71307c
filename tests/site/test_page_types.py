"""The one table of page types (page_types.py) names one real page of every type the site has."""

from __future__ import annotations

from pathlib import PurePosixPath

from site_gen.builder import Builder
from site_gen.plan import plan_pages
from tests.site.built import CONTENT, PROJECT, BuiltSite
from tests.site.page_types import PAGE_TYPES
from tests.site.page_weight import file_of

TEMPLATES = PROJECT / "templates"


def test_every_page_template_has_a_page_type() -> None:
    """A new kind of page fails here until the browser, weight and Lighthouse tests can open it."""
    # base.html is what the others extend; sitemap.xml and sw.js are not pages a person opens.
    page_templates = {path.name for path in TEMPLATES.glob("*.html")} - {"base.html"}
    assert sorted(page_templates - {page.template for page in PAGE_TYPES}) == [], "page types missing from the table"
    assert sorted({page.template for page in PAGE_TYPES} - page_templates) == [], "page types with no template"


def test_every_page_type_is_planned_with_its_template() -> None:
    site, problems = Builder(CONTENT, PurePosixPath("content")).read()
    assert problems == () and site is not None
    planned, problems = plan_pages(site)
    assert problems == ()
    template_of = {page.url: page.template for page in planned}
    wrong = [f"{page.name}: {page.path} is planned with {template_of.get(page.path, 'nothing')}, not {page.template}"
             for page in PAGE_TYPES if template_of.get(page.path) != page.template]
    assert wrong == []


def test_every_page_type_is_a_file_of_the_build(shipped_site: BuiltSite) -> None:
    missing = [page.path for page in PAGE_TYPES if not file_of(shipped_site.root, page.path).is_file()]
    assert missing == [], "page_types.PAGE_TYPES names pages the site does not have"


def test_page_type_names_and_paths_are_unique() -> None:
    # PAGES (name -> path) would silently keep only the last of two types with one name.
    assert len({page.name for page in PAGE_TYPES}) == len({page.path for page in PAGE_TYPES}) == len(PAGE_TYPES)
