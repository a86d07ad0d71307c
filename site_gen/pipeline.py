"""The whole build, stage after stage: read and plan everything, render, check, then write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from .assets import fingerprint_assets, load_assets
from .check import check_links
from .errors import Problem
from .load import load_sources
from .model import Site
from .plan import plan_pages, sitemap_page
from .render import RenderedFile, make_environment, render_page
from .validate import validate_site
from .write import write_site

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
ASSETS = PROJECT / "assets"


@dataclass(frozen=True, slots=True)
class BuildResult:
    problems: tuple[Problem, ...]
    rendered: int  # files the site has; 0 when there were problems
    written: int  # files written to the output; 0 when there were problems or no output
    seconds: float


def read_site(content: Path, shown_as: PurePosixPath) -> tuple[Site | None, tuple[Problem, ...]]:
    """Load and validate all content: the Site, or every problem."""
    sources, load_problems = load_sources(content, shown_as)
    site, problems = validate_site(sources)
    if load_problems:
        return None, tuple(sorted({*load_problems, *problems}))
    return site, problems


def render_site(site: Site, templates: Path = TEMPLATES,
                assets: Path = ASSETS) -> tuple[tuple[RenderedFile, ...], tuple[Problem, ...]]:
    """Every output file, in URL order, or the problems planning and checking found."""
    pages, problems = plan_pages(site)
    if problems:
        return (), problems
    pages = (*pages, sitemap_page(pages, site.vocab.base_url))
    asset_paths, asset_files = fingerprint_assets(load_assets(assets))
    environment = make_environment(templates, asset_paths)
    rendered = tuple(render_page(environment, page, site.vocab.base_url) for page in pages)
    files = (*rendered, *asset_files)
    problems = check_links(files, {page.url: page.template for page in pages}, urlsplit(site.vocab.base_url).path)
    return (() if problems else files), problems


def build(content: Path, shown_as: PurePosixPath, out: Path | None) -> BuildResult:
    """Read, render and check the site; write it to `out` only when there is no problem at all."""
    started = time.perf_counter()
    site, problems = read_site(content, shown_as)
    if site is None:
        return BuildResult(problems, 0, 0, time.perf_counter() - started)
    files, problems = render_site(site)
    written = write_site(out, files) if out is not None and not problems else 0
    return BuildResult(problems, len(files), written, time.perf_counter() - started)
