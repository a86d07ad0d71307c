"""Split front matter and read YAML safely, keeping the line of every value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml

from .errors import Location, Problem
from .load import SourceFile

# The C loader is several times faster; the pure-Python one behaves the same.
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
        if "&" in text or "*" in text:
            refused = _find_anchor(text, file, offset)
            if refused:
                return None, (refused,)
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        return None, (_syntax_problem(error, file, offset),)
    except yaml.YAMLError as error:
        return None, (Problem(Location(file, first_line), f"YAML error: {error}"),)
    if node is None:
        return YamlDoc(None, file, {(): Location(file, first_line)}), ()
    builder = _Builder(file, offset)
    value = builder.convert(node, ())
    if builder.problems:
        return None, tuple(builder.problems)
    # A duplicate key is reported, but the rest of the file is still worth checking.
    return YamlDoc(value, file, builder.marks, builder.key_marks), tuple(builder.duplicates)


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


def _find_anchor(text: str, file: PurePosixPath, offset: int) -> Problem | None:
    # Aliases can make a few lines expand into gigabytes ("billion laughs"); refuse them unexpanded.
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return Problem(_location(event.start_mark, file, offset),
                           "YAML anchors and aliases (&name, *name) are not allowed",
                           "write the value out in full where it is needed")
    return None


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
        if isinstance(node, yaml.ScalarNode) and node.tag in _CORE_TAGS:
            try:
                return _constructor.yaml_constructors[node.tag](_constructor, node)
            except ValueError:
                self.problems.append(Problem(at, f"number too large: {node.value[:20]}...", "write a smaller number"))
                return None
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(Problem(at, f"YAML tags are not allowed ({tag})",
                                     "remove the '!' tag; write plain text, numbers, lists and fields"))
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
