"""The one configured Markdown renderer, and our rules for links in content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import Location, Problem, did_you_mean

# Raw HTML off: content is untrusted and must never inject markup or scripts.
_md = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["table", "strikethrough", "replacements"])

# Links between content files are written "drill:slug", "routine:slug" or "page:slug";
# each becomes the site path of that page.
LINK_SCHEMES = ("drill", "routine", "page")
EXTERNAL = ("https://", "http://", "mailto:")


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    problems: tuple[Problem, ...]


def render_markdown(text: str, file: PurePosixPath, first_line: int,
                    targets: Mapping[str, Mapping[str, str]]) -> Rendered:
    """HTML for a Markdown body; `targets[scheme][slug]` is the site path a content link points to."""
    tokens = _md.parse(text)
    problems: list[Problem] = []
    lines = text.split("\n")
    for block in tokens:
        if block.type == "heading_open" and block.tag == "h1":
            problems.append(Problem(_line(block, first_line, file), "a '# heading' in the body competes with the page title",
                                    "start body headings at '##'"))
        for token in block.children or ():
            at = _line(block, first_line, file)
            if token.type == "image":
                problems.append(Problem(at, "images are not supported in content yet", "describe the movement in words"))
            elif token.type == "link_open":
                href = str(token.attrGet("href") or "")
                at = _find(href, block, lines, first_line, file)
                resolved, problem = _resolve(href, at, targets)
                if problem:
                    problems.append(problem)
                else:
                    token.attrSet("href", resolved)
    return Rendered(_md.renderer.render(tokens, _md.options, {}), tuple(problems))


def _resolve(href: str, at: Location, targets: Mapping[str, Mapping[str, str]]) -> tuple[str, Problem | None]:
    if href.startswith(EXTERNAL):
        return href, None
    scheme, _, slug = href.partition(":")
    if scheme in targets and _:
        if slug in targets[scheme]:
            return targets[scheme][slug], None
        return href, Problem(at, f"link to unknown {scheme} '{slug}'", did_you_mean(slug, targets[scheme], f"{scheme}s"))
    return href, Problem(at, f"link '{href}' is neither a content link nor a web address",
                         "link content as drill:SLUG, routine:SLUG or page:SLUG, and the web as https://...")


def _line(block: Token, first_line: int, file: PurePosixPath) -> Location:
    return Location(file, first_line + (block.map[0] if block.map else 0))


def _find(href: str, block: Token, lines: list[str], first_line: int, file: PurePosixPath) -> Location:
    # Inline tokens carry no line of their own: find the link's target in the block's lines.
    start, end = block.map if block.map else (0, len(lines))
    for index in range(start, end):
        column = lines[index].find(f"]({href}")
        if column >= 0:
            return Location(file, first_line + index, column + 3)
    return Location(file, first_line + start)


def render_body(body: str, file: PurePosixPath, first_line: int, targets: Mapping[str, Mapping[str, str]],
                what_goes_there: str) -> Rendered:
    """A Markdown body below front matter, which must say something: `what_goes_there` is the hint if not."""
    rendered = render_markdown(body, file, first_line, targets)
    if body.strip():
        return rendered
    return Rendered(rendered.html, (*rendered.problems, Problem(Location(file, first_line), "the body is empty",
                                                                   what_goes_there)))
