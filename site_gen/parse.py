"""Split front matter and read YAML safely, keeping the line of every value."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml

from .errors import Location, Problem
from .load import SourceFile
from .text import position

# Limits on what a YAML part may hold (docs/promises.md, "Limits"). The content model nests 3 levels
# (a routine's steps, each a set of fields); the composer of the YAML library recurses once
# per level and dies of a stack overflow in the tens of thousands, so depth is refused first.
MAX_DEPTH = 20
# Below this bound the composer is safe to run, and the depth is checked on what it composed:
# a drill's figure reaches past MAX_DEPTH by the bound alone, and a second parse of every
# drill for its events would cost a third of the YAML's time.
COMPOSABLE_DEPTH = 100
# Content numbers are minutes and counts. 15 digits is what a JavaScript number (and a
# double) holds exactly; Python itself refuses to print an integer past 4,300 digits.
MAX_DIGITS = 15
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
# YAML counts these as line breaks; editors, Markdown and we do not: lines would disagree.
_YAML_ONLY_BREAKS = {"\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}
_FIRST_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")
_LEADING_INDICATORS = re.compile(r"^[ \t?:-]*", re.MULTILINE)

# The C loader when PyYAML has it (benchmarks/README.md: why); the pure-Python one behaves the same.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]  # a value's place in the document: ("steps", 3, "drill")

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """Plain Python values (dict, list, str, int, float, bool, None) and where each was written."""

    value: Any
    file: PurePosixPath
    marks: dict[Path_, Location] = field(default_factory=dict)  # where each value starts
    key_marks: dict[Path_, Location] = field(default_factory=dict)  # where each mapping key is

    def at(self, *path: str | int) -> Location:
        """Where the value at `path` was written, or its nearest written parent."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Location(self.file, 1))

    def key_at(self, *path: str | int) -> Location:
        """Where the key of the field at `path` was written."""
        return self.key_marks.get(path) or self.at(*path)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A content file split into its YAML part and its Markdown body."""

    source: SourceFile
    meta: YamlDoc
    body: str  # "" for YAML-only files (site.yaml, routines)
    body_line: int  # the file line on which the body starts


def parse_document(source: SourceFile) -> tuple[RawDocument | None, tuple[Problem, ...]]:
    """Front matter + body for Markdown files; the whole file as YAML otherwise."""
    if not source.readable:
        return None, ()  # the loader has said why; the file still counts as existing
    if source.path.suffix != ".md":
        meta, problems = load_yaml(source.text, source.path, first_line=1)
        return (RawDocument(source, meta, "", 1) if meta else None), problems
    lines = source.text.split("\n")
    start = Location(source.path, 1)
    if lines[0].rstrip() != "---":
        return None, (Problem(start, "missing front matter: the file must start with a '---' line",
                              "add the fields between two '---' lines at the top; copy an existing file to start"),)
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None)
    if closing is None:
        return None, (Problem(start, "front matter is not closed: no second '---' line",
                              "add a line with just '---' after the last field"),)
    meta, problems = load_yaml("\n".join(lines[1:closing]), source.path, first_line=2)
    if meta is None:
        return None, problems
    body = "\n".join(lines[closing + 1:])
    return RawDocument(source, meta, body, closing + 2), problems


def load_yaml(text: str, file: PurePosixPath, first_line: int) -> tuple[YamlDoc | None, tuple[Problem, ...]]:
    """Safe YAML with marks; refuses anchors, aliases and tags, and reports duplicate keys (keeping the first)."""
    offset = first_line - 1
    try:
        refused = _refuse_before_composing(text, file, offset)
        if refused:
            return None, (refused,)
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        return None, (_syntax_problem(error, file, offset),)
    except yaml.reader.ReaderError as error:
        return None, (_character_problem(text, error, file, offset),)
    if node is None:
        return YamlDoc(None, file, {(): Location(file, first_line)}), ()
    too_deep = _first_too_deep(node)
    if too_deep is not None:
        return None, (_too_deep(too_deep.start_mark, file, offset),)
    builder = _Builder(file, offset)
    value = builder.convert(node, ())
    if builder.problems:
        return None, tuple(builder.problems)
    # A duplicate key is reported, but the rest of the file is still worth checking.
    return YamlDoc(value, file, builder.marks, builder.key_marks), tuple(builder.duplicates)


def number_message(written: str) -> str:
    """What is wrong with a number past MAX_DIGITS (or infinite), given as it was written."""
    shown = written if len(written) <= 24 else written[:20] + "..."
    return f"number '{shown}' is out of range: numbers here have at most {MAX_DIGITS} digits"


def _location(mark: Any, file: PurePosixPath, offset: int) -> Location:
    return Location(file, mark.line + 1 + offset, mark.column + 1)


def _syntax_problem(error: yaml.MarkedYAMLError, file: PurePosixPath, offset: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    at = _location(mark, file, offset) if mark else Location(file, offset + 1)
    what = " ".join(part for part in (error.context, error.problem) if part)
    context = error.context_mark
    if context is not None and mark is not None and context.line != mark.line:
        what += f" (it started on line {context.line + 1 + offset})"
    hint = "check the indentation, and put quotes around text that contains ': ' or starts with a special character"
    if "\t" in what or "tab" in what:
        hint = "indent with spaces, not tabs"
    return Problem(at, f"YAML syntax error: {what}", hint)


def _character_problem(text: str, error: yaml.reader.ReaderError, file: PurePosixPath, offset: int) -> Problem:
    # The C reader counts the position in characters of the text, as Python does.
    line, column = position(text, error.position)
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(Location(file, line + offset, column), f"character U+{code:04X} is not allowed in YAML",
                   "delete it, or write it in a Markdown body instead")


def _refuse_before_composing(text: str, file: PurePosixPath, offset: int) -> Problem | None:
    """Why `text` must not reach the composer, or None: line breaks only YAML sees, depth, anchors."""
    found = _FIRST_YAML_ONLY_BREAK.search(text)
    if found:
        line, column = position(text, found.start())
        name = _YAML_ONLY_BREAKS[found.group()]
        return Problem(Location(file, line + offset, column),
                       f"invisible {name} character (U+{ord(found.group()):04X}): YAML reads it as a line break",
                       "delete it; put a space or start a new line instead")
    if "&" in text or "*" in text or _depth_bound(text) > COMPOSABLE_DEPTH:
        return _find_anchor_or_depth(text, file, offset)
    return None


def _depth_bound(text: str) -> int:
    """A depth the YAML in `text` cannot exceed, from a scan of its characters alone."""
    # Each flow level opens with '[' or '{'. Each two block levels move right by a column at
    # least (only a list under a field may keep the field's column), and a block collection
    # starts after the leading spaces and "- ", "? ", ": " indicators of some line.
    lead = max(len(indicators) for indicators in _LEADING_INDICATORS.findall(text))
    return text.count("[") + text.count("{") + 2 * (lead + 1)


def _find_anchor_or_depth(text: str, file: PurePosixPath, offset: int) -> Problem | None:
    # The parser's events come from a loop with its own stack, safe at any depth; only the
    # composer recurses, and it never sees a document refused here.
    # Aliases can make a few lines expand into gigabytes ("billion laughs"); refuse them unexpanded.
    depth = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return Problem(_location(event.start_mark, file, offset),
                           "YAML anchors and aliases (&name, *name) are not allowed",
                           "write the value out in full where it is needed")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return _too_deep(event.start_mark, file, offset)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _first_too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first collection, in the order written, more than MAX_DEPTH levels deep: where the events would find it."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if depth > MAX_DEPTH:
            return node
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        stack.extend((child, depth + 1) for child in reversed(children))
    return None


def _too_deep(mark: Any, file: PurePosixPath, offset: int) -> Problem:
    return Problem(_location(mark, file, offset), f"nested more than {MAX_DEPTH} levels deep",
                   "a drill, routine or site.yaml needs a few levels of lists and fields; flatten it")


class _Builder:
    """Turns composed YAML nodes into plain values, recording marks and problems."""

    def __init__(self, file: PurePosixPath, offset: int) -> None:
        self.file, self.offset = file, offset
        self.marks: dict[Path_, Location] = {}
        self.key_marks: dict[Path_, Location] = {}
        self.problems: list[Problem] = []  # the value cannot be used
        self.duplicates: list[Problem] = []  # the first value is kept; the rest can still be checked

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        at = _location(node.start_mark, self.file, self.offset)
        self.marks[path] = at
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP:
            return node.value  # a date is text to us; keep it as written
        if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS:
            return self._number(node, at)
        if isinstance(node, yaml.ScalarNode) and node.tag in _CORE_TAGS:
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(Problem(at, f"YAML tags are not allowed ({tag})",
                                     "remove the '!' tag; write plain text, numbers, lists and fields"))
        return None

    def _number(self, node: yaml.ScalarNode, at: Location) -> int | float | None:
        # Refused by its length before it is converted: '0x' and 5,000 hex digits convert, but
        # can never be printed; 5,000 decimal digits do not even convert.
        value = _constructor.yaml_constructors[node.tag](_constructor, node) if len(node.value) <= 4 * MAX_DIGITS else None
        if value is not None and math.isfinite(value) and abs(value) < 10 ** MAX_DIGITS:
            return value
        self.problems.append(Problem(at, number_message(node.value),
                                     "write a smaller number, or put quotes around it if it is text"))
        return None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_at = _location(key_node.start_mark, self.file, self.offset)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(key_at, "a field name must be plain text", "write 'name: value'"))
                continue
            key = key_node.value
            if key in result:
                first = self.key_marks[(*path, key)]
                self.duplicates.append(Problem(key_at, f"duplicate field '{key}' (first written on line {first.line})",
                                             "keep one of them: YAML would silently use only the last"))
                continue
            self.key_marks[(*path, key)] = key_at
            result[key] = self.convert(value_node, (*path, key))
        return result
