"""The editor's blueprint parts: the Insights dock's findings (clickable), the
inspector's fail point and wait fields, the palette's lane tiles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QLineEdit

from app.canvas.mime import MIME_NEW_LANE
from app.documents.document import Document
from app.model.templates import load_template
from app.panels.insights import InsightsPanel
from app.panels.inspector import Inspector
from app.panels.palette import Palette


def _groups(panel):
    tree = panel.tree
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())}


def test_insights_dock_lists_the_blueprint_findings_and_a_click_selects(qtbot):
    journey = load_template("service-blueprint")
    panel = InsightsPanel(journey)
    qtbot.addWidget(panel)
    panel.resize(420, 900)
    panel.show()
    groups = _groups(panel)
    assert "Frontstage steps without support (0)" in groups
    assert "Flows across the line of visibility (11)" in groups
    longest = next(item for title, item in groups.items() if title.startswith("Longest wait"))
    assert longest.text(0) == "Longest wait (6.3 d) (1)"
    asked = []
    panel.cards_requested.connect(asked.append)
    longest.setExpanded(True)
    child = longest.child(0)
    panel.tree.scrollToItem(child)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.tree.visualItemRect(child).center())
    assert asked and asked[-1][:3] == ["a1", "t1", "a2"]


def test_inspector_fail_point_and_wait(qtbot):
    doc = Document(load_template("service-blueprint"))
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_journey(doc.journey, doc.undo_stack)
    inspector.show_selection(["a1"])
    form = inspector.card_form
    fail, wait = form.widgets["fail_point"], form.widgets["wait"]
    assert isinstance(fail, QCheckBox) and isinstance(wait, QLineEdit)
    assert form._form.labelForField(fail).text() == "Fail point"
    fail.click()
    assert doc.journey.card("a1").fail_point is True
    for typed, minutes, shown in (("90 min", 90, "1.5 h"), ("2 h", 120, "2 h"),
                                  ("3 d", 4320, "3 d")):
        wait.setText(typed)
        wait.editingFinished.emit()
        assert doc.journey.card("a1").wait == minutes
        assert wait.text() == shown
    wait.setText("soon")
    wait.editingFinished.emit()
    assert doc.journey.card("a1").wait == 4320 and wait.text() == "3 d"  # put back
    doc.undo_stack.undo()
    assert doc.journey.card("a1").wait == 120


def test_palette_has_a_tile_per_blueprint_lane(qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    lanes = [(t.text, t.payload) for t in palette.tiles if t.mime_type == MIME_NEW_LANE]
    assert lanes == [("Physical evidence", "evidence"), ("Frontstage", "frontstage"),
                     ("Support processes", "support"), ("New lane", "")]


def test_a_wait_typed_key_by_key_is_not_rewritten_under_the_cursor(qtbot):
    # Each keystroke that makes a duration is an edit; the field must keep what
    # is being typed ("9" must not turn into "9 min" before the "0" arrives).
    doc = Document(load_template("service-blueprint"))
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_journey(doc.journey, doc.undo_stack)
    inspector.show()
    inspector.show_selection(["a1"])
    wait = inspector.card_form.widgets["wait"]
    wait.setFocus()
    qtbot.waitUntil(wait.hasFocus)
    wait.selectAll()
    qtbot.keyClicks(wait, "90 min")
    assert wait.text() == "90 min"
    assert doc.journey.card("a1").wait == 90
    qtbot.keyClick(wait, Qt.Key.Key_Return)
    assert wait.text() == "1.5 h"
    doc.undo_stack.undo()  # the burst is one step
    assert doc.journey.card("a1").wait is None


def test_the_longest_wait_path_is_highlighted_on_the_canvas(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from app.canvas.undo import push_edit
    from app.documents.recent_files import RecentFiles
    from app.model.analysis import insights
    from app.model.edits import update_card
    from app.window.main_window import MainWindow

    discard = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", discard)
    monkeypatch.setattr(QMessageBox, "question", discard)
    journey = load_template("service-blueprint")
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(journey, None, recent)
    qtbot.addWidget(window)
    panel = window.insights.panel
    panel.refresh()
    path = insights(journey)["blueprint"]["longest_wait"]["cards"]
    assert len(path) >= 3
    assert not panel.wait_box.isHidden()
    panel.wait_box.setChecked(True)
    steps = set(zip(path, path[1:], strict=False))
    flows = {f.id for f in journey.flows if f.source in path and f.target in path}
    # Every step is a flow, but where the path runs through a loop (listed by id).
    assert len({(f.source, f.target) for f in journey.flows} & steps) >= len(path) - 3
    assert window.scene._items.highlight == (set(path), flows)
    ringed = {cid for cid in path if window.scene.card_item(cid).highlighted}
    assert ringed == set(path)
    # A week's wait elsewhere changes the path; the rings follow.
    other = next(c.id for c in journey.cards if c.id not in path)
    push_edit(window.document.undo_stack, journey, update_card(other, wait=7 * 24 * 60 * 10))
    qtbot.waitUntil(lambda: other in window.scene._items.highlight[0], timeout=10_000)
    assert window.scene.card_item(other).highlighted
    panel.wait_box.setChecked(False)
    assert window.scene._items.highlight == (set(), set())
