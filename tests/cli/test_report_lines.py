"""The text report: one line per problem (and its hint), whatever the content holds."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from site_gen.errors import Location, Problem, format_github, format_text

FORGED = "hips\ncontent/site.yaml:1:1: forged\n::error file=README.md,line=1::forged"


def test_a_value_with_line_breaks_stays_on_its_line() -> None:
    problem = Problem(Location(PurePosixPath("content/drills/a.md"), 5, 9), f"unknown zone '{FORGED}'",
                      "did you mean 'hips'?\r\x1b[2J\u2028\u202e")

    report = format_text([problem])

    assert report.splitlines() == [
        r"content/drills/a.md:5:9: unknown zone 'hips\ncontent/site.yaml:1:1: forged\n::error file=README.md,line=1::forged'",
        r"  hint: did you mean 'hips'?\r\x1b[2J\u2028\u202e",
        "1 error",
    ]


def test_no_report_line_starts_a_workflow_command() -> None:
    problem = Problem(Location(PurePosixPath("::error file=x::y/drills/a.md"), 1), "the body is empty")

    assert format_text([problem]).splitlines()[0] == "./::error file=x::y/drills/a.md:1: the body is empty"


def test_github_format_keeps_one_annotation_per_problem() -> None:
    problem = Problem(Location(PurePosixPath("content/drills/a\nb.md"), 1), f"unknown zone '{FORGED}'", "x\x1b")

    assert format_github([problem]).splitlines() == [
        (r"::error file=content/drills/a\nb.md,line=1::unknown zone 'hips\ncontent/site.yaml:1:1: forged"
        r"\n::error file=README.md,line=1::forged'%0Ahint: x\x1b")]


def test_a_file_name_with_a_newline_is_one_report_line(site_copy: Path, run) -> None:
    (site_copy / "drills" / "evil\n::error file=README.md,line=1::x.md").write_text("---\ntitle: x\n---\n")

    result = run("check")

    assert result.code == 1
    lines = result.out.splitlines()
    assert all(line.startswith(("content/drills/", "  hint: ")) for line in lines[:-1])
    named = [line for line in lines if "evil" in line and not line.startswith("  hint: ")]
    assert named and all(line.startswith(r"content/drills/evil\n::error file=README.md,line=1::x.md:") for line in named)
    assert lines[-1] == f"{len(named)} errors"
