"""Hostile YAML: too deep, too large a number, a character only YAML reads as a line break.

Each is refused as a problem at its line, before anything could crash or hang.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from site_gen.load import SourceFile
from site_gen.parse import MAX_DEPTH, MAX_DIGITS, _find_anchor_or_depth, load_yaml, parse_document

PATH = PurePosixPath("content/routines/x.yaml")
DEEP = f"nested more than {MAX_DEPTH} levels deep"
DEEP_HINT = "a drill, routine or site.yaml needs a few levels of lists and fields; flatten it"


def _problems(text: str, first_line: int = 1) -> list[str]:
    return [str(p) for p in load_yaml(text, PATH, first_line)[1]]


@pytest.mark.parametrize("depth", [10_000, 100_000])  # a RecursionError; past 60,000 the C library segfaulted
def test_deep_flow_nesting_is_refused_where_it_crosses_the_limit(depth: int) -> None:
    text = "title: X\nextra: " + "[" * depth + "]" * depth + "\n"
    # The mapping is level 1; the 20th '[' (column 8 + 19) opens level 21.
    assert _problems(text) == [f"content/routines/x.yaml:2:27: {DEEP}\n  hint: {DEEP_HINT}"]


def test_deep_flow_mappings_are_refused_too() -> None:
    text = "x: " + "{a: " * 5000 + "1" + "}" * 5000
    assert _problems(text, first_line=2) == [f"content/routines/x.yaml:2:{4 + 4 * 19}: {DEEP}\n  hint: {DEEP_HINT}"]


@pytest.mark.parametrize("depth", [999, 100_000])
def test_deep_block_lists_are_refused(depth: int) -> None:
    text = "title: X\nsteps:\n" + "- " * depth + "x\n"
    assert _problems(text) == [f"content/routines/x.yaml:3:39: {DEEP}\n  hint: {DEEP_HINT}"]


def test_deep_indentation_is_refused_at_the_first_line_too_deep() -> None:
    text = "".join(" " * level + f"k{level}:\n" for level in range(40)) + " " * 40 + "v: 1\n"
    assert _problems(text) == [f"content/routines/x.yaml:21:21: {DEEP}\n  hint: {DEEP_HINT}"]


def test_the_limit_itself_is_allowed() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    doc, problems = load_yaml(text, PATH, first_line=1)
    assert problems == () and doc is not None
    assert _problems("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH) == [(f"content/routines/x.yaml:1:{3 + MAX_DEPTH}: {DEEP}"
                                                                    f"\n  hint: {DEEP_HINT}")]


def test_brackets_in_text_do_not_count_as_depth() -> None:
    # Many '[' push the quick bound over the limit; the exact count then finds depth 2.
    text = "intro: |\n" + "".join(f"  See [page {n}](page:p{n}).\n" for n in range(30)) + "zones: [a, b]\n"
    doc, problems = load_yaml(text, PATH, first_line=1)
    assert problems == () and doc is not None and doc.value["zones"] == ["a", "b"]


NUMBER = "is out of range: numbers here have at most 15 digits"
NUMBER_HINT = "write a smaller number, or put quotes around it if it is text"


@pytest.mark.parametrize(("written", "shown"), [
    ("0x" + "f" * 5000, "0xffffffffffffffffff..."),  # converts, but can never be printed
    ("9" * 5000, "9" * 20 + "..."),  # past Python's 4,300-digit conversion limit
    ("1" + "0" * MAX_DIGITS, "1" + "0" * MAX_DIGITS),
    ("1.0e+999", "1.0e+999"),  # infinite
    (".inf", ".inf"),
    (".nan", ".nan"),
    ("1:" * 40 + "1", "1:1:1:1:1:1:1:1:1:1:..."),  # base 60
])
def test_numbers_past_the_limit_are_refused_at_their_value(written: str, shown: str) -> None:
    assert _problems(f"title: X\nminutes: {written}\n", first_line=5) == [
        f"content/routines/x.yaml:6:10: number '{shown}' {NUMBER}\n  hint: {NUMBER_HINT}"]


def test_numbers_within_the_limit_are_kept() -> None:
    doc, problems = load_yaml(f"a: {'9' * MAX_DIGITS}\nb: 0x10\nc: 1.5\nd: '{'9' * 5000}'\n", PATH, first_line=1)
    assert problems == () and doc is not None
    assert doc.value == {"a": 10 ** MAX_DIGITS - 1, "b": 16, "c": 1.5, "d": "9" * 5000}


@pytest.mark.parametrize(("character", "name"), [
    ("\u2028", "line separator"), ("\u2029", "paragraph separator"), ("\x85", "next line")])
def test_a_line_break_only_yaml_sees_is_refused_at_its_place(character: str, name: str) -> None:
    text = f"title: X\nintro: |\n  A short{character}routine.\n"
    assert _problems(text, first_line=2) == [
        (f"content/routines/x.yaml:4:10: invisible {name} character (U+{ord(character):04X}): "
        "YAML reads it as a line break\n  hint: delete it; put a space or start a new line instead")]


def test_a_line_separator_in_a_body_does_not_shift_lines() -> None:
    source = SourceFile(PurePosixPath("content/drills/x.md"), "drill", "x",
                        "---\ntitle: X\n---\nOne\u2028two\u2029three\x85four.\n\nLast line.\n")
    document, problems = parse_document(source)
    assert problems == () and document is not None
    assert document.body_line == 4
    assert document.body.split("\n")[2] == "Last line."  # line 6 of the file, as an editor shows it


def test_a_character_yaml_refuses_is_a_problem_at_its_place() -> None:
    assert _problems("title: X\nnote: a\ufffeb\n", first_line=3) == [
        ("content/routines/x.yaml:4:8: character U+FFFE is not allowed in YAML\n"
        "  hint: delete it, or write it in a Markdown body instead")]


def test_an_unread_file_is_not_parsed() -> None:
    assert parse_document(SourceFile(PATH, "routine", "x", "", readable=False)) == (None, ())


CHECK_DOSE = "dose number '99999999999999999999...' is out of range: numbers here have at most 15 digits"


def test_check_reports_huge_numbers_in_fields_and_doses(site_copy: Path, run) -> None:
    routine = site_copy / "routines" / "5k-easy.yaml"
    text = routine.read_text()
    routine.write_text(text.replace("minutes: 10", "minutes: 0x" + "f" * 5000)
                       .replace("title: 5K easy run, beginner", "title: 0x" + "a" * 5000)
                       .replace("dose: 4 reps", "dose: " + "9" * 5000 + " reps"))
    result = run("check")
    assert result.code == 1
    assert result.out == (
        f"content/routines/5k-easy.yaml:1:8: number '0xaaaaaaaaaaaaaaaaaa...' {NUMBER}\n  hint: {NUMBER_HINT}\n"
        f"content/routines/5k-easy.yaml:5:10: number '0xffffffffffffffffff...' {NUMBER}\n  hint: {NUMBER_HINT}\n"
        "2 errors\n")
    routine.write_text(text.replace("dose: 4 reps", "dose: " + "9" * 5000 + " reps"))
    result = run("check")
    assert result.out == f"content/routines/5k-easy.yaml:15:11: {CHECK_DOSE}\n  hint: write a smaller number\n1 error\n"


@pytest.mark.parametrize("text", [
    "a: " + "[" * 21 + "]" * 21,
    "a:\n  - b: [[{c: [1, {d: " + "[" * 16 + "]" * 16 + "}]}]]\n",
    "? " + "[" * 20 + "]" * 20 + "\n: v\n",  # a key deep enough: its collection comes first, as written
    "".join(" " * level + f"k{level}:\n" for level in range(25)) + " " * 25 + "v: [x]\n",
    "figure:\n  poses:\n    - {thigh: [10, 0]}\n    - {thigh: [-10, 0], shin: [-20, 0]}\n",  # a drill's figure: allowed
])
def test_the_depth_is_found_where_the_parser_s_events_find_it(text: str) -> None:
    # Short documents are composed first and measured on the nodes; any other way, by their events.
    by_events = _find_anchor_or_depth(text, PATH, 0)
    assert _problems(text) == ([str(by_events)] if by_events else [])
