"""Reading content/: what is content, and what is refused before it is ever parsed."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from site_gen.load import MAX_BYTES, is_ignored, load_sources

SHOWN = PurePosixPath("content")


def _messages(root: Path) -> list[str]:
    return [str(problem) for problem in load_sources(root, SHOWN)[1]]


def test_files_are_sorted_typed_and_named_by_slug(site_copy: Path) -> None:
    files, problems = load_sources(site_copy, SHOWN)
    assert problems == ()
    assert [(f.kind, str(f.path)) for f in files] == [
        ("drill", "content/drills/easy-trotting.md"),
        ("drill", "content/drills/leg-swings.md"),
        ("drill", "content/drills/strides.md"),
        ("page", "content/pages/about.md"),
        ("page", "content/pages/safety.md"),
        ("routine", "content/routines/5k-easy.yaml"),
        ("routine", "content/routines/race-day.yaml"),
        ("site", "content/site.yaml"),
    ]
    assert files[0].slug == "easy-trotting"


def test_editor_swap_backup_and_hidden_files_are_ignored(site_copy: Path) -> None:
    for name in (".leg-swings.md.swp", "leg-swings.md~", "#leg-swings.md#", ".hidden.md", "4913.tmp"):
        (site_copy / "drills" / name).write_text("not content")
    files, problems = load_sources(site_copy, SHOWN)
    assert problems == ()
    assert len([f for f in files if f.kind == "drill"]) == 3


def test_symlink_pointing_outside_content_is_refused(site_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: x\n---\nsecret\n")
    (site_copy / "drills" / "stolen.md").symlink_to(secret)
    (site_copy / "pages" / "etc").symlink_to("/etc")
    assert _messages(site_copy) == [
        (f"content/drills/stolen.md:1: symlink points outside the content folder (to {secret})\n"
        "  hint: copy the file into content/ instead of linking to it"),
        ("content/pages/etc:1: symlink points outside the content folder (to /etc)\n"
        "  hint: copy the file into content/ instead of linking to it"),
    ]


def test_symlink_inside_content_is_read(site_copy: Path) -> None:
    (site_copy / "drills" / "alias.md").symlink_to(site_copy / "drills" / "strides.md")
    files, problems = load_sources(site_copy, SHOWN)
    assert problems == ()
    assert "alias" in [f.slug for f in files]


def test_file_over_the_size_limit_is_refused_unread(site_copy: Path) -> None:
    huge = site_copy / "drills" / "huge.md"
    huge.write_bytes(b"x" * (MAX_BYTES + 1))
    assert _messages(site_copy) == [
        ("content/drills/huge.md:1: file is 256 KB; the limit is 256 KB\n"
        "  hint: split it, or remove what does not belong in a drill, routine or page")
    ]


def test_wrong_extension_and_stray_entries_are_named(site_copy: Path) -> None:
    (site_copy / "drills" / "notes.txt").write_text("x")
    (site_copy / "README.md").write_text("x")
    assert _messages(site_copy) == [
        ("content/README.md:1: not part of the content model\n"
        "  hint: content/ holds only site.yaml, drills/, routines/, pages/, images/"),
        ("content/drills/notes.txt:1: not a drill file: a drill file ends in .md\n"
        "  hint: rename it to notes.md, or move it out of content/drills/"),
    ]


def test_windows_line_ends_and_byte_order_mark_are_normalised(site_copy: Path) -> None:
    page = site_copy / "pages" / "safety.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    files, _ = load_sources(site_copy, SHOWN)
    text = next(f.text for f in files if f.slug == "safety")
    assert text.startswith("---\ntitle: Safety\n") and "\r" not in text


def test_missing_content_folder(tmp_path: Path) -> None:
    files, problems = load_sources(tmp_path / "nowhere", SHOWN)
    assert files == ()
    assert [str(p) for p in problems] == ["content:1: content folder not found\n  hint: pass the folder with --content DIR"]
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["sedcOYk7j", "4913", ".leg-swings.md.swp", "leg-swings.md~", "#leg-swings.md#",
                                  "leg-swings.md___jb_tmp___", "leg-swings.md.kate-swp", "leg-swings.md.crswap"])
def test_what_editors_write_while_saving_is_never_content(name: str) -> None:
    assert is_ignored(name)


@pytest.mark.parametrize("name", ["leg-swings.md", "sed-stretch.md", "seated-ankle-flex-point.md", "49131.md"])
def test_content_names_are_not_taken_for_editor_files(name: str) -> None:
    assert not is_ignored(name)
