"""Test images made in memory: a photo with everything a phone writes into it, and the hostile files."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, PngImagePlugin

GPS = 0x8825  # the EXIF tag of the GPS block
ORIENTATION = 0x0112
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
ICC = b"\0" * 128  # not a real profile: only its presence is checked


def picture(width: int, height: int) -> Image.Image:
    """A detailed picture (noise compresses like a photo does, a flat colour would not)."""
    return Image.effect_mandelbrot((width, height), (-2.0, -1.2, 1.0, 1.2), 60).convert("RGB")


def exif(orientation: int = 1) -> bytes:
    tags = Image.Exif()
    tags[ORIENTATION] = orientation
    tags[0x010F] = "PhoneMaker"  # camera make
    tags[GPS] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    return tags.tobytes()


def phone_jpeg(width: int = 3000, height: int = 2000, orientation: int = 1) -> bytes:
    out = io.BytesIO()
    picture(width, height).save(out, "JPEG", quality=92, exif=exif(orientation), icc_profile=ICC, xmp=XMP)
    return out.getvalue()


def png_with_text(width: int = 900, height: int = 600) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "A contributor")
    info.add_itxt("Comment", "drawn at home", lang="en")
    out = io.BytesIO()
    picture(width, height).save(out, "PNG", pnginfo=info, icc_profile=ICC, exif=exif())
    return out.getvalue()


def webp_with_metadata(width: int = 1000, height: int = 700) -> bytes:
    out = io.BytesIO()
    picture(width, height).save(out, "WEBP", quality=90, exif=exif(), icc_profile=ICC, xmp=XMP)
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    picture(40, 30).save(out, "GIF")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels: what a decompression bomb's header says."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def bomb() -> bytes:
    """Small on disk, 49 megapixels decoded: a one-bit PNG of zeros compresses to almost nothing."""
    out = io.BytesIO()
    Image.new("1", (7000, 7000)).save(out, "PNG")
    return out.getvalue()
