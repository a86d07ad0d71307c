"""Every site path a template writes becomes relative to its page, and nothing else changes."""

from __future__ import annotations

from pathlib import Path

from site_gen.plan import PlannedPage
from site_gen.render import make_environment, render_page

MARKUP = ('<a href="/drills/a/">a</a> <a\nhref="/">home</a> <form action="/log/"></form> <body data-root="/">'
          '<img src="/images/x-480.jpg" srcset="/images/x-480.jpg 480w, /images/x-960.jpg 960w" alt="">'
          '<a data-href="/drills/a/">data</a> <a href="https://e.example/x">web</a> <a href="#top">top</a>')


def _rendered(tmp_path: Path, url: str, base_url: str = "https://e.example/guide/") -> str:
    (tmp_path / "page.html").write_text(MARKUP, encoding="utf-8")
    page = PlannedPage(url, "page.html", {}, ())
    return render_page(make_environment(tmp_path, {}), page, base_url).content.decode("utf-8")


def test_site_paths_in_href_src_action_data_root_and_srcset_become_relative_to_the_page(tmp_path: Path) -> None:
    assert _rendered(tmp_path, "/drills/b/") == (
        '<a href="../../drills/a/">a</a> <a\nhref="../../">home</a> <form action="../../log/"></form> <body data-root="../../">'
        '<img src="../../images/x-480.jpg" srcset="../../images/x-480.jpg 480w, ../../images/x-960.jpg 960w" alt="">'
        '<a data-href="/drills/a/">data</a> <a href="https://e.example/x">web</a> <a href="#top">top</a>')


def test_the_404_page_keeps_site_paths_absolute_under_the_base_path(tmp_path: Path) -> None:
    assert _rendered(tmp_path, "/404.html") == (
        '<a href="/guide/drills/a/">a</a> <a\nhref="/guide/">home</a> <form action="/guide/log/"></form> '
        '<body data-root="/guide/"><img src="/guide/images/x-480.jpg" '
        'srcset="/guide/images/x-480.jpg 480w, /guide/images/x-960.jpg 960w" alt="">'
        '<a data-href="/drills/a/">data</a> <a href="https://e.example/x">web</a> <a href="#top">top</a>')
