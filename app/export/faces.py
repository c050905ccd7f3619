"""Geometry of an emotion mark (a small face), Qt-free, for the PDF.

The numbers mirror `app.canvas.painting.paint_face` (the canvas and the
images draw with that function): a disc in the emotion's colour, two eyes,
and a mouth bent by the emotion (a smile at +2, a line at 0, a frown at -2).
Qt draws the mouth as a quadratic curve; PDF has only cubics, so it is
given here as the equivalent cubic.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class FaceGeometry:
    """Where the parts of a face go (top-down coordinates)."""

    cx: float
    cy: float
    radius: float
    eyes: tuple[Point, Point]
    eye_radius: float
    mouth: tuple[Point, Point, Point, Point]
    stroke: float
    ink: str = "#FFFFFF"


def face_geometry(x: float, y: float, size: float, emotion: int) -> FaceGeometry:
    """The face inside the square at (x, y) of side ``size``."""
    s = size
    eyes = ((x + s * 0.34, y + s * 0.38), (x + s * 0.66, y + s * 0.38))
    bend = s * 0.11 * emotion  # y grows down: a positive bend is a smile
    left = (x + s * 0.28, y + s * 0.66 - bend * 0.3)
    right = (x + s * 0.72, y + s * 0.66 - bend * 0.3)
    ctrl = (x + s / 2, y + s * 0.66 + bend)
    # A quadratic (p0, q, p3) is the cubic (p0, p0 + 2/3 (q - p0), p3 + 2/3 (q - p3), p3).
    c1 = (left[0] + 2 / 3 * (ctrl[0] - left[0]), left[1] + 2 / 3 * (ctrl[1] - left[1]))
    c2 = (right[0] + 2 / 3 * (ctrl[0] - right[0]), right[1] + 2 / 3 * (ctrl[1] - right[1]))
    return FaceGeometry(x + s / 2, y + s / 2, s / 2, eyes, s * 0.085, (left, c1, c2, right),
                        max(s * 0.09, 0.8))
