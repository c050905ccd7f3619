"""The editor's service blueprint controls (issue 12).

View > Show Blueprint Lines shows or hides the lines of interaction,
visibility and internal interaction on the canvas (the exports always draw
them); the choice is remembered for the next window and the next run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

#: QSettings key of View > Show Blueprint Lines.
LINES_KEY = "view/blueprint_lines"


def install_blueprint_view(window: MainWindow) -> QAction:
    """Add View > Show Blueprint Lines to ``window``; returns the action."""
    shown = QSettings().value(LINES_KEY, True, type=bool)
    action = QAction("Show Bl&ueprint Lines", window)
    action.setObjectName("showBlueprintLines")
    action.setCheckable(True)
    action.setChecked(shown)
    action.setStatusTip("Show the lines of interaction, visibility and internal interaction")

    def apply(on: bool) -> None:
        window.scene.blueprint_lines_item().setVisible(on)

    def toggled(on: bool) -> None:
        apply(on)
        QSettings().setValue(LINES_KEY, on)

    action.toggled.connect(toggled)
    apply(shown)
    view = window.menus["view"]
    legend = next(a for a in view.actions() if a.text() == "Show Le&gend")
    view.insertAction(legend, action)
    window.blueprint_lines_action = action
    return action
