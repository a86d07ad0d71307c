"""The one hash the build uses for fingerprints and caches."""

from __future__ import annotations

import hashlib


def digest(*parts: str | bytes) -> str:
    """A short, stable hash of the parts, in order."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()
