"""Encoded images kept between builds, by the content hash of the file they come from.  [I/O]

One folder per image: `<cache>/<hash>/manifest.json` and one file per version. Plain files
only, never pickle: the cache is an input others may write (a CI cache, a shared checkout),
so everything read from it is checked (the manifest's shape, each version's size and
SHA-256) and anything that does not match is encoded again, with no traceback. A cache that
cannot be written costs the saving, never the build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

import PIL

from ..bounded import read_bounded
from ..digest import file_digest
from .encode import ENCODING, FORMATS, MAX_OUTPUT_BYTES, Encoded, Version, encode

# What wrote an entry: another Pillow may write other bytes, so its entries are not reused.
ENCODER = f"stride-prep images {ENCODING}, Pillow {PIL.__version__}"
MANIFEST = "manifest.json"
MANIFEST_LIMIT = 64 * 1024  # bytes; a real manifest is a few hundred
_HASH = re.compile(r"[0-9a-f]{64}")


def encode_cached(content_hash: str, content: bytes, folder: Path | None) -> tuple[Encoded, str]:
    """The image's versions, from `folder` when a valid entry for `content_hash` is there; and a warning.

    `content_hash` is the SHA-256 of `content` in hex (SourceFile.text of an image). Without a
    `folder` nothing is kept. The warning is "" unless the entry could not be saved.
    """
    if folder is None or not _HASH.fullmatch(content_hash):
        return encode(content), ""
    entry = folder / content_hash
    cached = _read(entry)
    if cached is not None:
        return cached, ""
    encoded = encode(content)
    return encoded, _write(entry, encoded)


def _read(entry: Path) -> Encoded | None:
    """The entry, or None when it is missing, damaged, foreign or from another encoder."""
    try:
        manifest = json.loads(_regular_bytes(entry / MANIFEST, MANIFEST_LIMIT))
        if not isinstance(manifest, dict) or manifest.get("encoder") != ENCODER:
            return None
        refusal, hint, rows = manifest["refusal"], manifest["hint"], manifest["versions"]
        if not (isinstance(refusal, str) and isinstance(hint, str) and isinstance(rows, list)):
            return None
        versions = tuple(_version(entry, index, row) for index, row in enumerate(rows))
    except (OSError, ValueError, KeyError, TypeError):  # ValueError: not JSON, or a version that does not match
        return None
    return Encoded(versions, refusal, hint)


def _version(entry: Path, index: int, row: Any) -> Version:
    if not (isinstance(row, list) and len(row) == 4 and all(type(value) is int for value in row[:2])
            and row[2] in FORMATS.values() and isinstance(row[3], str)):
        raise ValueError("not a version row")
    width, height, suffix, sha256 = row
    content = _regular_bytes(entry / _name(index, width, suffix), MAX_OUTPUT_BYTES)
    if file_digest(content) != sha256:
        raise ValueError("a version's bytes do not match its manifest")
    return Version(width, height, suffix, content)


def _regular_bytes(path: Path, limit: int) -> bytes:
    """A regular file's bytes (no symlink, no pipe), refused past `limit`."""
    status = os.lstat(path)
    if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
        raise ValueError(f"{path.name} is not a regular file of at most {limit} bytes")
    with open(path, "rb") as handle:
        content = read_bounded(handle, status.st_size, limit)
    if len(content) > limit:
        raise ValueError(f"{path.name} grew past {limit} bytes")
    return content


def _name(index: int, width: int, suffix: str) -> str:
    return f"{index}-{width}{suffix}"


def _write(entry: Path, encoded: Encoded) -> str:
    """Save the entry whole or not at all (built beside it, then renamed in); a warning if it cannot be."""
    manifest = {"encoder": ENCODER, "refusal": encoded.refusal, "hint": encoded.hint,
                "versions": [[v.width, v.height, v.suffix, file_digest(v.content)] for v in encoded.versions]}
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{entry.name[:12]}-", dir=entry.parent))
        try:
            for index, version in enumerate(encoded.versions):
                (building / _name(index, version.width, version.suffix)).write_bytes(version.content)
            (building / MANIFEST).write_text(json.dumps(manifest, sort_keys=True) + "\n", encoding="utf-8")
            if entry.is_symlink() or entry.exists():
                _remove(entry)  # damaged: what _read refused
            os.rename(building, entry)
        finally:
            if building.exists():
                shutil.rmtree(building)
    except OSError as error:
        return f"the image cache could not be saved in {entry.parent} ({error.strerror or error})"
    return ""


def _remove(entry: Path) -> None:
    if entry.is_symlink() or not entry.is_dir():
        entry.unlink()
    else:
        shutil.rmtree(entry)
