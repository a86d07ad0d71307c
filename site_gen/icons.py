"""The guide's icon: one figure (a runner mid-stride, a pose as data), rasterised by Pillow at every size asked for.

The icons are assets like the stylesheets: precached by the service worker, listed in the
manifest, named after what they are drawn from (so that a rebuild draws nothing). The same
palette gives the same bytes on every build: Pillow writes no time or text chunk unless
asked, and drawing is plain arithmetic.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import PIL

from .digest import digest
from .figures.body import HEAD_RADIUS
from .figures.geometry import Point, skeleton
from .figures.shape import Pose
from .palette import Palette

# Pillow's drawing modules are imported where an icon is drawn: a rebuild that keeps the icons
# (their names carry what they are drawn from) needs only the version, in PIL itself.
if TYPE_CHECKING:
    from PIL import Image, ImageDraw

# The icon's one source, in the figures' own terms (docs/figures.md): a runner mid-stride, the near leg reaching, arms opposite.
RUNNER = Pose(head=8, trunk=10, upper_arm=(-40, 45), forearm=(50, 125), thigh=(50, -25), shin=(10, -75), foot=(100, -10))
LIMB, TRUNK = 11, 20  # stroke widths in figure units: bolder than the drills' figures, to read at 48 px
SUPERSAMPLE = 4  # drawn this much larger, then scaled down: Pillow's lines are not antialiased
Purpose = Literal["any", "maskable", "apple"]


@dataclass(frozen=True, slots=True)
class Icon:
    name: str  # its asset name, e.g. 'icons/icon-192.png'
    size: int  # width and height in pixels
    purpose: Purpose  # 'any': a rounded tile; 'maskable': full bleed, the figure in the safe zone; 'apple': full bleed


ICONS = (
    Icon("icons/icon-192.png", 192, "any"),
    Icon("icons/icon-512.png", 512, "any"),
    Icon("icons/maskable-512.png", 512, "maskable"),
    Icon("icons/apple-touch-icon.png", 180, "apple"),
)
# How much of the icon the figure's box may span: a maskable icon keeps it inside the safe zone, the
# circle of 40 % of the size around the centre that every mask shape leaves (so the box's diagonal
# stays under 80 %); the others frame it with a margin.
SPAN: dict[Purpose, float] = {"any": 0.72, "maskable": 0.56, "apple": 0.72}
CORNER = 0.18  # the 'any' tile's corner radius, as a share of its size


# Bumped whenever the drawing gives other bytes: the icons are named after it, so that a build
# names them without drawing them and draws them only when they must be written
# (tests/icons/test_icons.py holds the digest of this version's bytes, and fails until it is bumped).
DRAWING = 1


def icon_urls(palette: Palette) -> dict[str, str]:
    """Each icon's site path by asset name, carrying a digest of what its bytes depend on."""
    key = digest(f"icons {DRAWING}", PIL.__version__, palette.accent, palette.paper, repr(RUNNER), repr(ICONS))
    return {icon.name: f"/assets/{icon.name.removesuffix('.png')}.{key[:10]}.png" for icon in ICONS}


@lru_cache(maxsize=4)
def draw_icons(palette: Palette) -> dict[str, bytes]:
    """Every icon's PNG bytes by asset name, drawn in the site's colours."""
    largest = max(icon.size for icon in ICONS)
    # The figure is drawn once for each span, large, as masks (near parts, far parts); each icon
    # scales those down. Masks in one channel: a quarter of the work of drawing in colour.
    masks = {span: _masks(largest, span) for span in sorted(set(SPAN.values()))}
    return {icon.name: _png(_compose(icon, masks[SPAN[icon.purpose]], palette)) for icon in ICONS}


