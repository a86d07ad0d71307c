"""What a first visit to each kind of page transfers, gzip-compressed: its HTML, CSS and JavaScript.

    python -m tests.site.page_weight [SITE]    (default _site/; build it first)

prints a table and exits 1 when a page is over 30 KB or the site's JavaScript, every file
together, is over 10 KB. The JavaScript is measured as shipped: minified by the build
(site_gen/assets.py), then gzip-compressed. Level 6 is the gzip level of
most servers (and of the gzip command). `make test` runs this through test_page_weight.py.
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.site.page_types import PAGES

PAGE_BUDGET = 30 * 1024
SCRIPT_BUDGET = 10 * 1024
LEVEL = 6



@dataclass(frozen=True)
class PageWeight:
    kind: str
    url: str
    html: int
    css: int
    js: int

    @property
    def total(self) -> int:
        return self.html + self.css + self.js


def gzipped(path: Path) -> int:
    """Bytes of the file gzip-compressed, as a server sends it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=LEVEL, mtime=0))


class _Resources(HTMLParser):
    """The stylesheets and scripts a page loads: every <link rel=stylesheet> (print too) and <script src>."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and "stylesheet" in (found.get("rel") or "").split() and found.get("href"):
            self.css.append(found["href"] or "")
        elif tag == "script" and found.get("src"):
            self.js.append(found["src"] or "")


def file_of(site: Path, url: str) -> Path:
    """The file that answers a site path: '/drills/' is drills/index.html."""
    path = urlsplit(url).path
    return site / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))


def weigh_page(site: Path, kind: str, url: str) -> PageWeight:
    page = file_of(site, url)
    resources = _Resources()
    resources.feed(page.read_text(encoding="utf-8"))
    # The 404 page's links are absolute (it is served at any address); others are relative.
    base = "/" if url == "/404.html" else url

    def weigh(links: list[str]) -> int:
        return sum(gzipped(file_of(site, urljoin(base, link))) for link in links)

    return PageWeight(kind, url, gzipped(page), weigh(resources.css), weigh(resources.js))


def scripts(site: Path) -> dict[str, int]:
    """Every JavaScript file of the site, gzip-compressed: the assets and the service worker."""
    return {path.relative_to(site).as_posix(): gzipped(path)
            for path in sorted(site.rglob("*.js"))}


def over_budget(pages: list[PageWeight], javascript: dict[str, int]) -> list[str]:
    """What is over budget, in words; empty when all is within."""
    problems = [f"{page.kind} ({page.url}) transfers {page.total:,} bytes, over {PAGE_BUDGET:,}"
                for page in pages if page.total > PAGE_BUDGET]
    if sum(javascript.values()) > SCRIPT_BUDGET:
        problems.append(f"the site's JavaScript is {sum(javascript.values()):,} bytes, over {SCRIPT_BUDGET:,}")
    return problems


def report(site: Path) -> tuple[str, list[str]]:
    """The table to print, and what is over budget."""
    pages = [weigh_page(site, kind, url) for kind, url in PAGES.items()]
    javascript = scripts(site)
    heading = f"{'page':<14} {'HTML':>7} {'CSS':>7} {'JS':>7} {'total':>7}   (bytes, gzip -{LEVEL}; budget {PAGE_BUDGET:,} a page)"
    lines = [heading]
    lines += [f"{page.kind:<14} {page.html:>7,} {page.css:>7,} {page.js:>7,} {page.total:>7,}" for page in pages]
    lines.append(f"JavaScript, every file: {sum(javascript.values()):,} bytes (budget {SCRIPT_BUDGET:,}): "
                 + ", ".join(f"{name} {size:,}" for name, size in javascript.items()))
    return "\n".join(lines), over_budget(pages, javascript)


def main(arguments: list[str]) -> int:
    site = Path(arguments[0] if arguments else "_site")
    if not (site / "index.html").is_file():
        print(f"page_weight: {site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    table, problems = report(site)
    print(table)
    for problem in problems:
        print(f"over budget: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
