"""A file's validation is reused only while the images it shows are as they were (the dev server's memo)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from site_gen.images.encode import encode
from site_gen.images.shown import ShownImage, refused, show
from site_gen.load import load_sources
from site_gen.validate import validate_site_memo
from tests.conftest import FIXTURE_SITE
from tests.images.pictures import png_with_text

PATH = "content/images/diagram.png"


def _shown(width: int) -> ShownImage:
    return show(PurePosixPath(PATH), encode(png_with_text(width, 200)))[0]


def test_a_changed_image_invalidates_the_files_that_show_it_and_no_other() -> None:
    sources, _ = load_sources(FIXTURE_SITE, PurePosixPath("content"))
    shown = "\n![A diagram](../images/diagram.png)\n"
    sources = tuple(replace(s, text=s.text + shown) if s.slug == "about" else s for s in sources)
    site, problems, memo = validate_site_memo(sources, {}, images={PATH: _shown(300)})
    assert problems == () and site is not None
    _again, _, same_memo = validate_site_memo(sources, memo, images={PATH: _shown(300)})
    assert all(same_memo[path] is memo[path] for path in memo)  # nothing changed: every file reused
    changed, _, new_memo = validate_site_memo(sources, memo, images={PATH: _shown(400)})
    about = PurePosixPath("content/pages/about.md")
    assert [path for path in memo if new_memo[path] is not memo[path]] == [about]
    assert new_memo[about].digest != memo[about].digest  # so its page is rendered again
    assert 'width="400"' in next(p for p in changed.pages if p.slug == "about").body_html
    _, problems, _ = validate_site_memo(sources, new_memo, images={PATH: refused("the file is not an image", "")})
    assert [str(p) for p in problems] == [("content/pages/about.md:8:14: image '../images/diagram.png': "
                                          "the file is not an image")]
