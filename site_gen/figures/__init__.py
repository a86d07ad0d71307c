"""A drill's figure: the poses of a simple body as data (shape.py), read and checked (read.py),
placed on the ground (geometry.py) and drawn as an inline SVG (draw.py)."""
