"""The editor window's actions, menus and toolbar.

Actions carry the platform's standard shortcuts (QKeySequence.StandardKey)
wherever one exists, so Save is Ctrl+S on Linux and Windows and Cmd+S on a
Mac.  `create` wires them to the window's controllers; the window keeps
them as ``window.commands`` (a `WindowActions`; not ``window.actions``, which
would hide QWidget.actions()) and the menus as ``window.menus``.

Adding a command later (Export, Help): create the QAction and call
`insert_file_action` (File menu, after Import) or add it to one of the
window's ``menus``; nothing here needs to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from app.documents.recent_files import fill_recent_menu
from app.panels.icons import glyph_icon

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

Std = QKeySequence.StandardKey
#: Keys for standard commands that a platform leaves unbound.
_FALLBACKS = {Std.Quit: "Ctrl+Q", Std.Close: "Ctrl+W"}
#: QSettings key: whether the department legend is shown on the canvas.
LEGEND_KEY = "view/showLegend"


@dataclass
class WindowActions:
    """Every menu command of one window."""

    new: QAction
    new_window: QAction
    open: QAction
    save: QAction
    save_as: QAction
    import_csv: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    duplicate: QAction
    delete: QAction
    select_all: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    zoom_fit: QAction
    zoom_selection: QAction
    show_legend: QAction
    add_stage: QAction
    add_lane: QAction
    remove_stage: QAction
    remove_lane: QAction
    departments: QAction
    personas: QAction


def _action(
    window, text: str, slot, shortcut=None, icon: str | None = None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        keys = QKeySequence.keyBindings(shortcut) if isinstance(shortcut, Std) else [shortcut]
        # Some platforms bind no key to a standard command (Quit on a bare X11).
        keys = keys or [QKeySequence(_FALLBACKS.get(shortcut, ""))]
        action.setShortcuts([QKeySequence(k) for k in keys])
    if icon:
        action.setIcon(glyph_icon(icon))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _=False: slot())
    window.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys plus both common ones, Ctrl+Y and Ctrl+Shift+Z.

    Qt's standard binding depends on the platform theme (under X11 without a
    desktop theme it lacks Ctrl+Y), and a facilitator presses whichever key
    their other programs taught them.
    """
    keys = list(QKeySequence.keyBindings(Std.Redo))
    for extra in ("Ctrl+Y", "Ctrl+Shift+Z"):
        if QKeySequence(extra) not in keys:
            keys.append(QKeySequence(extra))
    return keys


def create(window: MainWindow) -> WindowActions:
    """All the actions of ``window``, connected to its controllers."""
    w, files, clip, view = window, window.files, window.clipboard, window.view
    stack = window.document.undo_stack
    undo = stack.createUndoAction(w, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(Std.Undo))
    undo.setIcon(glyph_icon("undo"))
    redo = stack.createRedoAction(w, "&Redo")
    redo.setShortcuts(redo_keys())
    redo.setIcon(glyph_icon("redo"))
    w.addActions([undo, redo])
    return WindowActions(
        new=_action(w, "&New\u2026", files.new, Std.New, "new", "Start a map from a template"),
        new_window=_action(w, "New &Window", w.new_window, "Ctrl+Shift+N"),
        open=_action(w, "&Open\u2026", files.open_dialog, Std.Open, "open"),
        save=_action(w, "&Save", files.save, Std.Save, "save"),
        save_as=_action(w, "Save &As\u2026", files.save_as, Std.SaveAs),
        import_csv=_action(
            w,
            "&Import\u2026",
            files.import_dialog,
            None,
            None,
            "Make a map from a spreadsheet: an Excel workbook (.xlsx) or a CSV file",
        ),
        close=_action(w, "&Close", w.close, Std.Close),
        quit=_action(w, "&Quit", w.quit_all, Std.Quit),
        undo=undo,
        redo=redo,
        cut=_action(w, "Cu&t", clip.cut, Std.Cut),
        copy=_action(w, "&Copy", clip.copy, Std.Copy),
        paste=_action(w, "&Paste", clip.paste, Std.Paste),
        duplicate=_action(w, "Dup&licate", clip.duplicate, "Ctrl+D"),
        delete=_action(w, "&Delete", w.delete_selection, Std.Delete),
        select_all=_action(w, "Select &All", w.select_all, Std.SelectAll),
        zoom_in=_action(w, "Zoom &In", view.zoom_in, Std.ZoomIn, "zoom_in"),
        zoom_out=_action(w, "Zoom &Out", view.zoom_out, Std.ZoomOut, "zoom_out"),
        zoom_reset=_action(w, "&Actual Size", view.zoom_reset, "Ctrl+1"),
        zoom_fit=_action(
            w, "Zoom to &Fit", view.zoom_to_fit, "Ctrl+0", "zoom_fit", "Show the whole map"
        ),
        zoom_selection=_action(w, "Zoom to &Selection", view.zoom_to_selection, "Ctrl+2"),
        show_legend=_legend_action(w),
        add_stage=_action(
            w,
            "Add &Stage",
            w.add_stage,
            "Ctrl+Alt+S",
            "add_stage",
            "Add a stage after the selected one",
        ),
        add_lane=_action(
            w,
            "Add &Lane",
            w.add_lane,
            "Ctrl+Alt+L",
            "add_lane",
            "Add a lane below the selected one",
        ),
        remove_stage=_action(w, "&Remove Selected Stage", w.remove_stage),
        remove_lane=_action(w, "Re&move Selected Lane", w.remove_lane),
        departments=_action(w, "&Departments\u2026", w.show_departments),
        personas=_action(w, "&Personas\u2026", w.show_personas),
    )


