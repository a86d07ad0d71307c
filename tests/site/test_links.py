"""Every internal link, anchor and asset of a built site resolves, read from the files on disk.

The build checks links too (site_gen/check.py). This is a second, independent reading with
BeautifulSoup and urllib, resolving each reference the way a browser does, so a template or
checker bug is caught twice.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.site.built import BuiltSite

# Attributes that make a browser fetch or go somewhere.
REFERENCES = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "source": "src",
              "iframe": "src", "form": "action", "video": "src", "audio": "src"}
SERVER = "http://stride-prep.test"  # a made-up origin to resolve relative links against


def test_every_internal_link_anchor_and_asset_resolves(every_site: BuiltSite) -> None:
    base_path = urlsplit(every_site.base_url).path
    pages = sorted(every_site.root.rglob("*.html"))
    assert pages, f"{every_site.name}: no pages built"
    broken = []
    for page in pages:
        url = _url_of(page, every_site.root, base_path)
        for element, reference in _references(page):
            target = urljoin(url, reference)
            parts = urlsplit(target)
            if f"{parts.scheme}://{parts.netloc}" != SERVER:
                continue  # a web link: not ours to resolve
            problem = _unresolved(every_site.root, base_path, unquote(parts.path), parts.fragment)
            if problem:
                broken.append(f"{every_site.name} {url[len(SERVER):]}: <{element} {REFERENCES[element]}="
                              f"\"{reference}\"> {problem}")
    assert not broken, f"{len(broken)} broken references:\n" + "\n".join(broken[:30])


def test_the_home_page_reaches_every_page_in_the_sitemap_by_links(shipped_site: BuiltSite) -> None:
    """No page is an orphan: following links from the home page reaches every page but the 404."""
    base_path = urlsplit(shipped_site.base_url).path
    root = shipped_site.root
    seen, queue = set(), [root / "index.html"]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        url = _url_of(page, root, base_path)
        for element, reference in _references(page):
            parts = urlsplit(urljoin(url, reference))
            if element == "a" and f"{parts.scheme}://{parts.netloc}" == SERVER:
                target = _file_for(root, base_path, unquote(parts.path))
                if target is not None and target.suffix == ".html":
                    queue.append(target)
    orphans = sorted(str(page.relative_to(root)) for page in set(root.rglob("*.html")) - seen - {root / "404.html"})
    assert not orphans, "pages no link leads to: " + ", ".join(orphans)


def _references(page: Path) -> list[tuple[str, str]]:
    document = _parse(page)
    found = [(element.name, str(element[attribute])) for element in document.find_all(list(REFERENCES))
             if (attribute := REFERENCES[element.name]) in element.attrs]
    return list(dict.fromkeys(found))  # each broken link once per page


def _unresolved(root: Path, base_path: str, path: str, fragment: str) -> str:
    """Why a site path does not resolve, or '' when it does."""
    target = _file_for(root, base_path, path)
    if target is None:
        return f"points at {path}, which is not in the site"
    if fragment and target.suffix == ".html" and fragment not in _ids(target):
        return f"points at #{fragment}, which {target.relative_to(root)} has no element for"
    return ""


def _file_for(root: Path, base_path: str, path: str) -> Path | None:
    """The file a static host serves for a site path, or None."""
    if not path.startswith(base_path):
        return None
    relative = PurePosixPath(path[len(base_path):])
    candidate = root / relative
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() and root.resolve() in candidate.resolve().parents else None


def _url_of(page: Path, root: Path, base_path: str) -> str:
    """The address a page is served at: folders with index.html are pretty URLs."""
    relative = page.relative_to(root).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return SERVER + base_path + relative


@cache
def _parse(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@cache
def _ids(page: Path) -> frozenset[str]:
    document = _parse(page)
    return frozenset(str(element["id"]) for element in document.find_all(id=True)) | frozenset(
        str(element["name"]) for element in document.find_all("a", attrs={"name": True}))
