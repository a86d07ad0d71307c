"""Planned pages -> bytes, through Jinja; every site path made relative to the page."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType
from urllib.parse import urlsplit

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from markupsafe import escape

from . import urls
from .errors import Location, Problem
from .plan import PlannedPage
from .qr import qr_svg

# Our templates write every internal link as a site path (href="/drills/x/"); content links
# were resolved to site paths too. One pass turns them relative, so the site works at a
# domain root, under a sub-path and from the dev server alike. `data-root` carries the
# site's root to scripts (the service worker is registered from it).
# Each pattern starts with a literal and looks behind for the attribute's name: the regex engine
# then skips ahead to the literal instead of trying an attribute at every space of the page.
_SITE_PATH = re.compile(r'="(?:(?<=\shref=")|(?<=\ssrc=")|(?<=\saction=")|(?<=\sdata-root="))(/[^"]*)"')
# An image's `srcset` lists "PATH WIDTHw" candidates: each path is made relative the same way.
_SRCSET = re.compile(r'srcset="(?<=\ssrcset=")([^"]*)"')


@dataclass(frozen=True, slots=True)
class RenderedFile:
    url: str
    path: str  # relative to the output folder
    content: bytes


def make_environment(templates: Path, assets: Mapping[str, str]) -> Environment:
    """The one Jinja environment: autoescaped, strict, with `asset()` for hashed asset paths.

    The build replaces `asset` when the assets change; the environment lives as long as
    the dev server, so that compiled templates are kept between rebuilds.
    """
    environment = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(("html", "xml"), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def asset(name: str) -> str:
        return assets[name]  # KeyError names the missing asset: a template bug, not content

    environment.globals["asset"] = asset
    # Drawn when a card is rendered, not planned: a rebuild after one edit renders only the cards it changed.
    environment.filters["qr"] = qr_svg
    return environment


class TemplateFault(Exception):
    """A template that cannot render a page: a bug in the templates, placed at the template's line.

    `problem` is what to show; the Jinja error it comes from is chained as its cause.
    """

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def render_page(environment: Environment, page: PlannedPage, base_url: str) -> RenderedFile:
    """One page's bytes; a TemplateFault when a template fails."""
    missing = page.url == urls.not_found()
    # The 404 page is served at any missing address: it has no canonical address of its own.
    canonical = "" if missing else base_url + page.url.lstrip("/")
    try:
        template: Template = environment.get_template(page.template)
        text = template.render(page.context, url=page.url, canonical=canonical)
    except TemplateSyntaxError as error:
        at = Location(PurePosixPath("templates") / (error.name or page.template), error.lineno)
        raise TemplateFault(Problem(at, f"{error.message or type(error).__name__} (rendering {page.url})")) from error
    except TemplateError as error:
        at = _template_line(environment, error.__traceback__) or Location(PurePosixPath("templates") / page.template, 0)
        raise TemplateFault(Problem(at, f"{error.message or type(error).__name__} (rendering {page.url})")) from error
    base_path = urlsplit(base_url).path
    if page.template.endswith(".html"):
        # The 404 page is served at any missing address, so only absolute paths work from it.
        if missing:
            # Escaped although validation lets no quote or '<' into a base URL: this is markup.
            prefix = escape(base_path.rstrip("/"))
            text = _SITE_PATH.sub(lambda m: f'="{prefix}{m[1]}"', text)
            text = _SRCSET.sub(lambda m: f'srcset="{_srcset(m[1], lambda path: prefix + path)}"', text)
        else:
            text = _SITE_PATH.sub(lambda m: f'="{urls.relative(m[1], page.url)}"', text)
            text = _SRCSET.sub(lambda m: f'srcset="{_srcset(m[1], lambda path: urls.relative(path, page.url))}"', text)
    return RenderedFile(page.url, urls.output_path(page.url), text.encode("utf-8"))


def _srcset(candidates: str, relative: Callable[[str], str]) -> str:
    """A srcset with each site path ('/images/x-480.jpg 480w') passed through `relative`."""
    rewritten = []
    for candidate in candidates.split(", "):
        path, space, size = candidate.partition(" ")
        rewritten.append(f"{relative(path) if path.startswith('/') else path}{space}{size}")
    return ", ".join(rewritten)


def _template_line(environment: Environment, trace: TracebackType | None) -> Location | None:
    """The innermost template line in a render's traceback: Jinja names its frames after the template files."""
    loader = environment.loader
    folders = [Path(folder).resolve() for folder in loader.searchpath] if isinstance(loader, FileSystemLoader) else []
    found = None
    while trace is not None:
        path = Path(trace.tb_frame.f_code.co_filename).resolve()
        for folder in folders:
            if path.is_relative_to(folder):
                found = Location(PurePosixPath("templates") / path.relative_to(folder).as_posix(), trace.tb_lineno)
        trace = trace.tb_next
    return found
