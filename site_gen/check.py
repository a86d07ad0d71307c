"""Every internal link, anchor and asset in the rendered site resolves."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from .errors import Location, Problem
from .render import RenderedFile

# A literal first, the attribute's name looked behind for: see render.py's patterns.
_REFERENCE = re.compile(r'="(?:(?<=\shref=")|(?<=\ssrc="))([^"]*)"')
_ID = re.compile(r'id="(?<=\sid=")([^"]*)"')
_PLAIN = re.compile(r"[\w./-]+")
# Links the check leaves alone: the web, mail, and data: addresses (the favicon is one).
NOT_CHECKED = ("http:", "https:", "mailto:", "data:")

_Broken = tuple[str, tuple[str, ...], str]  # the template that wrote the page, what the link says, the message


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What the link check found on one page, in the process that rendered it; check_links finishes it."""

    url: str
    broken: tuple[tuple[tuple[str, ...], str], ...]  # (what the link says, the message): no such file or id
    anchors: tuple[tuple[str, str], ...]  # (file, fragment) of links into other pages: known once all are made


class LinkScan:
    """Reads the links of rendered pages and checks all that one page can tell: that their files exist, and
    its links into itself.

    One per process (forked render workers each inherit one): it remembers how each link
    resolved, as most links repeat (nav, assets, listings).
    """

    def __init__(self, paths: Collection[str], base_path: str = "/") -> None:
        self.paths, self.base_path = paths, base_path  # every file of the site; where it is served under
        self.resolved: dict[tuple[str, str], tuple[str, str]] = {}

    def scan(self, file: RenderedFile) -> PageLinks:
        if not file.path.endswith(".html"):
            return PageLinks(file.url, (), ())
        html = file.content.decode("utf-8")
        broken: list[tuple[tuple[str, ...], str]] = []
        anchors: list[tuple[str, str]] = []
        own: set[str] | None = None  # the page's ids, found when it links into itself
        for href in dict.fromkeys(_REFERENCE.findall(html)):
            if not href or href.startswith(NOT_CHECKED):
                continue
            key = (href, _context(href, file.path))
            if key not in self.resolved:
                self.resolved[key] = _resolve(href, file.path, self.base_path)
            target, fragment = self.resolved[key]
            if target not in self.paths:
                broken.append(((href, _site_path(target)),
                               f"page {file.url} links to {href}, which is not part of the site"))
            elif fragment and target == file.path:
                own = set(_ID.findall(html)) if own is None else own
                if fragment not in own:
                    broken.append(((f"#{fragment}",), _no_such_id(file.url, fragment, target)))
            elif fragment and target.endswith(".html"):
                anchors.append((target, fragment))
        return PageLinks(file.url, tuple(broken), tuple(anchors))


def check_links(pages: Iterable[PageLinks], ids_of: Callable[[str], set[str]], templates: Mapping[str, str],
                template_sources: Callable[[], Mapping[str, str]] | None = None) -> tuple[Problem, ...]:
    """A problem for every link of the scanned `pages` that points at no file or no anchor.

    `ids_of(path)` gives the ids of one of the site's pages as this build leaves it, and
    `templates` maps each page's URL to the template that wrote it, so a broken link is
    reported where it can be fixed: at the line of that template (or of a macro it uses)
    that writes the link, when `template_sources()` (name -> source) is given and one does;
    it is called only when a link is broken. `pages` is read once, as it comes: anchors into
    other pages are looked up at the end, when every page they may point into is made.
    """
    broken: list[_Broken] = []
    anchors: list[tuple[str, str, str]] = []  # (page URL, target file, fragment)
    for page in pages:
        template = templates.get(page.url, "?")
        broken += ((template, needles, message) for needles, message in page.broken)
        anchors += ((page.url, target, fragment) for target, fragment in page.anchors)
    broken += _missing_anchors(anchors, ids_of, templates)
    if not broken:
        return ()
    sources = template_sources() if template_sources else {}
    return tuple(Problem(_written_at(template, needles, sources), message) for template, needles, message in broken)


def _missing_anchors(anchors: Iterable[tuple[str, str, str]], ids_of: Callable[[str], set[str]],
                     templates: Mapping[str, str]) -> list[_Broken]:
    broken: list[_Broken] = []
    ids: dict[str, set[str]] = {}
    for url, target, fragment in anchors:
        if target not in ids:
            ids[target] = ids_of(target)
        if fragment not in ids[target]:
            broken.append((templates.get(url, "?"), (f"#{fragment}",), _no_such_id(url, fragment, target)))
    return broken


def _no_such_id(url: str, fragment: str, target: str) -> str:
    return f"page {url} links to #{fragment} on {target}, which has no such id"


def _written_at(template: str, needles: tuple[str, ...], sources: Mapping[str, str]) -> Location:
    """The first line, in the page's template and then in the others (its macros), holding one of `needles`.

    A template writes a link as the site path ("/drills/x/"), made relative when rendered,
    or as written; a link built from content values is found nowhere and stays at line 1.
    """
    for name in (template, *sorted(sources)):
        for number, line in enumerate(sources.get(name, "").split("\n"), 1):
            if any(f'{needle}"' in line or f"{needle}'" in line for needle in needles):
                return Location(PurePosixPath("templates") / name, number)
    return Location(PurePosixPath("templates") / template, 1)


def _site_path(target: str) -> str:
    """The site path of an output file: drills/x/index.html -> /drills/x/."""
    return "/" + target.removesuffix("index.html")


def element_ids(html: bytes) -> set[str]:
    """The id attributes of a page we wrote."""
    return set(_ID.findall(html.decode("utf-8")))


def _context(href: str, page_path: str) -> str:
    """All that a link's target depends on besides the link: the page's folder, a level less for each leading '../'.

    So that "../../assets/site.css" on every drill page is resolved once, not once per page.
    """
    if not href or href[0] in "#?":
        return page_path
    if href[0] == "/":
        return ""
    ups = 0
    while href.startswith("../", 3 * ups):
        ups += 1
    folders = page_path.split("/")[:-1]
    if ups > len(folders):
        return page_path  # it climbs above the site: how far depends on the page, so share nothing
    return "/".join(folders[:len(folders) - ups])


def _resolve(href: str, page_path: str, base_path: str) -> tuple[str, str]:
    if _PLAIN.fullmatch(href):  # most links: a plain relative path, nothing to split or unquote
        path, fragment = href, ""
    else:
        parts = urlsplit(href)
        path, fragment = unquote(parts.path), parts.fragment
    if path.startswith("/"):  # only the 404 page uses absolute paths, under the base path
        # The path was unquoted above unless plain, so the base path is too: '/a%20b' is '/a b'.
        prefix = (base_path if _PLAIN.fullmatch(href) else unquote(base_path)).rstrip("/")
        joined = path[len(prefix):].lstrip("/") if path.startswith(prefix) else path
    elif path:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
        joined = "" if joined == "." else joined
    else:
        joined = page_path
    if joined == "" or path.endswith("/") or (path and joined and not posixpath.splitext(joined)[1]):
        joined = posixpath.join(joined, "index.html") if joined else "index.html"
    return joined, fragment
