"""A fast, top-down pen that writes PDF path operators onto a reportlab canvas.

reportlab's own shape calls format every number through a pure-Python
routine and cost ~100 µs per rounded rectangle; a 5,000-card map needs tens
of thousands of them.  This pen builds each shape's operators with one
``%``-format and hands them to the canvas with the public ``addLiteral``;
text, fonts and transparency still go through reportlab.  Coordinates are
the layout's (y grows down); the pen flips them against the drawing's height.
No Qt.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.export.pdffonts import glyph_fonts
from app.layout.geometry import Rect
from app.layout.grayscale import ink
from app.layout.shaping import shape_line
from app.layout.text import metrics, register_pdf_fonts

Point = tuple[float, float]
KAPPA = 0.5522847498  # control-point distance of a quarter circle, times the radius

_RR = ("%.2f %.2f m %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l "
       "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c "
       "%.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c h ")
_CIRCLE = ("%.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c "
           "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c h ")
_PAINT = {(True, False): "f", (False, True): "S", (True, True): "B", (False, False): "n"}


@lru_cache(maxsize=8)
def _ttf(name: str) -> Any:
    """reportlab's registered font of that name."""
    return pdfmetrics.getFont(name)


def _rgb(color: str) -> str:
    color = ink(color)  # its grey in a grey-scale export
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{r:.4g} {g:.4g} {b:.4g}"


