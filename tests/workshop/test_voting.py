"""Voting mode and the Priorities dock in a real editor window (pytest-qt):
clicks, Shift+click and +/- give and take dots as undoable edits, the budget
runs out and comes back with Undo, votes reach the recovery folder, a drag
in the matrix rates a card in one step, a list entry selects its card."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.model import fileformat
from app.safety.recovery_store import read_session
from tests.canvas.canvas_helpers import card_center

PAIN, PAIN2, TOUCHPOINT = "p1", "p2", "t1"
LEFT = Qt.MouseButton.LeftButton


def _voting(window):
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.view.ensure_cards_visible([PAIN])
    QApplication.processEvents()
    window.priorities.voting.action.trigger()
    return window.priorities.voting


def _click(window, card_id, modifiers=Qt.KeyboardModifier.NoModifier):
    pos = card_center(window.view, card_id)
    QTest.mouseClick(window.view.viewport(), LEFT, modifiers, pos)
    QApplication.processEvents()


def _votes(window, card_id=PAIN):
    return window.document.journey.card(card_id).votes


def test_a_click_gives_a_dot_and_undo_takes_it_back(window):
    _voting(window)
    stack = window.document.undo_stack
    _click(window, PAIN)
    assert _votes(window) == 1 and stack.undoText() == "Add a dot"
    _click(window, PAIN)  # a second quick click: a second dot, no title editor
    _click(window, PAIN)
    assert _votes(window) == 3
    _click(window, PAIN, Qt.KeyboardModifier.ShiftModifier)
    assert _votes(window) == 2
    stack.undo()
    assert _votes(window) == 3
    for _ in range(3):
        stack.undo()
    assert _votes(window) == 0 and window.document.journey.card(PAIN).title == \
        fileformat.load(window.document.path).card(PAIN).title


def test_outside_voting_mode_a_click_only_selects(window):
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.view.ensure_cards_visible([PAIN])
    _click(window, PAIN)
    assert _votes(window) == 0
    assert window.scene.selected_card_ids() == [PAIN]


def test_only_pain_points_and_opportunities_take_dots(window):
    _voting(window)
    window.view.ensure_cards_visible([TOUCHPOINT])
    QApplication.processEvents()
    _click(window, TOUCHPOINT)
    assert _votes(window, TOUCHPOINT) == 0
    assert "pain points and opportunities" in window.statusBar().currentMessage()


def test_plus_and_minus_vote_on_every_selected_card_in_one_step(window):
    _voting(window)
    window.scene.select_cards([PAIN, PAIN2, TOUCHPOINT])
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Plus)
    assert (_votes(window), _votes(window, PAIN2), _votes(window, TOUCHPOINT)) == (1, 1, 0)
    QTest.keyClick(window.view, Qt.Key.Key_Minus)
    QTest.keyClick(window.view, Qt.Key.Key_Plus)
    QTest.keyClick(window.view, Qt.Key.Key_Plus)
    assert (_votes(window), _votes(window, PAIN2)) == (2, 2)
    window.document.undo_stack.undo()
    assert (_votes(window), _votes(window, PAIN2)) == (1, 1)
    # The key did not start typing a title either.
    assert window.document.journey.card(PAIN).title.startswith("Fees")


def test_the_budget_runs_out_and_undo_gives_a_dot_back(window):
    voting = _voting(window)
    voting.set_budget(2, 1)
    assert voting.label.text() == "Voting: 2 of 2 dots left"
    for _ in range(3):
        _click(window, PAIN)
    assert _votes(window) == 2
    assert voting.label.text() == "Voting: 0 of 2 dots left"
    assert "No dots left" in window.statusBar().currentMessage()
    window.document.undo_stack.undo()
    assert voting.label.text() == "Voting: 1 of 2 dots left"
    voting.set_budget(8, 0)  # 0 dots each: no limit
    assert voting.label.text() == "Voting"


def test_votes_reach_the_recovery_folder(window):
    _voting(window)
    _click(window, PAIN)
    _click(window, PAIN)
    recorder = window.safety.recorder
    recorder.flush()
    # The session's snapshot with its journal of edits since (app.safety).
    recovered = read_session(recorder.session.folder)
    assert recovered.card(PAIN).votes == 2


def _matrix_drag(matrix, start: QPointF, end: QPointF) -> None:
    QTest.mousePress(matrix, LEFT, Qt.KeyboardModifier.NoModifier, start.toPoint())
    for i in range(1, 7):
        p = start + (end - start) * (i / 6)
        QApplication.sendEvent(matrix, QMouseEvent(
            QMouseEvent.Type.MouseMove, p, matrix.mapToGlobal(p), Qt.MouseButton.NoButton,
            LEFT, Qt.KeyboardModifier.NoModifier))
    QTest.mouseRelease(matrix, LEFT, Qt.KeyboardModifier.NoModifier, end.toPoint())


def test_a_drag_in_the_matrix_sets_impact_and_effort_in_one_undo_step(window):
    window.show()
    window.priorities.dock.show()
    window.priorities.dock.raise_()
    QTest.qWaitForWindowExposed(window)
    panel = window.priorities.panel
    panel.refresh()
    matrix = panel.matrix
    chip = next(c for c in matrix.matrix.chips if c.card_id == PAIN)
    assert chip.rect.y >= matrix.matrix.tray.y  # unrated: in the tray
    cell = matrix.matrix.cells[(5, 1)]
    _matrix_drag(matrix, QPointF(chip.rect.cx, chip.rect.cy), QPointF(cell.cx, cell.cy))
    card = window.document.journey.card(PAIN)
    assert (card.impact, card.effort) == (5, 1)
    assert window.document.undo_stack.undoText() == "Rate impact and effort"
    panel.refresh()
    moved = next(c for c in matrix.matrix.chips if c.card_id == PAIN)
    assert cell.contains(moved.rect.cx, moved.rect.cy)
    assert [panel.quick_wins.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(panel.quick_wins.count())] == [PAIN]
    window.document.undo_stack.undo()
    assert (card.impact, card.effort) == (None, None)


def test_a_list_entry_or_a_chip_selects_its_card_on_the_canvas(window):
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.priorities.dock.show()
    panel = window.priorities.panel
    window.priorities.voting.vote([PAIN2], 1)
    panel.refresh()
    item = panel.ranked.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == PAIN2
    rect = panel.ranked.visualItemRect(item)
    QTest.mouseClick(panel.ranked.viewport(), LEFT, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    assert window.scene.selected_card_ids() == [PAIN2]
    chip = next(c for c in panel.matrix.matrix.chips if c.card_id == PAIN)
    QTest.mouseClick(panel.matrix, LEFT, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(chip.rect.cx), round(chip.rect.cy)))
    assert window.scene.selected_card_ids() == [PAIN]


def test_the_priorities_dock_is_up_to_date_when_opened_after_votes(window, qtbot):
    from app.panels.priorities import REFRESH_DELAY_MS

    window.show()
    QTest.qWaitForWindowExposed(window)
    panel, dock = window.priorities.panel, window.priorities.dock
    assert dock.isHidden()
    window.priorities.voting.vote([PAIN2], 1)
    qtbot.wait(REFRESH_DELAY_MS * 3)
    # Hidden, it did not lay out a matrix nobody sees (a big map's costs tens
    # of milliseconds after every edit) ...
    assert panel.matrix.matrix is None and panel.ranked.count() == 0
    dock.show()
    dock.raise_()
    # ... and shows the dots given meanwhile once opened.
    qtbot.waitUntil(lambda: panel.ranked.count() > 0, timeout=5_000)
    assert panel.ranked.item(0).data(Qt.ItemDataRole.UserRole) == PAIN2
    assert any(c.card_id == PAIN2 for c in panel.matrix.matrix.chips)
