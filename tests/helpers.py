"""Small helpers shared by the tests that look at built output."""

from __future__ import annotations

import hashlib
import os
import pwd
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file under `root` by relative path, with the SHA-256 of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@contextmanager
def unprivileged() -> Iterator[None]:
    """Permission bits as an ordinary user sees them: root ignores them, so drop to 'nobody'."""
    if os.geteuid() != 0:
        yield
        return
    try:
        nobody = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        pytest.skip("running as root with no 'nobody' user to drop to")
    os.seteuid(nobody)  # the effective id only: the test takes root back below
    try:
        yield
    finally:
        os.seteuid(0)