class PdfPen:
    """Top-down drawing onto a reportlab canvas (a page or a form).

    Args:
        canv: the reportlab canvas.
        height: height of the top-down drawing; ``y`` maps to ``height - y``.
    """

    def __init__(self, canv: Canvas, height: float) -> None:
        self.c = canv
        self.h = height
        self.fonts = register_pdf_fonts()
        self._rgb: dict[str, str] = {}
        self.ox = self.oy = 0.0  # origin of a `local` block, in layout units
        self._fill: str | None = None  # current colours, to skip repeats
        self._stroke: tuple[str, float, tuple[float, ...], int, int] | None = None

    # ---------------------------------------------------------------- state
    def emit(self, ops: str) -> None:
        """Append raw PDF operators."""
        self.c.addLiteral(ops)

    def forget(self) -> None:
        """Forget the current colours (after text or a restore changed them)."""
        self._fill = self._stroke = None

    def save(self) -> None:
        """Save the graphics state (``q``)."""
        self.c.saveState()

    def restore(self) -> None:
        """Restore the graphics state (``Q``)."""
        self.c.restoreState()
        self.forget()

    @contextlib.contextmanager
    def local(self, x: float, y: float, height: float) -> Iterator[None]:
        """Draw the block with (x, y) (top-down) as the origin of the PDF operators.

        Shapes inside are written relative to that corner, so the operators of
        two cards of the same size are the same bytes, which the stream's
        compression then all but removes: the file shrinks several times.
        Everything inside still takes layout coordinates; ``height`` is the
        block's height (anything drawn must lie above its bottom, or below
        is fine too: it only sets the flip).
        """
        saved = (self.h, self.ox, self.oy)
        self.emit(f"q 1 0 0 1 {x:.2f} {self.h - y - height:.2f} cm")
        self.h, self.ox, self.oy = height, x, y
        try:
            yield
        finally:
            self.emit("Q")
            self.h, self.ox, self.oy = saved
            self.forget()

    def alpha(self, fill: float | None = None, stroke: float | None = None) -> None:
        """Set fill and/or stroke opacity (inside a save/restore)."""
        if fill is not None:
            self.c.setFillAlpha(fill)
        if stroke is not None:
            self.c.setStrokeAlpha(stroke)

    def rgb(self, color: str) -> str:
        """``#RRGGBB`` as the three PDF numbers (cached)."""
        ops = self._rgb.get(color)
        if ops is None:
            ops = self._rgb[color] = _rgb(color)
        return ops

    def fill(self, color: str) -> None:
        """Set the fill colour."""
        if color != self._fill:
            self.emit(self.rgb(color) + " rg")
            self._fill = color

    def stroke(self, color: str, width: float, dash: Sequence[float] = (), cap: int = 0,
               join: int = 0) -> None:
        """Set the stroke colour, width, dash pattern, cap and join."""
        key = (color, width, tuple(dash), cap, join)
        if key != self._stroke:
            pattern = " ".join(f"{d:.2f}" for d in dash)
            self.emit(f"{self.rgb(color)} RG {width:.2f} w [{pattern}] 0 d {cap} J {join} j")
            self._stroke = key

    # ---------------------------------------------------------------- paths
    def rect_path(self, r: Rect, radius: float = 0.0) -> str:
        """Operators of a (rounded) rectangle's outline."""
        x0, y1 = r.x - self.ox, self.h - (r.y - self.oy)
        x1, y0 = x0 + r.w, y1 - r.h
        rad = min(radius, r.w / 2, r.h / 2)
        if rad <= 0:
            return f"{x0:.2f} {y0:.2f} {r.w:.2f} {r.h:.2f} re "
        k = rad * KAPPA
        return _RR % (
            x0 + rad, y0, x1 - rad, y0, x1 - rad + k, y0, x1, y0 + rad - k, x1, y0 + rad,
            x1, y1 - rad, x1, y1 - rad + k, x1 - rad + k, y1, x1 - rad, y1,
            x0 + rad, y1, x0 + rad - k, y1, x0, y1 - rad + k, x0, y1 - rad,
            x0, y0 + rad, x0, y0 + rad - k, x0 + rad - k, y0, x0 + rad, y0)

    def circle_path(self, cx: float, cy: float, r: float) -> str:
        """Operators of a circle's outline."""
        cx, y = cx - self.ox, self.h - (cy - self.oy)
        k = r * KAPPA
        return _CIRCLE % (
            cx + r, y, cx + r, y + k, cx + k, y + r, cx, y + r,
            cx - k, y + r, cx - r, y + k, cx - r, y,
            cx - r, y - k, cx - k, y - r, cx, y - r,
            cx + k, y - r, cx + r, y - k, cx + r, y)

    def line_path(self, points: Iterable[Point], close: bool = False) -> str:
        """Operators of a polyline (closed when asked)."""
        h, ox = self.h + self.oy, self.ox
        pts = iter(points)
        x, y = next(pts)
        ops = [f"{x - ox:.2f} {h - y:.2f} m"]
        ops += [f"{x - ox:.2f} {h - y:.2f} l" for x, y in pts]
        return " ".join(ops) + (" h " if close else " ")

    def curve_path(self, segments: Iterable[tuple[Point, Point, Point, Point]]) -> str:
        """Operators of joined cubic Béziers ``(p0, c1, c2, p3)``."""
        h, ox = self.h + self.oy, self.ox
        ops = []
        for i, (p0, c1, c2, p3) in enumerate(segments):
            if i == 0:
                ops.append(f"{p0[0] - ox:.2f} {h - p0[1]:.2f} m")
            ops.append(f"{c1[0] - ox:.2f} {h - c1[1]:.2f} {c2[0] - ox:.2f} {h - c2[1]:.2f} "
                       f"{p3[0] - ox:.2f} {h - p3[1]:.2f} c")
        return " ".join(ops) + " "

    def paint(self, path: str, fill: bool, stroke: bool) -> None:
        """Fill and/or stroke a path with the current colours."""
        self.emit(path + _PAINT[(fill, stroke)])

    def clip(self, path: str) -> None:
        """Intersect the clip with a path (inside a save/restore)."""
        self.emit(path + "W n")

    # --------------------------------------------------------------- shapes
    def rect(self, r: Rect, fill: str | None, border: str | None = None, width: float = 1.0,
             dash: Sequence[float] = (), radius: float = 0.0) -> None:
        """A (rounded) rectangle, filled and/or stroked."""
        if fill:
            self.fill(fill)
        if border:
            self.stroke(border, width, dash)
        self.paint(self.rect_path(r, radius), bool(fill), bool(border))

    def circle(self, cx: float, cy: float, r: float, fill: str | None,
               border: str | None = None, width: float = 1.0) -> None:
        """A circle, filled and/or stroked."""
        if fill:
            self.fill(fill)
        if border:
            self.stroke(border, width)
        self.paint(self.circle_path(cx, cy, r), bool(fill), bool(border))

    def polyline(self, points: Iterable[Point]) -> None:
        """Stroke a polyline with the current stroke."""
        self.paint(self.line_path(points), False, True)

    def polygon(self, points: Iterable[Point], color: str) -> None:
        """Fill a closed polygon."""
        self.fill(color)
        self.paint(self.line_path(points, close=True), True, False)

    def curve(self, p0: Point, c1: Point, c2: Point, p3: Point) -> None:
        """Stroke one cubic Bézier with the current stroke."""
        self.paint(self.curve_path(((p0, c1, c2, p3),)), False, True)

    def text(self, x: float, y: float, text: str, size: float, bold: bool, color: str,
             rtl: bool | None = None) -> None:
        """One line of text with its baseline at (x, y) (``rtl``: its paragraph's direction)."""
        self.c.setFillColorRGB(*(float(v) for v in self.rgb(color).split()))
        if metrics().is_simple(text, bold):
            self.c.setFont(self.fonts["bold" if bold else "regular"], size)
            self.c.drawString(x, self.h - y, text)
        else:
            ops = glyph_fonts(self.c).ops(shape_line(text, bold, rtl), x, self.h - y, size)
            self.emit(f"BT {ops} ET")
        self.forget()


