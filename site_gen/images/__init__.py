"""Contributors' photos and diagrams (content/images/): checked, stripped, resized, published.

`prepare_images` is the build's one call: it turns every image the loader read into what
the Markdown image rule needs to show it (`ShownImage`, by the path the content writes)
and the files to publish. Encoding is the slow part, so it is kept by content hash under
the build cache (images/cache.py): a rebuild re-encodes nothing it has encoded before.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ..content_format import SLUG
from ..load import SourceFile
from ..render import RenderedFile
from .formats import MAX_BYTES, MAX_OUTPUT_BYTES, MAX_PIXELS, MAX_WIDTH, SUFFIXES, TYPES
from .shown import ShownImage, attributes, refused, show

__all__ = ["MAX_BYTES", "MAX_OUTPUT_BYTES", "MAX_PIXELS", "MAX_WIDTH", "SUFFIXES", "TYPES", "ShownImage",
           "attributes", "prepare_images"]


def prepare_images(sources: Iterable[SourceFile], cache: Path | None
                   ) -> tuple[dict[str, ShownImage], tuple[RenderedFile, ...], str]:
    """Each readable image by its content path ('content/images/x.jpg'), the files to publish, and a warning.  [I/O]

    `cache` is the folder encoded images are kept in between builds (None: keep nothing). A bad
    image is not a problem here: the Markdown rule reports it where a page shows it.
    """
    shown: dict[str, ShownImage] = {}
    files: dict[str, RenderedFile] = {}  # by path: two files with the same bytes and name publish one
    warning = ""
    for source in sorted((s for s in sources if s.kind == "image" and s.readable), key=lambda s: s.path):
        if not SLUG.fullmatch(source.path.stem):
            shown[str(source.path)] = refused(f"the image file name '{source.path.stem}' is not a safe slug "
                                              "(it becomes a web address)",
                                              "rename it: lowercase letters, digits and hyphens, e.g. leg-swings.jpg")
            continue
        from .cache import encode_cached  # Pillow: imported only for a guide with images

        encoded, unsaved = encode_cached(source.text, source.content, cache)
        warning = warning or unsaved
        shown[str(source.path)], published = show(PurePosixPath(source.path), encoded)
        files.update((file.path, file) for file in published)
    return shown, tuple(files[path] for path in sorted(files)), warning
