"""Each figure shows its drill's movement as the drill's text describes it, measured on the drawing's points."""

from __future__ import annotations

import pytest

from site_gen.figures.geometry import BODY, LIMB, Skeleton, placed
from site_gen.model import Drill

TOUCH = 4  # drawing units (2 % of the body's height): what still counts as resting on the ground
LYING = ("glute-bridges", "marching-bridges", "pelvic-tilts", "ankle-pumps")
SEATED = ("ankle-circles", "seated-ankle-flex-point", "resisted-dorsiflexion")
KNEELING = ("tall-kneeling-pelvic-rocks",)


def bodies(drill: Drill) -> tuple[tuple[Skeleton, ...], float]:
    return placed(drill.figure)


def hip_gap(body: Skeleton, ground: float) -> float:
    """How far the seat (the hips' underside) is above the ground."""
    return ground - (body.hip[1] + BODY / 2)


def foot_gap(body: Skeleton, ground: float) -> float:
    """How far the lower foot's lowest point is above the ground."""
    return min(ground - (max(heel[1], toe[1]) + LIMB / 2) for *_, heel, toe in body.legs)


def test_the_swinging_foot_passes_in_front_of_and_behind_the_hip(drills: dict[str, Drill]) -> None:
    poses, _ = bodies(drills["leg-swings-front-to-back"])
    toes = [body.legs[0][4][0] - body.hip[0] for body in poses]
    heels = [body.legs[0][3][0] - body.hip[0] for body in poses]
    assert max(toes) > 40 and min(heels) < -40  # well in front, then well behind


def test_lateral_swings_cross_the_body_and_go_out_to_the_side(drills: dict[str, Drill]) -> None:
    poses, _ = bodies(drills["leg-swings-lateral"])
    # Front view: the right leg (index 1) swings from the left of the midline to well right of its hip.
    ankles = [body.legs[1][2][0] - body.hip[0] for body in poses]
    assert min(ankles) < 0 < max(ankles) - 40


def test_calf_raises_lift_the_heels_with_the_toes_on_the_step(drills: dict[str, Drill]) -> None:
    (low, high), ground = bodies(drills["calf-raises-step"])
    assert low.legs[0][3][1] - high.legs[0][3][1] > 20  # the heel rises
    assert low.legs[0][3][1] + LIMB / 2 > ground  # at the bottom the heel drops below the step's top
    for body in (low, high):
        assert body.legs[0][4][1] + LIMB / 2 == pytest.approx(ground)  # the toes stay on it


@pytest.mark.parametrize("slug", ["glute-bridges", "marching-bridges"])
def test_bridges_lift_the_hips_off_the_floor(drills: dict[str, Drill], slug: str) -> None:
    poses, ground = bodies(drills[slug])
    top = poses[drills[slug].figure.still]
    assert hip_gap(top, ground) > 20  # a tenth of the body's height
    assert ground - (top.neck[1] + BODY / 2) < TOUCH  # the shoulders stay down


def test_glute_bridges_start_with_the_hips_on_the_floor(drills: dict[str, Drill]) -> None:
    poses, ground = bodies(drills["glute-bridges"])
    assert hip_gap(poses[0], ground) < TOUCH


def test_marching_bridges_lift_one_foot_then_the_other(drills: dict[str, Drill]) -> None:
    poses, ground = bodies(drills["marching-bridges"])
    lifted = [[ground - (leg[3][1] + LIMB / 2) > 5 for leg in body.legs] for body in poses]
    assert [False, False] in lifted and [True, False] in lifted and [False, True] in lifted


@pytest.mark.parametrize("slug", SEATED)
def test_seated_drills_keep_the_hips_on_the_floor(drills: dict[str, Drill], slug: str) -> None:
    poses, ground = bodies(drills[slug])
    assert all(hip_gap(body, ground) < TOUCH for body in poses)
    assert all(body.neck[1] < body.hip[1] - 50 for body in poses)  # sitting up, spine upright


