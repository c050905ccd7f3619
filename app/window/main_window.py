"""The editor window: wires the document, the canvas and the panels together.

This class holds no editing logic of its own: the map and its file live in
`app.documents.document`, the File commands in `app.documents.file_commands`, the clipboard in
`app.window.clipboard`, the Map commands in `app.canvas.map_operations`, and the actions and
menus in `app.window.menus`.  `run_editor` is the entry point of ``journeymap
[FILE]``.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from app.canvas import map_operations
from app.canvas.context_menu import CanvasMenus
from app.canvas.legend_bar import LegendBar
from app.canvas.scene import JourneyScene
from app.canvas.view import JourneyView
from app.desktop.icons import apply_identity
from app.documents.document import APP_NAME, IMPORTED_SUFFIXES, Document
from app.documents.file_commands import FileController
from app.documents.recent_files import RecentFiles
from app.model.gcpause import freeze_imports
from app.model.journey import Journey
from app.panels.inspector import InspectorDock
from app.panels.palette import PaletteDock
from app.panels.undo_history import UndoHistoryDock
from app.safety.net import Locked, SafetyNet, offer_recovery
from app.safety.recovery_dialog import Choice
from app.safety.recovery_store import RecoveryStore
from app.window import menus
from app.window.about import install_about
from app.window.blueprint_view import install_blueprint_view
from app.window.canvas_only import CanvasOnly
from app.window.clipboard import ClipboardController
from app.window.compare import install_compare
from app.window.conflicts import install_conflicts
from app.window.department_switch import install_department_switcher
from app.window.export_menu import install_export
from app.window.insights_docks import install_insights
from app.window.priorities import Priorities
from app.window.services import Services
from app.window.theme import apply_theme
from app.window.window_state import WindowStateStore
from app.workshop import WorkshopFeatures, hooks

#: Files that can be dropped on the window to open them.
OPENABLE_SUFFIXES = (".journey", *IMPORTED_SUFFIXES)
DEFAULT_SIZE = (1600, 980)
#: How far a new window sits from the one it was opened from.
_CASCADE = QPoint(40, 40)

# Open windows, so that a window is not garbage collected while shown.
_windows: list[MainWindow] = []


class MainWindow(QMainWindow):
    """One map in one window.

    Args:
        journey: the map; an empty one when None.
        path: its file, or None when untitled.
        recent: the Open Recent list (that of ``services`` when None).
        services: the recent list, recovery store and map writer
            (`Services.default` when None).
    """

    def __init__(
        self,
        journey: Journey | None = None,
        path: str | None = None,
        recent: RecentFiles | None = None,
        services: Services | None = None,
        state: WindowStateStore | None = None,
    ) -> None:
        super().__init__()
        #: Remembers this window's geometry, docks and zoom when it closes.
        self.state_store = state
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if services is None:
            services = Services(recent or RecentFiles(), RecoveryStore())
        elif recent is not None:
            services = dataclasses.replace(services, recent=recent)
        self.services = services
        self.document = Document(journey, path, self)
        self.recent = services.recent
        self.scene = JourneyScene(self.document.journey, self.document.undo_stack, parent=self)
        self.view = JourneyView(self.scene)
        self.legend_bar = LegendBar()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend_bar)
        self.setCentralWidget(central)
        # Recovery and safe save first: the file commands ask it before opening.
        self.safety = SafetyNet(self, services.recovery, services.write_map, services.ask_locked)
        self.files = FileController(self.document, self, self.recent, self.safety.may_open)
        self.clipboard = ClipboardController(self.document, self.scene, self)
        self._build_docks()
        self.canvas_only = CanvasOnly(self)
        self.commands = menus.create(self)
        self.menus = menus.build_menus(self, self.commands)
        self.toolbar = menus.build_toolbar(self, self.commands)
        self.view.context_menu_provider = CanvasMenus(self.scene, self.commands, self.view)
        self._build_status_bar()
        self._dialogs: dict[str, QWidget] = {}
        self._connect()
        # Files dragged over the canvas reach the window too: the scene ignores
        # drags that are not from the palette, and Qt then offers them to the parents.
        self.setAcceptDrops(True)
        self.resize(*DEFAULT_SIZE)
        self._journey_replaced(self.document.journey)
        self._update_title()
        self.insights = install_insights(self)
        self.blueprint_lines_action = install_blueprint_view(self)
        self.export_action = install_export(self)
        self.compare = install_compare(self)
        self.conflicts = install_conflicts(self)
        self.priorities = Priorities(self)  # voting mode and the Priorities dock
        # Presentation and focus modes, personas, Help.
        self.workshop = WorkshopFeatures(self)
        # After the persona switcher: its toolbar goes beside that one.
        install_department_switcher(self)
        install_about(self, self.menus["help"])

    # ------------------------------------------------------------- building
    def _build_docks(self) -> None:
        self.palette_dock = PaletteDock(self.scene.style, self)
        self.inspector_dock = InspectorDock(self)
        self.inspector = self.inspector_dock.inspector
        self.history_dock = UndoHistoryDock(self.document.undo_stack, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.palette_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.resizeDocks([self.palette_dock], [210], Qt.Orientation.Horizontal)
        self.resizeDocks([self.inspector_dock], [360], Qt.Orientation.Horizontal)
        self.history_dock.hide()

    def _build_status_bar(self) -> None:
        self.selection_label = QLabel(self)
        self.zoom_label = QLabel("100 %", self)
        self.zoom_label.setMinimumWidth(70)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.statusBar().addPermanentWidget(self.selection_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

    def _connect(self) -> None:
        doc = self.document
        doc.journey_replaced.connect(self._journey_replaced)
        doc.modified_changed.connect(lambda _: self._update_title())
        doc.path_changed.connect(lambda _: self._update_title())
        self.scene.selection_ids_changed.connect(self._selection_changed)
        self.scene.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.scene.layout_changed.connect(self._update_legend)
        self.view.zoom_changed.connect(lambda _: self._update_legend())
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)} %"))
        self.palette_dock.palette_widget.activated.connect(self._palette_clicked)
        self.clipboard.cards_created.connect(self.view.ensure_cards_visible)
        QGuiApplication.clipboard().dataChanged.connect(self._update_edit_actions)

    # -------------------------------------------------------------- updates
    def _journey_replaced(self, journey: Journey) -> None:
        if self.scene.journey is not journey:
            self.scene.set_journey(journey)
        self.inspector.set_journey(journey, self.document.undo_stack)
        for dialog in self._dialogs.values():
            dialog.close()
        self._selection_changed()
        self._update_title()  # read-only or not

    def _update_legend(self) -> None:
        scene = self.scene
        self.legend_bar.set_departments(scene.journey.departments)
        self.legend_bar.set_type_size(scene.style.card_title_size * self.view.zoom)

    def _update_title(self) -> None:
        self.setWindowTitle(self.document.window_title())
        self.setWindowModified(self.document.is_modified())
        self.setWindowFilePath(self.document.path or "")

    def _selection_changed(self) -> None:
        cards = self.scene.selected_card_ids()
        flows = self.scene.selected_flow_ids()
        cell = self.scene.selected_cell()
        self.inspector.show_selection(cards, flows, cell)
        if cards or flows:
            parts = [f"{len(cards)} card{'s' * (len(cards) != 1)}"] if cards else []
            parts += [f"{len(flows)} flow{'s' * (len(flows) != 1)}"] if flows else []
            self.selection_label.setText(", ".join(parts) + " selected")
        else:
            self.selection_label.setText("")
        self._update_edit_actions()

    def _update_edit_actions(self) -> None:
        a = self.commands
        cards = bool(self.scene.selected_card_ids())
        for action in (a.cut, a.copy, a.duplicate):
            action.setEnabled(cards)
        a.delete.setEnabled(cards or bool(self.scene.selected_flow_ids()))
        a.paste.setEnabled(self.clipboard.can_paste())
        has_cell = map_operations.current_cell(self.scene) is not None
        a.remove_stage.setEnabled(has_cell)
        a.remove_lane.setEnabled(has_cell)

    # ------------------------------------------------------------- commands
    def select_all(self) -> None:
        """Select every card."""
        self.scene.select_all()

    def delete_selection(self) -> None:
        """Delete the selected cards and flows."""
        self.scene.delete_selection()

    def add_stage(self) -> None:
        """Map > Add Stage."""
        map_operations.add_stage(self.scene)

    def add_lane(self) -> None:
        """Map > Add Lane."""
        map_operations.add_lane(self.scene)

    def remove_stage(self) -> None:
        """Map > Remove Selected Stage."""
        map_operations.remove_stage(self.scene)

    def remove_lane(self) -> None:
        """Map > Remove Selected Lane."""
        map_operations.remove_lane(self.scene)

    def _palette_clicked(self, mime_type: str, payload: str) -> None:
        if not map_operations.palette_clicked(self.scene, mime_type, payload):
            self.statusBar().showMessage(
                "Select a cell first, or drag the tile onto the map.", 4000
            )

    def show_departments(self) -> QWidget:
        """Map > Departments."""
        # Imported on first use, as the other dialogs: not part of a start.
        from app.panels.departments import DepartmentsDialog

        return self._show_dialog("departments", DepartmentsDialog)

    def show_personas(self) -> QWidget:
        """Map > Personas."""
        from app.panels.personas import PersonasDialog

        return self._show_dialog("personas", PersonasDialog)

    def _show_dialog(self, key: str, cls) -> QWidget:
        dialog = self._dialogs.get(key)
        if dialog is None:
            dialog = cls(self.document, self)
            self._dialogs[key] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def new_window(self) -> MainWindow:
        """File > New Window: another window with an untitled blank map."""
        window = open_window(None, self.services)
        window.move(self.pos() + _CASCADE)
        return window

    def quit_all(self) -> None:
        """File > Quit: close every window, each asking about unsaved changes."""
        QApplication.closeAllWindows()

    # --------------------------------------------------------------- events
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.maybe_save():
            if self.state_store is not None:
                self.state_store.save(self)
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.files.open_path(path)


def dropped_file(event) -> str | None:
    """The first ``.journey``, ``.csv`` or ``.xlsx`` file among a drag's URLs."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in OPENABLE_SUFFIXES:
            return url.toLocalFile()
    return None


