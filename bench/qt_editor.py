"""Measurements of the editor's canvas: open, repaint, drag, undo, insights.

Everything goes through the real code paths: `fileformat.load`, the real
`JourneyScene` and `JourneyView` in a 1600x1000 window (offscreen), painted
synchronously with ``viewport().repaint()`` (which paints into the window's
backing store exactly as a screen update does), a drag made of real mouse
events sent to the viewport, and the undo stack's own ``undo()``.  Every
figure that claims a paint checks that a paint event really reached the
viewport.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas.painting import ensure_fonts
from app.canvas.scene import CANVAS_COLOR, JourneyScene
from app.canvas.undo import push_edit
from app.canvas.view import JourneyView
from app.layout.text import metrics
from app.model import fileformat
from app.model.analysis import insights
from app.model.edits import MoveCards
from app.model.gcpause import freeze_imports
from app.model.journey import Journey
from bench.measure import now, peak_rss_mb, repeat, rss_mb, summary
from bench.qtutil import VIEW_SIZE, PaintCounter, process_until_painted, qapp

#: How far one drag frame moves the card, in viewport pixels.
DRAG_STEP = 3


def app() -> QApplication:
    """The application, started as the editor starts: fonts and text metrics loaded."""
    if QApplication.instance() is None:  # as `run_editor` does in a fresh process
        freeze_imports()
    application = qapp()
    ensure_fonts()
    metrics()
    return application


class Editor:
    """A journey opened in a scene and view, as the editor window shows it."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.stack = QUndoStack()
        self.scene = JourneyScene(journey, self.stack)
        self.view = JourneyView(self.scene)
        self.view.resize(*VIEW_SIZE)
        self.painted = PaintCounter(self.view.viewport())
        self.view.show()
        process_until_painted(self.painted, 0)

    def repaint(self) -> None:
        """Paint the whole viewport now (synchronously, into the backing store)."""
        before = self.painted.count
        self.view.viewport().repaint()
        if self.painted.count <= before:
            raise RuntimeError("repaint() did not paint")

    def blank(self) -> bool:
        """Whether the viewport shows only canvas colour (nothing was drawn)."""
        image = self.view.viewport().grab().toImage()
        canvas = QColor(CANVAS_COLOR).rgb()
        step = 37
        return all(image.pixel(x, y) == canvas for x in range(0, image.width(), step)
                   for y in range(0, image.height(), step))


def open_once(path: str) -> dict:
    """Open a file in a fresh editor: load, build the scene, paint the first frame.

    Meant to run once per (fresh) process, so that the peak memory is the
    open editor's.
    """
    app()
    base = rss_mb()
    t0 = now()
    journey = fileformat.load(path)
    t1 = now()
    editor = Editor(journey)
    t2 = now()
    result = {
        "load": t1 - t0,
        "build_paint": t2 - t1,
        "open": t2 - t0,
        "peak_mb": peak_rss_mb(),
        "startup_mb": base,
        "items": len(editor.scene.items()),
        "blank": editor.blank(),
    }
    return result


def interactive(path: str, runs: int) -> dict:
    """Repaints, drag frames, undo and insights in one open editor."""
    application = app()
    editor = Editor(fileformat.load(path))
    out: dict = {}
    editor.repaint()  # warm: glyph caches of the visible cards
    out["repaint_100"] = summary(repeat(editor.repaint, runs, collect=False))
    out["drag"], out["drag_info"] = _drag_frames(editor, runs)
    out["drop"], out["undo"], out["undo_paint"] = _undo_moves(editor, runs)
    out["fit_first"] = summary(repeat(lambda: _zoom_to_fit(editor), runs,
                                      setup=lambda: _zoom_back(editor)))
    out["fit_zoom"] = editor.view.zoom
    application.processEvents()
    editor.repaint()
    out["repaint_fit"] = summary(repeat(editor.repaint, runs, collect=False))
    out["insights"] = summary(repeat(lambda: insights(editor.journey), runs))
    out["peak_mb_after_use"] = peak_rss_mb()
    return out


def _zoom_back(editor: Editor) -> None:
    """Back to 100 %, painted, so that the next fit starts from a full screen of cards."""
    editor.view.set_zoom(1.0)
    editor.view.horizontalScrollBar().setValue(0)
    editor.view.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    editor.repaint()


