"""Help > About Journeymap: the version, and the licences of the libraries and fonts.

What it lists comes from `app.desktop.about`, read at run time.  The fonts'
licence is shown in full, as their licence asks of a program that bundles them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.desktop import about
from app.desktop.icons import application_icon
from app.desktop.identity import APP_NAME, SUMMARY, version


class AboutDialog(QDialog):
    """The About box: icon, name, version; libraries and fonts with their licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAccessibleName(f"About {APP_NAME}")
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addWidget(QLabel("Libraries and fonts Journeymap uses:", self))
        self.table = self._table(about.libraries() + about.fonts())
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Licence of the bundled font (DejaVu Sans):", self))
        self.font_licence = QPlainTextEdit(about.font_licence_text(), self)
        self.font_licence.setReadOnly(True)
        self.font_licence.setAccessibleName("Font licence")
        layout.addWidget(self.font_licence, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("&Copy", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setToolTip("Copy the version and the library list, for a bug report")
        copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(about.about_text())
        )
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 640)

    def _heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(application_icon().pixmap(64, 64))
        icon.setAccessibleName(f"{APP_NAME} icon")
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(
            f"<h2>{APP_NAME} {version()}</h2><p>{SUMMARY}.</p>"
            "<p>Licensed under the MIT licence. Works offline: it never uses the network.</p>",
            self,
        )
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setWordWrap(True)
        row.addWidget(self.heading, 1)
        return row

    def _table(self, components: list[about.Component]) -> QTableWidget:
        table = QTableWidget(len(components), 4, self)
        table.setAccessibleName("Libraries and fonts")
        table.setHorizontalHeaderLabels(["Component", "Version", "Licence", "Used for"])
        for row, c in enumerate(components):
            for column, text in enumerate((c.name, c.version, c.licence, c.role)):
                table.setItem(row, column, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table


def install_about(window: QMainWindow, help_menu: QMenu) -> QAction:
    """Add Help > About Journeymap to ``window``; returns the action."""
    action = QAction(f"&About {APP_NAME}", window)
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.setStatusTip("The version, and the licences of the libraries and fonts")

    def show() -> None:
        dialog = AboutDialog(window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.about_dialog = dialog
        dialog.show()

    action.triggered.connect(show)
    help_menu.addSeparator()
    help_menu.addAction(action)
    return action
