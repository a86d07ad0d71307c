"""The icons: drawn from one figure in the site's colours, at the sizes a home screen asks for, the same bytes each time."""

from __future__ import annotations

import io
import math
import struct

import pytest
from PIL import Image

from site_gen.icons import ICONS, RUNNER, draw_icons
from site_gen.palette import Palette, read_palette
from tests.site.built import PROJECT

PALETTE = read_palette((PROJECT / "assets/css/site.css").read_text(encoding="utf-8"))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _chunks(png: bytes) -> list[str]:
    """The PNG's chunk types, in order."""
    found, at = [], 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        found.append(kind.decode("ascii"))
        at += 12 + length
    return found


def test_the_palette_is_read_from_the_stylesheet_s_root_block() -> None:
    assert PALETTE == Palette(accent="#0b4f8a", paper="#ffffff")
    css = ":root { --paper: #FAFAFA; --accent: #123; }\n@media (prefers-color-scheme: dark) { :root { --accent: #fff; } }"
    assert read_palette(css) == Palette(accent="#112233", paper="#fafafa")


def test_every_icon_has_its_size_and_the_sizes_a_home_screen_asks_for() -> None:
    icons = draw_icons(PALETTE)
    found = {name: Image.open(io.BytesIO(png)) for name, png in icons.items()}
    assert {name: (image.format, image.size, image.mode) for name, image in found.items()} == {
        "icons/icon-192.png": ("PNG", (192, 192), "RGBA"),
        "icons/icon-512.png": ("PNG", (512, 512), "RGBA"),
        "icons/maskable-512.png": ("PNG", (512, 512), "RGB"),  # full bleed: the home screen cuts its shape
        "icons/apple-touch-icon.png": ("PNG", (180, 180), "RGB"),  # iOS shows transparency as black
    }
    assert [icon.purpose for icon in ICONS] == ["any", "any", "maskable", "apple"]


def test_the_same_palette_gives_the_same_bytes_with_no_time_or_text_in_them() -> None:
    first = draw_icons(PALETTE)
    draw_icons.cache_clear()
    again = draw_icons(PALETTE)
    assert first == again and first is not again
    for name, png in first.items():
        assert _chunks(png) == ["IHDR", *["IDAT"] * (len(_chunks(png)) - 2), "IEND"], name


def test_icons_are_drawn_in_the_site_s_colours() -> None:
    other = Palette(accent="#7a1f00", paper="#fffbe6")
    for palette in (PALETTE, other):
        image = Image.open(io.BytesIO(draw_icons(palette)["icons/maskable-512.png"]))
        assert image.getpixel((8, 8)) == _rgb(palette.accent)  # the tile
        assert _rgb(palette.paper) in {colour for _, colour in image.getcolors(512 * 512)}  # the figure


def test_the_maskable_icon_keeps_the_figure_inside_the_safe_zone() -> None:
    # The safe zone: a circle of 40 % of the size around the centre, which every mask shape keeps.
    image = Image.open(io.BytesIO(draw_icons(PALETTE)["icons/maskable-512.png"]))
    accent = _rgb(PALETTE.accent)
    outside = [(x, y) for y in range(512) for x in range(512)
               if math.hypot(x + 0.5 - 256, y + 0.5 - 256) > 0.4 * 512 and image.getpixel((x, y)) != accent]
    assert outside == []
    drawn = [(x, y) for y in range(0, 512, 4) for x in range(0, 512, 4) if image.getpixel((x, y)) != accent]
    assert drawn, "the figure is drawn"


def test_the_rounded_icon_is_transparent_in_its_corners_and_opaque_inside() -> None:
    image = Image.open(io.BytesIO(draw_icons(PALETTE)["icons/icon-192.png"]))
    assert [image.getpixel(corner)[3] for corner in ((0, 0), (191, 0), (0, 191), (191, 191))] == [0, 0, 0, 0]
    assert image.getpixel((96, 8))[3] == 255 and image.getpixel((8, 96))[3] == 255


def test_the_figure_is_drawn_from_the_icon_s_pose() -> None:
    # The pose is the icon's one source: another pose draws another icon.
    from dataclasses import replace

    from site_gen import icons

    before = draw_icons(PALETTE)
    moved = replace(RUNNER, thigh=(20, -20))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(icons, "RUNNER", moved)
        draw_icons.cache_clear()
        after = draw_icons(PALETTE)
    draw_icons.cache_clear()
    assert after["icons/icon-512.png"] != before["icons/icon-512.png"]


# The digest of the bytes DRAWING names, for one fixed palette. A change to the drawing (or to
# Pillow) fails here: bump icons.DRAWING, so that browsers fetch the new icons, and record it.
RECORDED = {1: "42da9691303182bfd529d69524cf3e21"}


def test_the_drawing_version_names_exactly_these_bytes() -> None:
    from site_gen.digest import digest
    from site_gen.icons import DRAWING

    icons = draw_icons(Palette(accent="#0b4f8a", paper="#ffffff"))
    assert digest(*(icons[name] for name in sorted(icons))) == RECORDED.get(DRAWING), (
        "the icons' bytes changed: bump DRAWING in site_gen/icons.py and record the new digest here")


def test_icons_are_named_after_what_they_are_drawn_from() -> None:
    from site_gen.icons import icon_urls

    paths = icon_urls(PALETTE)
    assert sorted(paths) == sorted(icon.name for icon in ICONS)
    keys = {path.rsplit(".", 2)[1] for path in paths.values()}
    assert len(keys) == 1 and all(path.startswith(f"/assets/{name[:-4]}.") for name, path in paths.items())
    other = icon_urls(Palette(accent="#7a1f00", paper="#ffffff"))
    assert not set(other.values()) & set(paths.values())  # new colours, new names


def test_a_rebuild_draws_no_icon(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import PurePosixPath

    from site_gen import changes
    from site_gen.builder import Builder
    from tests.conftest import FIXTURE_SITE

    builder = Builder(FIXTURE_SITE, PurePosixPath("content"))
    assert builder.build(tmp_path / "site").problems == ()
    drawn = sorted(p.name for p in (tmp_path / "site/assets/icons").iterdir())

    def refuse(palette: Palette) -> dict[str, bytes]:
        raise AssertionError("a rebuild drew the icons again")

    monkeypatch.setattr(changes, "draw_icons", refuse)
    assert builder.build(tmp_path / "site").problems == ()
    assert sorted(p.name for p in (tmp_path / "site/assets/icons").iterdir()) == drawn