def _zoom_to_fit(editor: Editor) -> None:
    """Zoom to fit and paint the first frame (item caches are cold at the new zoom)."""
    editor.view.zoom_to_fit()
    editor.repaint()


def drag_card(editor: Editor) -> tuple[str, QPointF]:
    """The card to drag and a scene point to press on it.

    Of the cards fully in sight, the one with most flows that has a point
    not covered by an arrow (a press on an arrow would select the arrow).
    """
    from app.canvas.items import CardItem

    scene, view, journey = editor.scene, editor.view, editor.journey
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    candidates = []
    for cid, box in scene.layout.cards.items():
        r = box.rect
        if (r.x > visible.left() + 200 and r.y > visible.top() + 100
                and r.x + r.w < visible.right() - 40 and r.y + r.h < visible.bottom() - 40):
            candidates.append((-len(journey.flows_of(cid)), cid))
    for _, cid in sorted(candidates):
        r = scene.layout.cards[cid].rect
        for dx in (30, 60, 90, 120):
            for dy in (0.3, 0.5, 0.7):
                point = QPointF(r.x + dx, r.y + r.h * dy)
                top = scene.items(point, Qt.ItemSelectionMode.IntersectsItemShape,
                                  Qt.SortOrder.DescendingOrder, view.transform())
                top = [i for i in top if i.isVisible() and i.zValue() >= 0]
                if top and isinstance(top[0], CardItem) and top[0].card_id == cid:
                    return cid, point
    raise RuntimeError("no card in sight with a point free of arrows to press on")


def _drag_frames(editor: Editor, runs: int) -> tuple[dict, dict]:
    """Press on a card, start the drag, then time frames of DRAG_STEP pixels each."""
    view, viewport = editor.view, editor.view.viewport()
    cid, point = drag_card(editor)
    start = view.mapFromScene(point)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    pos = start + QPoint(QApplication.startDragDistance() + 4, 0)
    QTest.mouseMove(viewport, pos)
    QApplication.processEvents()
    if editor.scene.interaction is None or not editor.scene.interaction.dragging:
        raise RuntimeError("the drag did not start: no frames to measure")
    item = editor.scene.card_item(cid)
    times, pixels = [], []
    for i in range(max(runs, 5) * 4):
        pos = pos + QPoint(DRAG_STEP if i % 2 == 0 else -DRAG_STEP, 1 if i % 2 == 0 else -1)
        before, px, where = editor.painted.count, editor.painted.pixels, item.pos()
        t = now()
        QTest.mouseMove(viewport, pos)
        process_until_painted(editor.painted, before)
        times.append(now() - t)
        pixels.append(editor.painted.pixels - px)
        if item.pos() == where:
            raise RuntimeError("the dragged card did not move")
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QApplication.processEvents()
    while editor.stack.canUndo():  # a release may have dropped it one place further
        editor.stack.undo()
    info = {"card": cid, "flows": len(editor.journey.flows_of(cid)),
            "repainted_px_median": sorted(pixels)[len(pixels) // 2],
            "viewport_px": viewport.width() * viewport.height()}
    return summary(times), info


def _undo_moves(editor: Editor, runs: int) -> tuple[dict, dict, dict]:
    """Push a MoveCards edit (a card to the next stage), then time its undo."""
    journey, scene, stack = editor.journey, editor.scene, editor.stack
    cid, _ = drag_card(editor)
    card = journey.card(cid)
    home = (card.stage, card.lane, card.order)
    stages = [s.id for s in journey.stages]
    there = stages[(stages.index(card.stage) + 1) % len(stages)]
    edit = MoveCards(((cid, there, card.lane, 0),), "Move card")
    item = scene.card_item(cid)
    drops, undos, undo_paints = [], [], []
    for _ in range(runs):
        QApplication.processEvents()
        t = now()
        push_edit(stack, journey, edit)
        drops.append(now() - t)
        process_until_painted(editor.painted, editor.painted.count)
        moved_to = item.pos()
        before = editor.painted.count
        t = now()
        stack.undo()
        undos.append(now() - t)
        if item.pos() == moved_to or scene.layout.cards[cid].rect.x != item.pos().x():
            raise RuntimeError("undo did not update the scene synchronously")
        process_until_painted(editor.painted, before)
        undo_paints.append(now() - t)
        if (card.stage, card.lane, card.order) != home:
            raise RuntimeError("undo did not restore the card")
    return summary(drops), summary(undos), summary(undo_paints)
