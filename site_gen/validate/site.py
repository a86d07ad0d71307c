"""site.yaml: the site's settings and controlled vocabularies."""

from __future__ import annotations

from ..content_format import SITE, SLUG, VOCABULARIES
from ..errors import Problem
from ..model import Settings
from ..parse import YamlDoc
from .fields import FieldReader

__all__ = ["SLUG", "VOCABULARIES", "validate_settings"]


def validate_settings(doc: YamlDoc) -> tuple[Settings | None, tuple[Problem, ...]]:
    """The settings and vocabularies, or None when site.yaml has problems."""
    problems: list[Problem] = []
    values = FieldReader(doc, (), SITE, problems).read_all()
    if problems:
        return None, tuple(problems)
    return Settings(**{**values, "base_url": values["base_url"].rstrip("/") + "/"}), ()


