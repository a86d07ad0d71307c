"""What one build leaves for the next, and that state as plain data (lists, strings, numbers) and back.

The plain form is what the build cache stores, as JSON lines (state_chunks): the state
without its memo on the first line, then a line for each memo entry, so that an entry read
and unchanged is written back as the very line it was read from, and a rebuild holds one
bytes object for it rather than its whole parsed form. It is read back from a folder that
others can write (a CI cache restored across builds, a shared checkout), so reading it is
checking it: every value must have the type its field declares, every reference must
point at an entry of the state, and anything else raises InvalidState. Nothing in it can
name a class or a function: the types come from this code, never from the data.
"""

from __future__ import annotations

import json
import re
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from operator import attrgetter
from pathlib import PurePosixPath
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from .model import Drill, Page, Routine, Settings
from .plan import PlanMemo, PlannedPage
from .validate import Checked

Plain = Any  # what json.loads returns: dict, list, str, int, float, bool or None
Fingerprint = tuple[PlannedPage | None, str, str]  # the planned page, what it was rendered with, its fingerprint


@dataclass(frozen=True, slots=True)
class BuildState:
    """What the last good build made, so that the next one redoes only what changed."""

    memo: Mapping[PurePosixPath, Checked] = field(default_factory=dict)
    plan: PlanMemo = field(default_factory=dict)
    fingerprints: Mapping[str, Fingerprint] = field(default_factory=dict)  # page URL -> its fingerprint
    assets: Mapping[str, str] = field(default_factory=dict)  # asset output path -> digest of its bytes
    # A parse cache: template source -> the templates it references (deps.template_digests fills it).
    template_references: dict[str, list[str]] = field(default_factory=dict)
    outputs: Mapping[str, str] = field(default_factory=dict)  # page output path -> digest of its bytes
    # Each memo entry read from the cache, with its line: an entry still the very same object
    # is saved as it was read, not encoded again (most of a rebuild's save).
    plain: Mapping[PurePosixPath, tuple[Checked, bytes]] = field(default_factory=dict, compare=False)


class InvalidState(ValueError):
    """The plain data is not a state this code wrote."""


KINDS: dict[str, type] = {"site": Settings, "drill": Drill, "page": Page, "routine": Routine}
_KIND_OF = {kind: name for name, kind in KINDS.items()}
_KEYS = ("memo", "fingerprints", "assets", "outputs", "template_references")


def state_to_plain(state: BuildState) -> dict[str, Plain]:
    """The state as JSON-ready data, without what is cheap to redo: source texts and planned pages."""
    memo = [json.loads(row) if isinstance(row, bytes) else row for row in _memo_rows(state)]
    return {"memo": memo, **_top_to_plain(state)}


Chunks = list[bytes | memoryview]  # pieces of one file, in order: written one after another, never joined


def state_to_bytes(state: BuildState) -> bytes:
    """The state as the cache stores it: JSON lines, the state without its memo, then each memo entry."""
    return b"".join(state_chunks(state))


def state_chunks(state: BuildState) -> Chunks:
    """The bytes of `state_to_bytes` in pieces: a big guide's state is tens of megabytes, and
    joining it (then prefixing a header) would hold it several times over."""
    chunks: Chunks = [_json_line(_top_to_plain(state))]
    for row in _memo_rows(state):
        chunks += (b"\n", row if isinstance(row, bytes) else _json_line(row))
    return chunks


def state_from_bytes(payload: bytes) -> BuildState:
    """The state `state_to_bytes` made, checked throughout: InvalidState, or ValueError and RecursionError for
    what is not JSON."""
    first, _, rest = payload.partition(b"\n")
    top = json.loads(first)
    lines = rest.split(b"\n") if rest else []
    plain = {**top, "memo": [json.loads(line) for line in lines]} if isinstance(top, dict) else top
    return state_from_plain(plain, lines)


