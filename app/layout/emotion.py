"""The emotion curve: a band with five levels (-2..2) and a smooth curve
through the mean emotion of each stage.

The curve is a monotone cubic (Fritsch-Carlson): between two stages it never
rises above the higher mean nor dips below the lower one, so it cannot
overshoot the band the way a Catmull-Rom spline would at a sharp swing.
"""

from __future__ import annotations

from app.layout.boxes import EmotionCurve, Point, Rect
from app.layout.style import Style

LEVELS = (-2, -1, 0, 1, 2)


def band_height(style: Style) -> float:
    """Height of the strip an emotion lane reserves above its cards."""
    return 2 * style.emotion_band_pad + 4 * style.emotion_level_gap


def emotion_curve(
    lane_id: str, band: Rect, samples: list[tuple[str, float, float]], style: Style
) -> EmotionCurve:
    """The curve of one emotion lane.

    Args:
        lane_id: the emotion lane.
        band: the strip of the lane the curve lives in.
        samples: ``(stage_id, x, mean emotion)`` for each stage that has
            data, left to right.
        style: sizes.
    """
    zero = band.y + style.emotion_band_pad + 2 * style.emotion_level_gap
    gap = style.emotion_level_gap
    levels = {e: zero - e * gap for e in LEVELS}
    points = [(x, zero - max(-2.0, min(2.0, mean)) * gap) for _, x, mean in samples]
    return EmotionCurve(
        lane_id=lane_id,
        band=band,
        levels=levels,
        points=points,
        segments=monotone_segments(points),
        values=[mean for _, _, mean in samples],
        stages=[stage for stage, _, _ in samples],
    )


def monotone_segments(points: list[Point]) -> list[tuple[Point, Point, Point, Point]]:
    """Cubic Bézier pieces of a monotone Hermite spline through ``points``.

    The points must have increasing x.  Each piece stays within the y range
    of its two end points.
    """
    n = len(points)
    if n < 2:
        return []
    h = [points[i + 1][0] - points[i][0] for i in range(n - 1)]
    d = [(points[i + 1][1] - points[i][1]) / (h[i] or 1.0) for i in range(n - 1)]
    m = _tangents(d)
    segments = []
    for i in range(n - 1):
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        third = h[i] / 3.0
        c1 = (x0 + third, y0 + m[i] * third)
        c2 = (x1 - third, y1 - m[i + 1] * third)
        segments.append(((x0, y0), c1, c2, (x1, y1)))
    return segments


def _tangents(d: list[float]) -> list[float]:
    """Fritsch-Carlson slopes for secant slopes ``d``."""
    n = len(d) + 1
    m = [0.0] * n
    m[0], m[-1] = d[0], d[-1]
    for i in range(1, n - 1):
        m[i] = 0.0 if d[i - 1] * d[i] <= 0 else (d[i - 1] + d[i]) / 2
    for i in range(n - 1):
        if d[i] == 0:
            m[i] = m[i + 1] = 0.0
            continue
        a, b = m[i] / d[i], m[i + 1] / d[i]
        s = a * a + b * b
        if s > 9:
            t = 3 / s**0.5
            m[i], m[i + 1] = t * a * d[i], t * b * d[i]
    return m
