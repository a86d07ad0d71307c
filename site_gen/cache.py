"""The persistent build cache in .cache/: what the last good build was made from and what it wrote.  [I/O]

Two files and a folder per (content, output) pair. The stamp (JSON) holds a digest of every
input, one of their file status (input_stats.py) and the size, time and digest of every
output file: when no input was touched since (by status) or the inputs match (by content),
and every output file is as the last build left it (by its size and time, or else by the
digest of its bytes), the build has nothing to do; by status it stops before reading any
content. The state (a header, a line of records: each input's status beside the digest of
what was read, then JSON lines) holds the validated models, page fingerprints and digests of
the output files, so that an edit re-validates and re-renders only what it touched; the
records tell a build after an edit which files it touched without reading the rest
(quick.py). The store
(`<key>.pages/`) holds every output file of the last good build under the digest of its
bytes, hard-linked to the output where the file system allows: an output file that is
missing or was changed (a fresh checkout with `.cache/` restored and no `_site/`, a file
edited by hand) is linked back from it, checked against its digest first, not rendered.

Everything in the cache is named by content, never by where the project sits: the key of a
(content, output) pair is their paths relative to the folder the cache is in, and the
generator's version is a digest of its code and of the versions of the libraries that shape
its output. So a cache restored in another checkout or on another machine (CI) is used.

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
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .digest import digest, file_digest
from .input_stats import Listing, stats_digest
from .load import SourceFile
from .urls import output_path

# The state's models (and the validation and planning they come from) are imported only
# when a state is read or written: a build with nothing to do needs the stamp alone.
if TYPE_CHECKING:
    from .state import BuildState, Chunks, StateLines

MAGIC = b"stride-prep build state\n"
Manifest = dict[str, list[int | str]]  # output path -> [size, modification time in ns, digest of its bytes]
# Each input the last build read, by its listing key ("0 drills/leg-swings.md", input_stats.py) ->
# [its status before that build read it, the digest of what it read]: what an edit is told by.
Records = dict[str, list[str]]
FILE_LIMIT = 512 * 1024 * 1024  # bytes; far above the largest guide benchmarked (benchmarks/README.md)
_DIGEST = re.compile(r"[0-9a-f]{32}")  # what digest() gives: the only names the store holds


@dataclass(frozen=True, slots=True)
class Stamp:
    inputs: str  # inputs_digest of the build that wrote it
    manifest: Manifest
    stats: str = ""  # input_stats taken before that build read its inputs; "" when none could vouch for them


@dataclass(frozen=True, slots=True)
class CachedBuild:
    """What the cache knows of the last build of one content folder into one output, read before building."""

    stamp_path: Path
    state_path: Path
    store: Path  # the output files of the last good build, by the digest of their bytes
    version: str  # generator_version()
    inputs: str  # inputs_digest of this build
    stamp: Stamp | None
    kept: Manifest  # the manifest entries (as they are now) of the output files with the last build's bytes
    warning: str  # why the stamp was ignored, or ""
    records: Records  # of this build's inputs
    stats: str = ""  # stats_digest of this build's inputs, taken before they were read

    @property
    def up_to_date(self) -> bool:
        """The inputs and every output file are the last build's: there is nothing to do."""
        return self.stamp is not None and self.stamp.inputs == self.inputs and set(self.kept) == set(self.stamp.manifest)


