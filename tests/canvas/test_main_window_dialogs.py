"""The Departments and Personas dialogs: each change is one undoable edit."""

import pytest
from PySide6.QtWidgets import QMessageBox

from app.documents.document import Document
from app.panels.departments import DepartmentsDialog
from app.panels.personas import PersonasDialog
from tests.model.helpers import small_journey


@pytest.fixture
def doc():
    return Document(small_journey())


def test_add_then_rename_a_department(qtbot, doc):
    dialog = DepartmentsDialog(doc)
    qtbot.addWidget(dialog)
    new_id = dialog.add()
    qtbot.keyClicks(dialog.name, "Finance")  # the new name is selected: typing replaces it
    assert doc.journey.department(new_id).name == "Finance"
    assert doc.undo_stack.count() == 2  # add, then the typing as one step


def test_recolour_a_department(qtbot, doc):
    dialog = DepartmentsDialog(doc)
    qtbot.addWidget(dialog)
    dialog.select("d2")
    dialog.set_color("#112233")
    assert doc.journey.department("d2").color == "#112233"


def test_removing_a_department_in_use_asks_and_undo_restores_owners(qtbot, doc, monkeypatch):
    asked = []

    def question(*args):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    dialog = DepartmentsDialog(doc)
    qtbot.addWidget(dialog)
    dialog.select("d1")
    assert dialog.remove_current()
    assert asked and "1 card" in asked[0]
    assert doc.journey.card("c1").owner is None
    doc.undo_stack.undo()
    assert doc.journey.card("c1").owner == "d1"
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Sales", "Support"]


def test_persona_goals_are_edited_in_one_step(qtbot, doc):
    dialog = PersonasDialog(doc)
    qtbot.addWidget(dialog)
    dialog.select("p1")
    qtbot.keyClicks(dialog.texts["goals"], "Ride to work")
    assert doc.journey.persona("p1").goals == "Ride to work"
    assert doc.undo_stack.count() == 1