def _masks(size: int, span: float) -> tuple[Image.Image, Image.Image]:
    """The runner's near parts and far parts as antialiased masks of `size` pixels."""
    from PIL import Image, ImageDraw

    side = size * SUPERSAMPLE
    near, far = Image.new("L", (side, side), 0), Image.new("L", (side, side), 0)
    place = _Placement(side, span)
    body = skeleton(RUNNER, "side")
    on_far, on_near = ImageDraw.Draw(far), ImageDraw.Draw(near)
    for limb in (body.legs[1], body.arms[1]):
        _stroke(on_far, [place(p) for p in limb], LIMB * place.scale)
    _stroke(on_near, [place(body.hip), place(body.neck)], TRUNK * place.scale)
    _disc(on_near, place(body.head), HEAD_RADIUS * place.scale)
    for limb in (body.legs[0], body.arms[0]):
        _stroke(on_near, [place(p) for p in limb], LIMB * place.scale)
    return near.reduce(SUPERSAMPLE), far.reduce(SUPERSAMPLE)


def _compose(icon: Icon, masks: tuple[Image.Image, Image.Image], palette: Palette) -> Image.Image:
    """The icon: the tile in the accent colour, the far parts paler, the near parts in the paper colour."""
    from PIL import Image, ImageDraw

    near, far = (mask if mask.width == icon.size else mask.resize((icon.size, icon.size), Image.Resampling.LANCZOS)
                 for mask in masks)
    image = Image.new("RGB", (icon.size, icon.size), palette.accent)
    image.paste(_mix(palette.paper, palette.accent, 0.55), (0, 0, icon.size, icon.size), far)
    image.paste(palette.paper, (0, 0, icon.size, icon.size), near)
    if icon.purpose != "any":
        # A home screen puts 'apple' and 'maskable' icons on a tile shape of its own: full bleed, opaque.
        return image
    side = icon.size * SUPERSAMPLE
    tile = Image.new("L", (side, side), 0)
    ImageDraw.Draw(tile).rounded_rectangle((0, 0, side - 1, side - 1), radius=round(CORNER * side), fill=255)
    image.putalpha(tile.reduce(SUPERSAMPLE))
    return image


class _Placement:
    """Figure units -> pixels: the figure's box scaled to `span` of the side and centred."""

    def __init__(self, side: int, span: float) -> None:
        left, top, right, bottom = _extent()
        self.scale = span * side / max(right - left, bottom - top)
        self.dx = side / 2 - self.scale * (left + right) / 2
        self.dy = side / 2 - self.scale * (top + bottom) / 2

    def __call__(self, point: Point) -> Point:
        return self.dx + self.scale * point[0], self.dy + self.scale * point[1]


def _extent() -> tuple[float, float, float, float]:
    """The runner's drawn box, its strokes' width included."""
    body = skeleton(RUNNER, "side")
    points = [p for limb in (*body.arms, *body.legs) for p in limb]
    xs = [x for x, _ in points] + [body.head[0] - HEAD_RADIUS, body.head[0] + HEAD_RADIUS]
    ys = [y for _, y in points] + [body.head[1] - HEAD_RADIUS]
    return min(xs) - LIMB / 2, min(ys) - LIMB / 2, max(xs) + LIMB / 2, max(ys) + LIMB / 2


def _stroke(pen: ImageDraw.ImageDraw, points: list[Point], width: float) -> None:
    """A polyline with round joins and caps (Pillow's own caps are square), on a mask."""
    pen.line(points, fill=255, width=round(width), joint="curve")
    for point in points:
        _disc(pen, point, width / 2)


def _disc(pen: ImageDraw.ImageDraw, centre: Point, radius: float) -> None:
    x, y = centre
    pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)


def _mix(first: str, second: str, share: float) -> str:
    """`share` of colour `first` and the rest of `second`, as '#rrggbb'."""
    a, b = (tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) for colour in (first, second))
    return "#" + "".join(f"{round(share * x + (1 - share) * y):02x}" for x, y in zip(a, b))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")  # no pnginfo: no time, no text, no ICC profile
    return out.getvalue()
