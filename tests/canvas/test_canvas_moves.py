"""Moving cards with the mouse: one MoveCards edit per drag, undoable."""

from PySide6.QtCore import QPoint

from tests.canvas.canvas_helpers import card_center, drag, make_canvas, vp
from tests.model.helpers import state


def cell_point(view, stage, lane, dy=None):
    """A viewport point in a cell, below its cards (or at ``dy`` from its top)."""
    layout = view.journey_scene.layout
    r = layout.cells[(stage, lane)]
    return vp(view, r.cx, r.y + (dy if dy is not None else r.h - 10))


def test_dragging_a_card_to_another_cell_moves_it_there(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    drag(view, card_center(view, "c2"), cell_point(view, "s2", "l1"))
    card = journey.card("c2")
    assert (card.stage, card.lane, card.order) == ("s2", "l1", 1)
    assert journey.cell_ids("s1", "l1") == ["c1"]
    assert stack.count() == 1
    stack.undo()
    assert state(journey) == before


def test_dragging_a_card_above_another_reorders_the_cell(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    top = scene.layout.cards["c1"].rect
    drag(view, card_center(view, "c2"), vp(view, top.cx, top.y + 2))
    assert journey.cell_ids("s1", "l1") == ["c2", "c1"]
    stack.undo()
    assert journey.cell_ids("s1", "l1") == ["c1", "c2"]


def test_item_follows_the_mouse_and_a_marker_shows_during_the_drag(qtbot):
    from PySide6.QtTest import QTest

    from tests.canvas.canvas_helpers import LEFT, NO_MOD, move_with_button

    scene, view, stack, journey = make_canvas(qtbot)
    start = card_center(view, "c1")
    target = cell_point(view, "s3", "l1")
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    for i in range(1, 5):
        move_with_button(view, start + (target - start) * (i / 4))
    assert scene.marker_rect is not None
    assert journey.card("c1").stage == "s1"  # no model change while dragging
    item = scene.card_item("c1")
    assert item.pos().x() > scene.layout.cards["c1"].rect.x + 100
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, target)
    assert journey.card("c1").stage == "s3"
    assert scene.marker_rect is None


def test_a_click_without_moving_changes_nothing(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    drag(view, card_center(view, "c1"), card_center(view, "c1") + QPoint(1, 0), steps=1)
    assert stack.count() == 0
    assert scene.selected_card_ids() == ["c1"]
