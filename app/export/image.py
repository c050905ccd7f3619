"""PNG and SVG export, drawn with Qt by the canvas's own painting functions.

The map is painted by `app.canvas.painting.paint_map`, the very code the
canvas items use, so an image shows exactly what the screen shows; the title
block's primitives (`app.export.titleblock`) are drawn here.

PNG: a large image (an A0 poster at 300 dpi is 9933 x 14043 pixels, 560 MB
as one RGBA image) is painted in horizontal bands into one reusable band
image, and each band is compressed straight into the PNG's data stream, so
memory stays at a few tens of megabytes whatever the size.  Each band paints
only the cards and flows that reach it (`BandIndex`).  SVG goes through
QSvgGenerator, which keeps text as ``<text>`` elements, into memory first.
"""

from __future__ import annotations

import dataclasses
import os
import struct
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen, QPolygonF
from PySide6.QtSvg import QSvgGenerator

from app.canvas.glyphs import draw_line
from app.canvas.painting import (
    color,
    drawing_at_dpi,
    ensure_fonts,
    flow_label_rect,
    font,
    lod_of,
    paint_face,
    paint_map,
)
from app.export.drawing import Drawing
from app.export.paper import PagePlan
from app.export.titleblock import Box, Line, Mark, Primitive, Text
from app.layout.boxes import drawing_order
from app.layout.geometry import MapLayout

#: Bytes of the band image (RGB32): bounds peak memory for any image size.
BAND_BYTES = 24 * 1024 * 1024
#: zlib output is gathered into IDAT chunks of about this size.
CHUNK_BYTES = 1 << 20
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_app: QGuiApplication | None = None  # kept alive for the process


def ensure_app() -> None:
    """Make sure a Qt application exists (Qt needs one to draw text).

    The editor already has one; the command line gets an offscreen one, as
    an export never shows a window.  It is a QApplication rather than a bare
    QGuiApplication so that widgets (a scene, a dialog) created later in the
    same process still work.
    """
    global _app
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication([])
    ensure_fonts()


# ------------------------------------------------------------------ drawing
def paint_page(painter: QPainter, drawing: Drawing, plan: PagePlan,
               exposed: QRectF | None = None, index: BandIndex | None = None) -> None:
    """Paint the page of ``plan`` in page units (points), white behind the map.

    Args:
        painter: a painter whose transform maps page units to the device.
        drawing: the map and title block.
        plan: a single-page plan (``fit`` or ``paper``).
        exposed: the part of the page that needs painting (page units); cards
            outside it are skipped.
        index: with ``exposed``, skip the flows (and cards) outside it too.
    """
    place = plan.placement
    painter.fillRect(QRectF(0, 0, plan.page_w, plan.page_h), QColor("#FFFFFF"))
    painter.save()
    painter.translate(place.x, place.y)
    painter.scale(place.scale, place.scale)
    layout, area = drawing.layout, None
    if exposed is not None:
        s = place.scale
        # Padded: a card's shadow reaches a few units past its rectangle, and
        # anti-aliasing a pixel or two (which is more than 12 units on a map
        # shrunk onto a low-resolution page).
        pad = 12.0 + 2.0 / lod_of(painter)
        area = QRectF((exposed.x() - place.x) / s, (exposed.y() - place.y) / s,
                      exposed.width() / s, exposed.height() / s).adjusted(-pad, -pad, pad, pad)
        if index is not None:
            layout = index.within(area.top(), area.bottom())
    painter.fillRect(QRectF(0, 0, drawing.width, drawing.height), color(drawing.style.background))
    paint_map(painter, layout, drawing.style, exposed=area)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    paint_primitives(painter, drawing.block.items)
    painter.restore()


