"""The link check: every internal link and anchor resolves, whichever page it is on."""

from __future__ import annotations

from site_gen.check import LinkScan, check_links, element_ids
from site_gen.render import RenderedFile

PATHS = {"index.html", "drills/a/index.html", "drills/b/index.html", "routines/r/index.html", "assets/site.css"}
TEMPLATES = {"/drills/a/": "drill.html", "/drills/b/": "drill.html", "/routines/r/": "routine.html", "/": "home.html"}


def _page(url: str, body: str) -> RenderedFile:
    path = url.strip("/") + "/index.html" if url != "/" else "index.html"
    return RenderedFile(url, path, f"<html><body>{body}</body></html>".encode())


def _messages(*pages: RenderedFile, ids: dict[str, set[str]] | None = None) -> list[str]:
    ids = ids or {}
    return [str(problem) for problem in check_links(map(LinkScan(PATHS).scan, pages), ids.__getitem__, TEMPLATES)]


def test_the_same_link_resolves_from_each_page_s_own_folder() -> None:
    # "../b/" is the drill b next to drill a, but nothing next to the routine.
    assert _messages(_page("/drills/a/", '<a href="../b/">b</a>'), _page("/routines/r/", '<a href="../b/">b</a>')) == [
        "templates/routine.html:1: page /routines/r/ links to ../b/, which is not part of the site"]


def test_a_link_that_climbs_above_the_site_is_reported_on_the_page_it_is_on() -> None:
    assert _messages(_page("/drills/a/", '<link href="../../assets/site.css">'),
                     _page("/drills/b/", '<link href="../../assets/site.css">'),
                     _page("/", '<link href="../../assets/site.css">')) == [
        "templates/home.html:1: page / links to ../../assets/site.css, which is not part of the site"]


def test_anchors_are_checked_against_pages_rendered_later_in_the_stream() -> None:
    later = _page("/drills/b/", '<h2 id="how">How</h2>')
    ids = {"drills/b/index.html": element_ids(later.content)}
    pages = (_page("/drills/a/", '<a href="../b/#how">how</a> <a href="../b/#why">why</a>'), later)
    assert _messages(*pages, ids=ids) == [
        "templates/drill.html:1: page /drills/a/ links to #why on drills/b/index.html, which has no such id"]


def test_escaped_links_are_resolved_and_external_ones_left_alone() -> None:
    assert _messages(_page("/drills/a/", '<a href="%2e%2e/b/">b</a> <a href="%2e%2e/nope/">nope</a> '
                                         '<a href="https://example.org/x">x</a> '
                                         '<a href="mailto:a@example.org">m</a> <a href="#top" id="top">top</a>')) == [
        "templates/drill.html:1: page /drills/a/ links to %2e%2e/nope/, which is not part of the site"]


def test_the_404_page_s_links_resolve_under_a_base_path_with_escapes() -> None:
    # A base path written with %XX escapes: '/my%20guide/drills/a/' is drills/a/ of the site.
    missing = RenderedFile("/404.html", "404.html",
                           b'<a href="/my%20guide/drills/a/">a</a> <a href="/my%20guide/drills/c/">c</a>'
                           b' <a href="/elsewhere/drills/b/">b</a>')
    assert [str(p) for p in check_links([LinkScan(PATHS, "/my%20guide/").scan(missing)], {}.__getitem__,
                                        {"/404.html": "404.html"})] == [
        "templates/404.html:1: page /404.html links to /my%20guide/drills/c/, which is not part of the site",
        "templates/404.html:1: page /404.html links to /elsewhere/drills/b/, which is not part of the site"]


def test_a_broken_link_written_by_a_template_is_reported_at_its_line() -> None:
    sources = {"routine.html": '{% extends "base.html" %}\n<p>\n<a href="/drills/gone/">gone</a>\n',
               "macros/more.html": '{% macro more() %}<a href="{{ url }}#nowhere">more</a>{% endmacro %}\n',
               "drill.html": "<h2>How</h2>\n"}
    pages = [_page("/routines/r/", '<a href="../../drills/gone/">gone</a>'),
             _page("/drills/b/", '<a href="../a/#nowhere">more</a>')]
    ids = {"drills/a/index.html": set()}
    assert [str(problem) for problem in check_links(map(LinkScan(PATHS).scan, pages), ids.__getitem__, TEMPLATES,
                                                    lambda: sources)] == [
        "templates/routine.html:3: page /routines/r/ links to ../../drills/gone/, which is not part of the site",
        "templates/macros/more.html:1: page /drills/b/ links to #nowhere on drills/a/index.html, which has no such id"]


def test_only_href_and_src_attributes_are_links_and_only_id_attributes_are_anchors() -> None:
    # 'data-href' and 'data-id' are data, not a link or an anchor; an attribute on its own line still counts.
    page = _page("/drills/a/", '<a data-href="nope/">x</a> <a\nhref="../b/#how">b</a> <img\tsrc="gone.png" alt="">'
                               '<p data-id="how">')
    assert element_ids(b'<p data-id="how"><h2\nid="why">') == {"why"}
    assert _messages(page, ids={"drills/b/index.html": set()}) == [
        "templates/drill.html:1: page /drills/a/ links to gone.png, which is not part of the site",
        "templates/drill.html:1: page /drills/a/ links to #how on drills/b/index.html, which has no such id"]


def test_a_page_s_links_into_itself_are_checked_against_its_own_ids_where_it_is_scanned() -> None:
    # No other page's ids are asked for: the page at hand has them, in whichever process rendered it.
    page = _page("/drills/a/", '<a href="#how">how</a> <a href="./#why">why</a> <h2 id="how">How</h2>')
    links = LinkScan(PATHS).scan(page)
    assert links.anchors == ()
    assert [str(problem) for problem in check_links([links], {}.__getitem__, TEMPLATES)] == [
        "templates/drill.html:1: page /drills/a/ links to #why on drills/a/index.html, which has no such id"]
