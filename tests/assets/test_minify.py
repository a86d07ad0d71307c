"""Scripts ship minified (site_gen/assets.py): smaller, the same bytes every build, and meaning the same."""

from __future__ import annotations

import re

import pytest

from site_gen.assets import fingerprint_assets, load_assets, minified
from tests.site.built import PROJECT

SCRIPTS = sorted((PROJECT / "assets" / "js").glob("*.js"))
# A template literal with no template literal inside it: rjsmin keeps such text exactly, but
# it takes a nested one (`a ${b ? `c, d` : e}`) for code and squeezes its spaces.
_TEMPLATE = re.compile(r"`[^`]*`")


@pytest.mark.parametrize("script", SCRIPTS, ids=[path.name for path in SCRIPTS])
def test_every_template_literal_and_string_survives_minifying(script) -> None:
    source = script.read_text(encoding="utf-8")
    shipped = minified(script.name, source.encode()).decode()
    lost = [text for text in _TEMPLATE.findall(source) if text not in shipped]
    assert not lost, f"{script.name}: minifying changed {lost[:3]}: nested template literals? use + instead"
    assert len(shipped) < len(source) * 0.9


def test_minified_scripts_are_what_is_named_and_written_and_the_rest_is_untouched() -> None:
    files = load_assets(PROJECT / "assets")
    paths, rendered = fingerprint_assets(files)
    written = {file.url: file.content for file in rendered}
    assert written[paths["js/routine.js"]] == minified("routine.js", files["js/routine.js"])
    assert written[paths["js/routine.js"]] != files["js/routine.js"]
    assert written[paths["css/site.css"]] == files["css/site.css"]
    assert fingerprint_assets(files) == (paths, rendered)  # deterministic


def test_comments_go_and_code_stays() -> None:
    assert minified("x.js", b"// why\nconst a = 1; /* more */\nlet b = `x, ${a}`;\n") == b"const a=1;let b=`x, ${a}`;"
