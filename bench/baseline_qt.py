"""Raw Qt baselines: the same cards and flows drawn the cheapest way Qt offers.

`scene_data` turns a map into plain numbers once (card rectangles, titles,
flow end points, from our own layout so that the baseline draws the same
picture in the same places); the baselines then build a plain
`QGraphicsScene` from that data without any of our code:

- ``rects``: one `QGraphicsRectItem` per card, nothing else (the floor);
- ``full``: one item per card with its own ``paint()`` (rectangle and a
  word-wrapped ``drawText`` of the title), plus one `QGraphicsPathItem`
  (a cubic curve) per flow: the same content as our canvas, drawn simply.

Both use the view settings of our canvas (antialiasing, fixed BSP depth,
1600x1000) so that only the cost of our items and painting differs.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
)

from bench.measure import now, peak_rss_mb, repeat, rss_mb, summary
from bench.qtutil import VIEW_SIZE, PaintCounter, process_until_painted, qapp

FILL, BORDER = QColor("#F4F6F8"), QColor("#94A3B8")
INK, ARROW = QColor("#1F2933"), QColor("#64748B")


def scene_data(path: str, out: str) -> dict:
    """Write the plain data of a map's layout to ``out`` (JSON); returns counts."""
    from app.layout.geometry import compute_layout
    from app.model import fileformat

    journey = fileformat.load(path)
    layout = compute_layout(journey)
    cards = {cid: (b.rect.x, b.rect.y, b.rect.w, b.rect.h, b.title_lines, b.meta)
             for cid, b in layout.cards.items()}
    order = list(cards)
    index = {cid: i for i, cid in enumerate(order)}
    flows = [(index[f.source], index[f.target]) for f in journey.flows
             if f.source in cards and f.target in cards]
    data = {
        "width": layout.width, "height": layout.height,
        "cards": [[x, y, w, h, " ".join(lines), meta] for x, y, w, h, lines, meta
                  in (cards[c] for c in order)],
        "lines": sum(len(cards[c][4]) + bool(cards[c][5]) for c in order),
        "flows": flows, "ids": order,
    }
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    return {"cards": len(order), "flows": len(flows), "text_lines": data["lines"]}


class TextCard(QGraphicsItem):
    """A card drawn the simple way: a rectangle and its word-wrapped title."""

    font = QFont()

    def __init__(self, x: float, y: float, w: float, h: float, title: str) -> None:
        super().__init__()
        self.setPos(x, y)
        self._rect = QRectF(0, 0, w, h)
        self._title = title

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(QPen(BORDER, 1.0))
        painter.setBrush(QBrush(FILL))
        painter.drawRect(self._rect)
        painter.setPen(INK)
        painter.setFont(TextCard.font)
        painter.drawText(self._rect.adjusted(10, 6, -8, -6), Qt.TextFlag.TextWordWrap, self._title)


def curve(a: list, b: list) -> QPainterPath:
    """A cubic curve from the right middle of card ``a`` to the left middle of ``b``."""
    x1, y1 = a[0] + a[2], a[1] + a[3] / 2
    x2, y2 = b[0], b[1] + b[3] / 2
    dx = max(40.0, abs(x2 - x1) / 2)
    path = QPainterPath(QPointF(x1, y1))
    path.cubicTo(QPointF(x1 + dx, y1), QPointF(x2 - dx, y2), QPointF(x2, y2))
    return path


