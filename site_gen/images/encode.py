"""One contributor's image -> the versions the site publishes, or why it cannot be published.

Pure: bytes in, bytes out. The image is decoded defensively (a file that is not an image,
is cut short, or would decode to more than MAX_PIXELS is refused, never a crash or a
memory blow-up), turned upright by its EXIF orientation, stripped of every piece of
metadata (a phone photo carries GPS) and written at a few widths, with fixed settings, so
that the same bytes in give the same bytes out on every build.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from .formats import FORMATS, MAX_BYTES, MAX_OUTPUT_BYTES, MAX_PIXELS, MAX_WIDTH, SUFFIXES, TYPES

__all__ = ["FORMATS", "MAX_BYTES", "MAX_OUTPUT_BYTES", "MAX_PIXELS", "MAX_WIDTH", "SUFFIXES", "TYPES", "Encoded",
           "Version", "encode"]

WIDTHS = (480, 800, 1200, MAX_WIDTH)  # phone, phone at 2x, tablet, desktop at 2x
QUALITIES = (80, 70, 60, 50, 40)  # tried in order until a version fits MAX_OUTPUT_BYTES
# Bump when any setting below changes what is written: the cache of encoded images keys on it.
ENCODING = "1"
_MODES = {"JPEG": ("RGB", "L"), "PNG": ("RGB", "RGBA", "L", "LA"), "WEBP": ("RGB", "RGBA")}


@dataclass(frozen=True, slots=True)
class Version:
    """One published size of an image."""

    width: int
    height: int
    suffix: str  # ".jpg", ".png" or ".webp"
    content: bytes


@dataclass(frozen=True, slots=True)
class Encoded:
    """An image's published versions, narrowest first; or none, and why (`refusal`, `hint`)."""

    versions: tuple[Version, ...]
    refusal: str = ""
    hint: str = ""


def encode(content: bytes) -> Encoded:
    """The versions of the image in `content`, or a refusal saying what is wrong with it."""
    if len(content) > MAX_BYTES:
        return _refused(f"the image file is over the limit of {MAX_BYTES // (1024 * 1024)} MB",
                        f"export it smaller: the site shows it at most {MAX_WIDTH} px wide")
    image, kind, refusal = _decode(content)
    if image is None:
        return refusal
    upright = _clean(image, kind)
    versions = []
    for width in _widths(upright.width):
        height = max(1, round(upright.height * width / upright.width))
        version = _fitted(upright.resize((width, height), Image.Resampling.LANCZOS), kind)
        if version is None:
            break  # wider ones will not fit either
        versions.append(version)
    if not versions:
        return _refused(f"even {WIDTHS[0]} px wide the image is over {MAX_OUTPUT_BYTES // 1024} KB",
                        "simplify it (fewer colours, less noise) or save it as JPEG")
    return Encoded(tuple(versions))


def _refused(message: str, hint: str) -> Encoded:
    return Encoded((), message, hint)


def _decode(content: bytes) -> tuple[Image.Image | None, str, Encoded]:
    """The decoded image, upright, and its format; or None and the refusal: a hostile file is only ever refused."""
    with warnings.catch_warnings():
        # Pillow warns, not raises, on an image past its own pixel limit: a bomb must stop here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(content), formats=tuple(FORMATS))
        except UnidentifiedImageError:
            return None, "", _unsupported(content)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return None, "", _too_many_pixels(None)
        if probe.width * probe.height > MAX_PIXELS:
            return None, "", _too_many_pixels(probe)
        if getattr(probe, "n_frames", 1) > 1:
            return None, "", _refused("the image is animated", "save one still frame as JPEG, PNG or WebP")
        kind = probe.format or ""
        try:
            probe.verify()  # checksums, where the format has them (PNG)
            image = Image.open(io.BytesIO(content), formats=tuple(FORMATS))
            if image.format == "JPEG":
                # Decode at a reduced scale when the photo is far wider than the widest version.
                image.draft(image.mode, (MAX_WIDTH, MAX_WIDTH))
            image.load()
            # A phone photo taken upright is stored on its side, with an EXIF note to turn it.
            upright = ImageOps.exif_transpose(image)
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError,
                Image.DecompressionBombWarning):
            return None, "", _refused("the image cannot be decoded: it is damaged or cut short",
                                      "export it again from the original, and check that the copy finished")
    return upright, kind, Encoded(())


def _unsupported(content: bytes) -> Encoded:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            other = Image.open(io.BytesIO(content)).format  # named, never decoded
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        other = None
    if other:
        return _refused(f"the file is a {other} image; the guide takes {TYPES}", f"convert it to {TYPES}")
    return _refused("the file is not an image", f"use a {TYPES} file, exported from a camera or drawing program")


def _too_many_pixels(probe: Image.Image | None) -> Encoded:
    size = f"{probe.width:,} x {probe.height:,} pixels, " if probe else ""
    return _refused(f"the image is {size}over the limit of {MAX_PIXELS // 1_000_000} megapixels",
                    f"resize it to at most {MAX_WIDTH} px wide before adding it")


def _clean(upright: Image.Image, kind: str) -> Image.Image:
    """The pixels in a mode the output format takes, with no metadata."""
    if upright.mode not in _MODES[kind]:
        transparent = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        upright = upright.convert("RGBA" if transparent and kind != "JPEG" else "RGB")
    # EXIF (GPS, camera, time), ICC, XMP, PNG text: all of it lives in `info`, and none is written.
    upright.info = {}
    return upright


def _widths(source_width: int) -> tuple[int, ...]:
    """The widths to publish: each standard width below the source's, then the source's (capped)."""
    widest = min(source_width, MAX_WIDTH)
    return (*(width for width in WIDTHS if width < widest), widest)


def _fitted(image: Image.Image, kind: str) -> Version | None:
    """The image written as `kind` in at most MAX_OUTPUT_BYTES, trying less quality; None if it never fits."""
    image.info = {}  # resize copies `info`
    candidates: tuple[bytes, ...]
    if kind == "PNG":
        candidates = (_png(image), _png(image.quantize(256)) if image.mode in ("RGB", "RGBA") else b"")
    else:
        candidates = tuple(_lossy(image, kind, quality) for quality in QUALITIES)
    for content in candidates:
        if content and len(content) <= MAX_OUTPUT_BYTES:
            return Version(image.width, image.height, FORMATS[kind], content)
    return None


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # No pnginfo: no text chunks. zlib at a fixed level writes the same bytes every time.
    image.save(out, "PNG", optimize=True, compress_level=9)
    return out.getvalue()


def _lossy(image: Image.Image, kind: str, quality: int) -> bytes:
    out = io.BytesIO()
    if kind == "JPEG":
        # Optimised Huffman tables are computed from the pixels alone: deterministic.
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0")
    else:
        image.save(out, "WEBP", quality=quality, method=4)
    return out.getvalue()
