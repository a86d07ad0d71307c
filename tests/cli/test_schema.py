"""`build.py schema`: JSON Schemas that refuse what the validator refuses, and the committed ones current."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from site_gen.load import load_sources
from site_gen.model import Settings
from site_gen.schema import render_schemas
from site_gen.validate import validate_site

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
KINDS = {"drills": "drill", "routines": "routine", "pages": "page"}


def shipped_settings() -> Settings:
    sources, _ = load_sources(CONTENT, PurePosixPath("content"))
    site, problems = validate_site(sources)
    assert site is not None, problems
    return site.settings


SCHEMAS = {name: json.loads(text) for name, text in render_schemas(shipped_settings()).items()}


def errors(kind: str, value: Any) -> list[str]:
    return [error.message for error in Draft202012Validator(SCHEMAS[f"{kind}.schema.json"]).iter_errors(value)]


def front_matter(text: str) -> tuple[Any, str]:
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


def shipped() -> list[tuple[str, Path]]:
    files = [("site", CONTENT / "site.yaml")]
    files += [(KINDS[path.parent.name], path) for folder in KINDS for path in sorted((CONTENT / folder).iterdir())]
    return files


def test_the_committed_schemas_are_current() -> None:
    for name, text in render_schemas(shipped_settings()).items():
        committed = ROOT / "schema" / name
        assert committed.exists() and committed.read_text(encoding="utf-8") == text, (
            f"schema/{name} is out of date: run `python build.py schema --out schema`")


def test_every_schema_is_a_valid_draft_2020_12_schema_refusing_unknown_fields() -> None:
    assert sorted(SCHEMAS) == ["drill.schema.json", "page.schema.json", "routine.schema.json", "site.schema.json"]
    for schema in SCHEMAS.values():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False
        assert all(part["description"] and part["examples"] for part in schema["properties"].values())


@pytest.mark.parametrize(("kind", "path"), shipped(), ids=lambda item: getattr(item, "name", item))
def test_every_shipped_file_passes_its_schema(kind: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    value = front_matter(text)[0] if path.suffix == ".md" else yaml.safe_load(text)
    assert errors(kind, value) == []


def test_the_vocabularies_are_the_enums_of_site_yaml() -> None:
    settings = shipped_settings()
    drill = SCHEMAS["drill.schema.json"]["properties"]
    assert drill["phase"]["enum"] == [term.slug for term in settings.phases]
    assert drill["zones"]["items"]["enum"] == [term.slug for term in settings.zones]
    assert drill["phase"]["description"] == "The warm-up phase the drill belongs to."


def test_a_misspelt_field_a_word_outside_a_vocabulary_and_a_wrong_type_are_refused() -> None:
    drill, _ = front_matter((CONTENT / "drills" / "strides.md").read_text(encoding="utf-8"))
    drill["sumary"] = drill.pop("summary")
    assert errors("drill", drill) == ["Additional properties are not allowed ('sumary' was unexpected)",
                                      "'summary' is a required property"]
    drill["summary"] = drill.pop("sumary")
    assert errors("drill", {**drill, "phase": "dynamic-drill"})[0].endswith("is not one of ['pulse-raiser', "
                                                                               "'dynamic-drills', 'mobility', "
                                                                               "'activation', 'strides', 'cool-down']")
    assert errors("drill", {**drill, "harder": 3}) == ["3 is not of type 'string'"]


def _with(**changes: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda meta: {**meta, **changes}


def _without(name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda meta: {key: value for key, value in meta.items() if key != name}


def _step(**changes: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda meta: {**meta, "steps": [{"drill": "strides", **changes}, *meta["steps"][1:]]}


# Mistakes the validator refuses for their type, vocabulary, presence or name: the schema must refuse each too.
MISTAKES = {
    "drills/strides.md": [_with(phase="dynamic-drill"), _with(zones="calves"), _with(zones=["hips", "hips"]),
                          _with(zones=[]), _with(equipment=["towel"]), _with(cues="Tall"), _with(cues=[]),
                          _with(harder=3), _with(easier="  "), _with(dose="20"), _with(dose="20 laps"),
                          _with(dose="0 reps"), _with(dose=20), _with(checklist="x" * 71), _without("title"),
                          _with(notes="x"), _with(time="90 m")],
    "routines/5k-race-day-beginner.yaml": [_with(distance="5K"), _with(level=["expert"]), _with(session=None),
                                           _with(minutes="twelve"), _with(minutes=-1), _with(minutes=True),
                                           _with(steps=[]), _with(steps="strides"), _without("session"),
                                           _step(dose="5 minuets"), _step(notes="x"), _step(drill="Strides!"),
                                           _with(intro=["x"])],
    "pages/safety.md": [_with(order="first"), _with(title=""), _with(colour="red"), _without("summary")],
    "site.yaml": [_with(base_url="example.org"), _with(phases=[]), _with(phases={"Warm Up": "Warm up"}),
                  _with(zones={"hips": ""}), _with(checklist="Done"), _without("credit"), _with(langauge="en")],
}
CASES = [(name, index, mutate) for name, mutations in MISTAKES.items() for index, mutate in enumerate(mutations)]


@pytest.mark.parametrize(("name", "index", "mutate"), CASES, ids=[f"{name}-{index}" for name, index, _ in CASES])
def test_what_the_validator_refuses_the_schema_refuses(name: str, index: int, mutate: Callable) -> None:
    sources, _ = load_sources(CONTENT, PurePosixPath("content"))
    path = PurePosixPath("content") / name
    source = next(s for s in sources if s.path == path)
    if path.suffix == ".md":
        meta, body = front_matter(source.text)
        value = mutate(meta)
        text = "---\n" + yaml.safe_dump(value, allow_unicode=True) + "---\n" + body
    else:
        value = mutate(yaml.safe_load(source.text))
        text = yaml.safe_dump(value, allow_unicode=True)
    changed = [type(s)(s.path, s.kind, s.slug, text) if s.path == path else s for s in sources]

    _, problems = validate_site(changed)

    assert [p for p in problems if p.at.path == path], "the validator accepts it: not a mistake"
    kind = "site" if name == "site.yaml" else KINDS[name.split("/")[0]]
    assert errors(kind, value), f"the schema accepts what the validator refuses: {value}"


def test_schema_writes_the_four_files_with_the_same_bytes_each_time(site_copy: Path, run) -> None:
    first = run("schema", "--out", "out")
    assert first.code == 0, first.err
    assert first.out == "wrote drill.schema.json, routine.schema.json, page.schema.json, site.schema.json to out\n"
    written = {path.name: path.read_bytes() for path in Path("out").iterdir()}
    assert sorted(written) == sorted(SCHEMAS)
    assert all(text.endswith(b"}\n") for text in written.values())
    assert run("schema", "--out", "out").code == 0
    assert {path.name: path.read_bytes() for path in Path("out").iterdir()} == written
    zones = json.loads(written["drill.schema.json"])["properties"]["zones"]["items"]["enum"]
    assert zones == ["hips", "hamstrings", "calves"]  # the fixture site's own vocabulary


def test_schema_of_a_broken_site_yaml_says_why_and_writes_nothing(site_copy: Path, run) -> None:
    (site_copy / "site.yaml").write_text("title: Stride Prep\n")
    result = run("schema", "--out", "out")
    assert result.code == 1
    assert result.err.startswith("content/site.yaml:1:1: missing required field 'base_url'\n")
    assert not Path("out").exists()
