"""The one configured Markdown renderer, and our rules for what content may contain.

Our rules are named core rules of the markdown-it instance, run after inline parsing:
"content_links" turns every `drill:`, `routine:` and `page:` link into the site path of its
page (reference-style links too), "content_images" turns every image written relative to
the file (`![alt](../images/x.jpg)`) into its published versions, "content_checks" refuses
what the guide cannot show.
Both report problems with the place they are written; what they need (the file, its first
line, where links may point) comes through the parse's `env`.
"""

from __future__ import annotations

import bisect
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .errors import Location, Problem, did_you_mean
from .images import SUFFIXES, TYPES, ShownImage, attributes

# Links to the web are kept as written; every other link must be a content link.
WEB_ADDRESSES = ("https://", "http://", "mailto:")
# Past this many different unknown slugs in one file the rest are reported without a
# did-you-mean: each search weighs many names, and a file of typos must still check fast.
SUGGESTIONS_PER_FILE = 20
_ENV = "stride_prep"  # the key of our Body in a parse's env
LINK_SCHEMES = ("drill", "routine", "page")
IMAGES = "image"  # the key of content/images/ in the targets: content path -> ShownImage
# Where content may point: `[scheme][slug]` -> site path for links, `[IMAGES][content path]` -> ShownImage.
Targets = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    problems: tuple[Problem, ...]


class NotedTargets(Targets):
    """Where content links may point, `[scheme][slug]` -> site path, noting each slug looked up.

    What a file's validation depended on besides its text: for each content link in it,
    whether its target existed (`noted`), as the link rule found them, reference-style links too.
    """

    __slots__ = ("noted", "paths")

    def __init__(self, paths: Targets) -> None:
        self.paths = paths
        self.noted: dict[tuple[str, str, bool], None] = {}  # ordered and without repeats

    def __getitem__(self, scheme: str) -> Mapping[str, str]:
        return _Noting(self.paths[scheme], scheme, self.noted)

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


class _Noting(Mapping[str, str]):
    """One scheme's targets; each slug asked for is noted, with whether it was there."""

    __slots__ = ("noted", "paths", "scheme")

    def __init__(self, paths: Mapping[str, str], scheme: str, noted: dict[tuple[str, str, bool], None]) -> None:
        self.paths, self.scheme, self.noted = paths, scheme, noted

    def __getitem__(self, slug: str) -> str:
        return self.paths[slug]

    def __contains__(self, slug: object) -> bool:
        found = slug in self.paths
        if isinstance(slug, str):
            self.noted[(self.scheme, slug, found)] = None
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


@dataclass(slots=True)
class _Body:
    """One parse's file, where its text starts in it, its lines, and what the rules found."""

    file: PurePosixPath
    first_line: int
    lines: list[str]
    targets: Targets
    problems: list[Problem] = field(default_factory=list)
    searched: set[str] = field(default_factory=set)  # unknown slugs given a did-you-mean so far

    def at(self, line: int, column: int = 0) -> Location:
        """A line of the text (0-based) as a place in the file."""
        return Location(self.file, self.first_line + line, column)


def _content_checks(state: StateCore) -> None:
    body: _Body = state.env[_ENV]
    for block in state.tokens:
        line = block.map[0] if block.map else 0
        if block.type == "heading_open" and block.tag == "h1":
            body.problems.append(Problem(body.at(line), "a '# heading' in the body competes with the page title",
                                         "start body headings at '##'"))


def _content_links(state: StateCore) -> None:
    body: _Body = state.env[_ENV]
    references: Mapping[str, Any] = state.env.get("references", {})
    for block in state.tokens:
        source = _BlockSource(body.lines, block)
        for token in block.children or ():
            if token.type != "link_open":
                continue
            href = str(token.attrGet("href") or "")
            label = str(token.meta.get("label", ""))
            at = _definition(body, references[label], href) if label in references else source.find(href, body)
            resolved, problem = _resolve(href, at, body)
            if problem:
                body.problems.append(problem)
            else:
                token.attrSet("href", resolved)


def _content_images(state: StateCore) -> None:
    body: _Body = state.env[_ENV]
    # Not `or {}`: an empty mapping of the images is still what notes each lookup (NotedTargets).
    found: Mapping[str, ShownImage] | None = body.targets.get(IMAGES)
    images: Mapping[str, ShownImage] = {} if found is None else found
    for block in state.tokens:
        source = _BlockSource(body.lines, block)  # apart from the links': an image may sit inside a link
        for token in block.children or ():
            if token.type == "image":
                src = str(token.attrGet("src") or "")
                # markdown-it percent-encodes the path: "<../images/a b.jpg>" becomes "../images/a%20b.jpg".
                at = source.find(src, body, f"<{unquote(src)}", unquote(src))
                if not token.content.strip():
                    body.problems.append(Problem(at, "an image needs alt text: say what it shows",
                                                 "write it between the brackets: ![Leg swing, side view](...)"))
                problem = _show_image(token, unquote(src), at, body, images)
                if problem:
                    body.problems.append(problem)