class TextBatch:
    """Many lines of text in one PDF text object (one per drawing layer)."""

    def __init__(self, pen: PdfPen) -> None:
        self.pen = pen
        self.obj = pen.c.beginText()
        self._font: tuple[bool, float, int] | None = None  # and the font's subset
        self._color: str | None = None

    def add(self, x: float, y: float, text: str, size: float, bold: bool, color: str,
            rtl: bool | None = None) -> None:
        """Queue one line with its baseline at (x, y) (``rtl``: its paragraph's direction)."""
        if not text:
            return
        if not metrics().is_simple(text, bold):
            self._shaped(x, y, shape_line(text, bold, rtl), size, color)
            return
        # The operators reportlab's textOut writes for a TrueType font, written
        # here: its pure-Python number formatting took a third of a Latin
        # map's export.  The font's splitString still records the characters
        # used, so the font is subset and embedded as before.
        pen, code = self.pen, self.obj._code
        if self._color != color:
            code.append(f"{pen.rgb(color)} rg")
            self._color = color
        code.append(f"1 0 0 1 {x:.2f} {pen.h - y:.2f} Tm")
        font = _ttf(pen.fonts["bold" if bold else "regular"])
        doc = pen.c._doc
        for subset, t in font.splitString(text, doc):
            if self._font != (bold, size, subset):
                code.append(f"{font.getSubsetInternalName(subset, doc)} {size:.2f} Tf")
                self._font = (bold, size, subset)
            code.append(f"({pen.c._escape(t)}) Tj")

    def _shaped(self, x: float, y: float, line, size: float, color: str) -> None:
        """Queue a shaped line: its runs' own fonts, placed glyph by glyph."""
        if self._color != color:
            self.obj.setFillColorRGB(*(float(v) for v in self.pen.rgb(color).split()))
            self._color = color
        pen = self.pen
        self.obj._code.append(glyph_fonts(pen.c).ops(line, x, pen.h - y, size))
        self._font = None  # the runs changed the font and the text matrix

    def draw(self) -> None:
        """Write the text object; the fill colour is unknown afterwards."""
        self.pen.c.drawText(self.obj)
        self.pen.forget()
