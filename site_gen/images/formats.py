"""What images the site takes and publishes, by name and size: what validation and the Markdown rule say of
them, without Pillow (encode.py does the work)."""

from __future__ import annotations

from ..load import MAX_IMAGE_BYTES as MAX_BYTES  # of the file as the contributor adds it: the loader reads no more

__all__ = ["FORMATS", "MAX_BYTES", "MAX_OUTPUT_BYTES", "MAX_PIXELS", "MAX_WIDTH", "SUFFIXES", "TYPES"]

# Limits (docs/promises.md, "Limits"): a 12-megapixel phone photo is about 4 MB and 12 megapixels.
MAX_PIXELS = 40_000_000  # width x height, read from the header before any pixel is decoded
MAX_WIDTH = 1600  # the widest version published: twice the column on a wide screen
MAX_OUTPUT_BYTES = 200 * 1024  # each published version, as written
# Pillow's format name -> the suffix the published versions carry; the output keeps the input's type.
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
TYPES = "JPEG, PNG or WebP"
