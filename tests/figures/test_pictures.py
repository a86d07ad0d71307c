"""docs/figures.md shows the angle conventions with pictures the generator draws: they stay current."""

from __future__ import annotations

from site_gen.figures.body import FRONT_JOINTS, SIDE_JOINTS
from tests.figures.update_pictures import FOLDER, PICTURES, pictures
from tests.site.built import PROJECT


def test_the_pictures_in_docs_are_what_the_generator_draws() -> None:
    for name, text in pictures().items():
        path = FOLDER / name
        assert path.is_file() and path.read_text(encoding="utf-8") == text, (
            f"docs/figures/{name} is out of date: run `python -m tests.figures.update_pictures`")


def test_the_guide_to_figures_shows_every_picture() -> None:
    guide = (PROJECT / "docs" / "figures.md").read_text(encoding="utf-8")
    for name in PICTURES:
        assert f"(figures/{name}.svg)" in guide


def test_the_guide_lists_every_joint_range_as_the_check_has_it() -> None:
    guide = (PROJECT / "docs" / "figures.md").read_text(encoding="utf-8")
    for side, front in zip(SIDE_JOINTS, FRONT_JOINTS):
        assert f"| {side.name} | {side.low}° to {side.high}° | {front.low}° to {front.high}° |" in guide
