"""A template that fails is reported at its own file and line, not as a traceback into Jinja."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pytest

from site_gen.builder import TEMPLATES, Builder
from site_gen.plan import plan_pages
from site_gen.render import TemplateFault, make_environment, render_page
from tests.conftest import FIXTURE_SITE


def _render_drill(templates: Path) -> None:
    site, _ = Builder(FIXTURE_SITE, PurePosixPath("content")).read()
    assert site is not None
    pages, _ = plan_pages(site)
    page = next(p for p in pages if p.template == "drill.html")
    environment = make_environment(templates, {})
    environment.globals["asset"] = lambda name: f"/assets/{name}"
    render_page(environment, page, site.settings.base_url)


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES, copy)
    text = (copy / name).read_text()
    assert old in text
    (copy / name).write_text(text.replace(old, new, 1))
    return copy


def _line_of(templates: Path, name: str, text: str) -> int:
    return next(number for number, line in enumerate((templates / name).read_text().splitlines(), 1) if text in line)


def test_an_undefined_variable_points_at_the_line_that_uses_it(tmp_path: Path) -> None:
    templates = _broken(tmp_path, "drill.html", "{{ drill.stop_if }}", "{{ drill.stop_if }}{{ no_such_value }}")
    with pytest.raises(TemplateFault) as raised:
        _render_drill(templates)
    line = _line_of(templates, "drill.html", "no_such_value")
    assert line > 1
    assert str(raised.value.problem).startswith(f"templates/drill.html:{line}: 'no_such_value' is undefined")


def test_an_undefined_variable_in_a_macro_points_at_the_macro_s_file(tmp_path: Path) -> None:
    templates = _broken(tmp_path, "macros/routine_table.html", "{{ link.title }}", "{{ link.titel }}")
    with pytest.raises(TemplateFault) as raised:
        _render_drill(templates)
    line = _line_of(templates, "macros/routine_table.html", "link.titel")
    assert str(raised.value.problem).startswith(f"templates/macros/routine_table.html:{line}: ")


def test_a_syntax_error_points_at_its_line(tmp_path: Path) -> None:
    templates = _broken(tmp_path, "drill.html", "{% endfor %}", "{% endfro %}")
    with pytest.raises(TemplateFault) as raised:
        _render_drill(templates)
    line = _line_of(templates, "drill.html", "endfro")
    assert str(raised.value.problem).startswith(f"templates/drill.html:{line}: ")


def test_a_build_reports_a_broken_template_at_its_line_and_writes_nothing(tmp_path: Path) -> None:
    templates = _broken(tmp_path, "drill.html", "{{ drill.stop_if }}", "{{ drill.stop_if }}{{ no_such_value }}")
    line = _line_of(templates, "drill.html", "no_such_value")
    result = Builder(FIXTURE_SITE, PurePosixPath("content"), templates).build(tmp_path / "site")
    assert [str(problem).split(" (rendering")[0] for problem in result.problems] == [
        f"templates/drill.html:{line}: 'no_such_value' is undefined"]
    assert not (tmp_path / "site").exists()


def test_a_link_a_template_writes_to_no_page_is_reported_at_the_line_that_writes_it(tmp_path: Path) -> None:
    templates = _broken(tmp_path, "routine.html", "Printable card</a></p>",
                        'Printable card</a></p>\n<p><a href="/drills/leg-swings-front-to-bak/">Leg swings</a></p>')
    line = _line_of(templates, "routine.html", "leg-swings-front-to-bak")
    result = Builder(FIXTURE_SITE, PurePosixPath("content"), templates).check()
    assert {str(problem).split(": page ")[0] for problem in result.problems} == {f"templates/routine.html:{line}"}
