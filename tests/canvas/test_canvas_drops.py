"""Drops from the palette: card kinds onto cells, new stages and lanes."""

from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas.mime import MIME_CARD_KIND, MIME_NEW_LANE, MIME_NEW_STAGE
from tests.canvas.canvas_helpers import make_canvas, vp
from tests.model.helpers import state

COPY = Qt.DropAction.CopyAction
LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def mime(fmt: str, payload: str = "") -> QMimeData:
    data = QMimeData()
    data.setData(fmt, QByteArray(payload.encode("utf-8")))
    return data


def drop(view, data: QMimeData, point, hover_only=False) -> bool:
    """Drag ``data`` over the viewport to ``point`` and drop it; True if accepted."""
    viewport = view.viewport()
    pos = QPointF(point)
    enter = QDragEnterEvent(point, COPY, data, LEFT, NO_MOD)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point, COPY, data, LEFT, NO_MOD)
    QApplication.sendEvent(viewport, move)
    if hover_only:
        return move.isAccepted()
    event = QDropEvent(pos, COPY, data, LEFT, NO_MOD)
    QApplication.sendEvent(viewport, event)
    return event.isAccepted()


def test_dropping_a_card_kind_on_a_cell_adds_a_card_there(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    cell = scene.layout.cells[("s3", "l3")]
    assert drop(view, mime(MIME_CARD_KIND, "opportunity"), vp(view, cell.cx, cell.bottom - 8))
    cards = journey.cell("s3", "l3")
    assert [(c.title, c.kind) for c in cards] == [
        ("Parcel is late", "pain"), ("New opportunity", "opportunity")]
    assert scene.selected_card_ids() == [cards[1].id]
    assert scene.editing.active  # the new card's title is being edited
    QTest.keyClicks(view, "Track the parcel")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert journey.card(cards[1].id).title == "Track the parcel"
    stack.undo()
    stack.undo()
    assert state(journey) == before


def test_a_card_dropped_above_the_first_card_goes_first(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    top = scene.layout.cards["c1"].rect
    assert drop(view, mime(MIME_CARD_KIND, "touchpoint"), vp(view, top.cx, top.y + 3))
    assert journey.cell("s1", "l1")[0].title == "New touchpoint"


def test_a_drop_outside_the_cells_is_refused(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    r = scene.layout.stage_headers[0].rect
    assert not drop(view, mime(MIME_CARD_KIND, "pain"), vp(view, r.cx, r.cy), hover_only=True)
    assert stack.count() == 0


def test_unknown_drags_are_left_to_the_window(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    data = QMimeData()
    data.setText("hello")
    cell = scene.layout.cells[("s1", "l1")]
    assert not drop(view, data, vp(view, cell.cx, cell.cy))


def test_dropping_a_new_stage_between_two_stages_inserts_it_there(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    x, w = scene.layout.columns["s2"]
    assert drop(view, mime(MIME_NEW_STAGE), vp(view, x + w - 10, 200))
    assert [s.name for s in journey.stages] == ["Discover", "Buy", "New stage", "Use"]
    scene.editing.cancel()
    stack.undo()
    assert state(journey) == before


def test_dropping_a_new_lane_between_two_lanes_inserts_it_there(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    y, h = scene.layout.rows["l1"]
    assert drop(view, mime(MIME_NEW_LANE, "pain"), vp(view, 400, y + h - 10))
    assert [(lane.name, lane.kind) for lane in journey.lanes][1] == ("New lane", "pain")
    assert scene.editing.active  # named in place
    QTest.keyClicks(view, "Worries")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert journey.lanes[1].name == "Worries"
    stack.undo()
    stack.undo()
    assert state(journey) == before