def _json_line(value: Plain) -> bytes:
    # No line breaks: JSON escapes them inside strings, and separators add none.
    return json.dumps(value, ensure_ascii=False, check_circular=False, separators=(",", ":")).encode()


def _top_to_plain(state: BuildState) -> dict[str, Plain]:
    return {
        "fingerprints": {url: [used, fingerprint] for url, (_, used, fingerprint) in state.fingerprints.items()},
        "assets": dict(state.assets),
        "outputs": dict(state.outputs),
        "template_references": state.template_references,
    }


def _memo_rows(state: BuildState) -> Iterator[bytes | list[Plain]]:
    """Each memo entry to store: the line it was read from, when it is still that very entry, or its plain form.

    One at a time: the caller turns each into its line before the next is made, so a big guide's plain
    rows are never all held at once.
    """
    settings = next((entry.model for entry in state.memo.values() if isinstance(entry.model, Settings)), None)
    drill_paths = {id(entry.model): str(path) for path, entry in state.memo.items() if isinstance(entry.model, Drill)}
    read = state.plain
    return (row for path, entry in state.memo.items()
            if (row := read[path][1] if path in read and read[path][0] is entry
                else _entry_to_plain(path, entry, settings, drill_paths)))


def _entry_to_plain(path: PurePosixPath, entry: Checked, settings: Settings | None,
                    drill_paths: Mapping[int, str]) -> list[Plain] | None:
    # Only what a good build leaves is stored; anything else (an entry with problems, one checked
    # against another vocabulary) is simply checked again next time.
    kind = _KIND_OF.get(type(entry.model))
    if kind is None or entry.problems or entry.settings is not (None if kind == "site" else settings):
        return None
    drills = [[slug, drill_paths.get(id(drill))] for slug, drill in entry.drills]
    if any(where is None for _, where in drills):
        return None
    return [str(path), kind, entry.digest, _encoder(KINDS[kind])(entry.model), _encoder(_LINKS)(entry.links), drills]


def state_from_plain(plain: Plain, lines: list[bytes] | None = None) -> BuildState:
    """The state `state_to_plain` made, checked throughout; InvalidState names the first thing wrong.

    `lines`: the memo entries as they were read (state_from_bytes), kept to be written back.
    """
    top = _expect(plain, dict, "the state")
    if sorted(top) != sorted(_KEYS):
        raise InvalidState(f"the state has the keys {sorted(top)}, not {sorted(_KEYS)}")
    _check_top(top)
    _PATHS.clear()
    try:
        memo, plain = _memo_from_plain(_expect(top["memo"], list, "memo"), lines)
    finally:
        _PATHS.clear()
    fingerprints: dict[str, Fingerprint] = {url: (None, used, value) for url, (used, value)
                                            in top["fingerprints"].items()}
    return BuildState(memo, {}, fingerprints, top["assets"], top["template_references"], top["outputs"], plain)


def _check_top(top: dict[str, Plain]) -> None:
    """The state but its memo, as _top_to_plain makes it; InvalidState for anything else."""
    for url, value in _strings_to(top["fingerprints"], list, "fingerprints").items():
        if len(value) != 2 or not all(type(part) is str for part in value):
            raise InvalidState(f"fingerprint of {url!r} is not two strings")
    references = _strings_to(top["template_references"], list, "template_references")
    if not all(type(name) is str for names in references.values() for name in names):
        raise InvalidState("template references are not all strings")
    _strings_to(top["assets"], str, "assets")
    _strings_to(top["outputs"], str, "outputs")


_Row = tuple[PurePosixPath, str, str, Any, Any, list[Plain]]  # a memo entry decoded but its drills: paths yet


