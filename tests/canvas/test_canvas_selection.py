"""Rubber-band and click selection, group moves, delete."""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from tests.canvas.canvas_helpers import LEFT, card_center, drag, make_canvas, vp
from tests.model.helpers import state


def test_rubber_band_selects_the_cards_it_encloses(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    cell = scene.layout.cells[("s1", "l1")]
    drag(view, vp(view, cell.x + 4, cell.y + 4), vp(view, cell.right - 4, cell.bottom - 4))
    assert scene.selected_card_ids() == ["c1", "c2"]
    assert stack.count() == 0


def test_a_group_of_selected_cards_moves_together_in_one_edit(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    cell = scene.layout.cells[("s1", "l1")]
    drag(view, vp(view, cell.x + 4, cell.y + 4), vp(view, cell.right - 4, cell.bottom - 4))
    target = scene.layout.cells[("s3", "l1")]
    drag(view, card_center(view, "c1"), vp(view, target.cx, target.cy))
    assert journey.cell_ids("s3", "l1") == ["c1", "c2"]
    assert journey.cell_ids("s1", "l1") == []
    assert stack.count() == 1
    stack.undo()
    assert state(journey) == before


def test_ctrl_click_adds_a_card_to_the_selection(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    QTest.mouseClick(view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, card_center(view, "c1"))
    QTest.mouseClick(view.viewport(), LEFT, Qt.KeyboardModifier.ControlModifier,
                     card_center(view, "c3"))
    assert scene.selected_card_ids() == ["c1", "c3"]


def test_clicking_empty_cell_space_selects_the_cell(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    cell = scene.layout.cells[("s3", "l1")]
    QTest.mouseClick(view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier,
                     vp(view, cell.cx, cell.cy))
    assert scene.selected_cell() == ("s3", "l1")
    assert scene.selected_card_ids() == []


def test_delete_removes_selected_cards_and_their_flows_as_one_step(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    scene.select_cards(["c3", "c6"])
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert not journey.has_card("c3") and not journey.has_card("c6")
    assert journey.flows == []
    assert scene.card_item("c3") is None
    assert stack.count() == 1
    stack.undo()
    assert state(journey) == before
    assert scene.card_item("c3") is not None


def test_selection_signal_fires_once_for_a_programmatic_selection(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    seen = []
    scene.selection_ids_changed.connect(lambda: seen.append(scene.selected_card_ids()))
    scene.select_cards(["c1", "c2", "c3"])
    assert seen == [["c1", "c2", "c3"]]


def test_a_card_is_above_every_flow_that_passes_it_and_takes_the_press(qtbot):
    from dataclasses import replace
    from itertools import permutations

    from app.canvas.items import CardItem, FlowItem
    from app.model.journey import Flow
    from tests.canvas.canvas_helpers import workshop_journey

    journey = workshop_journey()
    ids = [c.id for c in journey.cards]
    for n, (a, b) in enumerate(permutations(ids, 2)):  # dense: flows everywhere
        journey.insert_flow(Flow(f"fx{n}", a, b))
    scene, view, stack, journey = make_canvas(qtbot, journey)
    # The layout routes no arrow over a card (through the gaps between
    # them); an arrow follows a card being dragged as a plain curve, over
    # whatever lies in its way: one such arrow straight across each card.
    for n, cid in enumerate(ids):
        box = scene.layout.cards[cid].rect
        item = scene.flow_item(f"fx{n}")
        left, right = (box.x - 40, box.cy), (box.right + 40, box.cy)
        item.set_path(replace(item.flow_path, p0=left, c1=left, c2=right, p3=right))
    crossed = 0
    for cid in ids:
        box = scene.layout.cards[cid].rect
        for fx in (0.15, 0.35, 0.5, 0.65, 0.85):
            for fy in (0.25, 0.5, 0.75):
                point = QPointF(box.x + box.w * fx, box.y + box.h * fy)
                under = [i for i in scene.items(point) if isinstance(i, (CardItem, FlowItem))]
                crossed += any(isinstance(i, FlowItem) for i in under)
                assert isinstance(under[0], CardItem), (cid, fx, fy)
    assert crossed  # the map really has flows over its cards