class BandIndex:
    """The layout's cards and flows by vertical extent, to paint a band with
    only those that reach it.

    `paint_map` skips the cards outside its ``exposed`` area but draws every
    flow, so a tall PNG painted in a dozen bands would stroke each flow a dozen
    times.  A flow's extent is the hull of its control points and head (the
    curve never leaves it), widened by its pen, and its label's pill; nothing
    left out could have put a pixel in the band, so the image is unchanged.

    Args:
        layout: the layout the bands are painted from.
    """

    def __init__(self, layout: MapLayout) -> None:
        self.layout = layout
        self._cards = [(b.rect.y, b.rect.bottom, cid, b) for cid, b in layout.cards.items()]
        self._flows = []
        for fp in drawing_order(layout.flows):
            fid = fp.id
            r = fp.bounds()
            top, bottom = r.y - fp.width, r.bottom + fp.width
            label = flow_label_rect(fp)
            if label is not None:
                top, bottom = min(top, label.top() - 1), max(bottom, label.bottom() + 1)
            self._flows.append((top, bottom, fid, fp))

    def within(self, top: float, bottom: float) -> MapLayout:
        """A copy of the layout holding only the cards and flows that reach
        from ``top`` to ``bottom`` (layout units); the bands span the page's width."""
        cards = {k: v for y0, y1, k, v in self._cards if y0 <= bottom and y1 >= top}
        flows = {k: v for y0, y1, k, v in self._flows if y0 <= bottom and y1 >= top}
        return dataclasses.replace(self.layout, cards=cards, flows=flows)


def paint_primitives(painter: QPainter, items: Iterable[Primitive]) -> None:
    """Draw the title block's primitives (the PDF draws the same list)."""
    for item in items:
        if isinstance(item, Text):
            painter.setPen(color(item.color))
            painter.setFont(font(painter, item.size, item.bold))
            if not draw_line(painter, item.x, item.y, item.text, item.size, item.bold):
                painter.drawText(QPointF(item.x, item.y), item.text)
        elif isinstance(item, Box):
            painter.setPen(_pen(item.border, item.border_width, item.dash)
                           if item.border else Qt.PenStyle.NoPen)
            painter.setBrush(color(item.fill) if item.fill else Qt.BrushStyle.NoBrush)
            rect = QRectF(item.x, item.y, item.w, item.h)
            if item.radius > 0:
                painter.drawRoundedRect(rect, item.radius, item.radius)
            else:
                painter.drawRect(rect)
        elif isinstance(item, Line):
            painter.setPen(_pen(item.color, item.width, item.dash))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in item.points]))
            if item.head is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color(item.color))
                painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in item.head]))
        elif isinstance(item, Mark):
            paint_face(painter, QRectF(item.x, item.y, item.size, item.size), item.emotion,
                       item.color)


def _pen(hex_color: str, width: float, dash: tuple[float, ...]) -> QPen:
    pen = QPen(color(hex_color), width)
    if dash:
        # Qt measures dashes in pen widths; the style gives them in units.
        pen.setDashPattern([d / max(width, 0.1) for d in dash])
    return pen


def image_size(plan: PagePlan, dpi: float) -> tuple[int, int]:
    """Pixel size of the page at ``dpi`` (one page unit is one point)."""
    return round(plan.page_w * dpi / 72.0), round(plan.page_h * dpi / 72.0)


def render_image(drawing: Drawing, plan: PagePlan, dpi: float) -> QImage:
    """The whole page as one image (for previews and tests; small sizes only)."""
    ensure_app()
    w, h = image_size(plan, dpi)
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor("#FFFFFF"))
    painter = QPainter(img)
    painter.scale(dpi / 72.0, dpi / 72.0)
    paint_page(painter, drawing, plan)
    painter.end()
    return img


