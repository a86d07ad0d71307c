"""Images through whole builds: exact markup and names, the cache, incremental equals clean, any hash seed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.images import cache as image_cache
from site_gen.images.cache import encode_cached
from site_gen.images.encode import encode
from tests.helpers import tree_hashes
from tests.images.pictures import phone_jpeg, png_with_text
from tests.site.built import PROJECT

SHOWN = "\n![Leg swing, side view](../images/leg-swings.jpg)\n"


def _with_image(site: Path, content: bytes | None = None) -> None:
    (site / "images").mkdir(exist_ok=True)
    (site / "images" / "leg-swings.jpg").write_bytes(content or phone_jpeg(2000, 1500))
    drill = site / "drills" / "leg-swings.md"
    if SHOWN not in drill.read_text():
        drill.write_text(drill.read_text() + SHOWN)


def _name(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:10]


def test_the_drill_page_shows_every_version_by_its_content_hash(site_copy: Path, run) -> None:
    _with_image(site_copy)
    assert run("build", "--no-cache").code == 0
    published = sorted(Path("_site/images").iterdir())
    names = {int(re.search(r"-(\d+)\.", p.name)[1]): p.name for p in published}
    assert sorted(names) == [480, 800, 1200, 1600]
    for path in published:
        assert path.name.split(".")[1] == _name(path.read_bytes())
        assert path.stat().st_size <= 200 * 1024
    img = re.findall(r"<img [^>]*>", Path("_site/drills/leg-swings/index.html").read_text())
    at = "../../images/"
    assert img == [
        (f'<img src="{at}{names[1600]}" alt="Leg swing, side view" srcset="{at}{names[480]} 480w, '
        f'{at}{names[800]} 800w, {at}{names[1200]} 1200w, {at}{names[1600]} 1600w" '
        'sizes="(min-width: 46rem) 46rem, 100vw" width="1600" height="1200" loading="lazy" decoding="async" />')]


def test_a_rebuild_does_not_encode_again(site_copy: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_image(site_copy)
    calls = []
    monkeypatch.setattr(image_cache, "encode", lambda content: calls.append(1) or encode(content))
    assert run("build").code == 0
    assert calls == [1]
    (site_copy / "drills" / "strides.md").write_text((site_copy / "drills" / "strides.md").read_text() + "\nMore.\n")
    assert run("build").code == 0
    assert calls == [1]
    assert next(iter(Path(".cache/images").iterdir())).name == hashlib.sha256(
        (site_copy / "images" / "leg-swings.jpg").read_bytes()).hexdigest()


def _first_version(entry: Path) -> Path:
    return next(entry.glob("0-*"))


def _damage_version(entry: Path) -> None:
    version = _first_version(entry)
    version.write_bytes(version.read_bytes()[:-1] + b"\0")


def _damage_manifest(entry: Path) -> None:
    (entry / "manifest.json").write_text("{not json")


def _forge_manifest(entry: Path) -> None:
    manifest = json.loads((entry / "manifest.json").read_text())
    manifest["versions"][0][0] = "480"  # a width as a string
    (entry / "manifest.json").write_text(json.dumps(manifest))


def _link_version(entry: Path) -> None:
    version = _first_version(entry)
    version.unlink()
    version.symlink_to("/etc/passwd")


def _replace_with_file(entry: Path) -> None:
    shutil.rmtree(entry)
    entry.write_text("not a folder")


@pytest.mark.parametrize("damage", [_damage_version, _damage_manifest, _forge_manifest, _link_version,
                                    _replace_with_file])
def test_a_damaged_cache_entry_is_encoded_again(damage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = png_with_text(900, 600)
    key = hashlib.sha256(content).hexdigest()
    fresh, warning = encode_cached(key, content, tmp_path)
    assert warning == "" and (tmp_path / key / "manifest.json").is_file()
    damage(tmp_path / key)
    calls = []
    monkeypatch.setattr(image_cache, "encode", lambda content: calls.append(1) or encode(content))
    assert encode_cached(key, content, tmp_path) == (fresh, "")
    assert calls == [1]
    assert encode_cached(key, content, tmp_path) == (fresh, "")  # repaired: read, not encoded
    assert calls == [1]


def test_an_unwritable_cache_costs_a_warning_not_the_build(tmp_path: Path) -> None:
    (tmp_path / "images").write_text("a file where the folder goes")
    content = png_with_text(300, 200)
    encoded, warning = encode_cached(hashlib.sha256(content).hexdigest(), content, tmp_path / "images")
    assert encoded == encode(content)
    assert warning.startswith(f"the image cache could not be saved in {tmp_path / 'images'}")


def test_a_changed_image_rebuilds_to_the_bytes_of_a_clean_build(site_copy: Path, run) -> None:
    _with_image(site_copy)
    assert run("build").code == 0
    _with_image(site_copy, phone_jpeg(1000, 1000))
    assert run("build").code == 0
    assert run("build", "--no-cache", "--out", "clean").code == 0
    assert tree_hashes(Path("_site")) == tree_hashes(Path("clean"))
    assert "width=\"1000\" height=\"1000\"" in Path("_site/drills/leg-swings/index.html").read_text()


def _build_in_subprocess(content: Path, out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, str(PROJECT / "build.py"), "build", "--no-cache", "--content", str(content),
                    "--out", str(out)], check=True, env=env, capture_output=True, cwd=out.parent)


def test_images_build_to_the_same_bytes_whatever_the_hash_seed(site_copy: Path) -> None:
    _with_image(site_copy)
    (site_copy / "images" / "diagram.png").write_bytes(png_with_text(700, 500))
    about = site_copy / "pages" / "about.md"
    about.write_text(about.read_text() + "\n![A diagram](../images/diagram.png)\n")
    _build_in_subprocess(site_copy, site_copy.parent / "one", "1")
    _build_in_subprocess(site_copy, site_copy.parent / "two", "4242")
    first, second = tree_hashes(site_copy.parent / "one"), tree_hashes(site_copy.parent / "two")
    assert len([path for path in first if path.startswith("images/")]) == 6  # 4 widths, and the diagram's 480 px and its own 700
    assert first == second
