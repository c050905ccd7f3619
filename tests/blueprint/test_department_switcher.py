"""The department switcher beside the persona switcher: dims the cards the department
does not own, keeps the other ends of its flows visible, follows the map."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QToolBar

from app.documents.recent_files import RecentFiles
from app.model.edits import update_card
from app.model.templates import TEMPLATE_DIR
from app.safety.recovery_store import RecoveryStore
from app.window.department_switch import DIMMED
from app.window.main_window import open_window
from app.window.services import Services


def _window(qtbot, tmp_path):
    path = tmp_path / "m.journey"
    path.write_bytes((TEMPLATE_DIR / "service-blueprint.journey").read_bytes())
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = open_window(str(path), Services(recent, RecoveryStore(tmp_path / "recovery")))
    qtbot.addWidget(window)
    return window


def _dimmed(window) -> set[str]:
    scene = window.scene
    return {c.id for c in window.document.journey.cards
            if scene.card_item(c.id).opacity() == DIMMED}


def test_choosing_a_department_dims_what_it_does_not_touch(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    switcher = window.departments_switcher
    combo = switcher.combo
    bars = [b.objectName() for b in window.findChildren(QToolBar)]
    assert bars.index("departmentToolbar") == bars.index("personaToolbar") + 1
    assert [combo.itemText(i) for i in range(combo.count())][:3] == [
        "All departments", "Sales", "Scheduling"]
    combo.setCurrentIndex(combo.findText("Field engineers"))
    combo.activated.emit(combo.currentIndex())
    every = {c.id for c in window.document.journey.cards}
    # its cards f2 f3 b4 s4 and the other ends of their flows (a5, a6) stay
    assert _dimmed(window) == every - {"f2", "f3", "b4", "s4", "a5", "a6"}
    # an owner given on the canvas's map joins the department's view after the edit
    from app.canvas.undo import push_edit

    push_edit(window.document.undo_stack, window.document.journey,
              update_card("e1", owner="field"))
    qtbot.waitUntil(lambda: "e1" not in _dimmed(window))
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert _dimmed(window) == set()
    window.document.undo_stack.undo()  # unmodified again: closing asks nothing
