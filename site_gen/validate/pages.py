"""content/pages/*.md: prose pages (tailoring, safety, printing...)."""

from __future__ import annotations

from collections.abc import Mapping

from ..content_format import PAGE
from ..errors import Problem
from ..markdown import render_body
from ..model import Page
from ..parse import RawDocument
from .fields import FieldReader
from .starters import body_starters


def validate_page(raw: RawDocument,
                  targets: Mapping[str, Mapping[str, str]]) -> tuple[Page | None, tuple[Problem, ...]]:
    """The page, or None when it has problems."""
    problems: list[Problem] = []
    fields = FieldReader(raw.meta, (), PAGE, problems)
    values = fields.read_all()
    body = render_body(raw.body, raw.source.path, raw.body_line, targets, "write the page's text below the front matter")
    problems.extend(body.problems)
    problems.extend(body_starters(raw, PAGE))
    if problems:
        return None, tuple(problems)
    return Page(slug=raw.source.slug, body_html=body.html, at=raw.meta.at(), **values), ()
