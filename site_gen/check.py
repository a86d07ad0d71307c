"""Every internal link, anchor and asset in the rendered site resolves."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from .errors import Location, Problem
from .render import RenderedFile

_REFERENCE = re.compile(r'\s(?:href|src)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
EXTERNAL = ("http:", "https:", "mailto:", "data:")


def check_links(changed: Iterable[RenderedFile], paths: Collection[str], ids_of: Callable[[str], set[str]],
                templates: Mapping[str, str], base_path: str = "/") -> tuple[Problem, ...]:
    """A problem for every link in the `changed` HTML pages that points at no file or no anchor.

    `paths` are all the site's files, `ids_of(path)` the ids of one of its pages, and
    `templates` maps each page's URL to the template that wrote it, so a broken link is
    reported where it can be fixed.
    """
    problems = []
    resolved: dict[tuple[str, str], tuple[str, str]] = {}  # most links repeat: nav, assets, footer
    for file in changed:
        if not file.path.endswith(".html"):
            continue
        for href in dict.fromkeys(_REFERENCE.findall(file.content.decode("utf-8"))):
            if not href or href.startswith(EXTERNAL):
                continue
            key = (href, file.path if href.startswith("#") else posixpath.dirname(file.path))
            if key not in resolved:
                resolved[key] = _resolve(href, file.path, base_path)
            target, fragment = resolved[key]
            missing = ""
            if target not in paths:
                missing = f"links to {href}, which is not part of the site"
            elif fragment and target.endswith(".html") and fragment not in ids_of(target):
                missing = f"links to #{fragment} on {target}, which has no such id"
            if missing:
                at = Location(PurePosixPath("templates") / templates.get(file.url, "?"), 1)
                problems.append(Problem(at, f"page {file.url} {missing}"))
    return tuple(problems)


def element_ids(html: bytes) -> set[str]:
    """The id attributes of a page we wrote."""
    return set(_ID.findall(html.decode("utf-8")))


def _resolve(href: str, page_path: str, base_path: str) -> tuple[str, str]:
    parts = urlsplit(href)
    path = unquote(parts.path)
    if path.startswith("/"):  # only the 404 page uses absolute paths, under the base path
        joined = path[len(base_path.rstrip("/")):].lstrip("/")
    elif path:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
        joined = "" if joined == "." else joined
    else:
        joined = page_path
    if joined == "" or path.endswith("/") or (path and joined and not PurePosixPath(joined).suffix):
        joined = posixpath.join(joined, "index.html") if joined else "index.html"
    return joined, parts.fragment
