"""Typing into any text field of the inspector or of a dialog is an edit like any other.

For every text field found on each inspector form and in each dialog that
edits the map, keystrokes typed without leaving the field must mark the map
modified (so Ctrl+W and Ctrl+Q ask), be one undo step, and reach the
recovery snapshot on disk.  The fields are found, not listed, so a field
added later is tested too.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QWidget

from app.model import fileformat
from app.model.errors import JourneyError
from app.safety.recovery_store import read_session


def _text_fields(container: QWidget) -> list[QLineEdit | QPlainTextEdit]:
    fields = container.findChildren(QLineEdit) + container.findChildren(QPlainTextEdit)
    # A combo box's or a number box's line edit is not a text field of ours
    # (a number box takes digits only); hidden rows are not shown.
    return [f for f in fields if f.isVisibleTo(container) and not f.isReadOnly()
            and f.parent().metaObject().className() != "QComboBox"
            and not isinstance(f.parent(), QAbstractSpinBox)]


def _name(field: QWidget) -> str:
    return field.objectName() or field.placeholderText() if isinstance(field, QLineEdit) \
        else field.objectName() or type(field).__name__


def _type_and_check(qtbot, window, field, marker: str) -> None:
    assert window.files.save() and not window.document.is_modified()
    steps = window.document.undo_stack.count()
    field.window().activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, marker)
    # Not left, no Enter: the text is an edit already.
    assert window.document.is_modified(), f"typing into {_name(field)} did not modify the map"
    assert window.isWindowModified()
    assert window.document.undo_stack.count() == steps + 1, "keystrokes are one undo step"
    session = window.safety.recorder

    def in_snapshot() -> bool:
        if session.session is None:
            return False
        try:
            return marker in fileformat.dumps(read_session(session.session.folder))
        except (OSError, JourneyError):
            return False

    qtbot.waitUntil(in_snapshot, timeout=5000)


@pytest.fixture
def shown(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    return window


def _selections(journey):
    card = journey.cards[0]
    flow = journey.flows[0]
    return {
        "map": ([], [], None),
        "card": ([card.id], [], None),
        "flow": ([], [flow.id], None),
        "cell": ([], [], (journey.stages[0].id, journey.lanes[0].id)),
    }


@pytest.mark.parametrize("form", ["map", "card", "flow", "cell"])
def test_typing_in_every_inspector_field_is_a_recorded_edit(qtbot, shown, form):
    inspector = shown.inspector
    inspector.show_selection(*_selections(shown.document.journey)[form])
    page = inspector.currentWidget()
    fields = _text_fields(page)
    assert fields, f"no text field on the {form} form"
    for number, field in enumerate(fields):
        # A number field takes a number (letters are not a value to keep).
        marker = f"{4321 + number}" if field.property("numberField") else f"Typed{form}{number}x"
        _type_and_check(qtbot, shown, field, marker)


@pytest.mark.parametrize("dialog", ["departments", "personas"])
def test_typing_in_every_dialog_field_is_a_recorded_edit(qtbot, shown, dialog):
    box = getattr(shown, f"show_{dialog}")()
    qtbot.waitExposed(box)
    fields = _text_fields(box)
    assert fields, f"no text field in the {dialog} dialog"
    for number, field in enumerate(fields):
        _type_and_check(qtbot, shown, field, f"Typed{dialog}{number}x")


def test_closing_after_typing_the_map_title_asks_first(qtbot, shown, dialogs):
    shown.inspector.show_selection([], [], None)
    shown.inspector.map_form.title.setFocus()
    qtbot.keyClicks(shown.inspector.map_form.title, " draft")
    shown.files.maybe_save()
    assert [kind for kind, _ in dialogs] == ["warning"]  # "Unsaved changes"


def test_typing_in_a_metric_cell_is_a_recorded_edit(qtbot, shown):
    from PySide6.QtCore import Qt

    journey = shown.document.journey
    card = journey.cards[0]
    inspector = shown.inspector
    inspector.show_selection([card.id], [], None)
    metrics = inspector.card_form.metrics
    metrics._add()  # a "Metric" row worth 0
    assert shown.files.save()
    steps = shown.document.undo_stack.count()
    table = metrics.table
    row = table.rowCount() - 1
    table.setFocus()
    table.setCurrentCell(row, 1)
    table.editItem(table.item(row, 1))
    editor = table.findChild(QLineEdit)
    qtbot.waitUntil(lambda: editor is not None and editor.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, "42")
    # Not left, no Enter: the card holds the value already, as one undo step.
    assert journey.card(card.id).metrics["Metric"] == 42
    assert shown.document.is_modified()
    assert shown.document.undo_stack.count() == steps + 1
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert journey.card(card.id).metrics["Metric"] == 42
    assert shown.document.undo_stack.count() == steps + 1
