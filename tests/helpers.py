"""Small helpers shared by the tests that look at built output."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bs4 import BeautifulSoup


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file under `root` by relative path, with the SHA-256 of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