def _show_image(token: Token, src: str, at: Location, body: _Body, images: Mapping[str, ShownImage]) -> Problem | None:
    """Point `token` at the image's published versions; or the problem with the image it names."""
    written = f"image '{src}'"
    if src.startswith((*WEB_ADDRESSES, "//", "/", "data:")) or not src:
        return Problem(at, f"{written}: an image is a file in content/images/, written relative to this file",
                       "save it there and write e.g. ![Leg swing, side view](../images/leg-swings.jpg)")
    suffix = PurePosixPath(src).suffix.lower()
    if suffix not in SUFFIXES:
        return Problem(at, f"{written}: the type '{suffix or 'without a suffix'}' is not supported",
                       f"the guide takes {TYPES} (.jpg, .png, .webp)")
    path = posixpath.normpath(posixpath.join(str(body.file.parent), src))
    if path not in images:
        relative = [posixpath.relpath(known, str(body.file.parent)) for known in images]
        return Problem(at, f"{written}: no such file ({path})", did_you_mean(src, relative, "images"))
    shown = images[path]
    if shown.refusal:
        return Problem(at, f"{written}: {shown.refusal}", shown.hint)
    for name, value in attributes(shown):
        token.attrSet(name, value)
    return None


# Raw HTML off: content is untrusted and must never inject markup or scripts. Labels kept on
# reference-style links, so that the link rule can point at their definitions.
_md = MarkdownIt("commonmark", {"html": False, "typographer": True, "store_labels": True}).enable(
    ["table", "strikethrough", "replacements"])
_md.core.ruler.after("inline", "content_links", _content_links)
_md.core.ruler.after("content_links", "content_images", _content_images)
_md.core.ruler.after("content_images", "content_checks", _content_checks)


def render_markdown(text: str, file: PurePosixPath, first_line: int,
                    targets: Targets) -> Rendered:
    """HTML for a Markdown body; `targets[scheme][slug]` is the site path a content link points to."""
    body = _Body(file, first_line, text.split("\n"), targets)
    env = {_ENV: body}
    tokens = _md.parse(text, env)
    return Rendered(_md.renderer.render(tokens, _md.options, env), tuple(sorted(body.problems)))


def _resolve(href: str, at: Location, body: _Body) -> tuple[str, Problem | None]:
    if href.startswith(WEB_ADDRESSES):
        return href, None
    scheme, colon, slug = href.partition(":")
    if scheme in LINK_SCHEMES and scheme in body.targets and colon:
        targets = body.targets[scheme]
        if slug in targets:
            return targets[slug], None
        hint = f"no suggestion: this file links to over {SUGGESTIONS_PER_FILE} different unknown slugs"
        if slug in body.searched or len(body.searched) < SUGGESTIONS_PER_FILE:  # a slug searched before costs nothing
            body.searched.add(slug)
            hint = did_you_mean(slug, targets, f"{scheme}s")
        return href, Problem(at, f"link to unknown {scheme} '{slug}'", hint)
    return href, Problem(at, f"link '{href}' is neither a content link nor a web address",
                         "link content as drill:SLUG, routine:SLUG or page:SLUG, and the web as https://...")


def _definition(body: _Body, reference: Mapping[str, Any], href: str) -> Location:
    """Where a reference-style link's target is written: in its definition, `[label]: href`."""
    start, end = reference["map"]
    for index in range(start, end):
        line = body.lines[index]
        after_label = line.find("]:") + 2 if index == start else 0
        found = line.find(href, after_label)
        if found >= 0:
            return body.at(index, found + 1)
    return body.at(start)


class _BlockSource:
    """A block's lines, searched for its links in order: inline tokens carry no line of their own.

    Each search starts where the last one found its link, so a block of many links is read
    once, not once per link; the text is joined lazily, for blocks that have links.
    """

    __slots__ = ("cursor", "end", "lines", "start", "starts", "text")

    def __init__(self, lines: list[str], block: Token) -> None:
        self.lines = lines
        self.start, self.end = block.map if block.map else (0, len(lines))
        self.text = ""
        self.starts: list[int] = []  # offset of each line in `text`
        self.cursor = 0

    def find(self, href: str, body: _Body, *written: str) -> Location:
        """Where the link to `href` (or to one of the `written` forms of it) is; else the block's first line."""
        if not self.starts:
            block_lines = self.lines[self.start:self.end]
            self.text = "\n".join(block_lines)
            offset = 0
            for line in block_lines:
                self.starts.append(offset)
                offset += len(line) + 1
        for form in (href, *written):
            found = self.text.find(f"]({form}", self.cursor)
            if found >= 0:
                self.cursor = found + 1
                index = bisect.bisect_right(self.starts, found) - 1
                # Past "](" and a "<" that opens a path written with spaces: the column of the path itself.
                return body.at(self.start + index, found - self.starts[index] + 3 + form.startswith("<"))
        return body.at(self.start)


def render_body(body: str, file: PurePosixPath, first_line: int, targets: Targets,
                what_goes_there: str) -> Rendered:
    """A Markdown body below front matter, which must say something: `what_goes_there` is the hint if not."""
    rendered = render_markdown(body, file, first_line, targets)
    if body.strip():
        return rendered
    return Rendered(rendered.html, (*rendered.problems, Problem(Location(file, first_line), "the body is empty",
                                                                   what_goes_there)))
