"""A figure as the drill's front matter gives it: a view, two to four poses, props, the still pose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .body import View

Prop = Literal["wall", "step", "band", "floor"]
PROPS: dict[str, str] = {
    "wall": "a wall the hands rest on",
    "step": "a step under the balls of the feet",
    "band": "a towel or band from the near foot to a post",
    "floor": "a mat on the floor, for seated and lying drills",
}
Pair = tuple[int, int]  # [near, far] in a side view, [left, right] in a front view


@dataclass(frozen=True, slots=True)
class Pose:
    """The angle of every part, in degrees (body.py says from where)."""

    head: int
    trunk: int
    upper_arm: Pair
    forearm: Pair
    thigh: Pair
    shin: Pair
    foot: Pair


@dataclass(frozen=True, slots=True)
class Figure:
    view: View
    poses: tuple[Pose, ...]
    props: tuple[Prop, ...]
    still: int  # 0-based: the pose shown without motion and on paper
    caption: str  # the accessible name; "" for the drill's summary
