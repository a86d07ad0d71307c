"""Incremental rebuilds give exactly the bytes of a clean build, whatever sequence of edits led there.

Both ways a build starts from the last one: the dev server's, with the state in memory and
only the edited files read again, and `build.py build`'s, a new process each time with the
build cache and the spare folder.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from site_gen.builder import ASSETS, TEMPLATES, Builder, BuildResult
from site_gen.cache import BuildCache
from tests.conftest import FIXTURE_SITE
from tests.helpers import tree_hashes

SHOWN = PurePosixPath("content")


def _clean_build(root: Path) -> dict[str, str]:
    files, problems = Builder(root / "content", SHOWN, root / "templates", root / "assets", workers=1).render()
    assert problems == ()
    return {file.path: hashlib.sha256(file.content).hexdigest() for file in files}


def _preview(root: Path) -> Callable[[list[Path]], BuildResult]:
    """The dev server's way: one Builder for the whole session, told which files changed."""
    builder = Builder(root / "content", SHOWN, root / "templates", root / "assets", workers=1)
    return lambda touched: builder.build(root / "_site", touched)


def _command(root: Path) -> Callable[[list[Path]], BuildResult]:
    """`build.py build`'s way: a new Builder each time, with what the cache and the spare folder kept."""
    return lambda touched: Builder(root / "content", SHOWN, root / "templates", root / "assets",
                                   cache=BuildCache(root / ".cache"), workers=1).build(root / "_site")


class Editor:
    """Random edits a contributor might make, each returning the paths it touched."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.rng = root, rng
        self.content, self.templates = root / "content", root / "templates"
        self.added: list[str] = []
        self.counter = 0

    def _drills(self) -> list[Path]:
        return sorted((self.content / "drills").glob("*.md"))

    def edit_body(self) -> list[Path]:
        path = self.rng.choice(self._drills())
        path.write_text(path.read_text() + f"\nAnother sentence, number {self.rng.random()}.\n")
        return [path]

    def edit_summary(self) -> list[Path]:
        path = self.rng.choice(self._drills())
        lines = path.read_text().split("\n")
        lines = [f"summary: A new summary {self.rng.randint(0, 999)}." if l.startswith("summary:") else l for l in lines]
        path.write_text("\n".join(lines))
        return [path]

    def add_drill(self) -> list[Path]:
        self.counter += 1
        slug = f"added-{self.counter}"
        source = self.rng.choice(self._drills())
        target = self.content / "drills" / f"{slug}.md"
        target.write_text(source.read_text().replace("title: ", f"title: Added {self.counter} ", 1))
        self.added.append(slug)
        return [target]

    def delete_added(self) -> list[Path]:
        if not self.added:
            return self.add_drill()
        slug = self.added.pop(self.rng.randrange(len(self.added)))
        path = self.content / "drills" / f"{slug}.md"
        path.unlink()
        return [path]

    def rename_added(self) -> list[Path]:
        if not self.added:
            return self.add_drill()
        old = self.added.pop(self.rng.randrange(len(self.added)))
        self.counter += 1
        new = f"renamed-{self.counter}"
        (self.content / "drills" / f"{old}.md").rename(self.content / "drills" / f"{new}.md")
        self.added.append(new)
        return [self.content / "drills" / f"{old}.md", self.content / "drills" / f"{new}.md"]

    def edit_routine(self) -> list[Path]:
        path = self.content / "routines" / "5k-easy.yaml"
        path.write_text(path.read_text().replace("note: Hold the", f"note: {self.rng.randint(0, 9)} Hold the"))
        return [path]

    def edit_page_title(self) -> list[Path]:
        path = self.content / "pages" / "safety.md"
        path.write_text(path.read_text().replace("title: Safety", f"title: Safety {self.rng.randint(0, 9)}", 1))
        return [path]

    def edit_site(self) -> list[Path]:
        path = self.content / "site.yaml"
        path.write_text(path.read_text().replace("description: A", f"description: {self.rng.randint(0, 9)} A", 1))
        return [path]

    def edit_template(self) -> list[Path]:
        path = self.templates / "macros" / "dose.html"
        path.write_text(path.read_text().replace('class="dose', f'class="dose d{self.rng.randint(0, 9)}', 1))
        return [path]


@pytest.mark.parametrize("way", [_preview, _command], ids=["preview", "build"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_sequence_of_edits_gives_the_clean_build(tmp_path: Path, seed: int,
                                                     way: Callable[[Path], Callable[[list[Path]], BuildResult]]) -> None:
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    shutil.copytree(ASSETS, tmp_path / "assets")
    out = tmp_path / "_site"
    build = way(tmp_path)
    assert build([]).problems == ()
    rng = random.Random(seed)
    editor = Editor(tmp_path, rng)
    operations = [editor.edit_body, editor.edit_summary, editor.add_drill, editor.delete_added, editor.rename_added,
                  editor.edit_routine, editor.edit_page_title, editor.edit_site, editor.edit_template]
    for step in range(30 if way is _preview else 20):
        if rng.random() < 0.15:  # a mistake, then its fix: the output must not move in between
            path = rng.choice(editor._drills())
            good, before = path.read_text(), tree_hashes(out)
            path.write_text(good.replace("phase:", "phase: nowhere\nphaze:", 1))
            assert build([path]).problems
            assert tree_hashes(out) == before
            path.write_text(good)
            touched, cause = [path], "a mistake and its fix"
        else:
            operation = rng.choice(operations)
            touched, cause = operation(), operation.__name__
        result = build(touched)
        assert result.problems == (), f"step {step}: {result.problems}"
        assert tree_hashes(out) == _clean_build(tmp_path), (
            f"seed {seed}, step {step}: incremental output differs from a clean build after {cause}")
