"""Draw docs/figures/*.svg, the pictures of docs/figures.md, with the generator itself.

    python -m tests.figures.update_pictures

test_pictures.py fails until the committed pictures are what this draws.
"""

from __future__ import annotations

from site_gen.figures.draw import draw_figure
from site_gen.figures.shape import Figure, Pose
from tests.site.built import PROJECT

FOLDER = PROJECT / "docs" / "figures"
# A picture on its own has no site.css: the same look, in fixed colours, the still pose only.
STYLE = ("<style>.fig{fill:none;stroke:#111;stroke-width:7;stroke-linecap:round;stroke-linejoin:round}"
         ".far,.prop{stroke:#8a8a8a}.prop{stroke-width:3}.mat{stroke:#8a8a8a;stroke-width:6}"
         ".band{stroke:#0b4f8a;stroke-width:3}.trunk{stroke-width:14}.torso{fill:#fff}circle{fill:#111;stroke:none}"
         ".pose{opacity:0}.still{opacity:1}</style>")


def pose(head: int = 0, trunk: int = 0, upper_arm: tuple[int, int] = (0, 0), forearm: tuple[int, int] = (0, 0),
         thigh: tuple[int, int] = (0, 0), shin: tuple[int, int] = (0, 0), foot: tuple[int, int] = (90, 90)) -> Pose:
    return Pose(head, trunk, upper_arm, forearm, thigh, shin, foot)


PICTURES: dict[str, tuple[str, Figure]] = {
    "standing": ("Every part at its standing angle: 0, the feet 90",
                 Figure("side", (pose(),), (), 0, "")),
    "trunk-and-head": ("trunk: 30, head: 50: both lean forward from the vertical",
                       Figure("side", (pose(trunk=30, head=50, thigh=(30, 30)),), (), 0, "")),
    "arms": ("upper_arm: [90, -40], forearm: [170, 0]: the near arm forward and bent, the far one back",
             Figure("side", (pose(upper_arm=(90, -40), forearm=(170, -40)),), (), 0, "")),
    "legs": ("thigh: [70, -20], shin: [0, -80], foot: [100, 30]: near knee up, far heel back",
             Figure("side", (pose(thigh=(70, -20), shin=(0, -80), foot=(100, 30)),), (), 0, "")),
    "feet": ("foot: 45, on a step: the toes on its edge, the heels raised",
             Figure("side", (pose(foot=(45, 45)),), ("step",), 0, "")),
    "lying": ("trunk: -90, head: -75, thigh: 134, shin: 48: lying on the back, knees bent, on the floor",
              Figure("side", (pose(trunk=-90, head=-75, thigh=(134, 134), shin=(48, 48), upper_arm=(90, 90),
                                   forearm=(90, 90)),), ("floor",), 0, "")),
    "front": ("view: front, upper_arm: [90, 0], thigh: [0, 30]: out to the sides, the pair left then right",
              Figure("front", (pose(upper_arm=(90, 0), forearm=(90, 0), thigh=(0, 30), shin=(0, 30)),), (), 0, "")),
}


def pictures() -> dict[str, str]:
    """File name -> the SVG text it should hold."""
    drawn = {}
    for name, (words, figure) in PICTURES.items():
        svg = draw_figure(figure, words).replace('role="img"', 'xmlns="http://www.w3.org/2000/svg" role="img"', 1)
        head, rest = svg.split(">", 1)
        drawn[f"{name}.svg"] = f"{head}>{STYLE}{rest}\n"
    return drawn


def main() -> None:
    FOLDER.mkdir(exist_ok=True)
    for name, text in pictures().items():
        (FOLDER / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(PICTURES)} pictures in {FOLDER}")


if __name__ == "__main__":
    main()
