"""The shipped guide: faithful to the article, complete for every distance, and every page built."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest

from site_gen.builder import Builder
from site_gen.load import load_sources
from site_gen.model import Site

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


def test_every_drill_carries_cues_variants_and_a_stop_line(site: Site) -> None:
    for drill in site.drills:
        assert drill.cues and drill.mistakes and drill.easier and drill.harder and drill.stop_if, drill.slug
        assert drill.easier != drill.harder, drill.slug


def test_every_distance_has_beginner_experienced_and_race_day_routines(site: Site) -> None:
    for distance in site.settings.distances:
        routines = [r for r in site.routines if distance.slug in r.distances]
        assert any("beginner" in r.levels for r in routines), distance.slug
        assert any("experienced" in r.levels for r in routines), distance.slug
        race_days = [r for r in routines if r.session == "race-day"]
        assert {level for r in race_days for level in r.levels} >= {"beginner", "experienced"}, distance.slug
    sessions = {r.session for r in site.routines}
    assert sessions == {term.slug for term in site.settings.sessions}


def test_every_routines_minutes_add_up(site: Site) -> None:
    for routine in site.routines:
        total = sum(step.seconds for step in routine.steps)
        assert abs(routine.minutes * 60 - total) <= 30, f"{routine.slug}: {routine.minutes} min vs {total} s"


def test_routines_follow_the_articles_sequence(site: Site) -> None:
    order = [term.slug for term in site.settings.phases]
    phase_of = {drill.slug: drill.phase for drill in site.drills}
    for routine in site.routines:
        phases = [order.index(phase_of[step.drill]) for step in routine.steps]
        assert phases == sorted(phases), routine.slug
        if routine.session != "cool-down":
            assert phase_of[routine.steps[0].drill] == "pulse-raiser", routine.slug


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


def test_the_build_has_a_page_for_everything(site: Site) -> None:
    files, problems = Builder(CONTENT, PurePosixPath("content")).render()
    assert problems == ()
    paths = {file.path for file in files}
    expected = {"index.html", "drills/index.html", "log/index.html", "404.html", "sitemap.xml"}
    expected |= {f"drills/{d.slug}/index.html" for d in site.drills}
    expected |= {f"routines/{r.slug}/index.html" for r in site.routines}
    expected |= {f"routines/{r.slug}/card/index.html" for r in site.routines}
    expected |= {f"distances/{d.slug}/index.html" for d in site.settings.distances}
    expected |= {f"distances/{d.slug}/cards-{paper}/index.html" for d in site.settings.distances for paper in ("a4", "letter")}
    expected |= {f"{p.slug}/index.html" for p in site.pages}
    assert expected <= paths
    assert {p.slug for p in site.pages} >= {"how-to-use", "tailoring", "safety", "cool-down", "tracking-progress",
                                           "printing", "about"}
