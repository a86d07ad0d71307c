"""A routine's address as a QR code: inline SVG from segno, the same bytes for the same address."""

from __future__ import annotations

from collections.abc import Iterable

from .parallel import map_chunks

# 'M' restores about 15% of the code: a card folded in a pocket or smudged at the track still scans.
ERROR_CORRECTION = "m"
# Modules of white around the code, where scanners look for its edge. The standard asks for 4; the
# card's own white (its padding, the gap to the title) makes up the rest, and the code stays larger.
QUIET_ZONE = 2
# Each address's code, drawn once per process (a sheet shows cards their own pages showed already)
# or by `draw_all` before the render workers fork, which then inherit it. Drawn from the address
# alone, so a code is never stale; as many as the routines, times the base URLs a server has seen.
_drawn: dict[str, str] = {}


def qr_svg(address: str) -> str:
    """An SVG of the QR code that opens `address`: one path, sized by CSS through its viewBox."""
    svg = _drawn.get(address)
    if svg is None:
        svg = _drawn[address] = _draw(address)
    return svg


def draw_all(addresses: Iterable[str], workers: int) -> None:
    """Draw the codes of `addresses` across `workers` processes, so that rendering draws none.

    Segno's choice of mask makes a code costly; left to rendering, a card and each sheet showing
    it would draw the same code again in whichever worker got them.
    """
    missing = sorted(set(addresses) - _drawn.keys())
    _drawn.update(zip(missing, map_chunks(_draw_chunk, missing, len(missing), workers)))


def _draw_chunk(addresses: list[str], start: int, stop: int) -> list[str]:
    return [_draw(address) for address in addresses[start:stop]]


def _draw(address: str) -> str:
    """Hidden from screen readers: the card says in words what it opens."""
    import segno  # here: a rebuild that renders no card needs none of it

    code = segno.make(address, error=ERROR_CORRECTION, micro=False, boost_error=False)
    svg: str = code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="qr", lineclass=None)
    assert svg.startswith("<svg "), "segno's inline SVG no longer starts with <svg: see site_gen/qr.py"
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
