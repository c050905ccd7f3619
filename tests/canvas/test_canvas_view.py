"""Zoom, pan, fit and the view options of the scene."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.layout.style import PRESENTATION_STYLE
from app.model.edits import AddPersona, History, update_card
from app.model.journey import Persona
from tests.canvas.canvas_helpers import drag, make_canvas, workshop_journey


def ctrl_wheel(view, pos: QPoint, steps: int) -> None:
    event = QWheelEvent(
        QPointF(pos), QPointF(view.viewport().mapToGlobal(pos)), QPoint(0, 0),
        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_ctrl_wheel_zooms_around_the_mouse(qtbot):
    scene, view, stack, journey = make_canvas(qtbot, size=(700, 500))
    pos = QPoint(400, 300)
    under = view.mapToScene(pos)
    zooms = []
    view.zoom_changed.connect(zooms.append)
    ctrl_wheel(view, pos, 2)
    assert view.zoom > 1.4
    assert zooms and zooms[-1] == view.zoom
    after = view.mapToScene(pos)
    assert abs(after.x() - under.x()) < 2 and abs(after.y() - under.y()) < 2


def test_zoom_to_fit_shows_the_whole_map(qtbot):
    scene, view, stack, journey = make_canvas(qtbot, size=(500, 400))
    view.zoom_to_fit()
    layout = scene.layout
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(QPointF(layout.width - 1, layout.height - 1))
    assert visible.contains(QPointF(1, 1))


def test_zoom_in_out_and_reset(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    view.zoom_in()
    assert view.zoom > 1.0
    view.zoom_out()
    view.zoom_out()
    assert view.zoom < 1.0
    view.zoom_reset()
    assert view.zoom == 1.0


def test_ensure_cards_visible_scrolls_to_a_far_card(qtbot):
    scene, view, stack, journey = make_canvas(qtbot, size=(420, 300))
    view.ensure_cards_visible(["c6"])
    r = scene.layout.cards["c6"].rect
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(QPointF(r.cx, r.cy))


def test_middle_button_drag_pans(qtbot):
    scene, view, stack, journey = make_canvas(qtbot, size=(420, 300))
    before = view.horizontalScrollBar().value()
    drag(view, QPoint(300, 200), QPoint(100, 200), button=Qt.MouseButton.MiddleButton)
    assert view.horizontalScrollBar().value() > before
    assert stack.count() == 0


def test_persona_fades_other_personas_cards(qtbot):
    journey = workshop_journey()
    h = History(journey)
    h.do(AddPersona(Persona("p1", "Student")))
    h.do(AddPersona(Persona("p2", "Retiree")))
    h.do(update_card("c4", personas=["p2"]))
    scene, view, stack, _ = make_canvas(qtbot, journey)
    scene.set_persona("p1")
    assert scene.card_item("c4").box.faded
    assert not scene.card_item("c1").box.faded  # no personas: for everyone
    scene.set_persona(None)
    assert not scene.card_item("c4").box.faded


def test_highlight_marks_cards_and_flows(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    scene.set_highlight(["c1"], ["f2"])
    assert scene.card_item("c1").highlighted and scene.flow_item("f2").highlighted
    scene.set_highlight([], [])
    assert not scene.card_item("c1").highlighted


def test_focus_dims_all_but_one_stage(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    scene.set_focus("stage", "s2")
    x, w = scene.layout.columns["s2"]
    dim = scene.focus_veil
    assert dim.isVisible()
    assert not dim.shape().contains(QPointF(x + w / 2, 200))
    assert dim.shape().contains(QPointF(scene.layout.columns["s1"][0] + 10, 200))
    scene.set_focus(None)
    assert not dim.isVisible()


def test_presentation_style_keeps_items_and_enlarges_cards(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    item = scene.card_item("c1")
    width = item.box.rect.w
    scene.set_style(PRESENTATION_STYLE)
    assert scene.card_item("c1") is item
    assert item.box.rect.w > width


def test_dragging_near_the_bottom_edge_scrolls_the_map(qtbot):
    from PySide6.QtTest import QTest

    from tests.canvas.canvas_helpers import LEFT, NO_MOD, card_center, move_with_button

    scene, view, stack, journey = make_canvas(qtbot, size=(700, 320))
    start = card_center(view, "c1")
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    edge = QPoint(start.x(), view.viewport().height() - 4)
    move_with_button(view, start + QPoint(0, 20))
    move_with_button(view, edge)
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 60, timeout=10_000)
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, edge)
    assert journey.card("c1").lane != "l1"  # landed in a lane that scrolled into view


def test_space_and_drag_pans(qtbot):
    from PySide6.QtTest import QTest

    scene, view, stack, journey = make_canvas(qtbot, size=(420, 300))
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(view, QPoint(300, 250), QPoint(100, 100))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert view.horizontalScrollBar().value() > 0 and view.verticalScrollBar().value() > 0
    assert stack.count() == 0
    assert scene.selected_card_ids() == []


def test_escape_cancels_a_card_drag(qtbot):
    from PySide6.QtTest import QTest

    from tests.canvas.canvas_helpers import LEFT, NO_MOD, card_center, move_with_button

    scene, view, stack, journey = make_canvas(qtbot)
    start = card_center(view, "c1")
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    for i in range(1, 4):
        move_with_button(view, start + QPoint(90 * i, 0))
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, start + QPoint(270, 0))
    assert stack.count() == 0
    assert scene.card_item("c1").pos().x() == scene.layout.cards["c1"].rect.x


def test_a_map_smaller_than_the_view_is_centred(qtbot):
    from app.canvas.follow import SCENE_MARGIN

    scene, view, stack, journey = make_canvas(qtbot, size=(2600, 1800))
    layout = scene.layout
    assert layout.width + SCENE_MARGIN < view.viewport().width()
    centre = view.mapFromScene(QPointF(layout.width / 2, layout.height / 2))
    middle = view.viewport().rect().center()
    # The map itself is in the middle, not the map and the scene's margin
    # (right and bottom, which would shift it by half of that margin).
    assert abs(centre.x() - middle.x()) <= 2
    assert abs(centre.y() - middle.y()) <= 2
    # Zoomed to fit a view that is wider than the map needs: centred across.
    view.resize(2600, 700)
    view.zoom_to_fit()
    centre = view.mapFromScene(QPointF(layout.width / 2, layout.height / 2))
    assert abs(centre.x() - view.viewport().rect().center().x()) <= 2
