"""The build's hashes, all here: fingerprints and caches, and the names of published files."""

from __future__ import annotations

import hashlib


def digest(*parts: str | bytes) -> str:
    """A short, stable hash of the parts, in order: fingerprints, cache keys, what changed."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def file_digest(*chunks: bytes | memoryview) -> str:
    """The SHA-256 of one file's bytes, in hex: what anyone can check with `sha256sum`.

    SHA-256, not `digest`: its first digits name each asset in the published URLs (and in the
    golden site), and it checks the build state's payload; changing it renames every asset.
    """
    checksum = hashlib.sha256()
    for chunk in chunks:  # the pieces of one file, as written one after another
        checksum.update(chunk)
    return checksum.hexdigest()


def asset_name_digest(content: bytes) -> str:
    """The ten hex digits an asset's file name carries: 'site.3f2a9c01de.css'."""
    return file_digest(content)[:10]
