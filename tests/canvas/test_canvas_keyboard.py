"""Building a map from the keyboard, and in-place title editing."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.canvas.canvas_helpers import LEFT, NO_MOD, card_center, make_canvas, vp
from tests.model.helpers import state


def test_typing_in_a_selected_cell_adds_a_card_on_enter(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    scene.select_cell(("s3", "l1"))
    QTest.keyClicks(view, "Writes a review")
    assert journey.cell_ids("s3", "l1") == []  # nothing until Enter
    QTest.keyClick(view, Qt.Key.Key_Return)
    cards = journey.cell("s3", "l1")
    assert [(c.title, c.kind) for c in cards] == [("Writes a review", "touchpoint")]
    assert stack.count() == 1
    assert scene.selected_cell() == ("s3", "l1")
    stack.undo()
    assert state(journey) == before


def test_escape_cancels_a_new_card(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    scene.select_cell(("s3", "l1"))
    QTest.keyClicks(view, "Oops")
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert stack.count() == 0
    assert not scene.editing.active


def test_tab_commits_and_moves_to_the_next_cell(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    scene.select_cell(("s2", "l3"))
    QTest.keyClicks(view, "Card A")
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert scene.selected_cell() == ("s3", "l3")
    QTest.keyClicks(view, "Card B")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert [c.title for c in journey.cell("s2", "l3")] == ["Card A"]
    assert [c.title for c in journey.cell("s3", "l3")] == ["Parcel is late", "Card B"]
    QTest.keyClick(view, Qt.Key.Key_Backtab)
    assert scene.selected_cell() == ("s2", "l3")


def test_arrow_keys_move_the_cell_selection(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    scene.select_cell(("s1", "l1"))
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert scene.selected_cell() == ("s2", "l2")
    QTest.keyClick(view, Qt.Key.Key_Left)
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert scene.selected_cell() == ("s1", "l2")


def test_double_click_edits_a_title_in_place(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, card_center(view, "c1"))
    assert scene.editing.active
    QTest.keyClicks(view, "Hears about us")  # replaces the selected title
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert journey.card("c1").title == "Hears about us"
    assert stack.count() == 1
    stack.undo()
    assert journey.card("c1").title == "Sees an advert"


def test_clicking_elsewhere_commits_a_title_edit(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    scene.start_editing_title("c6")
    QTest.keyClicks(view, "Parcel lost")
    cell = scene.layout.cells[("s1", "l3")]
    QTest.mouseClick(view.viewport(), LEFT, NO_MOD, vp(view, cell.cx, cell.cy))
    assert journey.card("c6").title == "Parcel lost"


def test_enter_on_a_selected_card_edits_its_title(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    QTest.mouseClick(view.viewport(), LEFT, NO_MOD, card_center(view, "c2"))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert scene.editing.active
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not scene.editing.active
    assert stack.count() == 0


def test_double_click_on_empty_cell_space_starts_a_card_there(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    cell = scene.layout.cells[("s1", "l3")]
    QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, vp(view, cell.cx, cell.cy))
    QTest.keyClicks(view, "Cannot find the price")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert [(c.title, c.kind) for c in journey.cell("s1", "l3")] == [
        ("Cannot find the price", "pain")]


def test_typing_with_one_card_selected_retitles_it_in_one_step(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    old = journey.card("c2").title
    scene.select_cards(["c2"])
    QTest.keyClicks(view, "Books a call")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert journey.card("c2").title == "Books a call"
    assert stack.count() == 1
    stack.undo()
    assert journey.card("c2").title == old


def test_escape_keeps_the_title_typed_over(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    old = journey.card("c2").title
    scene.select_cards(["c2"])
    QTest.keyClicks(view, "Oops")
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert journey.card("c2").title == old and stack.count() == 0


def test_typing_with_several_cards_selected_says_why_nothing_happens(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    said = []
    scene.status_message.connect(said.append)
    scene.select_cards(["c1", "c2"])
    QTest.keyClicks(view, "x")
    assert stack.count() == 0 and not scene.editing.active
    assert said and "select one card" in said[0]
