"""Did-you-mean hints: the same answers for a few names, one index and no full search for many."""

from __future__ import annotations

import time

from site_gen.errors import did_you_mean

DRILLS = [f"drill-{i:05d}" for i in range(4000)]


def test_a_few_names_are_all_weighed() -> None:
    assert did_you_mean("Dynamic-Drill", ["pulse-raiser", "dynamic-drills", "strides"]) == "did you mean 'dynamic-drills'?"
    assert did_you_mean("legswing", ["leg-swings", "strides"]) == "did you mean 'leg-swings'?"
    assert did_you_mean("towel", ["wall"], "equipment words") == "known equipment words: wall"


def test_many_names_suggest_the_one_an_edit_away() -> None:
    assert did_you_mean("drill-00001x", DRILLS, "drills") == "did you mean 'drill-00001'?"
    assert did_you_mean("drlil-03999", DRILLS, "drills") == "did you mean 'drill-03999'?"  # two letters swapped
    assert did_you_mean("DRILL-03999", DRILLS, "drills") == "did you mean 'drill-03999'?"
    assert did_you_mean("drill-3999x", DRILLS, "drills") == "did you mean 'drill-03999'?"  # two edits, one each way
    assert did_you_mean("hamstring-curl", DRILLS, "drills") == (
        "known drills: " + ", ".join(DRILLS[:12]) + ", ...")


def test_many_unknown_words_among_many_names_take_no_full_search_each() -> None:
    started = time.process_time()
    hints = [did_you_mean(f"drill-{i:05d}x", DRILLS, "drills") for i in range(300)]
    # A full search of 4,000 names for each word takes ten times longer than this allows.
    assert time.process_time() - started < 3
    assert hints[123] == "did you mean 'drill-00123'?"