def _row(row: Plain) -> _Row:
    if type(row) is not list or len(row) != 6 or row[1] not in KINDS or type(row[2]) is not str:
        raise InvalidState("a memo entry is not [path, kind, digest, model, links, drills]")
    path = _path(_expect(row[0], str, "a memo path"))
    return (path, row[1], row[2], _decoder(KINDS[row[1]])(row[3]), _decoder(_LINKS)(row[4]),
            _expect(row[5], list, f"the drills of {str(path)!r}"))


def _entry(row: _Row, settings: Settings | None, drills: Mapping[str, Any]) -> Checked:
    """The memo entry of a decoded row; `drills`: the Drill of each drill path its steps may name."""
    path, kind, digest, model, links, used = row
    steps = []
    for step in used:
        if type(step) is not list or len(step) != 2 or type(step[0]) is not str or step[1] not in drills:
            raise InvalidState(f"a drill used by {str(path)!r} is not [slug, path of a drill in the memo]")
        steps.append((step[0], drills[step[1]]))
    return Checked("", digest, None if kind == "site" else settings, model, (), links, tuple(steps))


def _memo_from_plain(rows: list[Plain], lines: list[bytes] | None) -> tuple[dict[PurePosixPath, Checked],
                                                                         dict[PurePosixPath, tuple[Checked, bytes]]]:
    read = [_row(row) for row in rows]
    site_settings = [model for _, kind, _, model, _, _ in read if kind == "site"]
    if len(site_settings) > 1:
        raise InvalidState("the memo has more than one site.yaml")
    settings = site_settings[0] if site_settings else None
    # A routine was checked with the very Drill objects of the drill entries: the memo compares identity.
    drills = {str(path): model for path, kind, _, model, _, _ in read if kind == "drill"}
    memo: dict[PurePosixPath, Checked] = {}
    plain: dict[PurePosixPath, tuple[Checked, bytes]] = {}
    for index, (decoded, row) in enumerate(zip(read, rows, strict=True)):
        path = decoded[0]
        if path in memo:
            raise InvalidState(f"the memo holds {str(path)!r} twice")
        memo[path] = _entry(decoded, settings, drills)
        # Checked: what is written again for an entry that did not change.
        plain[path] = (memo[path], lines[index] if lines is not None else _json_line(row))
    return memo, plain


@dataclass(frozen=True, slots=True)
class StateLines:
    """A stored state as its bytes, each memo entry found and decoded only when asked for: what a build after
    an edit to a few files needs of it (quick.py), without decoding, or even splitting, the whole guide."""

    top: dict[str, Plain]  # the state but its memo, checked (_check_top): plain data to change and write back
    memo: bytes  # the memo's lines as stored, each after a line break
    # Each entry's path -> where its line starts and ends in `memo`: found on the first lookup.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    models: dict[str, Any] = field(default_factory=dict, compare=False)  # what `model` decoded, by path

    def row(self, path: str) -> _Row:
        """The entry of `path` decoded, but for the drills its steps name (entry); KeyError when there is none."""
        start, end = self._line(path)
        return _row(json.loads(self.memo[start:end]))

    def model(self, path: str) -> Any:
        """The model of the entry of `path`, one naming no drills (site.yaml, a drill, a page): decoded once, so
        that every use holds the very same object, as the memo compares them."""
        if path not in self.models:
            self.models[path] = self.row(path)[3]
        return self.models[path]

    def naming(self, path: str) -> list[str]:
        """The paths of the entries whose lines name `path` among their drills (the routines using a drill)."""
        needle, found, at = _json_line(path) + b"]", [], self.memo.find(_json_line(path) + b"]")
        while at != -1:
            start = self.memo.rfind(b"\n", 0, at) + 1
            line_path = _LINE_PATH.match(self.memo, start)
            if line_path is None:
                raise InvalidState("a memo entry does not start with its path")
            found.append(json.loads(line_path.group(1)))
            at = self.memo.find(needle, at + 1)
        return [name for name in dict.fromkeys(found) if name != path]

    def to_chunks(self, top: dict[str, Plain], replaced: Mapping[str, Checked], settings: Settings | None,
                  drill_paths: Mapping[int, str]) -> Chunks | None:
        """The state with `top` and the `replaced` memo entries, as state_chunks would write it; None when an
        entry cannot be stored (as a build with problems leaves it). The lines kept are views of those read."""
        spans = sorted((self._line(path), path) for path in replaced)
        memo = memoryview(self.memo)
        chunks: Chunks = [_json_line(top)]
        done = 0
        for (start, end), path in spans:
            row = _entry_to_plain(PurePosixPath(path), replaced[path], settings, drill_paths)
            if row is None:
                return None
            chunks += (memo[done:start], _json_line(row))
            done = end
        chunks.append(memo[done:])
        return chunks

    def _line(self, path: str) -> tuple[int, int]:
        if not self.spans:
            self._find_lines()
        return self.spans[path]

    def _find_lines(self) -> None:
        memo, start = self.memo, 1
        while start < len(memo):
            end = memo.find(b"\n", start)
            end = len(memo) if end == -1 else end
            found = _LINE_PATH.match(memo, start)
            if found is None:
                raise InvalidState("a memo entry does not start with its path")
            quoted = found.group(1)
            path = quoted[1:-1].decode() if b"\\" not in quoted else json.loads(quoted)
            if path in self.spans:
                raise InvalidState(f"the memo holds {path!r} twice")
            self.spans[path] = (start, end)
            start = end + 1


