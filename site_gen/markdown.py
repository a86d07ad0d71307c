"""The one configured Markdown renderer, and our rules for links in content."""

from __future__ import annotations

import bisect
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
# Past this many different unknown slugs in one file the rest are reported without a
# did-you-mean: each search weighs many names, and a file of typos must still check fast.
SUGGESTIONS_PER_FILE = 20


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
    searched: set[str] = set()  # unknown slugs of this file given a did-you-mean so far
    for block in tokens:
        if block.type == "heading_open" and block.tag == "h1":
            problems.append(Problem(_line(block, first_line, file), "a '# heading' in the body competes with the page title",
                                    "start body headings at '##'"))
        source = _BlockSource(lines, block)
        for token in block.children or ():
            at = _line(block, first_line, file)
            if token.type == "image":
                problems.append(Problem(at, "images are not supported in content yet", "describe the movement in words"))
            elif token.type == "link_open":
                href = str(token.attrGet("href") or "")
                at = source.find(href, first_line, file)
                resolved, problem = _resolve(href, at, targets, searched)
                if problem:
                    problems.append(problem)
                else:
                    token.attrSet("href", resolved)
    return Rendered(_md.renderer.render(tokens, _md.options, {}), tuple(problems))


def _resolve(href: str, at: Location, targets: Mapping[str, Mapping[str, str]],
             searched: set[str]) -> tuple[str, Problem | None]:
    if href.startswith(EXTERNAL):
        return href, None
    scheme, _, slug = href.partition(":")
    if scheme in targets and _:
        if slug in targets[scheme]:
            return targets[scheme][slug], None
        hint = f"no suggestion: this file links to over {SUGGESTIONS_PER_FILE} different unknown slugs"
        if slug in searched or len(searched) < SUGGESTIONS_PER_FILE:  # a slug searched before costs nothing
            searched.add(slug)
            hint = did_you_mean(slug, targets[scheme], f"{scheme}s")
        return href, Problem(at, f"link to unknown {scheme} '{slug}'", hint)
    return href, Problem(at, f"link '{href}' is neither a content link nor a web address",
                         "link content as drill:SLUG, routine:SLUG or page:SLUG, and the web as https://...")


def _line(block: Token, first_line: int, file: PurePosixPath) -> Location:
    return Location(file, first_line + (block.map[0] if block.map else 0))


class _BlockSource:
    """A block's lines, searched for its links in order: inline tokens carry no line of their own.

    Each search starts where the last one found its link, so a block of many links is read
    once, not once per link; the text is joined lazily, for blocks that have links.
    """

    __slots__ = ("lines", "start", "end", "text", "starts", "cursor")

    def __init__(self, lines: list[str], block: Token) -> None:
        self.lines = lines
        self.start, self.end = block.map if block.map else (0, len(lines))
        self.text = ""
        self.starts: list[int] = []  # offset of each line in `text`
        self.cursor = 0

    def find(self, href: str, first_line: int, file: PurePosixPath) -> Location:
        """Where the link to `href` is written; the block's first line when its text is not found as written."""
        if not self.starts:
            block_lines = self.lines[self.start:self.end]
            self.text = "\n".join(block_lines)
            offset = 0
            for line in block_lines:
                self.starts.append(offset)
                offset += len(line) + 1
        found = self.text.find(f"]({href}", self.cursor)
        if found < 0:
            return Location(file, first_line + self.start)
        self.cursor = found + 1
        index = bisect.bisect_right(self.starts, found) - 1
        return Location(file, first_line + self.start + index, found - self.starts[index] + 3)


def render_body(body: str, file: PurePosixPath, first_line: int, targets: Mapping[str, Mapping[str, str]],
                what_goes_there: str) -> Rendered:
    """A Markdown body below front matter, which must say something: `what_goes_there` is the hint if not."""
    rendered = render_markdown(body, file, first_line, targets)
    if body.strip():
        return rendered
    return Rendered(rendered.html, (*rendered.problems, Problem(Location(file, first_line), "the body is empty",
                                                                   what_goes_there)))
