"""The site's colours, read from the one `:root` block of site.css: the manifest and the icons use them too."""

from __future__ import annotations

import re
from dataclasses import dataclass

STYLESHEET = "css/site.css"  # the asset that declares the palette
_ROOT = re.compile(r":root\s*\{([^}]*)\}")
_COLOUR = re.compile(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?)\s*;")


@dataclass(frozen=True, slots=True)
class Palette:
    accent: str  # '#0b4f8a': the brand's colour, links and buttons
    paper: str  # the page's background


def read_palette(css: str) -> Palette:
    """The light palette: the first `:root` block's --accent and --paper (the dark one follows in a media query).

    A stylesheet without them is a bug in the assets, not in content: KeyError names the missing colour.
    """
    found = _ROOT.search(css)
    colours = dict(_COLOUR.findall(found[1])) if found else {}
    return Palette(accent=_long(colours["accent"]), paper=_long(colours["paper"]))


def _long(colour: str) -> str:
    """'#fff' -> '#ffffff': the form a manifest and Pillow both read."""
    digits = colour[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)