class BuildCache:
    """The cache folder a Builder is handed: what the last build left, read before a build and saved after it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def open(self, content: Path, shown_as: PurePosixPath, out: Path, sources: Iterable[SourceFile],
             folders: Iterable[Path], listing: Listing | None = None) -> CachedBuild:
        """What the cache says of building `sources` (and the `folders` of templates and assets) into `out`.

        `listing`: input_stats of the inputs, taken before `sources` were read; kept in the stamp
        (as its digest) and in the state (each file's status beside the digest of what was read).
        """
        version = generator_version()
        stamp_path, state_path = cache_files(self.folder, content, out)
        stamp, warning = read_stamp(stamp_path, version)
        kept = unchanged_outputs(out, stamp.manifest if stamp else {})
        digests = input_digests(shown_as, sources, folders)
        return CachedBuild(stamp_path, state_path, store_of(stamp_path), version, inputs_digest(version, digests),
                           stamp, kept, warning, input_records(listing, digests), stats_digest(listing))

    def untouched(self, content: Path, out: Path, stats: str) -> int | None:
        """How many files the last build left in `out`, when no input was touched since (by `stats`) and
        every output file is as it left them; else None.

        Nothing is read but the stamp: a build with nothing to do needs no content.
        """
        if not stats:
            return None
        stamp, _ = read_stamp(cache_files(self.folder, content, out)[0], generator_version())
        if stamp is None or stamp.stats != stats:
            return None
        kept = unchanged_outputs(out, stamp.manifest)
        return len(kept) if set(kept) == set(stamp.manifest) else None

    def state(self, cached: CachedBuild) -> tuple[BuildState, dict[str, Path], str]:
        """The last build's state, what of its output the store can put back, and a warning.

        The state keeps only what it says of output files still in place or in the store: a
        page whose file was changed or removed and is not in the store is rendered again.
        """
        from .state import BuildState

        if cached.stamp is None:
            return BuildState(), {}, cached.warning
        state, warning = read_state(cached.state_path, cached.version)
        if state is None:
            return BuildState(), {}, warning
        kept = cached.kept
        restore, damaged = stored_outputs(cached.store, {path: value for path, value in
                                                         (*state.outputs.items(), *state.assets.items())
                                                         if path not in kept})
        if damaged:
            warning = f"build cache {cached.store}: {damaged} stored file(s) damaged; rendering them again"
        there = kept.keys() | restore.keys()
        return replace(state, fingerprints={url: value for url, value in state.fingerprints.items()
                                            if output_path(url) in there},
                       assets={path: value for path, value in state.assets.items() if path in there},
                       outputs={path: value for path, value in state.outputs.items() if path in there}), \
            restore, warning

    def restamp(self, cached: CachedBuild) -> str:
        """After a build that found nothing to do by content (a file saved unchanged, say): the stamp with
        this build's input_stats, so the next such build stops before reading; "" or a warning."""
        if cached.stamp is None or not cached.stats or cached.stamp.stats == cached.stats:
            return ""
        try:
            _replace(cached.stamp_path, [_stamp_bytes(cached.version, replace(cached.stamp, manifest=cached.kept,
                                                                               stats=cached.stats))])
        except OSError as error:
            return f"build cache {cached.stamp_path.parent} could not be saved ({error.strerror or error})"
        return ""

    def save(self, cached: CachedBuild, out: Path, paths: Iterable[str], fresh: Iterable[str],
             state: BuildState) -> str:
        """Save what a good build left: "" or a warning that it could not be done."""
        fresh = set(fresh)
        unchanged = {path: entry for path, entry in cached.kept.items() if path not in fresh}
        digests = {**state.outputs, **state.assets}
        manifest = output_manifest(out, paths, digests, unchanged)
        warning = write_cache(cached.stamp_path, cached.state_path, cached.version, Stamp(cached.inputs, manifest,
                                                                                            cached.stats), state,
                              cached.records)
        return warning or store_outputs(cached.store, out, {path: digests[path] for path in paths})


def generator_version() -> str:
    """Changes whenever the generator's code, Python or the libraries that shape output change."""
    package = Path(__file__).parent
    code = sorted((p.relative_to(package).as_posix(), p.read_bytes()) for p in package.rglob("*.py"))
    libraries = library_versions(("jinja2", "markdown-it-py", "pyyaml", "markupsafe", "pillow"))
    # The language's version, not sys.version: that names the build date and compiler of one
    # machine's Python, and would keep a cache from being used anywhere else.
    python = f"{sys.implementation.name} {sys.version_info.major}.{sys.version_info.minor}"
    return digest(python, *libraries, *(part for pair in code for part in pair))


def library_versions(names: Iterable[str]) -> list[str]:
    """'name=version' of each installed distribution, as importlib.metadata finds it.

    Read from the names of the `.dist-info` folders on sys.path (the first one wins, as for
    an import): importing importlib.metadata costs more than a build with nothing to do.
    """
    wanted = {_distribution_key(name): name for name in names}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                project, _, release = entry.removesuffix(".dist-info").partition("-")
                found.setdefault(_distribution_key(project), release)
    missing = [name for key, name in wanted.items() if key not in found]
    if missing:  # installed some other way (an egg, a zip): ask the library that knows them all
        from importlib.metadata import PackageNotFoundError, version

        for name in missing:
            with suppress(PackageNotFoundError):
                found[_distribution_key(name)] = version(name)
    return [f"{name}={found.get(key, 'none')}" for key, name in wanted.items()]


def _distribution_key(name: str) -> str:
    # PEP 503's normal form, as wheels spell the folder: 'PyYAML' and 'markdown-it-py' alike.
    return re.sub(r"[-_.]+", "_", name).lower()


def cache_files(cache_dir: Path, content: Path, out: Path) -> tuple[Path, Path]:
    """The stamp and state files for this content and output folder.

    Keyed on both folders' paths relative to the folder holding the cache (where the command
    runs), not on absolute paths: another checkout of the project finds the same files.
    """
    home = cache_dir.absolute().parent
    key = digest(os.path.relpath(content.absolute(), home), os.path.relpath(out.absolute(), home))[:16]
    return cache_dir / f"{key}.stamp.json", cache_dir / f"{key}.state"


def store_of(stamp_path: Path) -> Path:
    """The store folder beside a stamp."""
    return stamp_path.with_name(stamp_path.name.split(".")[0] + ".pages")


def input_digests(shown_as: PurePosixPath, sources: Iterable[SourceFile], folders: Iterable[Path]) -> dict[str, str]:
    """The digest of every input as read, by its listing key (input_stats.py): content, templates, assets.

    `shown_as`: the content folder as its files' paths name it (content/drills/x.md is "0 drills/x.md").
    """
    digests = {}
    for source in sources:
        digests[f"0 {source.path.relative_to(shown_as)}"] = digest(source.text)
    for number, folder in enumerate(folders, 1):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digests[f"{number} {path.relative_to(folder).as_posix()}"] = digest(path.read_bytes())
    return digests


def inputs_digest(version: str, digests: Mapping[str, str]) -> str:
    """One digest of every input (input_digests) and the generator."""
    return digest(version, *(f"{key} {value}" for key, value in sorted(digests.items())))


def input_records(listing: Listing | None, digests: Mapping[str, str]) -> Records:
    """Each input's status (none without a listing) beside the digest of what was read."""
    return {key: [listing.get(key, "") if listing is not None else "", value] for key, value in digests.items()}


def output_manifest(out: Path, paths: Iterable[str], digests: Mapping[str, str],
                    known: Mapping[str, list[int | str]] | None = None) -> Manifest:
    """Size, modification time and digest of each output file, to notice one changed by hand.

    `known` holds entries still true (files the build kept as they were): only the rest are looked up.
    """
    known = known or {}
    manifest: Manifest = {}
    for path in sorted(paths):
        if path in known:
            manifest[path] = known[path]
            continue
        stat = os.stat(os.path.join(out, path))
        manifest[path] = [stat.st_size, stat.st_mtime_ns, digests[path]]
    return manifest


def unchanged_outputs(out: Path, manifest: Mapping[str, list[int | str]],
                      inodes: dict[str, int] | None = None) -> Manifest:
    """The manifest entries, as they are now, of the output files that hold the last build's bytes.

    Size and time are asked first; a file of the right size but another time (a checkout, a
    tar or a copy that kept no sub-second times) is judged by the digest of its bytes.
    `inodes`, when given, gets each kept file's inode: what a stage links it by.
    """
    kept: Manifest = {}
    for path, (size, mtime, value) in manifest.items():
        where = os.path.join(out, path)
        try:
            stat = os.stat(where)
        except OSError:
            continue
        if stat.st_size != size:
            continue
        if inodes is not None:
            inodes[path] = stat.st_ino
        if stat.st_mtime_ns == mtime:
            kept[path] = [size, mtime, value]
        elif _file_has(where, str(value)):
            kept[path] = [size, stat.st_mtime_ns, value]
    return kept


def stored_outputs(store: Path, wanted: Mapping[str, str], remove: bool = True) -> tuple[dict[str, Path], int]:
    """The store's file for each wanted output path (path -> digest of its bytes) that holds those bytes.

    Also how many store files were damaged (their bytes are not their name's): those are
    removed (unless not to `remove`), so that the next good build stores them again.
    """
    found: dict[str, Path] = {}
    checked: set[str] = set()  # two outputs with the same bytes share one stored file
    damaged = 0
    for path, value in sorted(wanted.items()):
        if not _DIGEST.fullmatch(value):  # the state is checked for types, not for this: never a path
            continue
        file = store / value
        if value in checked or _file_has(file, value):
            found[path] = file
            checked.add(value)
        elif os.path.lexists(file):
            damaged += 1
            if remove:
                with suppress(OSError):
                    os.unlink(file)
    return found, damaged


def store_outputs(store: Path, out: Path, digests: Mapping[str, str]) -> str:
    """Put every output file in the store under its digest, drop what the build no longer has; "" or a warning."""
    try:
        store.mkdir(exist_ok=True)
        there = set(os.listdir(store))
        for path, value in sorted(digests.items()):
            if value not in there:
                _link_or_copy(os.path.join(out, path), store / value)
                there.add(value)
        for name in there - set(digests.values()):
            if not os.path.isdir(store / name):  # a folder is nothing this code made: left alone
                os.unlink(store / name)
    except OSError as error:
        return f"build cache {store} could not be saved ({error.strerror or error}); " \
               "a build without the output renders everything again"
    return ""


def _link_or_copy(source: str, target: Path) -> None:
    # Into a fresh name, then renamed: a name planted in the store is never written through.
    temporary = target.with_name(f".{target.name}.tmp")
    with suppress(FileNotFoundError):
        os.unlink(temporary)
    try:
        os.link(source, temporary, follow_symlinks=False)
    except OSError:  # another file system, or none with hard links
        shutil.copyfile(source, temporary, follow_symlinks=False)
    os.replace(temporary, target)


def _file_has(path: str | Path, value: str) -> bool:
    """Whether the regular file at `path` holds the bytes whose digest is `value`."""
    raw, _ = _read_file(Path(path), follow=False)
    return raw is not None and digest(raw) == value


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
    inputs, manifest, stats = stamp.get("inputs"), stamp.get("manifest"), stamp.get("stats", "")
    if not isinstance(inputs, str) or not isinstance(stats, str):
        return None, _ignored(path, "malformed: no digest of the inputs")
    if not isinstance(manifest, dict):
        return None, _ignored(path, f"malformed: the manifest is a {_json_type(manifest)}, not an object")
    bad = next((name for name, entry in manifest.items() if not _manifest_entry(name, entry)), None)
    if bad is not None:
        return None, _ignored(path, f"malformed: the manifest entry {bad!r} is not a file with [size, time, digest]")
    return Stamp(inputs, manifest, stats), ""


def read_state(path: Path, version: str) -> tuple[BuildState | None, str]:
    """The state, or None and why it was ignored ("" when there simply is none)."""
    from .state import InvalidState, state_from_bytes

    _, payload, why = _read_payload(path, version)
    if payload is None:
        return None, why
    try:
        return state_from_bytes(payload), ""
    except InvalidState as error:
        return None, _ignored(path, f"not a valid state: {error}")
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested deeper than Python recurses
        return None, _ignored(path, "not JSON")


def read_state_lines(path: Path, version: str) -> tuple[Records, StateLines] | None:
    """The inputs the state was made from and the state as lines, each memo entry decoded only when asked
    for (quick.py); None for anything but a state this version wrote, which the full build then says."""
    from .state import InvalidState, state_lines

    records, payload, _ = _read_payload(path, version)
    if records is None or payload is None:
        return None
    try:
        return records, state_lines(payload)
    except (InvalidState, ValueError, RecursionError):
        return None


def _read_payload(path: Path, version: str) -> tuple[Records | None, bytes | None, str]:
    """The records line, checked, and the state's bytes after it; or Nones and why the file was ignored."""
    raw, why = _read_file(path)
    if raw is None:
        return None, None, _ignored(path, why)
    header, _, rest = raw.partition(b"\n\n")
    lines = header.split(b"\n")
    if len(lines) != 3 or lines[0] + b"\n" != MAGIC:
        return None, None, _ignored(path, "not a Stride Prep cache")
    if lines[1].decode(errors="replace") != version:
        return None, None, _ignored(path, "made by another version of the generator")
    if lines[2].decode(errors="replace") != file_digest(rest):
        return None, None, _ignored(path, "corrupt or truncated")
    first, _, payload = rest.partition(b"\n")
    try:
        records = json.loads(first)
    except (ValueError, RecursionError):
        return None, None, _ignored(path, "not JSON")
    if not isinstance(records, dict) or not all(
            type(value) is list and len(value) == 2 and all(type(part) is str for part in value)
            for value in records.values()):
        return None, None, _ignored(path, "malformed: the inputs are not [status, digest] by file")
    return records, payload, ""


def write_cache(stamp_path: Path, state_path: Path, version: str, stamp: Stamp, state: BuildState | Chunks,
                records: Records) -> str:
    """Write the state (a BuildState, or its bytes in chunks) after the `records` of its inputs, then the
    stamp (each whole, or not at all); "" or a warning that it could not be done.

    The stamp only ever names a state that exists: when anything fails, the stamp is dropped.
    """
    from .state import BuildState, state_chunks

    payload = [json.dumps(records, separators=(",", ":")).encode(), b"\n",
               *(state_chunks(state) if isinstance(state, BuildState) else state)]
    header = MAGIC + version.encode() + b"\n" + file_digest(*payload).encode() + b"\n\n"
    try:
        stamp_path.parent.mkdir(parents=True, exist_ok=True)
        _replace(state_path, [header, *payload])
        _replace(stamp_path, [_stamp_bytes(version, stamp)])
    except OSError as error:
        with suppress(OSError):
            stamp_path.unlink(missing_ok=True)  # the next build must not trust an output that has changed
        return f"build cache {stamp_path.parent} could not be saved ({error.strerror or error}); " \
               "the next build renders everything again"
    return ""


def _stamp_bytes(version: str, stamp: Stamp) -> bytes:
    return json.dumps({"version": version, "inputs": stamp.inputs, "manifest": stamp.manifest,
                       "stats": stamp.stats}).encode()


def _ignored(path: Path, why: str) -> str:
    return f"build cache {path} ignored ({why}); rebuilding it" if why else ""


def _read_file(path: Path, follow: bool = True) -> tuple[bytes | None, str]:
    """The bytes of a regular file, or None and why not ("" when there is no such file).

    `follow=False` refuses a symbolic link (the store's files are ours, never links).
    """
    try:
        # Non-blocking: a FIFO planted in the cache must not stall the build; it is refused below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | (0 if follow else os.O_NOFOLLOW))
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
    # A path inside the output, as output_manifest writes it: relative, normal, no way up;
    # then [size, time, digest].
    return (isinstance(name, str) and name == posixpath.normpath(name) and not name.startswith(("/", "../"))
            and name not in (".", "..") and type(entry) is list and len(entry) == 3
            and all(type(number) is int and number >= 0 for number in entry[:2])
            and type(entry[2]) is str and _DIGEST.fullmatch(entry[2]) is not None)


def _json_type(value: object) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def _replace(path: Path, chunks: Chunks) -> None:
    # A fresh, uniquely named temporary file: a name planted beside `path` (a symbolic link to
    # someone else's file) is never written through.
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.writelines(chunks)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