class Baseline:
    """A plain scene and view holding the baseline items."""

    def __init__(self, data: dict, variant: str) -> None:
        self.data = data
        self.scene = QGraphicsScene()
        self.scene.setBspTreeDepth(10)
        self.scene.setSceneRect(QRectF(0, 0, data["width"] + 120, data["height"] + 120))
        self.cards: list[QGraphicsItem] = []
        self.paths: list[tuple[QGraphicsPathItem, int, int]] = []
        pen, brush = QPen(BORDER, 1.0), QBrush(FILL)
        for x, y, w, h, title, _ in data["cards"]:
            if variant == "rects":
                item = QGraphicsRectItem(0, 0, w, h)
                item.setPos(x, y)
                item.setPen(pen)
                item.setBrush(brush)
            else:
                item = TextCard(x, y, w, h, title)
            self.scene.addItem(item)
            self.cards.append(item)
        if variant == "full":
            arrow = QPen(ARROW, 1.5)
            for a, b in data["flows"]:
                item = QGraphicsPathItem(curve(data["cards"][a], data["cards"][b]))
                item.setPen(arrow)
                self.scene.addItem(item)
                self.paths.append((item, a, b))
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHints(QPainter.RenderHint.Antialiasing
                                 | QPainter.RenderHint.TextAntialiasing)
        self.view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.view.resize(*VIEW_SIZE)
        self.painted = PaintCounter(self.view.viewport())
        self.view.show()
        # Our view shows the map's top-left corner on opening; so does this one.
        self.view.horizontalScrollBar().setValue(0)
        self.view.verticalScrollBar().setValue(0)
        process_until_painted(self.painted, 0)

    def repaint(self) -> None:
        """Paint the whole viewport now."""
        self.view.viewport().repaint()

    def drag_frame(self, index: int, dx: float) -> None:
        """Move card ``index`` by ``dx`` with its curves, and wait for the repaint."""
        before = self.painted.count
        card = self.cards[index]
        card.moveBy(dx, 0)
        p = card.pos()
        cards = self.data["cards"]
        for item, a, b in self.paths:
            if index in (a, b):
                ra = [p.x(), p.y(), *cards[a][2:4]] if a == index else cards[a]
                rb = [p.x(), p.y(), *cards[b][2:4]] if b == index else cards[b]
                item.setPath(curve(ra, rb))
        process_until_painted(self.painted, before)

    def fit(self, zoom: float) -> None:
        """Zoom as our view's zoom-to-fit did, centred on the map."""
        self.view.resetTransform()
        self.view.scale(zoom, zoom)
        self.view.centerOn(self.data["width"] / 2, self.data["height"] / 2)


def _app() -> None:
    qapp()
    from app.canvas.painting import ensure_fonts
    from app.layout.text import FONT_FAMILY

    ensure_fonts()  # the same fonts registered as in our editor: a fair glyph cache
    TextCard.font = QFont(FONT_FAMILY)
    TextCard.font.setPixelSize(13)


def load_data(data_path: str) -> dict:
    """Read the plain data that `scene_data` wrote."""
    with open(data_path, encoding="utf-8") as fh:
        return json.load(fh)


def open_once(data_path: str, variant: str) -> dict:
    """Build the baseline scene and paint its first frame (once per fresh process)."""
    _app()
    data = load_data(data_path)
    base = rss_mb()
    t = now()
    baseline = Baseline(data, variant)
    elapsed = now() - t
    return {"build_paint": elapsed, "peak_mb": peak_rss_mb(), "startup_mb": base,
            "items": len(baseline.scene.items())}


def interactive(data_path: str, variant: str, runs: int, card_id: str | None,
                zoom: float) -> dict:
    """Repaints and drag frames of the baseline, like `qt_editor.interactive`."""
    _app()
    application = qapp()
    data = load_data(data_path)
    baseline = Baseline(data, variant)
    out: dict = {}
    baseline.repaint()
    out["repaint_100"] = summary(repeat(baseline.repaint, runs, collect=False))
    index = data["ids"].index(card_id) if card_id in data["ids"] else 0
    frames = []
    for i in range(max(runs, 5) * 4):
        t = now()
        baseline.drag_frame(index, 3 if i % 2 == 0 else -3)
        frames.append(now() - t)
    out["drag"] = summary(frames)
    baseline.fit(zoom)
    application.processEvents()
    baseline.repaint()
    out["repaint_fit"] = summary(repeat(baseline.repaint, runs, collect=False))
    return out