def _legend_action(window: MainWindow) -> QAction:
    """View > Show Legend: the department legend on the canvas, remembered
    for the next window and the next run."""
    shown = QSettings().value(LEGEND_KEY, True, type=bool)
    action = QAction("Show Le&gend", window)
    action.setCheckable(True)
    action.setChecked(shown)
    action.setStatusTip("Show the colours of the owner departments below the map")
    window.legend_bar.setVisible(shown)

    def toggled(on: bool) -> None:
        window.legend_bar.setVisible(on)
        QSettings().setValue(LEGEND_KEY, on)

    action.toggled.connect(toggled)
    return action


def build_menus(window: MainWindow, a: WindowActions) -> dict[str, QMenu]:
    """The menu bar: File, Edit, View, Map.  Returns the menus by name."""
    bar = window.menuBar()
    file = bar.addMenu("&File")
    file.addActions([a.new, a.new_window, a.open])
    recent = file.addMenu("Open &Recent")
    recent.setObjectName("recentMenu")
    recent.aboutToShow.connect(
        lambda: fill_recent_menu(recent, window.recent, window.files.open_path)
    )
    file.addSeparator()
    file.addActions([a.save, a.save_as])
    file.addSeparator()
    file.addAction(a.import_csv)
    # Export actions go right after Import (insert_file_action); this
    # separator marks the end of that group.
    window.file_group_end = file.addSeparator()
    file.addActions([a.close, a.quit])

    edit = bar.addMenu("&Edit")
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    edit.addSeparator()
    edit.addAction(a.select_all)
    edit.addSeparator()
    history = window.history_dock.toggleViewAction()
    history.setText("Undo &History")
    edit.addAction(history)

    view = bar.addMenu("&View")
    view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset, a.zoom_fit, a.zoom_selection])
    view.addSeparator()
    for dock, text in ((window.palette_dock, "Pal&ette"), (window.inspector_dock, "I&nspector")):
        toggle = dock.toggleViewAction()
        toggle.setText(text)
        view.addAction(toggle)
    view.addAction(a.show_legend)
    view.addAction(window.canvas_only.action)

    map_menu = bar.addMenu("&Map")
    map_menu.addActions([a.add_stage, a.add_lane])
    map_menu.addSeparator()
    map_menu.addActions([a.remove_stage, a.remove_lane])
    map_menu.addSeparator()
    map_menu.addActions([a.departments, a.personas])
    return {"file": file, "recent": recent, "edit": edit, "view": view, "map": map_menu}


def build_toolbar(window: MainWindow, a: WindowActions) -> QToolBar:
    """The main toolbar: file, undo, structure and zoom commands."""
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("mainToolBar")
    bar.setMovable(False)
    bar.setIconSize(QSize(22, 22))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for group in ((a.new, a.open, a.save), (a.undo, a.redo), (a.add_stage, a.add_lane)):
        bar.addActions(group)
        bar.addSeparator()
    for action in (a.new, a.open, a.save, a.undo, a.redo):
        # Icons alone for the familiar commands; words for the map's own ones.
        bar.widgetForAction(action).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    bar.addActions([a.zoom_out, a.zoom_in, a.zoom_fit])
    for action in (a.zoom_out, a.zoom_in):
        bar.widgetForAction(action).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def insert_file_action(window: MainWindow, action: QAction) -> None:
    """Add a command to the File menu after Import (the hook for Export).

    The action is also added to the window so that its shortcut works.
    """
    window.menus["file"].insertAction(window.file_group_end, action)
    window.addAction(action)
