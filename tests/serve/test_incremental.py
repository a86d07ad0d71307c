"""Incremental rebuilds give exactly the bytes of a clean build, whatever sequence of edits led there."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path, PurePosixPath

import pytest

from site_gen.assets import load_assets
from site_gen.check import element_ids
from site_gen.load import load_sources
from site_gen.pipeline import ASSETS, TEMPLATES, BuildState, build_changes
from site_gen.render import make_environment
from site_gen.serve import Preview
from tests.conftest import FIXTURE_SITE
from tests.helpers import tree_hashes


def _clean_build(content: Path, templates: Path, assets: Path) -> dict[str, str]:
    sources, problems = load_sources(content, PurePosixPath("content"))
    assert problems == ()
    files: dict[str, bytes] = {}
    _, _, problems = build_changes(sources, BuildState(), make_environment(templates, {}), load_assets(assets),
                                   lambda file: files.__setitem__(file.path, file.content),
                                   lambda path: element_ids(files[path]))
    assert problems == ()
    return {path: hashlib.sha256(content).hexdigest() for path, content in files.items()}


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


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_sequence_of_edits_gives_the_clean_build(tmp_path: Path, seed: int) -> None:
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    shutil.copytree(ASSETS, tmp_path / "assets")
    out = tmp_path / "_site"
    preview = Preview(tmp_path / "content", PurePosixPath("content"), out, tmp_path / "templates",
                      tmp_path / "assets")
    assert preview.build().problems == ()
    rng = random.Random(seed)
    editor = Editor(tmp_path, rng)
    operations = [editor.edit_body, editor.edit_summary, editor.add_drill, editor.delete_added, editor.rename_added,
                  editor.edit_routine, editor.edit_page_title, editor.edit_site, editor.edit_template]
    for step in range(30):
        if rng.random() < 0.15:  # a mistake, then its fix: the output must not move in between
            path = rng.choice(editor._drills())
            good, before = path.read_text(), tree_hashes(out)
            path.write_text(good.replace("phase:", "phase: nowhere\nphaze:", 1))
            assert preview.build([path]).problems
            assert tree_hashes(out) == before
            path.write_text(good)
            touched = [path]
        else:
            touched = rng.choice(operations)()
        report = preview.build(touched)
        assert report.problems == (), f"step {step}: {report.problems}"
        assert tree_hashes(out) == _clean_build(tmp_path / "content", tmp_path / "templates", tmp_path / "assets"), (
            f"seed {seed}, step {step}: incremental output differs from a clean build after {report.cause}")
