"""Static assets, copied under content-hashed names so browsers may cache them forever.

Scripts are minified on the way (rjsmin: comments and spaces out, names kept), so the
hand-written, commented source in assets/js/ is what contributors read and the smaller
file is what runners download; rjsmin is deterministic, so the output stays byte-identical.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import rjsmin  # type: ignore[import-untyped]  # rjsmin ships no type hints

from .digest import asset_name_digest
from .load import is_ignored
from .render import RenderedFile


def load_assets(folder: Path) -> dict[str, bytes]:
    """Every asset file by its name relative to `folder` ('css/site.css'), sorted.  [I/O]"""
    found: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        for name in sorted(filenames):
            if not is_ignored(name):
                path = Path(dirpath) / name
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return dict(sorted(found.items()))


def fingerprint_assets(files: Mapping[str, bytes]) -> tuple[dict[str, str], tuple[RenderedFile, ...]]:
    """The site path of each asset by name, and the asset files to write under those paths."""
    paths: dict[str, str] = {}
    rendered = []
    for name, source in files.items():
        content = minified(name, source)
        pure = PurePosixPath(name)
        folder = pure.parent.as_posix() + "/" if pure.parent.name else ""
        url = f"/assets/{folder}{pure.stem}.{asset_name_digest(content)}{pure.suffix}"
        paths[name] = url
        rendered.append(RenderedFile(url, url.lstrip("/"), content))
    return paths, tuple(rendered)


def minified(name: str, content: bytes) -> bytes:
    """A script without its comments and spaces; any other asset as it is."""
    if not name.endswith(".js"):
        return content
    return rjsmin.jsmin(content.decode("utf-8")).encode("utf-8")
