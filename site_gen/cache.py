"""The persistent build cache in .cache/: what the last good build was made from and what it wrote.  [I/O]

Two files per (content, output) pair. The stamp (JSON) holds a digest of every input and
the size and time of every output file: when both match, the build has nothing to do and
exits without loading anything else. The state (a header, then JSON) holds the validated
models, page fingerprints and digests of the output files, so that an edit re-validates and
re-renders only what it touched.

The cache is an input, not the user's own file: a CI cache restored across builds or a
shared checkout lets others write it. So it holds plain data only, and everything read from
it is checked (types and shapes, in state.py) before it is used: a damaged, forged, foreign
or old cache, or one that is not a regular file or is over FILE_LIMIT, is ignored with one
warning and rebuilt, and a cache that cannot be written costs a warning, never the build.
Checking shapes cannot tell a forged model or fingerprint from a true one: whoever can write
the cache can still change what an incremental build writes (as with any build cache), but
never run code in it. `build.py --no-cache` reads none of it: a build that deploys uses it.
"""

from __future__ import annotations

import json
import os
import posixpath
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

from .digest import digest, file_digest
from .load import SourceFile
from .state import BuildState, InvalidState, state_from_plain, state_to_plain
from .urls import output_path

MAGIC = b"stride-prep build state\n"
Manifest = dict[str, list[int]]  # output path -> [size, modification time in ns]
FILE_LIMIT = 512 * 1024 * 1024  # bytes; far above the largest guide benchmarked (benchmarks/README.md)


@dataclass(frozen=True, slots=True)
class Stamp:
    inputs: str  # inputs_digest of the build that wrote it
    manifest: Manifest


@dataclass(frozen=True, slots=True)
class CachedBuild:
    """What the cache knows of the last build of one content folder into one output, read before building."""

    stamp_path: Path
    state_path: Path
    version: str  # generator_version()
    inputs: str  # inputs_digest of this build
    stamp: Stamp | None
    kept: Manifest  # the manifest entries of the output files still exactly as the last build left them
    warning: str  # why the stamp was ignored, or ""

    @property
    def up_to_date(self) -> bool:
        """The inputs and every output file are the last build's: there is nothing to do."""
        return self.stamp is not None and self.stamp.inputs == self.inputs and set(self.kept) == set(self.stamp.manifest)


class BuildCache:
    """The cache folder a Builder is handed: what the last build left, read before a build and saved after it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def open(self, content: Path, out: Path, sources: Iterable[SourceFile], folders: Iterable[Path]) -> CachedBuild:
        """What the cache says of building `sources` (and the `folders` of templates and assets) into `out`."""
        version = generator_version()
        stamp_path, state_path = cache_files(self.folder, content, out)
        stamp, warning = read_stamp(stamp_path, version)
        manifest = stamp.manifest if stamp else {}
        kept = unchanged_outputs(out, manifest)
        return CachedBuild(stamp_path, state_path, version, inputs_digest(version, sources, folders), stamp,
                           {path: manifest[path] for path in kept}, warning)

    def state(self, cached: CachedBuild) -> tuple[BuildState, str]:
        """The last build's state, minus what it says of output files changed or removed by hand; and a warning."""
        if cached.stamp is None:
            return BuildState(), cached.warning
        state, warning = read_state(cached.state_path, cached.version)
        if state is None:
            return BuildState(), warning
        kept = cached.kept
        # A page whose file was changed or removed by hand is rendered again.
        return replace(state, fingerprints={url: value for url, value in state.fingerprints.items()
                                            if output_path(url) in kept},
                       assets={path: value for path, value in state.assets.items() if path in kept},
                       outputs={path: value for path, value in state.outputs.items() if path in kept}), ""

    def save(self, cached: CachedBuild, out: Path, paths: Iterable[str], fresh: Iterable[str],
             state: BuildState) -> str:
        """Save what a good build left: "" or a warning that it could not be done."""
        fresh = set(fresh)
        unchanged = {path: entry for path, entry in cached.kept.items() if path not in fresh}
        return write_cache(cached.stamp_path, cached.state_path, cached.version, cached.inputs,
                           output_manifest(out, paths, unchanged), state)


def generator_version() -> str:
    """Changes whenever the generator's code, Python or the libraries that shape output change."""
    package = Path(__file__).parent
    code = sorted((p.relative_to(package).as_posix(), p.read_bytes()) for p in package.rglob("*.py"))
    from importlib.metadata import version

    libraries = [f"{name}={version(name)}" for name in ("jinja2", "markdown-it-py", "pyyaml", "markupsafe", "pillow")]
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
            parts += [path.relative_to(folder).as_posix(), digest(path.read_bytes())]
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


