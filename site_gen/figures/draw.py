"""Figure -> an inline SVG line drawing: one group per pose, coloured and animated by site.css."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from .body import FOOT, HEAD_RADIUS
from .geometry import GROUND, HEIGHT, LIMB, WIDTH, Point, Skeleton, placed
from .shape import Figure

TOP = 10  # how high a wall or a post reaches
SKY = 12  # room kept above the highest point of a figure


def draw_figure(figure: Figure, name: str) -> str:
    """The SVG markup, named `name` for assistive technology; the same figure gives the same bytes."""
    before, after = _drawn(figure)
    return f"{before}{escape(name)}{after}"


# A drill's figure is drawn for its page, the library and every routine step of it, and drills
# often share a figure under other names: so the drawing is kept by figure alone, the name put in
# after. Bounded far above the largest guide benchmarked, so that a long preview session cannot grow it.
@lru_cache(maxsize=32_768)
def _drawn(figure: Figure) -> tuple[str, str]:
    """The markup before and after the accessible name."""
    bodies, ground = placed(figure)
    count = len(bodies)
    still = bodies[figure.still]
    top = _top(figure, bodies)
    before = f'<svg class="fig n{count}" viewBox="0 {top} {WIDTH} {HEIGHT - top}" role="img" aria-label="'
    parts = ['">', *_props(figure, still, bodies, ground)]
    for index, body in enumerate(bodies):
        # Pose i shows in the i-th second of the cycle: its animation starts (count - i) seconds early.
        classes = f"pose p{(count - index) % count}" + (" still" if index == figure.still else "")
        parts.append(f'<g class="{classes}">{_pose(body, figure)}</g>')
    parts.append("</svg>")
    return before, "".join(parts)


def _top(figure: Figure, bodies: tuple[Skeleton, ...]) -> int:
    """Where the frame starts: above the highest point of any pose, so a floor drill is not half empty sky.

    The width stays, so every figure keeps the guide's one scale; a wall or a post keeps the whole frame.
    """
    if "wall" in figure.props or "band" in figure.props:
        return 0
    return max(0, int(min(body.extent()[1] for body in bodies)) - SKY)


def _pose(body: Skeleton, figure: Figure) -> str:
    near_arm, far_arm = body.arms
    near_leg, far_leg = body.legs
    drawn = []
    if "band" in figure.props:
        toe = near_leg[4]
        drawn.append(f'<path class="band" d="M{_xy(toe)}L{_post(toe)} {_n(toe[1] - LIMB)}"/>')
    if figure.view == "side":
        drawn += [f'<path class="far" d="{_line(far_leg)}{_line(far_arm)}"/>',
                  f'<path class="trunk" d="{_line((body.hip, body.neck))}"/>']
    else:
        (left_shoulder, *_), (right_shoulder, *_) = body.arms
        (left_hip, *_), (right_hip, *_) = body.legs
        drawn.append(f'<path class="torso" d="{_line((left_shoulder, right_shoulder, right_hip, left_hip))}Z"/>')
        drawn.append(f'<path d="{_line(far_leg)}{_line(far_arm)}"/>')
    drawn += [f'<circle cx="{_n(body.head[0])}" cy="{_n(body.head[1])}" r="{HEAD_RADIUS}"/>',
              f'<path d="{_line(near_leg)}{_line(near_arm)}"/>']
    return "".join(drawn)


def _props(figure: Figure, still: Skeleton, bodies: tuple[Skeleton, ...], ground: float) -> list[str]:
    """The ground line and the props, drawn behind the body; placed from the still pose."""
    drawn = [f'<path class="prop" d="M0 {GROUND + 2}H{WIDTH}"/>']
    if "floor" in figure.props:
        left = min(body.extent()[0] for body in bodies) - 8
        right = max(body.extent()[2] for body in bodies) + 8
        drawn.append(f'<path class="mat" d="M{_n(left)} {GROUND + 3}H{_n(right)}"/>')
    if "step" in figure.props:
        edge = still.legs[0][4][0] - 0.35 * FOOT  # under the balls of the feet: the heels hang free
        drawn.append(f'<path class="prop" d="M{_n(edge)} {GROUND}V{_n(ground)}H{WIDTH}"/>')
    if "wall" in figure.props:
        drawn.append(_wall(figure, still))
    if "band" in figure.props:
        toe = still.legs[0][4]
        drawn.append(f'<path class="prop" d="M{_post(toe)} {GROUND}V{_n(toe[1] - 4 * LIMB)}"/>')
    return drawn


def _wall(figure: Figure, still: Skeleton) -> str:
    reach = [abs(arm[2][0] - still.hip[0]) for arm in still.arms]
    if figure.view == "front" and abs(reach[0] - reach[1]) < LIMB:
        # Both hands alike: the figure faces the wall, seen from behind; the wall's outline frames it.
        top = min(wrist[1] for *_, wrist in still.arms) - 2 * LIMB
        return f'<path class="prop" d="M{2 * LIMB} {GROUND}V{_n(top)}H{WIDTH - 2 * LIMB}V{GROUND}"/>'
    # Side on to the wall: it stands where the hand reaching furthest from the hips rests on it.
    wrist = still.arms[0 if reach[0] > reach[1] else 1][2]
    x = wrist[0] + (LIMB if wrist[0] >= still.hip[0] else -LIMB)
    return f'<path class="prop" d="M{_n(x)} {GROUND}V{TOP}"/>'


def _post(toe: Point) -> str:
    return _n(min(toe[0] + 40, WIDTH - LIMB))


def _line(points: tuple[Point, ...]) -> str:
    first, *rest = points
    return f"M{_xy(first)}L" + " ".join(_xy(point) for point in rest)


def _xy(point: Point) -> str:
    return f"{_n(point[0])} {_n(point[1])}"


def _n(value: float) -> str:
    # Whole units (half a percent of the body's height): the same figure always gives the same bytes.
    return str(round(value))
