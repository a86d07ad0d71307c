"""The body the figures draw: its parts, their lengths and how far each joint moves.

Lengths are Winter's anthropometric proportions (D. A. Winter, "Biomechanics and Motor Control
of Human Movement", 4th ed., Wiley 2009, figure 4.1), as fractions of the standing height H.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

View = Literal["side", "front"]
VIEWS: tuple[View, ...] = ("side", "front")
HEIGHT = 200  # drawing units for the standing height H: integer coordinates are then within 0.5 % of H

# Winter, figure 4.1: heights of landmarks and segment lengths, times H.
TRUNK = round((0.818 - 0.530) * HEIGHT)  # hip (greater trochanter) to shoulder
NECK = round((0.870 - 0.818) * HEIGHT)  # shoulder to chin
HEAD_RADIUS = round(0.130 / 2 * HEIGHT)  # chin to crown, as a circle
UPPER_ARM = round(0.186 * HEIGHT)
FOREARM = round(0.146 * HEIGHT)
THIGH = round(0.245 * HEIGHT)
SHIN = round(0.246 * HEIGHT)
FOOT = round(0.152 * HEIGHT)
ANKLE = round(0.039 * HEIGHT)  # the ankle's height above the sole
HALF_HIPS = round(0.191 / 2 * HEIGHT * 0.8)  # between the hip joints, a little inside the hips' width
HALF_SHOULDERS = round(0.259 / 2 * HEIGHT * 0.8)
FRONT_FOOT = round(0.055 * HEIGHT * 1.2)  # a foot seen from the front: about its width

# The parts a pose gives an angle to; paired parts take [near, far] (side) or [left, right] (front).
SINGLE = ("head", "trunk")
PAIRED = ("upper_arm", "forearm", "thigh", "shin", "foot")
PARTS = SINGLE + PAIRED
# Standing straight, arms hanging, feet flat: a part a pose leaves out keeps this angle.
STANDING: dict[str, int] = {"head": 0, "trunk": 0, "upper_arm": 0, "forearm": 0, "thigh": 0, "shin": 0, "foot": 90}
WRITTEN_LIMIT = 360  # any angle is written within -360..360


@dataclass(frozen=True, slots=True)
class Joint:
    """A joint's range: the angle between two parts, as `sign_parent * parent + sign_child * child`."""

    name: str
    parent: str
    child: str
    low: int
    high: int
    sign_parent: int  # +1 or -1
    sign_child: int
    how: str  # the angle in words, for the hint

    def angle(self, parent: int, child: int) -> int:
        """The joint's angle, folded into -180 (not included) to 180: a turn more or less is the same angle."""
        folded = (self.sign_parent * parent + self.sign_child * child) % 360
        return folded - 360 if folded > 180 else folded


# Side view: every angle is measured from the vertical, positive towards where the figure faces
# (to the right). Trunk and head point up from their base; the limbs point down from theirs.
SIDE_JOINTS = (
    Joint("neck", "trunk", "head", -60, 70, -1, 1, "head minus trunk"),
    Joint("shoulder", "trunk", "upper_arm", -60, 180, 1, 1, "upper_arm plus trunk"),
    Joint("elbow", "upper_arm", "forearm", 0, 150, -1, 1, "forearm minus upper_arm"),
    Joint("hip", "trunk", "thigh", -30, 140, 1, 1, "thigh plus trunk"),
    Joint("knee", "thigh", "shin", 0, 150, 1, -1, "thigh minus shin"),
    Joint("ankle", "shin", "foot", 40, 125, -1, 1, "foot minus shin"),
)
# Front view: positive is away from the body's midline for limbs, to the picture's right for trunk and head.
FRONT_JOINTS = (
    Joint("neck", "trunk", "head", -45, 45, -1, 1, "head minus trunk"),
    Joint("shoulder", "trunk", "upper_arm", -30, 180, 0, 1, "upper_arm"),
    Joint("elbow", "upper_arm", "forearm", -160, 160, -1, 1, "forearm minus upper_arm"),
    Joint("hip", "trunk", "thigh", -30, 90, 0, 1, "thigh"),  # past 50: only with the hip bent, the knee turned out
    Joint("knee", "thigh", "shin", -20, 135, 1, -1, "thigh minus shin"),  # past 20: only with the hip bent
    Joint("ankle", "shin", "foot", 45, 135, -1, 1, "foot minus shin"),
)
JOINTS: dict[View, tuple[Joint, ...]] = {"side": SIDE_JOINTS, "front": FRONT_JOINTS}
TRUNK_TILT = {"side": 180, "front": 45}  # how far the trunk itself may lean, either way
