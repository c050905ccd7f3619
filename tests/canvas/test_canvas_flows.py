"""Drawing, selecting, relabelling and deleting flows."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.canvas.canvas_helpers import LEFT, NO_MOD, card_center, drag, make_canvas, vp
from tests.model.helpers import state


def handle_point(view, card_id):
    r = view.journey_scene.layout.cards[card_id].rect
    return vp(view, r.right, r.cy)


def test_dragging_from_the_handle_to_another_card_adds_a_flow(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    start = handle_point(view, "c2")
    QTest.mouseMove(view.viewport(), card_center(view, "c2"))
    QTest.mouseMove(view.viewport(), start)  # hover shows the handle
    drag(view, start, card_center(view, "c4"))
    added = [f for f in journey.flows if f.id not in ("f1", "f2")]
    assert [(f.source, f.target, f.kind) for f in added] == [("c2", "c4", "normal")]
    assert scene.flow_item(added[0].id) is not None
    assert scene.selected_flow_ids() == [added[0].id]
    stack.undo()
    assert state(journey) == before


def test_releasing_a_new_flow_on_empty_space_adds_nothing(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    scene.select_cards(["c2"])  # a selected card shows its handle
    cell = scene.layout.cells[("s3", "l3")]
    drag(view, handle_point(view, "c2"), vp(view, cell.right - 10, cell.bottom - 10))
    assert stack.count() == 0
    assert len(journey.flows) == 2


def test_clicking_a_flow_selects_it_and_delete_removes_it(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    fp = scene.layout.flows["f1"]
    x, y = fp.point_at(0.3)
    QTest.mouseClick(view.viewport(), LEFT, NO_MOD, vp(view, x, y))
    assert scene.selected_flow_ids() == ["f1"]
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert not journey.has_flow("f1")
    assert scene.flow_item("f1") is None
    stack.undo()
    assert journey.has_flow("f1")
    assert scene.flow_item("f1") is not None


def test_double_clicking_a_flow_edits_its_label(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    x, y = scene.layout.flows["f1"].point_at(0.3)
    QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, vp(view, x, y))
    assert scene.editing.active
    QTest.keyClicks(view, "then")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert journey.flow("f1").label == "then"
    stack.undo()
    assert journey.flow("f1").label == ""


def test_arrows_follow_a_dragged_card_before_the_drop(qtbot):
    from tests.canvas.canvas_helpers import move_with_button

    scene, view, stack, journey = make_canvas(qtbot)
    before = scene.flow_item("f1").flow_path.p3
    start = card_center(view, "c3")
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    for i in range(1, 4):
        move_with_button(view, start + QPoint(0, 60 * i))
    after = scene.flow_item("f1").flow_path.p3
    assert after[1] > before[1] + 100
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, start + QPoint(0, 180))
