"""A drill's `figure` as written -> Figure, with a problem at its place for every mistake."""

from __future__ import annotations

from typing import Any

from ..errors import Problem, did_you_mean
from ..parse import Path_, YamlDoc
from .body import JOINTS, PAIRED, PARTS, STANDING, TRUNK_TILT, VIEWS, WRITTEN_LIMIT, View
from .geometry import overflow
from .shape import PROPS, Figure, Pose

FIELDS = ("view", "poses", "props", "still", "caption")
MIN_POSES, MAX_POSES = 2, 4
EXAMPLE = "{view: side, poses: [{thigh: 0}, {thigh: 30}]}"
DOCS = "see docs/figures.md"
# The equipment words of the guide whose prop has another name.
PROP_ALIASES = {"towel": "a towel or band is 'band'", "towel-or-band": "a towel or band is 'band'",
                "post": "a wall or post is 'wall'", "kerb": "a step or kerb is 'step'", "mat": "a mat is 'floor'"}


class _Reader:
    def __init__(self, doc: YamlDoc, base: Path_, problems: list[Problem]) -> None:
        self.doc, self.base, self.problems = doc, base, problems

    def problem(self, path: Path_, message: str, hint: str = "", key: bool = False) -> None:
        at = self.doc.key_at(*self.base, *path) if key else self.doc.at(*self.base, *path)
        self.problems.append(Problem(at, message, hint))


def read_figure(doc: YamlDoc, base: Path_, value: Any, problems: list[Problem]) -> Figure | None:
    """The figure written at `base`, or None when it has problems (each one added to `problems`)."""
    reader, before = _Reader(doc, base, problems), len(problems)
    if not isinstance(value, dict):
        reader.problem((), "'figure' must be a set of fields: view, poses and, if needed, props, still, caption",
                       f"write e.g. 'figure: {EXAMPLE}'; {DOCS}")
        return None
    for name in value:
        if name not in FIELDS:
            reader.problem((name,), f"unknown figure field '{name}'", did_you_mean(str(name), FIELDS, "figure fields"),
                           key=True)
    view = _view(reader, value.get("view"))
    poses = _poses(reader, value.get("poses"), view or "side")
    props = _props(reader, value.get("props", []))
    written = value.get("poses")
    still = _still(reader, value.get("still", 1), len(written) if isinstance(written, list) else MAX_POSES)
    caption = value.get("caption", "")
    if not isinstance(caption, str):
        reader.problem(("caption",), "the figure's 'caption' must be text", "write 'caption: A runner swings a leg'")
    if len(problems) > before or view is None:
        return None
    figure = Figure(view, poses, props, still, caption.strip())
    too_big = overflow(figure)
    if too_big:
        reader.problem(("poses",), f"the figure does not fit its frame: {too_big}",
                       "bring the limbs in, or split the movement into poses that fit")
        return None
    return figure


def _view(reader: _Reader, value: Any) -> View | None:
    if value is None:
        reader.problem((), "the figure needs a 'view': side or front", "add 'view: side'")
        return None
    if value not in VIEWS:
        reader.problem(("view",), f"unknown view '{value}'", did_you_mean(str(value), VIEWS, "views"))
        return None
    return value


def _poses(reader: _Reader, value: Any, view: View) -> tuple[Pose, ...]:
    if value is None:
        reader.problem((), "the figure needs 'poses': two to four key positions of the movement",
                       "add 'poses:' with a '- {thigh: 30}' line for each pose; " + DOCS)
        return ()
    if not isinstance(value, list) or not MIN_POSES <= len(value) <= MAX_POSES:
        count = f"{len(value)}" if isinstance(value, list) else "not a list"
        reader.problem(("poses",), f"a figure needs {MIN_POSES} to {MAX_POSES} poses, not {count}",
                       "give the start and the end of the movement, and at most two positions between")
        return ()
    poses = [_pose(reader, ("poses", index), item, view) for index, item in enumerate(value)]
    return tuple(pose for pose in poses if pose)


