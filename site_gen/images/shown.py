"""An encoded image -> what a page needs to show it: its site paths, its size, or why it cannot be shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..digest import asset_name_digest, digest
from ..render import RenderedFile

if TYPE_CHECKING:
    from .encode import Encoded

FOLDER = "/images/"  # where the published versions sit on the site
# The column is 40rem wide (46rem on wide screens) and full width on a phone: see --measure in site.css.
SIZES = "(min-width: 46rem) 46rem, 100vw"


@dataclass(frozen=True, slots=True)
class ShownImage:
    """What the Markdown image rule writes for one image of content/images/."""

    versions: tuple[tuple[int, str], ...]  # (width, site path), narrowest first; empty when refused
    width: int  # of the widest version: with `height`, the box the page keeps for it before it loads
    height: int
    refusal: str = ""  # why it cannot be shown, in the contributor's words
    hint: str = ""
    # Of everything above: a content file's validation, and its pages, depend on it.
    digest: str = ""


def show(path: PurePosixPath, encoded: Encoded) -> tuple[ShownImage, tuple[RenderedFile, ...]]:
    """How pages show the image at `path` (content/images/NAME.jpg), and the files to publish for it.

    Each version is named after its bytes, as assets are: a browser may keep it forever.
    """
    if not encoded.versions:
        return _shown((), 0, 0, encoded.refusal, encoded.hint), ()
    files = []
    for version in encoded.versions:
        url = f"{FOLDER}{path.stem}-{version.width}.{asset_name_digest(version.content)}{version.suffix}"
        files.append(RenderedFile(url, url.lstrip("/"), version.content))
    widest = encoded.versions[-1]
    versions = tuple((version.width, file.url) for version, file in zip(encoded.versions, files))
    return _shown(versions, widest.width, widest.height, "", ""), tuple(files)


def refused(message: str, hint: str) -> ShownImage:
    """An image that cannot be shown, and why."""
    return _shown((), 0, 0, message, hint)


def _shown(versions: tuple[tuple[int, str], ...], width: int, height: int, refusal: str, hint: str) -> ShownImage:
    fingerprint = digest(*(f"{w} {url}" for w, url in versions), str(width), str(height), refusal, hint)
    return ShownImage(versions, width, height, refusal, hint, fingerprint)


def attributes(image: ShownImage) -> tuple[tuple[str, str], ...]:
    """The `<img>` attributes besides `alt`, in the order they are written."""
    widest = image.versions[-1][1]
    srcset = ", ".join(f"{url} {width}w" for width, url in image.versions)
    return (("src", widest), ("srcset", srcset), ("sizes", SIZES), ("width", str(image.width)),
            ("height", str(image.height)), ("loading", "lazy"), ("decoding", "async"))