@pytest.mark.parametrize("slug", LYING)
def test_lying_drills_keep_the_back_on_the_floor(drills: dict[str, Drill], slug: str) -> None:
    poses, ground = bodies(drills[slug])
    for body in poses:
        assert ground - (body.neck[1] + BODY / 2) < TOUCH
        assert abs(body.neck[1] - body.hip[1]) < abs(body.neck[0] - body.hip[0])  # the trunk lies, not stands


def test_every_standing_figure_has_a_foot_on_the_ground(drills: dict[str, Drill]) -> None:
    # The runner's feet carry the body in every pose of every standing drill; a figure in the air
    # (a skip, a stride) is still drawn at the moment a foot touches down.
    standing = [slug for slug in drills if slug not in (*LYING, *SEATED, *KNEELING)]
    assert len(standing) == 20
    for slug in standing:
        poses, ground = bodies(drills[slug])
        gaps = [foot_gap(body, ground) for body in poses]
        assert all(gap < TOUCH for gap in gaps), (slug, gaps)


def test_kneeling_rests_on_the_knees(drills: dict[str, Drill]) -> None:
    poses, ground = bodies(drills["tall-kneeling-pelvic-rocks"])
    for body in poses:
        assert ground - (body.legs[0][1][1] + LIMB / 2) < TOUCH
        assert body.neck[1] < body.hip[1] - 50  # kneeling tall


def test_the_lunge_drops_the_rear_knee_towards_the_ground(drills: dict[str, Drill]) -> None:
    for slug in ("walking-lunges", "walking-lunge-thoracic-reach"):
        poses, ground = bodies(drills[slug])
        bottom = poses[0]
        assert ground - (bottom.legs[1][1][1] + LIMB / 2) < 20  # the rear (far) knee, near the ground
        assert bottom.legs[0][1][0] > bottom.hip[0] + 30  # the front knee ahead of the hips


def test_the_thoracic_reach_raises_the_arm_opposite_the_front_leg(drills: dict[str, Drill]) -> None:
    poses, _ = bodies(drills["walking-lunge-thoracic-reach"])
    reach = poses[1]
    # Near leg in front, so the far arm reaches: its wrist above the head.
    assert reach.legs[0][1][0] > reach.hip[0] and reach.arms[1][2][1] < reach.head[1]


def test_the_knee_drive_lifts_the_knee_to_the_hip_with_the_foot_flexed(drills: dict[str, Drill]) -> None:
    poses, _ = bodies(drills["knee-drive-drill"])
    lifted = poses[1]
    assert lifted.legs[0][1][1] <= lifted.hip[1] + 5
    *_, heel, toe = lifted.legs[0]
    assert toe[1] < heel[1]  # toes pulled up


def test_the_hinge_sends_the_hips_back_and_finishes_tall(drills: dict[str, Drill]) -> None:
    hinge, tall = bodies(drills["hip-extension-closed-chain"])[0]
    assert hinge.neck[0] - hinge.hip[0] > 30 and abs(tall.neck[0] - tall.hip[0]) < 5
    assert hinge.hip[0] < tall.hip[0]  # the feet stay planted: the hips go back over them


def test_open_chain_hip_extension_takes_the_free_foot_back(drills: dict[str, Drill]) -> None:
    poses, ground = bodies(drills["hip-extension-open-chain"])
    back = poses[1]
    assert back.legs[0][2][0] < back.hip[0] - 20 and ground - back.legs[0][3][1] > 10
    assert abs(back.neck[0] - back.hip[0]) < 5  # the trunk stays still


def test_the_dorsiflexion_rock_takes_the_knee_over_the_toes_heel_down(drills: dict[str, Drill]) -> None:
    (start, rocked), ground = bodies(drills["ankle-dorsiflexion-rocks"])
    assert rocked.legs[0][1][0] > start.legs[0][1][0] + 15
    assert ground - (rocked.legs[0][3][1] + LIMB / 2) < TOUCH


def test_flex_and_point_move_the_toes_up_then_away(drills: dict[str, Drill]) -> None:
    for slug in ("seated-ankle-flex-point", "resisted-dorsiflexion", "ankle-pumps"):
        poses, _ = bodies(drills[slug])
        toes_up = [body.legs[0][2][1] - body.legs[0][4][1] for body in poses]  # toe above the ankle
        assert max(toes_up) > 20 and min(toes_up) < 20, slug
