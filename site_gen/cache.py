"""The persistent build cache in .cache/: what the last good build was made from and what it wrote.  [I/O]

Two files per (content, output) pair. The stamp (JSON) holds a digest of every input and
the size and time of every output file: when both match, the build has nothing to do and
exits without loading anything else. The state (pickle) holds the validated models and
page fingerprints, so that an edit re-validates and re-renders only what it touched.

Both carry the generator's version; a corrupt, truncated, foreign or old cache is ignored
with one warning and rebuilt. The cache is the user's own file in their project: like any
build cache it is trusted not to be planted by someone else.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import pickle
import sys
from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .digest import digest
from .load import SourceFile

MAGIC = b"stride-prep build state\n"
Manifest = dict[str, list[int]]  # output path -> [size, modification time in ns]


def generator_version() -> str:
    """Changes whenever the generator's code, Python or the libraries that shape output change."""
    package = Path(__file__).parent
    code = sorted((p.relative_to(package).as_posix(), p.read_bytes()) for p in package.rglob("*.py"))
    from importlib.metadata import version

    libraries = [f"{name}={version(name)}" for name in ("jinja2", "markdown-it-py", "pyyaml", "markupsafe")]
    return digest(sys.version, *libraries, *(part for pair in code for part in pair))


def cache_files(cache_dir: Path, content: Path, out: Path) -> tuple[Path, Path]:
    """The stamp and state files for this content and output folder."""
    key = digest(str(content.resolve()), str(out.absolute()))[:16]
    return cache_dir / f"{key}.stamp.json", cache_dir / f"{key}.state"


def inputs_digest(version: str, sources: Iterable[SourceFile], folders: Iterable[Path]) -> str:
    """One digest of every input: content, templates, assets and the generator."""
    parts = [version]
    for source in sources:
        parts += [str(source.path), source.text]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), hashlib.blake2b(path.read_bytes()).hexdigest()]
    return digest(*parts)


def output_manifest(out: Path, paths: Iterable[str], known: Mapping[str, list[int]] | None = None) -> Manifest:
    """Size and modification time of each output file, to notice one changed by hand.

    `known` holds entries still true (files the build kept as they were): only the rest are looked up.
    """
    known = known or {}
    manifest = {}
    for path in sorted(paths):
        if path in known:
            manifest[path] = known[path]
            continue
        stat = os.stat(os.path.join(out, path))
        manifest[path] = [stat.st_size, stat.st_mtime_ns]
    return manifest


def unchanged_outputs(out: Path, manifest: Mapping[str, list[int]]) -> set[str]:
    """The output files still exactly as the last build left them."""
    kept = set()
    for path, (size, mtime) in manifest.items():
        try:
            stat = os.stat(os.path.join(out, path))
        except OSError:
            continue
        if stat.st_size == size and stat.st_mtime_ns == mtime:
            kept.add(path)
    return kept


def read_stamp(path: Path, version: str) -> dict[str, object] | None:
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) and stamp.get("version") == version else None


def read_state(path: Path, version: str) -> tuple[object | None, str]:
    """The pickled state, or None and why it was ignored ("" when there simply is none)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, ""
    except OSError as error:
        return None, f"build cache {path} ignored ({error.strerror}); rebuilding it"
    header, _, rest = raw.partition(b"\n\n")
    lines = header.split(b"\n")
    if len(lines) != 3 or lines[0] + b"\n" != MAGIC:
        return None, f"build cache {path} ignored (not a Stride Prep cache); rebuilding it"
    if lines[1].decode(errors="replace") != version:
        return None, f"build cache {path} ignored (made by another version of the generator); rebuilding it"
    if lines[2].decode(errors="replace") != hashlib.sha256(rest).hexdigest():
        return None, f"build cache {path} ignored (corrupt or truncated); rebuilding it"
    try:
        return pickle.loads(rest), ""
    except Exception as error:  # noqa: BLE001 - any failure to unpickle means the same: rebuild
        return None, f"build cache {path} ignored ({type(error).__name__}); rebuilding it"


def write_cache(stamp_path: Path, state_path: Path, version: str, inputs: str, manifest: Manifest,
                state: object) -> None:
    """Write the state, then the stamp (each whole, or not at all): the stamp only ever names a state that exists."""
    stamp_path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(state)
    payload = buffer.getvalue()
    header = MAGIC + version.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n\n"
    _replace(state_path, header + payload)
    _replace(stamp_path, json.dumps({"version": version, "inputs": inputs, "manifest": manifest}).encode())


def forget(stamp_path: Path) -> None:
    """Drop the stamp, so that the next build does not trust an output that has changed."""
    stamp_path.unlink(missing_ok=True)


class _Pickler(pickle.Pickler):
    """Pickles our frozen, slotted dataclasses and paths in a form that loads twice as fast.

    By default each such object is rebuilt through dataclasses' own __setstate__, which looks
    up the class's fields again for every object, and each path is parsed again; with
    thousands of drills that was most of the time an edit-rebuild spent loading its state.
    """

    def reducer_override(self, obj: object) -> Any:
        kind = type(obj)
        if kind is PurePosixPath:
            return _path, (str(obj),)
        if is_dataclass(kind) and "__slots__" in kind.__dict__:
            return _rebuild, (kind, tuple(getattr(obj, name) for name in _names(kind)))
        return NotImplemented


@functools.cache
def _names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(kind))


@functools.cache
def _path(text: str) -> PurePosixPath:
    return PurePosixPath(text)  # one object per file, however many locations point into it


def _rebuild(kind: type, values: tuple[object, ...]) -> object:
    made: object = object.__new__(kind)
    for name, value in zip(_names(kind), values, strict=True):
        object.__setattr__(made, name, value)  # frozen: the one sanctioned way in
    return made


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
