"""Where each point of a pose is, with the body resting on the ground line of a fixed frame."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .body import (
    ANKLE,
    FOOT,
    FOREARM,
    FRONT_FOOT,
    HALF_HIPS,
    HALF_SHOULDERS,
    HEAD_RADIUS,
    NECK,
    SHIN,
    THIGH,
    TRUNK,
    UPPER_ARM,
    View,
)
from .shape import Figure, Pose

Point = tuple[float, float]  # x to the right, y down, as in SVG
WIDTH, HEIGHT = 240, 256  # the frame of every figure: one scale across the guide
GROUND = HEIGHT - 6  # the floor's line
STEP = 24  # a step's height
LIMB, BODY = 7, 14  # stroke widths: what the body's outline adds below its points
MARGIN = 2


@dataclass(frozen=True, slots=True)
class Skeleton:
    """One pose's points. Arms and legs: near then far (side view), left then right (front view)."""

    hip: Point  # between the hip joints
    neck: Point  # the top of the trunk, between the shoulders
    head: Point  # the head's centre
    arms: tuple[tuple[Point, Point, Point], tuple[Point, Point, Point]]  # shoulder, elbow, wrist
    legs: tuple[tuple[Point, Point, Point, Point, Point], tuple[Point, Point, Point, Point, Point]]
    # hip joint, knee, ankle, heel, toe

    def moved(self, dx: float, dy: float) -> Skeleton:
        def move(point: Point) -> Point:
            return point[0] + dx, point[1] + dy
        return Skeleton(move(self.hip), move(self.neck), move(self.head),
                        tuple(tuple(map(move, arm)) for arm in self.arms),  # type: ignore[arg-type]
                        tuple(tuple(map(move, leg)) for leg in self.legs))  # type: ignore[arg-type]

    def lowest(self) -> float:
        """The lowest y the drawn body reaches (its strokes' width included)."""
        return self._lowest(max(y for limb in (*self.arms, *self.legs) for _, y in limb))

    def _lowest(self, limbs_lowest: float) -> float:
        # max(y) + c is max(y + c) exactly: adding a constant keeps the order of floats.
        return max(self.hip[1] + BODY / 2, self.neck[1] + BODY / 2, self.head[1] + HEAD_RADIUS, limbs_lowest + LIMB / 2)

    def extent(self) -> tuple[float, float, float, float]:
        """left, top, right, bottom of the drawn body."""
        xs, ys = zip(*(point for limb in (*self.arms, *self.legs) for point in limb))
        head_x, head_y = self.head
        pad = LIMB / 2
        return (min(min(xs), head_x - HEAD_RADIUS) - pad, min(min(ys), head_y - HEAD_RADIUS) - pad,
                max(max(xs), head_x + HEAD_RADIUS) + pad, self._lowest(max(ys)))


def _down(angle: float, mirror: int = 1) -> Point:
    radians = math.radians(angle)
    return mirror * math.sin(radians), math.cos(radians)


def _up(angle: float) -> Point:
    radians = math.radians(angle)
    return math.sin(radians), -math.cos(radians)


def _along(start: Point, direction: Point, length: float) -> Point:
    return start[0] + direction[0] * length, start[1] + direction[1] * length


def skeleton(pose: Pose, view: View) -> Skeleton:
    """The pose's points, its hip at (0, 0)."""
    hip: Point = (0.0, 0.0)
    trunk = _up(pose.trunk)
    neck = _along(hip, trunk, TRUNK)
    head = _along(neck, _up(pose.head), NECK + HEAD_RADIUS)
    across = (-trunk[1], trunk[0])  # square to the trunk: the shoulders' line in a front view
    sides = ((-1, 0), (1, 1)) if view == "front" else ((1, 0), (1, 1))
    arms, legs = [], []
    for mirror, index in sides:
        shoulder, joint = neck, hip
        if view == "front":
            shoulder = _along(neck, across, mirror * HALF_SHOULDERS)
            joint = (mirror * HALF_HIPS, 0.0)
        elbow = _along(shoulder, _down(pose.upper_arm[index], mirror), UPPER_ARM)
        arms.append((shoulder, elbow, _along(elbow, _down(pose.forearm[index], mirror), FOREARM)))
        knee = _along(joint, _down(pose.thigh[index], mirror), THIGH)
        ankle = _along(knee, _down(pose.shin[index], mirror), SHIN)
        legs.append((joint, knee, ankle, *_foot(ankle, _down(pose.foot[index], mirror), view)))
    return Skeleton(hip, neck, head, tuple(arms), tuple(legs))  # type: ignore[arg-type]


def _foot(ankle: Point, direction: Point, view: View) -> tuple[Point, Point]:
    """Heel and toe: the sole lies below the ankle, square to the foot's direction."""
    if view == "front":  # the foot points at the viewer: only its width shows
        heel = (ankle[0], ankle[1] + ANKLE)
        return heel, _along(heel, direction, FRONT_FOOT)
    sole = (-direction[1], direction[0])  # the foot's direction turned a quarter: towards the sole
    heel = _along(_along(ankle, sole, ANKLE), direction, -0.2 * FOOT)
    return heel, _along(heel, direction, FOOT)


def placed(figure: Figure) -> tuple[tuple[Skeleton, ...], float]:
    """Every pose at its place in the frame, and the y of the ground it rests on (a step's top, with a step).

    Each pose rests its lowest point on the ground (with a step, the toes on its top). A foot
    planted in every pose stays where it is, so the body moves over it; with none (running,
    marching) the hips stay put. The whole movement is then centred in the frame.
    """
    on_step = "step" in figure.props
    ground = GROUND - STEP if on_step else GROUND
    rested = []
    for pose in figure.poses:
        body = skeleton(pose, figure.view)
        low = max(toe[1] for *_, toe in body.legs) + LIMB / 2 if on_step else body.lowest()
        rested.append(body.moved(0, ground - low))
    planted = next((leg for leg in (0, 1) if all(_planted(body, leg, ground, on_step) for body in rested)), None)
    if planted is not None:
        anchor = _foot_point(rested[0], planted, on_step)[0]
        rested = [body.moved(anchor - _foot_point(body, planted, on_step)[0], 0) for body in rested]
    extents = [body.extent() for body in rested]
    left, right = min(extent[0] for extent in extents), max(extent[2] for extent in extents)
    shift = (WIDTH - left - right) / 2
    return tuple(body.moved(shift, 0) for body in rested), ground


PLANTED = 3  # how near the ground a foot's lowest point is when it bears weight


def _foot_point(body: Skeleton, leg: int, on_step: bool) -> Point:
    """Where a planted foot meets the ground: the heel, unless the toes are clearly lower (or on a step)."""
    *_, heel, toe = body.legs[leg]
    return toe if on_step or toe[1] > heel[1] + PLANTED else heel


def _planted(body: Skeleton, leg: int, ground: float, on_step: bool) -> bool:
    return ground - (_foot_point(body, leg, on_step)[1] + LIMB / 2) <= PLANTED


def overflow(figure: Figure) -> str:
    """'' when every pose fits the frame; else by how much it does not."""
    bodies, _ = placed(figure)
    extents = [body.extent() for body in bodies]
    left, top = min(extent[0] for extent in extents), min(extent[1] for extent in extents)
    if left < MARGIN:
        return f"its poses together are {round(WIDTH - 2 * left)} units wide, and {WIDTH - 2 * MARGIN} fit"
    if top < MARGIN:
        return f"it reaches {round(MARGIN - top)} units above the top"
    return ""
