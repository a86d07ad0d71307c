"""site.yaml: the site's settings and controlled vocabularies."""

from __future__ import annotations

import re

from ..errors import Problem
from ..model import Term, Vocab
from ..parse import YamlDoc
from .fields import MISSING, FieldReader

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
VOCABULARIES = ("distances", "levels", "sessions", "phases", "zones", "equipment")
FIELDS = {
    "title": "Stride Prep",
    "description": "Mobility warm-ups for runners",
    "base_url": "https://example.org/",
    "language": "en",
    **{name: "{slug: Name, ...}" for name in VOCABULARIES},
    "checklist": "[Every movement done with control and full range]",
    "credit": "Based on an article by ...",
}


def validate_vocab(doc: YamlDoc) -> tuple[Vocab | None, tuple[Problem, ...]]:
    """The vocabulary, or None when site.yaml has problems."""
    problems: list[Problem] = []
    fields = FieldReader(doc, (), FIELDS, problems)
    title = fields.text("title")
    description = fields.text("description")
    base_url = fields.text("base_url")
    if base_url and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", base_url):
        problems.append(Problem(fields.at("base_url"), f"base_url '{base_url}' is not a web address",
                                "write the full address the site is published at, e.g. 'https://example.org/guide/'"))
    language = fields.text("language")
    terms = {name: _terms(doc, fields, name, problems) for name in VOCABULARIES}
    checklist = fields.texts("checklist")
    credit = fields.text("credit")
    if problems:
        return None, tuple(problems)
    return Vocab(title=title, description=description, base_url=base_url.rstrip("/") + "/", language=language,
                 checklist=checklist, credit=credit, **terms), ()


def _terms(doc: YamlDoc, fields: FieldReader, name: str, problems: list[Problem]) -> tuple[Term, ...]:
    value = fields.raw(name)
    if value is MISSING:
        return ()
    if not isinstance(value, dict) or not value:
        problems.append(Problem(fields.at(name), f"'{name}' must list 'slug: Name' pairs",
                                f"write e.g. '{name}:' and below it '  some-word: Some word'"))
        return ()
    terms = []
    for slug, shown in value.items():
        at = doc.key_at(name, slug)
        if not SLUG.fullmatch(slug):
            problems.append(Problem(at, f"'{slug}' in {name} is not a valid slug",
                                    "use lowercase letters, digits and hyphens, e.g. 'hip-flexors'"))
        if not isinstance(shown, str) or not shown.strip():
            problems.append(Problem(doc.at(name, slug), f"'{slug}' in {name} needs a name to show",
                                    f"write '{slug}: Shown name'"))
            continue
        terms.append(Term(slug, shown.strip()))
    return tuple(terms)
