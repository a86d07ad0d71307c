"""How a step's dose and its time are worded: the one place, for the routine page and the card alike."""

from __future__ import annotations

import pytest

from site_gen.model import Dose
from site_gen.plan.pages import DoseWords, dose_words


@pytest.mark.parametrize(("dose", "seconds", "words"), [
    (Dose(30, "s"), 30, DoseWords("30 s", "")),
    (Dose(90, "s"), 90, DoseWords("1 min 30 s", "")),  # as people say it, like the minutes check's message
    (Dose(2, "min"), 120, DoseWords("2 min", "")),
    (Dose(6, "per side"), 45, DoseWords("6 per side", "about 45 s")),
    (Dose(6, "reps"), 60, DoseWords("6 reps", "about 1 min")),
    (Dose(2, "reps"), 150, DoseWords("2 reps", "about 2 min 30 s")),
    (Dose(40, "m"), 30, DoseWords("40 m", "about 30 s")),
])
def test_a_timed_dose_is_its_time_and_a_counted_one_says_how_long_it_takes(dose: Dose, seconds: int,
                                                                            words: DoseWords) -> None:
    assert dose_words(dose, seconds) == words
