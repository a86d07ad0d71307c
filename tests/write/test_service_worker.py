"""sw.js names its cache after the bytes of every other file of the site: a function of the content alone.

Not of which pages a build happened to render, of what a killed build left behind, or of
where the content folder was when it was built: incremental equals clean, here too.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

from site_gen.builder import PROJECT, TEMPLATES, Builder
from site_gen.digest import digest
from tests.conftest import FIXTURE_SITE
from tests.helpers import tree_hashes


def _version(sw: bytes) -> str:
    found = re.search(rb'const CACHE = "stride-prep-([0-9a-f]+)";', sw)
    assert found, sw[:200]
    return found[1].decode()


def _site(content: Path, templates: Path = TEMPLATES) -> dict[str, bytes]:
    files, problems = Builder(content, PurePosixPath("content"), templates).render()
    assert problems == ()
    return {file.path: file.content for file in files}


def test_the_worker_is_named_after_the_bytes_of_every_other_file() -> None:
    files = _site(FIXTURE_SITE)
    # The build's mark lists the files, not their bytes: it is not part of the version.
    others = sorted((path, digest(content)) for path, content in files.items()
                    if path not in ("sw.js", ".stride-prep-build"))
    assert _version(files["sw.js"]) == digest(*(f"{path} {value}" for path, value in others))[:12]


def test_the_version_changes_with_any_page_and_only_with_the_bytes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    first = _version(_site(content, templates)["sw.js"])
    # A template comment changes no file: the same bytes, the same version.
    page = templates / "page.html"
    page.write_text("{# a note for contributors #}\n" + page.read_text())
    assert _version(_site(content, templates)["sw.js"]) == first
    seen = {first}
    for name in ("drills/strides.md", "pages/safety.md"):
        edited = content / name
        edited.write_text(edited.read_text() + f"\nOne more line in {name}.\n")
        version = _version(_site(content, templates)["sw.js"])
        assert version not in seen, name
        seen.add(version)


def test_the_same_content_built_from_another_folder_gives_the_same_site(site_copy: Path, run) -> None:
    shutil.copytree(site_copy, Path("elsewhere"))
    assert run("build", "--no-cache").code == 0
    assert run("build", "--no-cache", "--content", "elsewhere", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))


# Run as a build that stops (and says so) once it has written a few files of its stage.
_STALLED_BUILD = """
import sys, time
from pathlib import Path
from site_gen import write
from site_gen.cli import main
real_put, written = write.Stage.put, []
def put_then_stall(stage, file):
    placed = real_put(stage, file)
    written.append(file.path)
    if len(written) == 3:
        Path("stalled").touch()
        time.sleep(120)
    return placed
write.Stage.put = put_then_stall
sys.exit(main(["build"]))
"""


def _build_killed_inside_its_stage() -> None:
    process = subprocess.Popen([sys.executable, "-c", _STALLED_BUILD], env={**os.environ, "PYTHONPATH": str(PROJECT)})
    try:
        deadline = time.monotonic() + 60
        while not Path("stalled").exists():
            assert process.poll() is None and time.monotonic() < deadline, "the build never reached its stage"
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert Path("._site.new").is_dir(), "the kill left no stage behind"


def test_after_a_build_killed_inside_its_stage_the_next_one_is_exact(site_copy: Path, run) -> None:
    assert run("build").code == 0
    for words in ("Free the hips", "Open the hips"):  # the second build leaves a spare to build in
        drill = site_copy / "drills" / "leg-swings.md"
        drill.write_text(drill.read_text() + f"\n{words}.\n")
        assert run("build").code == 0
    # A new cue: its drill page, the routines, cards and sheets that show it are made again.
    assert "\n  - Swing from the hip.\n" in drill.read_text()
    drill.write_text(drill.read_text().replace("\n  - Swing from the hip.\n", "\n  - Swing from the hip, tall.\n"))
    _build_killed_inside_its_stage()

    assert run("build").code == 0

    shutil.copytree(site_copy, Path("checkout"))  # a clean build, as CI makes it from a fresh checkout
    assert run("build", "--no-cache", "--content", "checkout", "--out", "clean").code == 0
    assert Path("_site/sw.js").read_bytes() == Path("clean/sw.js").read_bytes()
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    assert run("build", "--no-cache").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
