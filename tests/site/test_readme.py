"""The README and docs/ show what the code does: the error example is `check`'s output, links resolve."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import yaml

from tests.site.built import PROJECT

README = PROJECT / "README.md"
DOCS = sorted((PROJECT / "docs").glob("*.md"))
# The mistakes the README's example shows, made in a copy of the shipped content: (file, line as shipped, typed).
MISTAKES = (
    ("drills/leg-swings-front-to-back.md", "zones: [hips, hamstrings, glutes]", "zones: [hip, hamstrings, glutes]"),
    ("drills/strides.md", "summary:", "sumary:"),
    ("routines/post-run-cool-down.yaml", "minutes: 5", "minutes: 6"),
)


def _block_after(text: str, marker: str) -> str:
    """The fenced block that follows the line holding `marker`."""
    after = text.split(marker, 1)[1]
    return after.split("```\n", 2)[1]


def _check(content: Path) -> str:
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "check"], cwd=content.parent,
                            capture_output=True, text=True, check=False, timeout=120)
    return result.stdout


def test_the_readme_error_example_is_what_check_prints(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    for name, shipped, typed in MISTAKES:
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert f"\n{shipped}" in text, f"{name} no longer has the line '{shipped}': choose another example"
        path.write_text(text.replace(f"\n{shipped}", f"\n{typed}", 1), encoding="utf-8")
    expected = _block_after(README.read_text(encoding="utf-8"), "checked by tests/site/test_readme.py")
    assert _check(content) == expected


def test_the_starter_lines_the_docs_show_are_what_new_and_check_print(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    readme = README.read_text(encoding="utf-8")
    slug = re.search(r"python3 build\.py new drill ([a-z0-9-]+)", readme)
    assert slug, "the README's five lines start with `new drill SLUG`"
    new = subprocess.run([sys.executable, str(PROJECT / "build.py"), "new", "drill", slug[1]], cwd=tmp_path,
                         capture_output=True, text=True, check=False, timeout=120)
    assert (new.returncode, new.stderr) == (0, "")
    assert f"content/drills/{slug[1]}.md" in readme
    shown = _block_after((PROJECT / "docs" / "contributing.md").read_text(encoding="utf-8"), "at its line, so none")
    assert _check(content).startswith(shown)


def test_the_readme_gives_the_published_address() -> None:
    base_url = yaml.safe_load((PROJECT / "content" / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    assert f"**The guide: <{base_url}>**" in README.read_text(encoding="utf-8")


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_readme_pictures_are_a_phone_screen_and_an_a6_card() -> None:
    readme = README.read_text(encoding="utf-8")
    for name in ("routine.png", "card.png"):
        assert f'src="docs/screenshots/{name}"' in readme
    assert _png_size(PROJECT / "docs" / "screenshots" / "routine.png") == (720, 1280)  # 360x640 at 2x
    width, height = _png_size(PROJECT / "docs" / "screenshots" / "card.png")
    assert abs(height / width - 148 / 105) < 0.01  # A6, portrait


def test_every_relative_link_of_the_readme_and_docs_resolves() -> None:
    broken = []
    for page in (README, *DOCS):
        text = page.read_text(encoding="utf-8")
        # Examples, fenced or in code spans, are shown, not followed.
        prose = re.sub(r"`[^`\n]*`", "", re.sub(r"(?ms)^```.*?^```", "", text))
        for target in re.findall(r"\]\(([^)\s]+)\)|src=\"([^\"]+)\"", prose):
            link = next(part for part in target if part).split("#")[0]
            if link and not re.match(r"[a-z]+:", link) and not (page.parent / link).exists():
                broken.append(f"{page.relative_to(PROJECT)}: {link}")
    assert broken == []
