"""File > Export…: opens the Export dialog for the window's map."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from app.window.menus import insert_file_action

if TYPE_CHECKING:
    from app.panels.export_dialog import ExportDialog
    from app.window.main_window import MainWindow


def suggested_export_path(window: MainWindow) -> str:
    """The map's file name with a .pdf suffix, beside the map (or in the home folder)."""
    path = window.document.path
    if path:
        return str(Path(path).with_suffix(".pdf"))
    title = window.document.journey.title.strip() or "Untitled map"
    safe = "".join(ch for ch in title if ch.isalnum() or ch in " -_").strip() or "map"
    return str(Path.home() / f"{safe}.pdf")


def open_export_dialog(window: MainWindow) -> ExportDialog:
    """Show a non-modal Export dialog; the editor stays usable while it works."""
    # Imported on first use: the exporters (fontTools' subsetter alone) cost
    # 0.15 s or more of every start, for a dialog most sessions never open.
    from app.panels.export_dialog import ExportDialog

    dialog = ExportDialog(window.document.journey, suggested_export_path(window), window)
    dialog.exported.connect(
        lambda out: window.statusBar().showMessage(f"Exported {out}", 6000)
    )
    dialog.show()
    return dialog


def install_export(window: MainWindow) -> QAction:
    """Add File > Export… (Ctrl+E) to ``window``."""
    action = QAction("&Export\u2026", window)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setStatusTip("Export the map as PDF (page or wall poster), PNG, SVG or CSV")
    action.triggered.connect(lambda _=False: open_export_dialog(window))
    insert_file_action(window, action)
    return action
