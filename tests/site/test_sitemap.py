"""sitemap.xml follows the sitemap protocol (sitemaps.org, schema 0.9) and lists the site's pages."""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree import ElementTree

from tests.site.built import BuiltSite

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
URL_CHILDREN = {f"{{{NAMESPACE}}}{name}" for name in ("loc", "lastmod", "changefreq", "priority")}
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_LOC_LENGTH = 2048


def test_sitemap_follows_the_protocol(every_site: BuiltSite) -> None:
    path = every_site.root / "sitemap.xml"
    raw = path.read_bytes()
    where = f"{every_site.name} sitemap.xml"
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), f"{where}: must declare UTF-8"
    assert len(raw) <= MAX_BYTES, f"{where}: {len(raw)} bytes, over the protocol's 50 MB"
    root = ElementTree.fromstring(raw)
    assert root.tag == f"{{{NAMESPACE}}}urlset", f"{where}: the root is <{root.tag}>, not <urlset xmlns=\"{NAMESPACE}\">"
    urls = list(root)
    assert 0 < len(urls) <= MAX_URLS, f"{where}: {len(urls)} URLs; the protocol allows 1 to {MAX_URLS}"
    locations = []
    for number, url in enumerate(urls, 1):
        assert url.tag == f"{{{NAMESPACE}}}url", f"{where}: entry {number} is <{url.tag}>, not <url>"
        children = [child.tag for child in url]
        assert set(children) <= URL_CHILDREN, f"{where}: entry {number} has unknown children {children}"
        assert children.count(f"{{{NAMESPACE}}}loc") == 1, f"{where}: entry {number} needs exactly one <loc>"
        location = (url.findtext(f"{{{NAMESPACE}}}loc") or "").strip()
        parts = urlsplit(location)
        assert parts.scheme in ("http", "https") and parts.netloc, f"{where}: <loc>{location}</loc> is not absolute"
        assert location.startswith(every_site.base_url), (
            f"{where}: <loc>{location}</loc> is outside the site's base_url {every_site.base_url}")
        assert len(location) <= MAX_LOC_LENGTH, f"{where}: <loc>{location[:60]}...</loc> is over 2048 characters"
        locations.append(location)
    duplicates = sorted({location for location in locations if locations.count(location) > 1})
    assert not duplicates, f"{where}: listed twice: {', '.join(duplicates)}"


def test_sitemap_lists_every_page_but_the_404(every_site: BuiltSite) -> None:
    root = ElementTree.parse(every_site.root / "sitemap.xml").getroot()
    listed = {location.text or "" for location in root.iter(f"{{{NAMESPACE}}}loc")}
    pages = set()
    for page in every_site.root.rglob("*.html"):
        relative = page.relative_to(every_site.root).as_posix()
        if relative != "404.html":
            pages.add(every_site.base_url + relative.removesuffix("index.html"))
    assert sorted(listed - pages) == [], f"{every_site.name} sitemap.xml lists addresses with no page"
    assert sorted(pages - listed) == [], f"{every_site.name} sitemap.xml leaves out pages"
