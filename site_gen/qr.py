"""A routine's address as a QR code: inline SVG from segno, the same bytes for the same address."""

from __future__ import annotations

from functools import lru_cache

# 'M' restores about 15% of the code: a card folded in a pocket or smudged at the track still scans.
ERROR_CORRECTION = "m"
# Modules of white around the code, where scanners look for its edge. The standard asks for 4; the
# card's own white (its padding, the gap to the title) makes up the rest, and the code stays larger.
QUIET_ZONE = 2


@lru_cache(maxsize=1024)  # a sheet shows cards their own pages showed already
def qr_svg(address: str) -> str:
    """An SVG of the QR code that opens `address`: one path, sized by CSS through its viewBox.

    Hidden from screen readers: the card says in words what it opens.
    """
    import segno  # here: a rebuild that renders no card needs none of it

    code = segno.make(address, error=ERROR_CORRECTION, micro=False, boost_error=False)
    svg: str = code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="qr", lineclass=None)
    assert svg.startswith("<svg "), "segno's inline SVG no longer starts with <svg: see site_gen/qr.py"
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)

