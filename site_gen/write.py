"""Write the site beside the old one, then swap it in: a failed build leaves the last good site.  [I/O]"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .render import RenderedFile

BUILD_MARK = "sitemap.xml"  # every build writes it; a folder without it was not built by us


def unsafe_output(out: Path, protected: Iterable[Path]) -> str:
    """Why `out` must not be replaced by a build, or "" when it is safe."""
    out = out.resolve()
    for path in protected:
        path = path.resolve()
        if out == path or path.is_relative_to(out):
            return f"the output folder {out} would replace {path}; choose a folder of its own, e.g. _site"
    if out.is_file():
        return f"the output folder {out} is a file"
    if out.is_dir() and any(out.iterdir()) and not (out / BUILD_MARK).is_file():
        return (f"the output folder {out} holds files that no build wrote (no {BUILD_MARK}); "
                "empty it or choose another folder")
    return ""


def write_site(out: Path, files: Iterable[RenderedFile], keep: Iterable[str] = ()) -> int:
    """Write every file into a fresh folder and swap it in as `out`; the number of files written.

    Paths in `keep` are unchanged files of the current `out`: they are hard-linked into the
    new folder rather than written again, so a rebuild costs what changed, and the swap
    stays atomic.
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover(out)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        count = 0
        real_stage = stage.resolve()
        made: set[Path] = set()
        for file in files:
            target = stage / file.path
            # Slugs are checked long before this; this is the last guard against writing outside.
            if not target.resolve().is_relative_to(real_stage):
                raise ValueError(f"refusing to write outside the output folder: {file.path}")
            _folder(target.parent, made)
            target.write_bytes(file.content)
            count += 1
        for path in keep:
            target = stage / path
            _folder(target.parent, made)
            try:
                os.link(out / path, target)
            except OSError:  # a file system without hard links
                shutil.copy2(out / path, target)
        stage.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        _swap(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return count


def _folder(folder: Path, made: set[Path]) -> None:
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)


def _swap(stage: Path, out: Path) -> None:
    if not out.exists():
        os.rename(stage, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    os.rename(stage, out)  # between these two renames `out` is briefly missing: _recover mends a crash there
    shutil.rmtree(old)


def _recover(out: Path) -> None:
    """Put back the previous site if a build was killed between its two renames; drop stale stages."""
    leftovers = sorted(out.parent.glob(f".{out.name}.old-*"))
    if not out.exists() and leftovers:
        os.rename(leftovers.pop(), out)
    for path in (*leftovers, *out.parent.glob(f".{out.name}.new-*")):
        shutil.rmtree(path, ignore_errors=True)


def update_site(out: Path, files: Iterable[RenderedFile], removed: Iterable[str]) -> int:
    """Write changed files into an existing site, each swapped in whole; delete removed ones.

    For the dev server, where a rebuild touches a few files of thousands: every file is
    replaced atomically, so a browser never reads half a page. Returns the files written.
    """
    real_out = out.resolve()
    count = 0
    for file in files:
        target = out / file.path
        if not target.resolve().is_relative_to(real_out):
            raise ValueError(f"refusing to write outside the output folder: {file.path}")
        if target.is_file() and target.read_bytes() == file.content:
            continue  # same bytes: leave the file (and its modification time) alone
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.new")
        temporary.write_bytes(file.content)
        os.replace(temporary, target)
        count += 1
    for path in removed:
        target = out / path
        if target.resolve().is_relative_to(real_out) and target.is_file():
            target.unlink()
            _prune(target.parent, real_out)
    return count


def _prune(folder: Path, root: Path) -> None:
    # A deleted drill leaves drills/<slug>/ empty: remove empty folders up to the root.
    while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
