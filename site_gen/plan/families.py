"""The site-wide families: home, prose pages, log, 404, sitemap, web app manifest and service worker."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .. import urls
from ..icons import ICONS
from ..model import Page, Routine, Settings, Term
from ..palette import Palette
from .pages import DistanceChoice, Link, PlannedPage, SiteInfo, planned

LOG_ROWS = 12  # lines on the printed progress log sheet
TRACKING_PAGE = "tracking-progress"  # the log links to it, when it exists, for how to gauge each column
# What a runner can open offline before visiting anything else.
SHELL = (urls.home(), urls.drill_library(), urls.log(), urls.not_found(), urls.manifest())


def site_info(settings: Settings, pages: tuple[Page, ...]) -> SiteInfo:
    """What every page shows: the site's name, navigation, credit and prose pages."""
    return SiteInfo(settings.title, settings.description, settings.language, settings.credit,
                    home=urls.home(), library=urls.drill_library(), log=urls.log(),
                    pages=tuple(Link(p.title, urls.page(p.slug), p.summary) for p in pages))


def home_page(settings: Settings, routines: tuple[Routine, ...], info: SiteInfo) -> PlannedPage:
    """The home page: each distance with its number of routines, and the prose pages."""
    distances = tuple(DistanceChoice(t.name, urls.distance(t.slug), sum(t.slug in r.distances for r in routines))
                      for t in settings.distances)
    return planned(urls.home(), "home.html", info, by_context=True, title=settings.title, distances=distances,
                   pages=info.pages)


def prose_page(page: Page, info: SiteInfo) -> PlannedPage:
    """A prose page (about, safety...)."""
    return planned(urls.page(page.slug), "page.html", info, (page.at,), title=page.title, page=page)


def log_page(routines: tuple[Term, ...], pages: tuple[Page, ...], info: SiteInfo) -> PlannedPage:
    """The progress log: a printable sheet, and a form that suggests every routine's title.

    Each routine comes with its slug: log/?routine=<slug> (the timer's "Log this warm-up") fills it in.
    """
    guide = tuple(Link(p.title, urls.page(p.slug)) for p in pages if p.slug == TRACKING_PAGE)
    # It shows every routine's title, so it is keyed on those (by_context).
    return planned(urls.log(), "log.html", info, by_context=True, rows=tuple(range(LOG_ROWS)), guide=guide,
                   routines=routines)


def not_found_page(info: SiteInfo) -> PlannedPage:
    """The page served at any missing address."""
    return planned(urls.not_found(), "404.html", info, in_sitemap=False)


def sitemap_page(pages: tuple[PlannedPage, ...], base_url: str) -> PlannedPage:
    """sitemap.xml, listing every page meant for search engines by its full address."""
    addresses = tuple(base_url + p.url.lstrip("/") for p in pages if p.in_sitemap)
    return PlannedPage(urls.sitemap(), "sitemap.xml", {"addresses": addresses}, (), False, "\n".join(addresses))


def service_worker_page(version: str, asset_urls: tuple[str, ...]) -> PlannedPage:
    """sw.js: precaches the shell and the assets of this build; `version` names its cache.

    Its addresses are relative to the worker itself, which sits at the site's root, so the
    site works offline at a domain root and under a sub-path alike.
    """
    precache = tuple(url.lstrip("/") or "./" for url in (*SHELL, *asset_urls))
    context = {"version": version, "precache": precache, "not_found": urls.not_found().lstrip("/")}
    return PlannedPage(urls.service_worker(), "sw.js", context, (), False, version)


def manifest_page(settings: Settings, asset_paths: Mapping[str, str], palette: Palette) -> PlannedPage:
    """manifest.webmanifest: what a phone needs to add the guide to its home screen, in the site's colours.

    Every address in it is relative to the manifest, which sits at the site's root: the
    installed guide starts at the root whether the site is published at a domain or a sub-path.
    """
    manifest = {
        "id": "./", "start_url": "./", "scope": "./", "display": "standalone",
        "name": settings.title, "short_name": settings.title, "description": settings.description,
        "lang": settings.language, "theme_color": palette.accent, "background_color": palette.paper,
        # The Apple touch icon is linked from every page instead: iOS does not read a manifest's icons.
        "icons": [{"src": asset_paths[icon.name].lstrip("/"), "sizes": f"{icon.size}x{icon.size}", "type": "image/png",
                   "purpose": icon.purpose} for icon in ICONS if icon.purpose != "apple"],
    }
    return PlannedPage(urls.manifest(), "manifest.webmanifest", {"manifest": manifest}, (), False,
                       json.dumps(manifest, sort_keys=True))
