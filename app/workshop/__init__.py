"""Workshop features: the safety net and the commands for running a room.

`install_workshop_features(window)` is the one entry point; the main window
calls it at the end of its constructor.  It adds

* recovery: every unsaved edit reaches the recovery folder within a second
  (`autosave`), and the first window of a process offers the maps a dead
  process left behind (`recovery_dialog`);
* safe save: the document's file writer keeps a ``.bak`` of the previous
  version and asks before overwriting a file changed on disk (`saving`);
* View > Presentation mode (F5), Focus on stage / lane (F6 / Shift+F6),
  the persona switcher (toolbar and View > Show persona);
* Help > Keyboard shortcuts.

Test hooks (environment variables) are described in `app.workshop.hooks`.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from app.model.errors import JourneyError
from app.safety.autosave import RecoveryRecorder
from app.safety.recovery_dialog import Choice, RecoveryDialog
from app.safety.recovery_store import RECOVERY_DIR_ENV, RecoveryEntry, RecoveryStore
from app.safety.saving import SafeSaver
from app.workshop import hooks
from app.workshop.focus import Cell, FocusMode
from app.workshop.personas import PersonaSwitcher
from app.workshop.presentation import PresentationMode
from app.workshop.shortcuts_help import ShortcutsDialog

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

__all__ = ["WorkshopFeatures", "install_workshop_features", "recovery_store"]

_store: RecoveryStore | None = None
_started = False


def recovery_store() -> RecoveryStore:
    """The process's recovery store.

    ``$JOURNEYMAP_RECOVERY_DIR`` chooses the folder; under the test suite
    (``JOURNEYMAP_TEST`` set) without it, a private temporary folder keeps
    tests from touching the user's recovery data or each other's.
    """
    global _store
    if _store is None:
        folder = None
        if _inside_test_suite():
            folder = tempfile.mkdtemp(prefix="journeymap-recovery-")
            atexit.register(shutil.rmtree, folder, True)
        _store = RecoveryStore(folder)
    return _store


def _inside_test_suite() -> bool:
    """Whether pytest runs us in-process without choosing a recovery folder."""
    return bool(os.environ.get("JOURNEYMAP_TEST")) and not os.environ.get(RECOVERY_DIR_ENV)


def install_workshop_features(window: MainWindow) -> None:
    """Add the workshop features to ``window`` (once; later calls do nothing)."""
    if getattr(window, "workshop", None) is not None:
        return
    window.workshop = WorkshopFeatures(window)
    global _started
    # Inside the test suite there is nothing to offer (a private folder) and
    # no script; a test calls `offer_recovery` itself.
    if not _started and not _inside_test_suite():
        _started = True
        # After the window is shown and the event loop runs.
        QTimer.singleShot(0, window, lambda: _startup(window))


class WorkshopFeatures(QObject):
    """The workshop commands and safety net of one window (``window.workshop``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        document = window.document
        self.saver = SafeSaver(window)
        document.write_file = self.saver.write
        self.recorder = RecoveryRecorder(
            document, recovery_store(), lambda: self.saver.stamp_for(document.path)
        )
        self.recorder.write_failed.connect(self._recovery_failed)
        window.installEventFilter(self)
        self.presentation = PresentationMode(window, lambda: window.view, lambda: window.scene)
        self.focus = FocusMode(window, lambda: window.scene, self._focus_cell)
        self.personas = PersonaSwitcher(
            window, lambda: window.document.journey, lambda: window.scene
        )
        self._build_menus(self._menu("view", "&View"))
        self.presentation.stage_changed.connect(self.focus.follow)
        insights = getattr(window, "insights", None)
        if insights is not None:  # the Insights dock speaks of the persona shown
            self.personas.persona_changed.connect(insights.panel.set_persona)
            insights.panel.set_persona(self.personas.current)
        self.presentation.toggle_action.toggled.connect(self.focus.yield_escape)
        window.scene.selection_ids_changed.connect(self.focus.follow)
        document.journey_replaced.connect(self._journey_replaced)

    # --------------------------------------------------------------- menus
    def _menu(self, key: str, title: str) -> QMenu:
        menus = getattr(self.window, "menus", {})
        if key in menus:
            return menus[key]
        for action in self.window.menuBar().actions():
            if action.menu() is not None and action.text().replace("&", "") == title.replace(
                "&", ""
            ):
                return action.menu()
        menu = self.window.menuBar().addMenu(title)
        if isinstance(menus, dict):
            menus[key] = menu
        return menu

    def _build_menus(self, view_menu: QMenu) -> None:
        view_menu.addSeparator()
        view_menu.addAction(self.presentation.toggle_action)
        view_menu.addActions([self.focus.stage_action, self.focus.lane_action])
        view_menu.addMenu(self.personas.menu)
        view_menu.addAction(self.personas.toolbar.toggleViewAction())
        self.shortcuts_action = QAction("&Keyboard Shortcuts", self.window)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.window.addAction(self.shortcuts_action)
        self._menu("help", "&Help").addAction(self.shortcuts_action)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard Shortcuts."""
        dialog = ShortcutsDialog(self.window)
        dialog.setModal(False)
        dialog.show()
        return dialog

    # ------------------------------------------------------------- helpers
    def _focus_cell(self) -> Cell:
        scene = self.window.scene
        cell = scene.selected_cell() or scene.cell_of_selection()
        if cell is None and self.presentation.active:
            return (self.presentation.current_stage(), None)
        return cell

    def _recovery_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(
            f"Unsaved changes cannot be kept for recovery: {message}. Save the map.", 15000
        )

    def _journey_replaced(self, _journey: object) -> None:
        self.focus.set_mode(None)
        self.personas.refresh()
        self.personas.select(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window hides once its close was accepted (the user saved or
        # discarded): its recovery data has served.  A spontaneous hide is a
        # minimise.
        if (
            watched is self.window
            and event.type() == QEvent.Type.Hide
            and not event.spontaneous()
        ):
            self.recorder.close()
            self.personas.detach()
        elif watched is self.window and event.type() == QEvent.Type.Show:
            self.personas.refresh()
        return False


# ----------------------------------------------------------------- startup
def _startup(window: MainWindow) -> None:
    offer_recovery(window)
    hooks.run_test_script(window)


def offer_recovery(window: MainWindow) -> list[MainWindow]:
    """Offer the unsaved maps of dead sessions; returns the windows holding recovered maps."""
    store = recovery_store()
    store.remove_leftovers()
    entries = store.orphans()
    if not entries:
        return []
    choice = hooks.recovery_choice()
    if choice is not None:
        chosen = entries
        decision = Choice(choice)
    else:
        dialog = RecoveryDialog(entries, window)
        dialog.exec()
        chosen, decision = dialog.chosen, dialog.choice
    if decision is Choice.DISCARD:
        for entry in chosen:
            store.discard(entry)
        return []
    if decision is not Choice.RECOVER:
        return []
    windows: list[MainWindow] = []
    # The first map goes into the start window if it holds nothing of the
    # user's yet (the blank untitled map); the others get windows of their own.
    pristine = window.document.path is None and not window.document.is_modified()
    for entry in chosen:
        target = window if pristine and not windows else window.new_window()
        if _recover(target, store, entry):
            windows.append(target)
        elif target is not window:
            target.close()
    return windows


def _recover(target: MainWindow, store: RecoveryStore, entry: RecoveryEntry) -> bool:
    try:
        journey = store.restore(entry)
    except JourneyError as exc:
        QMessageBox.warning(target, "Cannot recover map", str(exc))
        return False
    target.document.replace(journey, entry.original, unsaved=True)
    features: WorkshopFeatures = target.workshop
    features.saver.remember_file(entry.file_stamp)
    # The recovered map is safe in its new session before the old one goes.
    features.recorder.flush()
    store.discard(entry)
    return True
