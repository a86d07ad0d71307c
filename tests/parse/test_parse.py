"""Front matter and YAML: values keep the file line they were written on."""

from __future__ import annotations

from pathlib import PurePosixPath

from site_gen.load import SourceFile
from site_gen.parse import load_yaml, parse_document

PATH = PurePosixPath("content/drills/x.md")


def _drill(text: str) -> SourceFile:
    return SourceFile(PATH, "drill", "x", text)


def test_front_matter_lines_count_from_the_top_of_the_file() -> None:
    document, problems = parse_document(_drill("---\ntitle: X\ncues:\n  - one\n  - two\n---\n\nBody line.\n"))
    assert problems == ()
    assert document is not None
    assert document.meta.value == {"title": "X", "cues": ["one", "two"]}
    assert str(document.meta.at("title")) == "content/drills/x.md:2:8"
    assert str(document.meta.key_at("cues")) == "content/drills/x.md:3:1"
    assert str(document.meta.at("cues", 1)) == "content/drills/x.md:5:5"
    assert document.body_line == 7
    assert document.body == "\nBody line.\n"


def test_unknown_paths_fall_back_to_the_nearest_written_parent() -> None:
    document, _ = parse_document(_drill("---\ntitle: X\nsteps:\n  - drill: a\n---\nb\n"))
    assert document is not None
    assert document.meta.at("steps", 0, "dose").line == 4
    assert document.meta.at("nothing").line == 2


def test_duplicate_keys_are_found_at_every_depth() -> None:
    text = "title: A\nsteps:\n  - drill: a\n    drill: b\n"
    doc, problems = load_yaml(text, PATH, first_line=1)
    assert doc is not None and doc.value["steps"] == [{"drill": "a"}]  # the first is kept, the rest still checked
    assert [str(p) for p in problems] == [
        ("content/drills/x.md:4:5: duplicate field 'drill' (first written on line 3)\n"
        "  hint: keep one of them: YAML would silently use only the last")
    ]


def test_billion_laughs_is_refused_without_expanding() -> None:
    layers = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index in range(1, 30):  # 9**30 items if it were ever expanded
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        layers.append(f"{name}: &{name} [" + ", ".join(f"*{previous}" for _ in range(9)) + "]")
    doc, problems = load_yaml("\n".join(layers), PATH, first_line=1)
    assert doc is None
    assert [p.message for p in problems] == ["YAML anchors and aliases (&name, *name) are not allowed"]


def test_ampersand_in_text_is_just_text() -> None:
    doc, problems = load_yaml("title: Q&A * notes", PATH, first_line=1)
    assert problems == ()
    assert doc is not None and doc.value == {"title": "Q&A * notes"}


def test_dates_stay_as_written_and_huge_numbers_are_refused() -> None:
    doc, problems = load_yaml("date: 2025-07-19", PATH, first_line=1)
    assert doc is not None and doc.value == {"date": "2025-07-19"}
    _, problems = load_yaml("n: " + "9" * 5000, PATH, first_line=10)
    assert [str(p.at) for p in problems] == ["content/drills/x.md:10:4"]
    assert problems[0].message == "number '99999999999999999999...' is out of range: numbers here have at most 15 digits"


def test_tab_indentation_gets_its_own_hint() -> None:
    _, problems = load_yaml("title: X\n\tsummary: y\n", PATH, first_line=2)
    assert len(problems) == 1
    assert problems[0].at.line == 3
    assert problems[0].hint == "indent with spaces, not tabs"


def test_empty_yaml_is_an_empty_document_not_a_crash() -> None:
    doc, problems = load_yaml("", PATH, first_line=1)
    assert problems == () and doc is not None and doc.value is None
