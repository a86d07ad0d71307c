"""Each bad image is refused at the line and column that shows it, with its own message and hint."""

from __future__ import annotations

from pathlib import Path

from site_gen.load import MAX_IMAGE_BYTES
from tests.images.pictures import bomb, gif, phone_jpeg, png_header_only, png_with_text

DRILL_END = "See [safety](page:safety) and <b>raw html stays text</b>.\n"
SHOWN = """\
![Notes](../images/notes.jpg)
![Cut](../images/cut.jpg)
![Bomb](../images/bomb.png) ![Header](../images/huge-header.png)
![Animation](../images/animation.gif)
![Renamed](../images/gif-named-png.png)
![Large](../images/too-large.jpg)
![Missing](../images/leg-swing.jpg)
![](../images/leg-swings.jpg)
![Spaces](<../images/Leg Swing.jpg>)
![Web](https://example.org/leg.jpg)
"""  # from line 30 of the drill


def _show(site: Path, files: dict[str, bytes], markdown: str) -> None:
    """Write `files` into content/images/ and `markdown` at the end of the leg swings drill (line 30 on)."""
    (site / "images").mkdir(exist_ok=True)
    for name, content in files.items():
        (site / "images" / name).write_bytes(content)
    drill = site / "drills" / "leg-swings.md"
    text = drill.read_text()
    assert text.endswith(DRILL_END) and text.count("\n") == 28
    drill.write_text(text + "\n" + markdown)


def test_every_bad_image_is_one_exact_error_at_its_place(site_copy: Path, run) -> None:
    photo = phone_jpeg(800, 600)
    _show(site_copy, {
        "notes.jpg": b"my notes on leg swings\n",
        "cut.jpg": photo[: len(photo) // 2],
        "bomb.png": bomb(),
        "huge-header.png": png_header_only(20000, 20000),
        "animation.gif": gif(),
        "gif-named-png.png": gif(),
        "too-large.jpg": photo + b"\0" * (MAX_IMAGE_BYTES + 1 - len(photo)),
        "Leg Swing.jpg": photo,
        "leg-swings.jpg": photo,
    }, SHOWN)
    result = run("check")
    assert result.out.split("\n") == [
        "content/drills/leg-swings.md:30:10: image '../images/notes.jpg': the file is not an image",
        "  hint: use a JPEG, PNG or WebP file, exported from a camera or drawing program",
        ("content/drills/leg-swings.md:31:8: image '../images/cut.jpg': the image cannot be decoded: "
        "it is damaged or cut short"),
        "  hint: export it again from the original, and check that the copy finished",
        ("content/drills/leg-swings.md:32:9: image '../images/bomb.png': the image is 7,000 x 7,000 pixels, "
        "over the limit of 40 megapixels"),
        "  hint: resize it to at most 1600 px wide before adding it",
        ("content/drills/leg-swings.md:32:39: image '../images/huge-header.png': the image is over the limit "
        "of 40 megapixels"),
        "  hint: resize it to at most 1600 px wide before adding it",
        "content/drills/leg-swings.md:33:14: image '../images/animation.gif': the type '.gif' is not supported",
        "  hint: the guide takes JPEG, PNG or WebP (.jpg, .png, .webp)",
        ("content/drills/leg-swings.md:34:12: image '../images/gif-named-png.png': the file is a GIF image; "
        "the guide takes JPEG, PNG or WebP"),
        "  hint: convert it to JPEG, PNG or WebP",
        ("content/drills/leg-swings.md:35:10: image '../images/too-large.jpg': the image file is over the limit "
        "of 8 MB"),
        "  hint: export it smaller: the site shows it at most 1600 px wide",
        ("content/drills/leg-swings.md:36:12: image '../images/leg-swing.jpg': no such file "
        "(content/images/leg-swing.jpg)"),
        "  hint: did you mean '../images/leg-swings.jpg'?",
        "content/drills/leg-swings.md:37:5: an image needs alt text: say what it shows",
        "  hint: write it between the brackets: ![Leg swing, side view](...)",
        ("content/drills/leg-swings.md:38:12: image '../images/Leg Swing.jpg': the image file name 'Leg Swing' "
        "is not a safe slug (it becomes a web address)"),
        "  hint: rename it: lowercase letters, digits and hyphens, e.g. leg-swings.jpg",
        ("content/drills/leg-swings.md:39:8: image 'https://example.org/leg.jpg': an image is a file in "
        "content/images/, written relative to this file"),
        "  hint: save it there and write e.g. ![Leg swing, side view](../images/leg-swings.jpg)",
        "11 errors",
        "",
    ]
    assert result.code == 1 and result.err == ""


def test_an_image_nobody_shows_is_not_an_error(site_copy: Path, run) -> None:
    _show(site_copy, {"spare.png": b"not an image", "spare.gif": gif()}, "")
    assert run("check").out == "content is clean: 40 files would be built\n"


def test_an_image_in_a_page_resolves_from_the_page(site_copy: Path, run) -> None:
    (site_copy / "images").mkdir()
    (site_copy / "images" / "diagram.png").write_bytes(png_with_text(300, 200))
    page = site_copy / "pages" / "about.md"
    page.write_text(page.read_text() + "\n![A diagram](../images/diagram.png)\n")
    result = run("build", "--no-cache")
    assert result.code == 0, result.out
    html = Path("_site/about/index.html").read_text()
    assert '<img src="../images/diagram-300.' in html