# ---------------------------------------------------------------------- PNG
def write_png(drawing: Drawing, plan: PagePlan, path: str, dpi: int,
              progress: Callable[[float], None] | None = None) -> tuple[int, int]:
    """Write the page as a PNG at ``dpi``, band by band; returns its pixel size."""
    ensure_app()
    w, h = image_size(plan, dpi)
    scale = dpi / 72.0
    band_h = max(1, min(h, BAND_BYTES // (4 * w)))
    band = QImage(w, band_h, QImage.Format.Format_RGB32)
    index = BandIndex(drawing.layout)
    with open(path, "wb") as fh:
        fh.write(PNG_SIGNATURE)
        _chunk(fh, b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        ppm = round(dpi / 0.0254)  # pixels per metre: viewers print at the right size
        _chunk(fh, b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
        stream = _IdatStream(fh)
        # zlib lets go of the GIL: one band is compressed (in order, by one
        # thread, so the bytes are the same) while the next is painted.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending: Future | None = None
            for top in range(0, h, band_h):
                rows = min(band_h, h - top)
                band.fill(QColor("#FFFFFF"))
                painter = QPainter(band)
                painter.translate(0, -top)
                painter.scale(scale, scale)
                exposed = QRectF(0, top / scale, w / scale, band_h / scale)
                paint_page(painter, drawing, plan, exposed, index)
                painter.end()
                rgb = band.convertToFormat(QImage.Format.Format_RGB888)
                if pending is not None:
                    pending.result()  # one band in flight at most; its error raised here
                pending = pool.submit(stream.add_rows, rgb, rows, w)
                if progress is not None:
                    progress((top + rows) / h)
            if pending is not None:
                pending.result()
        stream.finish()
        _chunk(fh, b"IEND", b"")
    return w, h


class _IdatStream:
    """Compresses scanlines into IDAT chunks as they come."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.z = zlib.compressobj(6)
        self.pending: list[bytes] = []
        self.size = 0

    def add_rows(self, rgb: QImage, rows: int, width: int) -> None:
        data = rgb.constBits()
        stride = rgb.bytesPerLine()
        row_bytes = width * 3
        parts: list = []
        for r in range(rows):
            # Filter type None: flat colours compress well as they are.
            parts += (b"\x00", data[r * stride:r * stride + row_bytes])
        # One join of memoryview slices: the band is copied once (not grown row by row).
        self._out(self.z.compress(b"".join(parts)))

    def _out(self, data: bytes) -> None:
        if data:
            self.pending.append(data)
            self.size += len(data)
        if self.size >= CHUNK_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            _chunk(self.fh, b"IDAT", b"".join(self.pending))
            self.pending, self.size = [], 0

    def finish(self) -> None:
        self._out(self.z.flush())
        self._flush()


def _chunk(fh: BinaryIO, kind: bytes, data: bytes) -> None:
    fh.write(struct.pack(">I", len(data)))
    fh.write(kind)
    fh.write(data)
    fh.write(struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


# ---------------------------------------------------------------------- SVG
def write_svg(drawing: Drawing, plan: PagePlan, path: str) -> None:
    """Write the page as SVG; one user unit is one point, text stays text."""
    ensure_app()
    # Drawn into memory, then written by Python: QSvgGenerator ignores write
    # errors, and a full disk would leave a truncated file that exports "fine".
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(QSize(round(plan.page_w), round(plan.page_h)))
    gen.setViewBox(QRectF(0, 0, plan.page_w, plan.page_h))
    gen.setResolution(72)
    gen.setTitle(drawing.journey.title or "Journey map")
    gen.setDescription("Customer journey map exported by Journeymap")
    painter = QPainter(gen)
    with drawing_at_dpi(72):
        paint_page(painter, drawing, plan)
    painter.end()
    with open(path, "wb") as fh:
        fh.write(buffer.data().data())
    # Imported here: only an SVG needs fontTools' subsetter (~0.07 s to import).
    from app.export.svgfont import finish_svg

    finish_svg(path, plan.page_w, plan.page_h)


def render_thumbnail(drawing: Drawing, max_side: int = 900) -> QImage:
    """The drawing (map and title block, no margins) at most ``max_side`` pixels
    on its longer side, never enlarged: the export dialog's preview."""
    ensure_app()
    scale = min(1.0, max_side / max(drawing.width, drawing.height, 1.0))
    w, h = max(1, round(drawing.width * scale)), max(1, round(drawing.height * scale))
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor("#FFFFFF"))
    painter = QPainter(img)
    painter.scale(scale, scale)
    paint_map(painter, drawing.layout, drawing.style)
    paint_primitives(painter, drawing.block.items)
    painter.end()
    return img
