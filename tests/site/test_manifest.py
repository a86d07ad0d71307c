"""The web app manifest and the icons as built: fields, relative addresses, sizes, and every page linking them."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from PIL import Image

from site_gen.palette import read_palette
from tests.helpers import soup
from tests.site.built import PROJECT, BuiltSite
from tests.site.page_weight import file_of

PALETTE = read_palette((PROJECT / "assets/css/site.css").read_text(encoding="utf-8"))


def test_the_manifest_names_the_guide_in_the_site_s_colours(every_site: BuiltSite) -> None:
    manifest = json.loads((every_site.root / "manifest.webmanifest").read_text(encoding="utf-8"))
    title = soup(every_site.root / "index.html").title.get_text()
    assert {key: manifest[key] for key in ("name", "short_name", "display", "theme_color", "background_color")} == {
        "name": title, "short_name": title, "display": "standalone",
        "theme_color": PALETTE.accent, "background_color": PALETTE.paper}
    assert len(manifest["short_name"]) <= 12  # what a home screen shows under the icon without cutting it
    # Relative to the manifest, at the site's root: right at a domain root and under a sub-path alike.
    assert (manifest["id"], manifest["start_url"], manifest["scope"]) == ("./", "./", "./")


def test_the_manifest_s_icons_are_pngs_of_their_stated_sizes(every_site: BuiltSite) -> None:
    manifest = json.loads((every_site.root / "manifest.webmanifest").read_text(encoding="utf-8"))
    found = []
    for icon in manifest["icons"]:
        assert not icon["src"].startswith("/"), icon["src"]
        with Image.open(file_of(every_site.root, urljoin("/manifest.webmanifest", icon["src"]))) as image:
            assert (image.format, f"{image.width}x{image.height}", icon["type"]) == ("PNG", icon["sizes"], "image/png")
        found.append((icon["sizes"], icon["purpose"]))
    assert sorted(found) == [("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")]


def test_every_page_links_the_manifest_and_a_180_px_apple_touch_icon(every_site: BuiltSite) -> None:
    pages = sorted(every_site.root.rglob("*.html"))
    assert pages
    for path in pages:
        url = "/" + path.relative_to(every_site.root).as_posix().removesuffix("index.html")
        page = soup(path)
        base = "/" if url == "/404.html" else url
        for rel in ("manifest", "apple-touch-icon", "icon"):
            links = page.select(f'head link[rel="{rel}"]')
            assert len(links) == 1, f"{url}: {len(links)} <link rel={rel}>"
        href = page.select_one('link[rel="manifest"]')["href"]
        if url == "/404.html":  # served at any address: its links are absolute, under the base path
            assert href.endswith("/manifest.webmanifest") and href.startswith("/")
            continue
        assert urljoin(base, href) == "/manifest.webmanifest", url
        with Image.open(file_of(every_site.root, urljoin(base, page.select_one('link[rel="apple-touch-icon"]')["href"]))) as icon:
            assert icon.size == (180, 180), url


def test_the_service_worker_precaches_the_manifest_and_every_icon(every_site: BuiltSite) -> None:
    worker = (every_site.root / "sw.js").read_text(encoding="utf-8")
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", worker)[1])
    icons = sorted(path.relative_to(every_site.root).as_posix() for path in (every_site.root / "assets/icons").iterdir())
    assert len(icons) == 4
    assert {"manifest.webmanifest", *icons} <= set(precache)
