"""The field declarations drive the model, the reference and the starter files: each is held in step."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import PurePosixPath

import pytest
import yaml

from site_gen import model
from site_gen.content_format import DOCUMENTS, DRILL, PAGE, ROUTINE, SITE, STEP, Document, Kind, reference_markdown
from site_gen.figures.shape import Figure
from site_gen.load import SourceFile
from site_gen.parse import parse_document
from site_gen.scaffold import starter_text
from site_gen.validate.fields import READERS
from site_gen.validate.pages import validate_page
from tests.validate.update_reference import REFERENCE

# The model's type for each kind of value.
TYPES = {
    "text": str, "texts": tuple[str, ...], "word": str, "words": tuple[str, ...], "dose": model.Dose,
    "duration": int, "integer": int, "url": str, "terms": tuple[model.Term, ...], "steps": tuple[model.Step, ...],
    "figure": Figure,
}
# What a model holds besides its declared fields, none of them written as a field.
NOT_FIELDS = {"slug": str, "body_html": str, "at": model.Location}
MODELS = [(DRILL, model.Drill, ("slug", "body_html", "at")), (ROUTINE, model.Routine, ("slug", "at")),
          (STEP, model.Step, ("at",)), (PAGE, model.Page, ("slug", "body_html", "at")), (SITE, model.Settings, ())]


@pytest.mark.parametrize(("document", "cls", "besides"), MODELS, ids=[d.name for d, _, _ in MODELS])
def test_every_declared_field_is_a_model_field_of_its_type_and_back(document: Document, cls: type,
                                                                     besides: tuple[str, ...]) -> None:
    hints = typing.get_type_hints(cls)
    declared = {field.model_name: TYPES[field.kind] for field in document.fields}
    expected = {**declared, **{name: NOT_FIELDS[name] for name in besides}}
    assert {field.name: hints[field.name] for field in dataclasses.fields(cls)} == expected


def test_every_document_is_modelled() -> None:
    assert [document.name for document in DOCUMENTS] == ["site", "drill", "routine", "step", "page"]
    assert {document.name for document in DOCUMENTS} == {document.name for document, _, _ in MODELS}


def test_the_kinds_declared_are_the_kinds_read() -> None:
    assert set(typing.get_args(Kind)) == set(READERS) == set(TYPES)


def test_the_reference_in_docs_is_current() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == reference_markdown(), (
        "docs/content-format.md is out of date: run `python -m tests.validate.update_reference`")


def test_the_reference_lists_every_field_with_its_help() -> None:
    text = reference_markdown()
    for document in DOCUMENTS:
        for field in document.fields:
            assert f"| `{field.name}` |" in text and f"| {field.help} |" in text


def test_starter_text_writes_every_field_below_its_help_line() -> None:
    settings = model.Settings("T", "D", "https://example.org/", "en", *(
        (model.Term(f"{name}-word", name),) for name in ("distances", "levels", "sessions", "phases", "zones",
                                                         "equipment")), ("Done",), "C")
    text = starter_text(DRILL, settings, {"title": "Hip circles"})
    lines = text.splitlines()
    # An optional text with no placeholder (parts) is offered commented out: as written it would pass as content.
    offered = {field.name for field in DRILL.fields
               if not field.required and not field.starter and field.kind in ("text", "texts")}
    assert offered == {"parts"}
    for field in DRILL.fields:
        written = f"# {field.name}:" if field.name in offered else f"{field.name}:"
        index = next(i for i, line in enumerate(lines) if line.startswith(written))
        assert lines[index - 1].startswith(f"# {field.help}")
    meta = yaml.safe_load(text)
    assert list(meta) == [field.name for field in DRILL.fields if field.name not in offered]
    assert meta["title"] == "Hip circles"
    assert (meta["phase"], meta["zones"], meta["equipment"]) == ("phases-word", ["zones-word"], [])
    assert "# The warm-up phase the drill belongs to. From site.yaml: phases-word." in lines


def test_a_field_named_in_a_hint_uses_its_declared_example() -> None:
    source = SourceFile(PurePosixPath("content/pages/x.md"), "page", "x", "---\ntitle:\n---\nBody\n")
    document, _ = parse_document(source)
    assert document is not None
    _, problems = validate_page(document, {"drill": {}, "routine": {}, "page": {}})
    assert sorted((p.message, p.hint) for p in problems) == [
        ("'title' is empty", f"write 'title: {PAGE.field('title').example}'"),
        ("missing required field 'summary'", f"add 'summary: {PAGE.field('summary').example}'"),
    ]


def test_every_starter_text_is_its_own_and_reads_back_as_written() -> None:
    """A starter is only on text fields, differs from every example and other starter, and survives YAML as is."""
    fields = [field for document in DOCUMENTS for field in document.fields if field.starter]
    assert fields and all(field.kind in ("text", "texts") for field in fields)
    examples = {field.example for document in DOCUMENTS for field in document.fields}
    by_document = [(document.name, field.starter) for document in DOCUMENTS for field in document.fields
                   if field.starter]
    assert len(set(by_document)) == len(by_document)
    for field in fields:
        assert field.starter not in examples and field.starter.strip() == field.starter
        # `new` writes a text bare and an item of texts in a flow list: YAML must give back exactly the text.
        written = f"[{field.starter}]" if field.kind == "texts" else field.starter
        expected = [field.starter] if field.kind == "texts" else field.starter
        assert yaml.safe_load(f"{field.name}: {written}") == {field.name: expected}