def open_window(path: str | None = None, services: Services | None = None) -> MainWindow:
    """Show a new window on ``path`` (or an untitled blank map); a bad file shows an error."""
    store = WindowStateStore()
    window = MainWindow(services=services, state=store)
    window.files.start_untitled()
    if path:
        window.files.open_path(path, ask=False)
    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    if store.restore_geometry(window):
        window.show()
    else:
        _show_sized(window)
    zoom = store.zoom()
    if zoom is not None:
        window.view.set_zoom(zoom)
    return window


def _show_sized(window: MainWindow) -> None:
    """Show at the default size, centred; maximised on a screen too small for it
    (a 1280x720 projector)."""
    area = window.screen().availableGeometry()
    width, height = DEFAULT_SIZE
    if area.width() < width + 80 or area.height() < height + 80:
        # Fit the screen first: without a window manager (a bare X server, a
        # kiosk) "maximised" changes nothing and the window would overhang.
        window.setGeometry(area)
        window.showMaximized()
        return
    window.resize(width, height)
    window.move(area.center() - window.rect().center())
    window.show()


def run_editor(path: str | None = None) -> int:
    """Run the editor on ``path`` (or an untitled map from the blank template).

    Returns:
        The application's exit status.
    """
    if QApplication.instance() is None:  # a fresh process: only the imports so far
        freeze_imports()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    apply_identity(app)
    apply_theme(app)
    services = Services.default()
    locked = hooks.locked_choice()
    if locked is not None:
        services = dataclasses.replace(services, ask_locked=lambda *_: Locked(locked))
    window = open_window(path, services)
    # After the window is shown and the event loop runs.
    QTimer.singleShot(0, window, lambda: _startup(window))
    return app.exec()


def _startup(window: MainWindow) -> None:
    """Once per process: offer what a dead session left behind, then the test script."""
    choice = hooks.recovery_choice()
    offer_recovery(window, Choice(choice) if choice else None)
    hooks.run_test_script(window)
