"""The site's URL scheme, in one place: plan, validation of links and templates all use it."""

from __future__ import annotations


def home() -> str:
    return "/"


def distance(slug: str) -> str:
    return f"/distances/{slug}/"


def sheet(distance_slug: str, paper: str) -> str:
    return f"/distances/{distance_slug}/cards-{paper}/"


def routine(slug: str) -> str:
    return f"/routines/{slug}/"


def card(slug: str) -> str:
    return f"/routines/{slug}/card/"


def drill_library() -> str:
    return "/drills/"


def drill(slug: str) -> str:
    return f"/drills/{slug}/"


def drill_filter(facet: str, slug: str) -> str:
    """The library narrowed to one word of a facet ('zone', 'equipment', 'phase'): '/drills/zone/hips/'."""
    return f"/drills/{facet}/{slug}/"


def page(slug: str) -> str:
    return f"/{slug}/"


def log() -> str:
    return "/log/"


def not_found() -> str:
    """The page a static host serves at any missing address."""
    return "/404.html"


def sitemap() -> str:
    return "/sitemap.xml"


def manifest() -> str:
    """At the site's root, beside the worker: its start URL and scope, relative to it, are the site's root."""
    return "/manifest.webmanifest"


def service_worker() -> str:
    """At the site's root: a worker controls only the pages under its own folder."""
    return "/sw.js"


def output_path(url: str) -> str:
    """The file a URL is served from: pretty URLs are folders with an index.html."""
    return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


def relative(target: str, from_url: str) -> str:
    """`target` (a site path) as a link relative to the page at `from_url`."""
    depth = from_url.count("/") - 1  # "/" -> 0, "/drills/x/" -> 2, "/404.html" -> 0
    link = "../" * depth + target.lstrip("/")
    return link or "./"