def _pose(reader: _Reader, path: Path_, value: Any, view: View) -> Pose | None:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        reader.problem(path, "each pose must be a set of 'part: angle' pairs", "write e.g. '- {thigh: 30, shin: 10}'")
        return None
    angles: dict[str, Any] = dict(STANDING)
    known, readable = True, True
    for name, written in value.items():
        if name not in PARTS:
            reader.problem((*path, name), f"unknown body part '{name}'", did_you_mean(str(name), PARTS, "parts"),
                           key=True)
            known = False
            continue
        angle = _angle(reader, (*path, name), written, name in PAIRED)
        readable = readable and angle is not None
        angles[name] = angle
    if not readable:  # an angle that is no number: the joints cannot be judged
        return None
    pairs = {name: angles[name] if isinstance(angles[name], tuple) else (angles[name], angles[name])
             for name in PAIRED}
    pose = Pose(head=angles["head"], trunk=angles["trunk"], **pairs)
    # Unknown parts aside, the known ones are still checked: every mistake of the pose at once.
    return pose if _reachable(reader, path, value, pose, view) and known else None


def _angle(reader: _Reader, path: Path_, value: Any, paired: bool) -> int | tuple[int, int] | None:
    if paired and isinstance(value, list):
        if len(value) != 2:
            reader.problem(path, f"'{path[-1]}' takes one angle or two ([near, far] or [left, right]), "
                                 f"not {len(value)}",
                           f"write '{path[-1]}: 20' for both or '{path[-1]}: [20, -10]'")
            return None
        first, second = (_angle(reader, (*path, index), item, False) for index, item in enumerate(value))
        if isinstance(first, int) and isinstance(second, int):
            return first, second
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        reader.problem(path, f"'{path[-1]}' must be an angle in whole degrees, not {value!r:.30}",
                       f"write e.g. '{path[-1]}: 30'" + (" or a pair: [30, -10]" if paired else ""))
        return None
    if abs(value) > WRITTEN_LIMIT:
        reader.problem(path, f"{value}° is more than a full turn",
                       f"write an angle from -{WRITTEN_LIMIT} to {WRITTEN_LIMIT}")
        return None
    return value


def _reachable(reader: _Reader, path: Path_, written: dict[str, Any], pose: Pose, view: View) -> bool:
    """Whether every joint of the pose bends within a human range; a problem for each that does not."""
    ok = abs((pose.trunk + 180) % 360 - 180) <= TRUNK_TILT[view]
    if not ok:
        reader.problem((*path, "trunk"), f"a trunk leaning {pose.trunk}° cannot be seen from the {view}",
                       f"lean it at most {TRUNK_TILT[view]}° either way")
    for joint in JOINTS[view]:
        pairs = _sides(getattr(pose, joint.parent), getattr(pose, joint.child))
        for side, (parent_angle, child_angle) in enumerate(pairs):
            angle = joint.angle(parent_angle, child_angle)
            if joint.low <= angle <= joint.high:
                continue
            ok = False
            named = joint.child if joint.child in written else joint.parent
            where: Path_ = (*path, named, side) if isinstance(written.get(named), list) else (*path, named)
            which = _side_word(view, side) if len(pairs) == 2 else ""
            reader.problem(where, f"the {which}{joint.name} cannot reach {angle}°",
                           f"the {joint.name} goes from {joint.low}° to {joint.high}° ({joint.how}); {DOCS}")
    return ok


def _sides(parent: tuple[int, int] | int, child: tuple[int, int] | int) -> list[tuple[int, int]]:
    parents = parent if isinstance(parent, tuple) else (parent, parent)
    children = child if isinstance(child, tuple) else (child, child)
    if parents[0] == parents[1] and children[0] == children[1]:
        return [(parents[0], children[0])]  # both sides alike: one problem, not two
    return list(zip(parents, children))


def _side_word(view: View, side: int) -> str:
    return ("near ", "far ")[side] if view == "side" else ("left ", "right ")[side]


def _props(reader: _Reader, value: Any) -> tuple[Any, ...]:
    if not isinstance(value, list):
        reader.problem(("props",), "the figure's 'props' must be a list", "write e.g. 'props: [wall]', or leave it out")
        return ()
    props: dict[str, None] = {}
    for index, item in enumerate(value):
        if item not in PROPS:
            hint = PROP_ALIASES.get(str(item)) or did_you_mean(str(item), PROPS, "props")
            reader.problem(("props", index), f"unknown prop '{item}'", hint)
        elif item in props:
            reader.problem(("props", index), f"'{item}' is listed twice in 'props'", "remove one of them")
        else:
            props[item] = None
    return tuple(props)


def _still(reader: _Reader, value: Any, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= max(count, 1):
        reader.problem(("still",), f"'still' must be the number of a pose, 1 to {count}, not {value!r:.20}",
                       "write 'still: 1' for the first pose: the one shown in print and without motion")
        return 0
    return value - 1
