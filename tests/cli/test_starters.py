"""A starter is not content: `check` refuses exactly the placeholders `new` wrote, each at its line, all at once."""

from __future__ import annotations

from pathlib import Path

from site_gen.content_format import DRILL, PAGE, ROUTINE
from site_gen.errors import Location
from site_gen.validate.starters import field_starter

EXPECTED = Path(__file__).parent / "starters" / "expected.txt"


def _new_drill_routine_and_page(run) -> None:
    for kind, slug in (("drill", "hip-circles"), ("routine", "my-routine"), ("page", "my-page")):
        assert run("new", kind, slug).code == 0


def test_check_lists_every_starter_text_of_every_new_file_at_its_line(site_copy: Path, run) -> None:
    # One `new` after another: a starter written a minute ago does not refuse the next.
    _new_drill_routine_and_page(run)
    result = run("check")
    assert (result.code, result.out) == (1, EXPECTED.read_text())


def test_the_expected_lines_point_at_the_starter_texts(site_copy: Path, run) -> None:
    """Each reported line and column is where the placeholder starts in the file `new` wrote."""
    _new_drill_routine_and_page(run)
    for line in EXPECTED.read_text().splitlines():
        if line.startswith("content/"):
            path, number, column, message = line.split(":", 3)
            quoted = message.split("still the starter text: '", 1)[1][:-1]
            written = Path(path).read_text().splitlines()[int(number) - 1]
            assert written[int(column) - 1:].startswith(quoted)


def test_replacing_every_starter_text_leaves_a_clean_site_that_builds(site_copy: Path, run) -> None:
    _new_drill_routine_and_page(run)
    starters = [field.starter for document in (DRILL, ROUTINE, PAGE) for field in document.fields if field.starter]
    bodies = [line for document in (DRILL, PAGE) for line in document.starter_body.splitlines()
              if line and not line.startswith("#")]
    for path in (site_copy / "drills" / "hip-circles.md", site_copy / "routines" / "my-routine.yaml",
                 site_copy / "pages" / "my-page.md"):
        text = path.read_text()
        for number, starter in enumerate(sorted(starters + bodies, key=len, reverse=True)):
            text = text.replace(starter, f"Written by hand, number {number}")
        path.write_text(text)
    assert run("check").out.startswith("content is clean")
    assert run("build").code == 0
    assert "Written by hand" in Path("_site/drills/hip-circles/index.html").read_text()


def test_a_starter_text_spread_over_lines_is_still_refused(site_copy: Path, run) -> None:
    drill = site_copy / "drills" / "strides.md"
    text = drill.read_text()
    start = text.index("\nstop_if:") + 1
    end = text.index("\n", start)
    drill.write_text(text[:start] + "stop_if: >\n  Say when\n  to stop at once" + text[end:])
    result = run("check")
    line = text[:start].count("\n") + 1
    assert result.out == (f"content/drills/strides.md:{line}:10: still the starter text: 'Say when to stop at once'\n"
                          "  hint: replace it with your own words; 'stop_if' is: When to stop the drill at once.\n"
                          "1 error\n")


def test_only_the_declared_starter_of_that_field_is_refused() -> None:
    at = Location(Path("content/drills/x.md"), 3, 1)  # type: ignore[arg-type]
    stop_if, summary = DRILL.field("stop_if"), DRILL.field("summary")
    assert field_starter(stop_if, "Say when to stop at once", at) is not None
    # Another field's starter, the declared example (a real value) and a sentence that only begins alike: content.
    assert field_starter(summary, "Say when to stop at once", at) is None
    assert field_starter(stop_if, stop_if.example, at) is None
    assert field_starter(stop_if, "Say when to stop at once: sharp pain in the knee", at) is None
    assert field_starter(DRILL.field("title"), "Anything", at) is None  # a field without a starter


def test_an_optional_text_without_a_placeholder_is_offered_commented_out(site_copy: Path, run) -> None:
    # Written as is, strides' parts would pass check and pace any new drill as strides.
    assert run("new", "drill", "hip-circles").code == 0
    lines = Path("content/drills/hip-circles.md").read_text().splitlines()
    assert [line.split(":")[0] for line in lines if "parts:" in line] == ["# parts"]
