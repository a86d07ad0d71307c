"""JSON Schemas (draft 2020-12) of the content files, from the field declarations, for editors.

`render_schemas` is pure; `write_schemas` reads site.yaml for the vocabularies and writes.  [I/O]
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .content_format import DRILL, PAGE, ROUTINE, SITE, SLUG, STEP, Document, Field
from .errors import Problem
from .figures.body import PAIRED, PARTS, VIEWS, WRITTEN_LIMIT
from .figures.read import MAX_POSES, MIN_POSES
from .figures.shape import PROPS
from .load import load_sources
from .model import Settings
from .parse import parse_document
from .validate.doses import UNITS
from .validate.site import validate_settings

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILES = {"drill": DRILL, "routine": ROUTINE, "page": PAGE, "site": SITE}
_SLUG = {"type": "string", "pattern": f"^{SLUG.pattern}$"}
_TEXT = {"type": "string", "pattern": r"\S"}


def render_schemas(settings: Settings) -> dict[str, str]:
    """File name -> schema text: sorted keys, two-space indent, a newline at the end."""
    return {f"{name}.schema.json": json.dumps(document_schema(document, settings, top=True), indent=2,
                                              sort_keys=True, ensure_ascii=False) + "\n"
            for name, document in FILES.items()}


def write_schemas(content: Path, shown_as: PurePosixPath, out: Path) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """Write the schemas into `out` for the vocabularies of `content`: (names written, problems)."""
    sources, problems = load_sources(content, shown_as)
    site = next((source for source in sources if source.kind == "site"), None)
    if site is None:
        return (), problems
    document, found = parse_document(site)
    settings, more = validate_settings(document.meta) if document else (None, ())
    if settings is None:
        return (), (*found, *more)
    out.mkdir(parents=True, exist_ok=True)
    written = render_schemas(settings)
    for name, text in written.items():
        (out / name).write_text(text, encoding="utf-8")
    return tuple(written), ()


def document_schema(document: Document, settings: Settings, top: bool = False) -> dict[str, Any]:
    """An object of exactly the declared fields; required ones required."""
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {field.name: field_schema(field, settings) for field in document.fields},
        "required": [field.name for field in document.fields if field.required],
    }
    if top:
        schema = {"$schema": DRAFT, "title": f"Stride Prep {document.name}: {document.files}", "description": document.about, **schema}
    return schema


def field_schema(field: Field, settings: Settings) -> dict[str, Any]:
    """One field's schema, with its help line as description and its example."""
    schema = {"description": field.help, **_value_schema(field, settings)}
    schema["examples"] = [_example(field)]
    if not field.required and field.kind == "integer":
        schema["default"] = field.default
    return schema


def _value_schema(field: Field, settings: Settings) -> dict[str, Any]:
    kind = field.kind
    if kind == "text":
        return {**_TEXT, **({"maxLength": field.max_length} if field.max_length else {})}
    if kind == "texts":
        return {"type": "array", "minItems": 1, "items": _TEXT}
    if kind == "url":
        return {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]+(/\S*)?$"}
    if kind == "integer":
        return {"type": "integer", "minimum": 0}
    if kind in ("dose", "duration"):
        return {"type": "string", "pattern": _dose_pattern(timed_only=kind == "duration")}
    if kind == "terms":
        return {"type": "object", "minProperties": 1, "propertyNames": _SLUG, "additionalProperties": _TEXT}
    if kind == "steps":
        return {"type": "array", "minItems": 1, "items": {"anyOf": [_SLUG, document_schema(STEP, settings)]}}
    if kind == "figure":
        return _figure_schema()
    return _words_schema(field, settings)


def _figure_schema() -> dict[str, Any]:
    """A figure as site_gen/figures/read.py reads it; the joints' ranges are the check's, not the schema's."""
    angle = {"type": "integer", "minimum": -WRITTEN_LIMIT, "maximum": WRITTEN_LIMIT}
    pair = {"anyOf": [angle, {"type": "array", "items": angle, "minItems": 2, "maxItems": 2}]}
    pose = {"type": ["object", "null"], "additionalProperties": False,
            "properties": {part: pair if part in PAIRED else angle for part in PARTS}}
    return {"type": "object", "additionalProperties": False, "required": ["view", "poses"], "properties": {
        "view": {"enum": list(VIEWS)},
        "poses": {"type": "array", "minItems": MIN_POSES, "maxItems": MAX_POSES, "items": pose},
        "props": {"type": "array", "uniqueItems": True, "items": {"enum": list(PROPS)}},
        "still": {"type": "integer", "minimum": 1, "maximum": MAX_POSES},
        "caption": _TEXT}}


def _words_schema(field: Field, settings: Settings) -> dict[str, Any]:
    one = {"enum": [term.slug for term in getattr(settings, field.vocabulary)]} if field.vocabulary else _SLUG
    if field.kind == "word":
        return one
    many = {"type": "array", "items": one, "uniqueItems": True, "minItems": 0 if field.empty_allowed else 1}
    return {"anyOf": [one, many]} if field.single_allowed else many


def _dose_pattern(timed_only: bool) -> str:
    # As parse_dose reads it: a whole number above zero, a unit in any letter case, spaces loose.
    spellings = sorted((spelling for spelling, unit in UNITS.items() if not timed_only or unit in ("s", "min")),
                       key=lambda spelling: (-len(spelling), spelling))
    units = "|".join(r"\s+".join(_any_case(word) for word in spelling.split()) for spelling in spellings)
    return rf"^\s*0*[1-9][0-9]*\s*({units})\s*$"


def _any_case(word: str) -> str:
    return "".join(f"[{letter}{letter.upper()}]" for letter in word)


def _example(field: Field) -> Any:
    """The declared example as YAML reads it; for the two whose example is a description, a value."""
    if field.kind == "terms":
        return {"some-word": "Some word"}
    if field.kind == "steps":
        return [{step.name: yaml.safe_load(step.example) for step in STEP.fields}]
    return yaml.safe_load(field.example)