_LINE_PATH = re.compile(rb'\[("(?:[^"\\]|\\.)*")')  # the path a memo line starts with, as JSON writes it


def state_lines(payload: bytes) -> StateLines:
    """The state `state_to_bytes` made, as lines: its top checked, its memo entries only found when asked for;
    InvalidState, or ValueError for what is not JSON."""
    first, newline, rest = payload.partition(b"\n")
    top = _expect(json.loads(first), dict, "the state")
    if sorted(top) != sorted(key for key in _KEYS if key != "memo"):
        raise InvalidState(f"the state has the keys {sorted(top)}")
    _check_top(top)
    return StateLines(top, newline + rest)


_LINKS = tuple[tuple[str, str, bool], ...]  # Checked.links
_PATHS: dict[str, PurePosixPath] = {}  # one object per file, however many locations point into it


def _path(text: str) -> PurePosixPath:
    made = _PATHS.get(text)
    if made is None:
        made = _PATHS[text] = PurePosixPath(text)
    return made


def _expect(value: Plain, kind: type, what: str) -> Any:
    if type(value) is not kind:
        raise InvalidState(f"{what} is a {type(value).__name__}, not a {kind.__name__}")
    return value


def _strings_to(value: Plain, kind: type, what: str) -> dict[str, Any]:
    """A mapping from strings to values of `kind`."""
    mapping = _expect(value, dict, what)
    if not all(type(item) is kind for item in mapping.values()):
        raise InvalidState(f"{what} holds a value that is not a {kind.__name__}")
    return mapping


_SCALARS = (str, int, bool)


def _scalar(annotation: Any) -> type | None:
    """The one JSON type a value of `annotation` is, when it needs no conversion (Literal words are strings)."""
    if annotation in _SCALARS:
        return annotation
    return str if get_origin(annotation) is Literal else None


def _same(value: Any) -> Any:
    return value


