"""The editor window: title, saving, opening, the unsaved-changes prompt, files dropped."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from app.documents.recent_files import RecentFiles
from app.model import fileformat
from app.safety.recovery_store import RecoveryStore
from app.window.main_window import MainWindow
from app.window.services import Services

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"


@pytest.fixture
def prompts(monkeypatch):
    """Replaces the blocking dialogs; records what was asked and answers as told."""
    record = {"warning": [], "critical": [], "answer": QMessageBox.StandardButton.Discard}

    def warning(parent, title, text, *args):
        record["warning"].append(text)
        return record["answer"]

    def critical(parent, title, text, *args):
        record["critical"].append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return record


@pytest.fixture
def recent(tmp_path):
    return RecentFiles(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, tmp_path, prompts, recent):
    path = tmp_path / "sample.journey"
    shutil.copy(SAMPLE, path)
    win = MainWindow(recent=recent)
    qtbot.addWidget(win)
    assert win.files.open_path(str(path))
    return win


def rename_first_card(win, title="Renamed"):
    card = win.document.journey.cards[0]
    win.scene.select_cards([card.id])
    win.inspector.card_form.title.setText(title)
    win.inspector.card_form.title.textEdited.emit(title)
    return card.id


def test_title_names_the_file_with_a_modified_marker(window):
    assert window.windowTitle() == "sample.journey[*] \u2014 Journeymap"
    assert not window.isWindowModified()
    rename_first_card(window)
    assert window.isWindowModified()
    window.commands.undo.trigger()
    assert not window.isWindowModified()


def test_save_writes_the_file_and_clears_modified(window):
    card_id = rename_first_card(window, "Saved title")
    window.commands.save.trigger()
    assert not window.isWindowModified()
    assert fileformat.load(window.document.path).card(card_id).title == "Saved title"


def test_save_as_asks_for_a_name_and_adds_the_suffix(window, tmp_path, monkeypatch):
    target = tmp_path / "copy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.commands.save_as.trigger()
    assert window.document.path == str(tmp_path / "copy.journey")
    assert window.windowTitle().startswith("copy.journey")


def test_undo_after_typing_in_the_inspector_reverts_in_one_step(window, qtbot):
    card = window.document.journey.cards[0]
    window.scene.select_cards([card.id])
    qtbot.keyClicks(window.inspector.card_form.title, " today")
    assert card.title.endswith(" today")
    window.commands.undo.trigger()
    assert window.document.journey.card(card.id).title == "Asks classmates which bank they use"
    assert window.inspector.card_form.title.text() == "Asks classmates which bank they use"


def test_opening_a_malformed_file_shows_the_error_and_keeps_the_map(window, tmp_path, prompts):
    bad = tmp_path / "bad.journey"
    bad.write_text('{"format": "journeymap", "version": 1, "cards": 3}', encoding="utf-8")
    before = window.document.journey
    assert not window.files.open_path(str(bad))
    assert prompts["critical"] and "bad.journey" in prompts["critical"][0]
    assert window.document.journey is before
    assert window.windowTitle().startswith("sample.journey")


def test_opening_adds_the_file_to_open_recent(window, recent):
    assert recent.paths() == [window.document.path]
    menu = window.menus["recent"]
    menu.aboutToShow.emit()
    assert menu.actions()[0].text() == "&1 sample.journey"


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, prompts):
    rename_first_card(window)
    prompts["answer"] = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert len(prompts["warning"]) == 1
    prompts["answer"] = QMessageBox.StandardButton.Discard


def test_closing_unmodified_map_does_not_ask(window, prompts):
    assert window.close()
    assert prompts["warning"] == []


def test_opening_another_map_with_unsaved_changes_can_save_first(window, prompts, tmp_path):
    card_id = rename_first_card(window, "Keep me")
    saved_path = window.document.path
    other = tmp_path / "other.journey"
    shutil.copy(SAMPLE, other)
    prompts["answer"] = QMessageBox.StandardButton.Save
    assert window.files.open_path(str(other))
    assert fileformat.load(saved_path).card(card_id).title == "Keep me"
    assert window.document.path == str(other)


def test_a_journey_file_dropped_on_the_window_opens(window, tmp_path):
    other = tmp_path / "dropped.journey"
    shutil.copy(SAMPLE, other)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document.path == str(other)


def test_an_imported_csv_is_untitled_and_unsaved(window, tmp_path):
    csv = tmp_path / "steps.csv"
    csv.write_text("stage,lane,title\nVisit,Actions,Opens the site\n", encoding="utf-8")
    assert window.files.open_path(str(csv))
    assert window.document.path is None
    assert window.isWindowModified()
    assert [c.title for c in window.document.journey.cards] == ["Opens the site"]


def test_clicking_a_palette_tile_adds_a_card_to_the_selected_cell(window):
    journey = window.document.journey
    cell = (journey.stages[0].id, journey.lanes[-1].id)
    window.scene.select_cell(cell)
    before = len(journey.cell_ids(*cell))
    window.palette_dock.palette_widget.tile("Pain point").activated.emit(
        "application/x-journeymap-card-kind", "pain"
    )
    window.scene.editing.commit()
    cards = journey.cell(*cell)
    assert len(cards) == before + 1 and cards[-1].kind == "pain"


def test_add_stage_goes_after_the_selected_one(window):
    journey = window.document.journey
    window.scene.select_cell((journey.stages[1].id, journey.lanes[0].id))
    window.commands.add_stage.trigger()
    window.scene.editing.commit()
    assert journey.stages[2].name == "New stage"
    window.commands.undo.trigger()
    assert "New stage" not in [s.name for s in journey.stages]


def test_ctrl_z_in_an_inspector_field_undoes_the_map(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    card = window.document.journey.cards[0]
    window.scene.select_cards([card.id])
    field = window.inspector.card_form.title
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "!")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.journey.card(card.id).title == "Asks classmates which bank they use"
    assert window.document.undo_stack.index() == 0


def test_new_from_a_template_asks_to_save_then_shows_the_template(window, prompts, monkeypatch):
    from app.panels.new_map import NewMapDialog

    def choose(dialog):
        names = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(dialog.list.count())]
        dialog.list.setCurrentRow(names.index("real-estate"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewMapDialog, "exec", choose)
    rename_first_card(window)
    assert window.files.new()
    assert len(prompts["warning"]) == 1  # the unsaved sample was asked about
    assert window.document.path is None and not window.isWindowModified()
    assert window.windowTitle() == "Untitled[*] \u2014 Journeymap"
    assert window.document.journey.title.startswith("Real-estate agency")


def test_a_file_dragged_onto_the_canvas_opens(window, tmp_path):
    other = tmp_path / "on-canvas.journey"
    shutil.copy(SAMPLE, other)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    viewport = window.view.viewport()
    enter = QDragEnterEvent(QPoint(200, 200), *args)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(QPointF(200, 200), *args))
    assert window.document.path == str(other)


def test_run_editor_opens_the_file_in_a_named_application(qapp, prompts, monkeypatch):
    from app.window import main_window

    monkeypatch.setattr(main_window, "RecentFiles", lambda: RecentFiles(QSettings()))
    QTimer.singleShot(0, lambda: qapp.exit(0))
    assert main_window.run_editor(str(SAMPLE)) == 0
    window = main_window._windows[-1]
    try:
        assert qapp.applicationName() == "Journeymap"
        assert qapp.organizationName() == "Journeymap"
        assert window.windowTitle() == "sample.journey[*] \u2014 Journeymap"
    finally:
        window.close()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("open", QKeySequence.StandardKey.Open),
        ("save", QKeySequence.StandardKey.Save),
        ("undo", QKeySequence.StandardKey.Undo),
        ("paste", QKeySequence.StandardKey.Paste),
        ("zoom_in", QKeySequence.StandardKey.ZoomIn),
        ("select_all", QKeySequence.StandardKey.SelectAll),
    ],
)
def test_commands_use_the_platforms_standard_keys(window, name, key):
    assert getattr(window.commands, name).shortcuts() == QKeySequence.keyBindings(key)


def test_quit_has_a_key_even_where_the_platform_binds_none(window):
    assert window.commands.quit.shortcuts()


def test_redo_answers_ctrl_y_and_ctrl_shift_z_whatever_the_platform_lists(
    qtbot, tmp_path, prompts, recent, monkeypatch
):
    from app.window import menus

    # What Qt's xcb platform lists for Redo: Ctrl+Shift+Z only.
    real = QKeySequence.keyBindings
    xcb = {QKeySequence.StandardKey.Redo: [QKeySequence("Ctrl+Shift+Z")]}
    monkeypatch.setattr(
        menus.QKeySequence, "keyBindings", staticmethod(lambda key: xcb.get(key) or real(key))
    )
    win = MainWindow(recent=recent)
    qtbot.addWidget(win)
    keys = {k.toString() for k in win.commands.redo.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= keys


@pytest.fixture
def window_settings():
    settings = QSettings()
    settings.remove("window")
    yield settings
    settings.remove("window")


def test_the_next_window_opens_as_the_last_one_closed(qtbot, tmp_path, recent, window_settings):
    from app.window.main_window import open_window

    path = tmp_path / "sample.journey"
    shutil.copy(SAMPLE, path)
    services = Services(recent, RecoveryStore(tmp_path / "recovery"))
    first = open_window(str(path), services)  # deleted on close
    first.showNormal()
    first.resize(760, 600)
    first.inspector_dock.hide()
    first.view.set_zoom(0.7)
    qtbot.waitUntil(lambda: first.size().width() == 760)
    size = (first.width(), first.height())  # the height may be held at a minimum
    first.close()

    second = open_window(str(path), services)
    qtbot.addWidget(second)
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == size
    assert not second.inspector_dock.isVisible() and second.palette_dock.isVisible()
    assert second.view.zoom == pytest.approx(0.7)


def test_a_window_made_without_a_store_remembers_nothing(window, window_settings):
    window.close()
    assert window_settings.value("window/geometry") is None


def test_f9_gives_the_map_the_whole_window_and_brings_the_same_docks_back(window, qtbot):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDockWidget

    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    docks = window.findChildren(QDockWidget)
    open_before = {d.objectName() for d in docks if d.toggleViewAction().isChecked()}
    assert {"paletteDock", "inspectorDock"} <= open_before
    width_before = window.view.width()
    QTest.keyClick(window.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.view.width() > width_before + 300)
    assert not any(d.isVisible() for d in docks)
    assert window.canvas_only.action.isChecked()
    QTest.keyClick(window.view, Qt.Key.Key_F9)
    open_after = {d.objectName() for d in docks if d.toggleViewAction().isChecked()}
    assert open_after == open_before
