"""Shaped text with QPainter: the layout's glyph runs, drawn glyph for glyph.

Text the fast path cannot draw (`TextMetrics.is_simple`) is shaped once by
`app.layout.shaping` and drawn here as QGlyphRuns of QRawFonts loaded from
the very font files the layout measured and the PDF embeds, at the glyph
positions HarfBuzz computed.  Qt's own font matching and shaping never
decide anything, so the canvas, the PNG and SVG exports and the PDF draw the
same glyphs at the same places, and a line stays inside the width it was
wrapped to.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QGlyphRun, QPainter, QRawFont

from app.layout.shaping import shape_line
from app.layout.text import metrics


@lru_cache(maxsize=64)
def _raw_font(path: str, size: float) -> QRawFont:
    return QRawFont(path, size, QFont.HintingPreference.PreferNoHinting)


@lru_cache(maxsize=4096)
def glyph_runs(text: str, size: float, bold: bool, rtl: bool | None) -> tuple[QGlyphRun, ...]:
    """The QGlyphRuns of one shaped line at ``size`` layout units, origin at its baseline start."""
    k = size / 1000.0
    runs = []
    for run in shape_line(text, bold, rtl).runs:
        if not run.gids:
            continue
        g = QGlyphRun()
        g.setRawFont(_raw_font(run.face.path, size))
        g.setGlyphIndexes(list(run.gids))
        g.setPositions([QPointF(x * k, -y * k) for x, y in zip(run.xs, run.ys, strict=True)])
        runs.append(g)
    return tuple(runs)


def draw_line(painter: QPainter, x: float, baseline: float, text: str, size: float,
              bold: bool = False, rtl: bool | None = None) -> bool:
    """Draw ``text`` shaped, if it needs shaping; returns False for fast-path text
    (which the caller draws with ``drawText`` in the bundled font)."""
    if not text or metrics().is_simple(text, bold):
        return False
    origin = QPointF(x, baseline)
    for run in glyph_runs(text, round(size, 2), bold, rtl):
        painter.drawGlyphRun(origin, run)
    return True