@cache
def _encoder(annotation: Any) -> Callable[[Any], Plain]:
    """A function from values of the annotated type to plain data; dataclasses become lists of their fields."""
    if _scalar(annotation):
        return _same
    if annotation is PurePosixPath:
        return str
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        inner = _encoder(next(argument for argument in arguments if argument is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        parts = [_encoder(argument) for argument in arguments if argument is not Ellipsis]
        if arguments[-1:] != (Ellipsis,):
            return lambda value: [part(item) for part, item in zip(parts, value, strict=True)]
        if parts[0] is _same:
            return list
        return lambda value: [parts[0](item) for item in value]
    if is_dataclass(annotation):
        hints = get_type_hints(annotation)
        names = [item.name for item in fields(annotation)]
        every = attrgetter(*names)
        converted = [(index, encode) for index, name in enumerate(names)
                     if (encode := _encoder(hints[name])) is not _same]

        def dataclass_(value: Any) -> Plain:
            row = list(every(value))
            for index, encode in converted:
                row[index] = encode(row[index])
            return row
        return dataclass_
    raise TypeError(f"the build state cannot hold a {annotation!r}")  # a bug: a model field of a new type


@cache
def _decoder(annotation: Any) -> Callable[[Plain], Any]:
    """A function from plain data to a value of the annotated type, raising InvalidState for anything else."""
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return _literal_decoder(frozenset(arguments))
    if annotation in _SCALARS:
        return _scalar_decoder(annotation)
    if annotation is PurePosixPath:
        return lambda value: _path(_expect(value, str, "a path"))
    if origin in (Union, types.UnionType):
        inner = _decoder(next(argument for argument in arguments if argument is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        return _tuple_decoder(arguments)
    if isinstance(annotation, type) and is_dataclass(annotation):
        return _dataclass_decoder(annotation)
    raise TypeError(f"the build state cannot hold a {annotation!r}")


def _literal_decoder(words: frozenset[str]) -> Callable[[Plain], Any]:
    def literal(value: Plain) -> Any:
        if type(value) is not str or value not in words:
            raise InvalidState(f"{value!r:.40} is none of {sorted(words)}")
        return value
    return literal


def _scalar_decoder(kind: type) -> Callable[[Plain], Any]:
    def scalar(value: Plain) -> Any:
        if type(value) is not kind:  # not isinstance: True is no int here
            raise InvalidState(f"{value!r:.40} is not a {kind.__name__}")
        return value
    return scalar


def _tuple_decoder(arguments: tuple[Any, ...]) -> Callable[[Plain], Any]:
    if arguments[-1:] == (Ellipsis,):
        item, plain = _decoder(arguments[0]), arguments[0] in _SCALARS

        def sequence(value: Plain) -> tuple[Any, ...]:
            if type(value) is not list:
                raise InvalidState(f"{value!r:.40} is not a list")
            if plain and all(type(part) is arguments[0] for part in value):
                return tuple(value)
            return tuple(map(item, value))
        return sequence
    parts = [_decoder(argument) for argument in arguments]
    plain = all(argument in _SCALARS for argument in arguments)

    def fixed(value: Plain) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != len(parts):
            raise InvalidState(f"{value!r:.40} is not a list of {len(parts)}")
        if plain and all(type(item) is argument for item, argument in zip(value, arguments)):
            return tuple(value)
        return tuple([part(item) for part, item in zip(parts, value)])
    return fixed


def _dataclass_decoder(kind: type) -> Callable[[Plain], Any]:
    hints = get_type_hints(kind)
    annotations = [hints[item.name] for item in fields(kind)]
    count = len(annotations)
    # Plain strings and numbers are checked in one pass; only the other fields need a call each.
    scalars = [(index, scalar) for index, annotation in enumerate(annotations)
               if (scalar := annotation if annotation in _SCALARS else None)]
    others = [(index, _decoder(annotation)) for index, annotation in enumerate(annotations)
              if annotation not in _SCALARS]

    def dataclass_(value: Plain) -> Any:
        if type(value) is not list or len(value) != count:
            raise InvalidState(f"a {kind.__name__} is not a list of its {count} fields")
        for index, scalar in scalars:
            if type(value[index]) is not scalar:
                raise InvalidState(f"a {kind.__name__} field is a {type(value[index]).__name__}, "
                                   f"not a {scalar.__name__}")
        row = list(value)
        for index, decode in others:
            row[index] = decode(row[index])
        return kind(*row)
    return dataclass_
