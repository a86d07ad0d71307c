"""The shipped guide: faithful to the article, complete for every distance, and every page built.

What validation already refuses (required fields, minutes, phase order) is not checked again
here: these are the promises the guide makes that no rule of the validator holds.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest

from site_gen.builder import Builder
from site_gen.load import load_sources
from site_gen.model import Site
from tests.site.built import BuiltSite

PROJECT = Path(__file__).resolve().parents[2]
# A copy of the seed article, so the tests run anywhere; checked against the original when it is beside us.
ARTICLE = Path(__file__).parent / "article.txt"
SEED = PROJECT.parent / "shared" / "seed" / "mobility-warm-ups-for-runners.txt"
CONTENT = PROJECT / "content"

# Every movement the article describes, as the article words it, and the drill that covers it.
ARTICLE_MOVEMENTS = {
    "five minutes of easy trotting": "easy-trotting",
    "walking lunges": "walking-lunges",
    "walking lunges with a light thoracic reach": "walking-lunge-thoracic-reach",
    "ankle skips": "ankle-skips",
    "controlled leg swings": "leg-swings-front-to-back",
    "a few lateral swings": "leg-swings-lateral",
    "marching knee lifts": "marching-knee-lifts",
    "hip rotations": "hip-rotations",
    "open- and closed-chain hip extensions": ("hip-extension-open-chain", "hip-extension-closed-chain"),
    "ankle dorsiflexion work": "ankle-dorsiflexion-rocks",
    "flex and point the foot": "seated-ankle-flex-point",
    "slow ankle circles": "ankle-circles",
    "resisted dorsiflexion with a light towel or band": "resisted-dorsiflexion",
    "calf raises on a step": "calf-raises-step",
    "gently rock the pelvis forward and backward": "tall-kneeling-pelvic-rocks",
    "a knee drive drill": "knee-drive-drill",
    "Pelvic tilts": "pelvic-tilts",
    "bridges": "glute-bridges",
    "marching bridges": "marching-bridges",
    "rotate the torso gently from side to side while keeping the hips steady": "standing-thoracic-rotation",
    "arm circles": "arm-circles",
    "thoracic openers": "thoracic-openers",
    "gentle mobility holds and deep breathing": "diaphragmatic-breathing",
    "diaphragmatic breathing": "diaphragmatic-breathing",
    "strides": "strides",
    "pick up to a brisk walk or light jog": "strides",
    "ankle pumps": "ankle-pumps",
    "hip circles": "hip-circles",
    "light hamstring stretches": "light-hamstring-stretch",
}

# Numbers the article itself states (and how prose may spell them).
ARTICLE_NUMBERS = {"five", "5", "20", "15", "10", "19", "2025", "3"}
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "hundred"]
NUMBER = re.compile(r"\b(\d+(?:[.,]\d+)?%?|" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
SOURCE_LINK = re.compile(r"\]\(https://[^)]+\)")
# "Finish with gentle in place mobility, including ankle pumps, hip circles, and light hamstring stretches."
ARTICLE_COOL_DOWN = {"ankle-pumps", "hip-circles", "light-hamstring-stretch"}
RUN_SESSIONS = ("easy-run", "workout", "race-day")  # the sessions that are a run; cross-training is not


@pytest.fixture(scope="module")
def site() -> Site:
    site, problems = Builder(CONTENT, PurePosixPath("content")).read()
    assert problems == (), "\n".join(map(str, problems))
    assert site is not None
    return site


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not beside this checkout")
def test_the_article_copy_is_the_seed() -> None:
    assert ARTICLE.read_bytes() == SEED.read_bytes()


def test_every_movement_of_the_article_has_a_drill(site: Site) -> None:
    article = " ".join(ARTICLE.read_text(encoding="utf-8").split()).lower()
    drills = {drill.slug for drill in site.drills}
    for phrase, slugs in ARTICLE_MOVEMENTS.items():
        assert phrase.lower() in article, f"'{phrase}' is not the article's wording"
        for slug in (slugs,) if isinstance(slugs, str) else slugs:
            assert slug in drills, f"the article's '{phrase}' has no drill ({slug})"


def test_every_drill_offers_a_real_choice_of_easier_and_harder(site: Site) -> None:
    # Validation asks for both; that they differ is the guide's promise.
    same = [drill.slug for drill in site.drills if drill.easier.casefold() == drill.harder.casefold()]
    assert same == [], f"easier and harder are the same: {same}"


def test_every_drill_is_in_a_routine(site: Site) -> None:
    """A drill no routine uses is never done at the track: each article movement reaches a runner."""
    used = {step.drill for routine in site.routines for step in routine.steps}
    assert sorted(drill.slug for drill in site.drills if drill.slug not in used) == []


def _missing_cells(site: Site) -> list[str]:
    """Each distance x level x session of site.yaml that no routine covers, as 'distance level session'."""
    covered = {(distance, level, routine.session)
               for routine in site.routines for distance in routine.distances for level in routine.levels}
    return [f"{distance.slug} {level.slug} {session.slug}"
            for distance in site.settings.distances for level in site.settings.levels
            for session in site.settings.sessions if (distance.slug, level.slug, session.slug) not in covered]


def test_every_distance_has_a_routine_for_every_level_and_session(site: Site) -> None:
    """Every cell of the guide: a runner who picks any distance, level and session finds a routine.

    Validation checks each routine alone; only here is a missing file (say 10k-workout-beginner) an error.
    """
    assert _missing_cells(site) == []


def test_a_removed_routine_leaves_its_cell_missing(site: Site) -> None:
    without = replace(site, routines=tuple(r for r in site.routines if r.slug != "10k-workout-beginner"))
    assert _missing_cells(without) == ["10k beginner workout"]
    without = replace(site, routines=tuple(r for r in site.routines if r.session != "cool-down"))
    assert len(_missing_cells(without)) == len(site.settings.distances) * len(site.settings.levels)


def test_routines_before_a_run_start_easy_and_end_with_strides(site: Site) -> None:
    """The article's sequence: begin with a light cardiovascular base, carry strides into the run.

    Validation holds the phases in order; it does not ask that a routine start or end anywhere.
    """
    phase_of = {drill.slug: drill.phase for drill in site.drills}
    for routine in site.routines:
        if routine.session == "cool-down":
            continue
        assert phase_of[routine.steps[0].drill] == "pulse-raiser", f"{routine.slug} starts cold"
        if routine.session in RUN_SESSIONS:
            assert routine.steps[-1].drill == "strides", f"{routine.slug} does not end with strides"


def test_the_cool_down_is_the_articles_gentle_in_place_mobility(site: Site) -> None:
    phase_of = {drill.slug: drill.phase for drill in site.drills}
    cool_downs = [routine for routine in site.routines if routine.session == "cool-down"]
    assert cool_downs, "no cool-down routine"
    for routine in cool_downs:
        drills = {step.drill for step in routine.steps}
        assert drills >= ARTICLE_COOL_DOWN, f"{routine.slug} leaves out {sorted(ARTICLE_COOL_DOWN - drills)}"
        assert {phase_of[slug] for slug in drills} == {"cool-down"}, f"{routine.slug} is not all cool-down drills"


def _prose_paragraphs() -> list[tuple[str, str]]:
    sources, _ = load_sources(CONTENT, PurePosixPath("content"))
    paragraphs = []
    for source in sources:
        if source.kind in ("drill", "page"):
            body = source.text.split("\n---\n", 1)[1]
            paragraphs += [(str(source.path), p) for p in re.split(r"\n\s*\n", body) if p.strip()]
    return paragraphs


def test_prose_states_no_number_beyond_the_article_unless_it_names_a_source() -> None:
    unsupported = []
    for path, paragraph in _prose_paragraphs():
        if SOURCE_LINK.search(paragraph):
            continue  # a number beside a named, linked source is allowed
        for number in NUMBER.findall(paragraph):
            if number.lower() not in ARTICLE_NUMBERS:
                unsupported.append(f"{path}: '{number}' in: {paragraph.strip()[:80]}")
    assert unsupported == []


def test_the_number_rule_catches_an_invented_figure() -> None:
    assert NUMBER.findall("Hold for 30 seconds, then twelve more.") == ["30", "twelve"]
    assert not SOURCE_LINK.search("Hold for 30 seconds.")


def test_the_build_has_a_page_for_everything(site: Site, shipped_site: BuiltSite) -> None:
    paths = {path.relative_to(shipped_site.root).as_posix() for path in shipped_site.root.rglob("*") if path.is_file()}
    expected = {"index.html", "drills/index.html", "log/index.html", "404.html", "sitemap.xml"}
    expected |= {f"drills/{d.slug}/index.html" for d in site.drills}
    expected |= {f"routines/{r.slug}/index.html" for r in site.routines}
    expected |= {f"routines/{r.slug}/card/index.html" for r in site.routines}
    expected |= {f"distances/{d.slug}/index.html" for d in site.settings.distances}
    expected |= {f"distances/{d.slug}/cards-{paper}/index.html" for d in site.settings.distances for paper in ("a4", "letter")}
    expected |= {f"{p.slug}/index.html" for p in site.pages}
    assert sorted(expected - paths) == []
    assert {p.slug for p in site.pages} >= {"how-to-use", "tailoring", "safety", "cool-down", "tracking-progress",
                                           "printing", "about"}
