"""Workshop features: the commands for running a room.

`WorkshopFeatures` is built by the main window (``window.workshop``).  It adds

* View > Presentation mode (F5), Focus on stage / lane (F6 / Shift+F6),
  the persona switcher (toolbar and View > Show persona);
* Help > Keyboard shortcuts.

The safety net (recovery, safe save) lives in `app.safety`; test hooks
(environment variables) are described in `app.workshop.hooks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.workshop.focus import Cell, FocusMode
from app.workshop.personas import PersonaSwitcher
from app.workshop.presentation import PresentationMode
from app.workshop.shortcuts_help import ShortcutsDialog

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

__all__ = ["WorkshopFeatures"]


class WorkshopFeatures(QObject):
    """The workshop commands of one window (``window.workshop``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        document = window.document
        window.installEventFilter(self)
        self.presentation = PresentationMode(window, lambda: window.view, lambda: window.scene)
        self.focus = FocusMode(window, lambda: window.scene, self._focus_cell)
        self.personas = PersonaSwitcher(
            window, lambda: window.document.journey, lambda: window.scene
        )
        self._build_menus(window.menus["view"])
        self.presentation.stage_changed.connect(self.focus.follow)
        insights = getattr(window, "insights", None)
        if insights is not None:  # the Insights dock speaks of the persona shown
            self.personas.persona_changed.connect(insights.panel.set_persona)
            insights.panel.set_persona(self.personas.current)
        self.presentation.toggle_action.toggled.connect(self.focus.yield_escape)
        window.scene.selection_ids_changed.connect(self.focus.follow)
        document.journey_replaced.connect(self._journey_replaced)

    # --------------------------------------------------------------- menus
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
        self.window.menus["help"].addAction(self.shortcuts_action)

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

    def _journey_replaced(self, _journey: object) -> None:
        self.focus.set_mode(None)
        self.personas.refresh()
        self.personas.select(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window hides once its close was accepted; a spontaneous hide
        # is a minimise.
        if (
            watched is self.window
            and event.type() == QEvent.Type.Hide
            and not event.spontaneous()
        ):
            self.personas.detach()
        elif watched is self.window and event.type() == QEvent.Type.Show:
            self.personas.refresh()
        return False