def read_stamp(path: Path, version: str) -> tuple[Stamp | None, str]:
    """The stamp, or None and why it was ignored ("" when there simply is none)."""
    raw, why = _read_file(path)
    if raw is None:
        return None, _ignored(path, why)
    try:
        stamp = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than Python recurses
        return None, _ignored(path, "not JSON")
    if not isinstance(stamp, dict) or not isinstance(stamp.get("version"), str):
        return None, _ignored(path, "not a Stride Prep cache")
    if stamp["version"] != version:
        return None, _ignored(path, "made by another version of the generator")
    inputs, manifest = stamp.get("inputs"), stamp.get("manifest")
    if not isinstance(inputs, str):
        return None, _ignored(path, "malformed: no digest of the inputs")
    if not isinstance(manifest, dict):
        return None, _ignored(path, f"malformed: the manifest is a {_json_type(manifest)}, not an object")
    bad = next((name for name, entry in manifest.items() if not _manifest_entry(name, entry)), None)
    if bad is not None:
        return None, _ignored(path, f"malformed: the manifest entry {bad!r} is not a file with [size, time]")
    return Stamp(inputs, manifest), ""


def read_state(path: Path, version: str) -> tuple[BuildState | None, str]:
    """The state, or None and why it was ignored ("" when there simply is none)."""
    raw, why = _read_file(path)
    if raw is None:
        return None, _ignored(path, why)
    header, _, rest = raw.partition(b"\n\n")
    lines = header.split(b"\n")
    if len(lines) != 3 or lines[0] + b"\n" != MAGIC:
        return None, _ignored(path, "not a Stride Prep cache")
    if lines[1].decode(errors="replace") != version:
        return None, _ignored(path, "made by another version of the generator")
    if lines[2].decode(errors="replace") != file_digest(rest):
        return None, _ignored(path, "corrupt or truncated")
    try:
        return state_from_plain(json.loads(rest)), ""
    except InvalidState as error:
        return None, _ignored(path, f"not a valid state: {error}")
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested deeper than Python recurses
        return None, _ignored(path, "not JSON")


def write_cache(stamp_path: Path, state_path: Path, version: str, inputs: str, manifest: Manifest,
                state: BuildState) -> str:
    """Write the state, then the stamp (each whole, or not at all); "" or a warning that it could not be done.

    The stamp only ever names a state that exists: when anything fails, the stamp is dropped.
    """
    payload = json.dumps(state_to_plain(state), ensure_ascii=False, check_circular=False,
                         separators=(",", ":")).encode()
    header = MAGIC + version.encode() + b"\n" + file_digest(payload).encode() + b"\n\n"
    try:
        stamp_path.parent.mkdir(parents=True, exist_ok=True)
        _replace(state_path, header + payload)
        _replace(stamp_path, json.dumps({"version": version, "inputs": inputs, "manifest": manifest}).encode())
    except OSError as error:
        with suppress(OSError):
            stamp_path.unlink(missing_ok=True)  # the next build must not trust an output that has changed
        return f"build cache {stamp_path.parent} could not be saved ({error.strerror or error}); " \
               "the next build renders everything again"
    return ""


def _ignored(path: Path, why: str) -> str:
    return f"build cache {path} ignored ({why}); rebuilding it" if why else ""


def _read_file(path: Path) -> tuple[bytes | None, str]:
    """The bytes of a regular file, or None and why not ("" when there is no such file)."""
    try:
        # Non-blocking: a FIFO planted in the cache must not stall the build; it is refused below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):  # no cache yet, or .cache is a file: saving says so
        return None, ""
    except OSError as error:
        return None, error.strerror or str(error)
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or status.st_size > FILE_LIMIT:
        os.close(descriptor)
        return None, "not a regular file" if not stat.S_ISREG(status.st_mode) else \
            f"larger than {FILE_LIMIT // 1024 // 1024} MiB"
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        try:
            return handle.readall(), ""
        except OSError as error:
            return None, error.strerror or str(error)


def _manifest_entry(name: object, entry: object) -> bool:
    # A path inside the output, as output_manifest writes it: relative, normal, no way up.
    return (isinstance(name, str) and name == posixpath.normpath(name) and not name.startswith(("/", "../"))
            and name not in (".", "..") and type(entry) is list and len(entry) == 2
            and all(type(number) is int and number >= 0 for number in entry))


def _json_type(value: object) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def _replace(path: Path, data: bytes) -> None:
    # A fresh, uniquely named temporary file: a name planted beside `path` (a symbolic link to
    # someone else's file) is never written through.
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
