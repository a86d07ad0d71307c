"""content/pages/*.md: prose pages (tailoring, safety, printing...)."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import Problem
from ..markdown import render_body
from ..model import Page
from ..parse import RawDocument
from .fields import FieldReader

FIELDS = {"title": "Tailoring a routine", "summary": "One sentence on what the page is for.", "order": "2"}
LAST = 1000  # pages without an order come after those with one


def validate_page(raw: RawDocument,
                  targets: Mapping[str, Mapping[str, str]]) -> tuple[Page | None, tuple[Problem, ...]]:
    """The page, or None when it has problems."""
    problems: list[Problem] = []
    fields = FieldReader(raw.meta, (), FIELDS, problems)
    body = render_body(raw.body, raw.source.path, raw.body_line, targets, "write the page's text below the front matter")
    problems.extend(body.problems)
    page = Page(
        slug=raw.source.slug,
        title=fields.text("title"),
        summary=fields.text("summary"),
        order=fields.integer("order", required=False, default=LAST),
        body_html=body.html,
        at=raw.meta.at(),
    )
    return (None if problems else page), tuple(problems)
