"""A base URL that got past validation is still only text in every page, the sitemap and the worker.

Validation refuses these (tests/validate/cases/base_url_*); here the settings are built
directly, so that the escaping is tested on its own.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import PurePosixPath
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from site_gen.load import load_sources
from site_gen.plan import plan_pages, service_worker_page, sitemap_page
from site_gen.render import make_environment, render_page
from site_gen.validate import validate_site
from tests.conftest import FIXTURE_SITE

TEMPLATES = FIXTURE_SITE.parents[3] / "templates"
HOSTILE = [
    'https://e.example/"><script>alert(document.domain)</script>/',
    'https://e.example/x"onfocus="alert(1)"autofocus="/',
    "https://e.example/x'onfocus='alert(1)'/",
    "https://e.example/</script><script>alert(1)</script>&amp;/",
]


@functools.cache
def _rendered(base_url: str) -> dict[str, str]:
    sources, problems = load_sources(FIXTURE_SITE, PurePosixPath("content"))
    site, more = validate_site(sources)
    assert site is not None and not problems and not more
    site = dataclasses.replace(site, settings=dataclasses.replace(site.settings, base_url=base_url))
    pages, clashes = plan_pages(site)
    assert not clashes
    pages = (*pages, sitemap_page(pages, base_url), service_worker_page("0123456789ab", ("/assets/js/site.js",)))
    environment = make_environment(TEMPLATES, {})
    environment.globals["asset"] = lambda name: f"/assets/{name}"
    return {page.url: render_page(environment, page, base_url).content.decode("utf-8") for page in pages}


@pytest.mark.parametrize("base_url", HOSTILE)
def test_the_404_page_holds_the_base_path_as_text(base_url: str) -> None:
    page = BeautifulSoup(_rendered(base_url)["/404.html"], "html.parser")
    base_path = base_url.removeprefix("https://e.example").rstrip("/")

    assert [script["src"] for script in page.find_all("script")] == [f"{base_path}/assets/js/site.js"]
    assert page.html["data-root"] == f"{base_path}/"
    assert [a["href"] for a in page.select(".masthead nav a")] == [f"{base_path}/", f"{base_path}/drills/",
                                                                  f"{base_path}/log/"]
    assert not [element.name for element in page.find_all(attrs={"onfocus": True})]
    assert not page.find_all(attrs={"autofocus": True})


@pytest.mark.parametrize("base_url", HOSTILE)
def test_canonical_links_hold_the_base_url_as_text(base_url: str) -> None:
    page = BeautifulSoup(_rendered(base_url)["/drills/strides/"], "html.parser")

    assert page.select_one('link[rel="canonical"]').attrs == {"rel": ["canonical"], "href": f"{base_url}drills/strides/"}
    assert len(page.find_all("script")) == 1
    assert not page.find_all(attrs={"onfocus": True})


@pytest.mark.parametrize("base_url", HOSTILE)
def test_the_sitemap_holds_the_base_url_as_text(base_url: str) -> None:
    root = ElementTree.fromstring(_rendered(base_url)["/sitemap.xml"])
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

    assert {child.tag for child in root} == {f"{namespace}url"}
    assert all([child.tag for child in url] == [f"{namespace}loc"] for url in root)
    assert root.find(f"{namespace}url/{namespace}loc").text == base_url


@pytest.mark.parametrize("base_url", HOSTILE)
def test_the_service_worker_does_not_carry_the_base_url(base_url: str) -> None:
    # Its addresses are relative to itself: nothing from site.yaml reaches the script.
    worker = _rendered(base_url)["/sw.js"]

    assert "e.example" not in worker and "<" not in worker
