"""The application's look: Fusion with a calm light palette and type that reads on a projector.

The colours echo the canvas theme (`app.layout.style`): slate for text and
headers, the selection blue for highlights, so the panels and the map look
like one tool.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.canvas.painting import ensure_fonts
from app.documents.resources import resource_path
from app.layout.style import DEFAULT_STYLE
from app.layout.text import FONT_FAMILY

#: The UI's base font size in points: larger than desktop defaults, for projectors.
UI_POINT_SIZE = 11

_INK = "#1F2933"
_MUTED = "#5F6B7A"
_WINDOW = "#F4F6F9"
_BORDER = "#D9DEE5"
_ACCENT = DEFAULT_STYLE.selection_color
_ICONS = resource_path("icons").as_posix()

STYLESHEET = f"""
QMainWindow::separator {{ background: {_BORDER}; width: 1px; height: 1px; }}
QDockWidget {{ font-weight: 600; color: {_INK}; }}
QDockWidget::title {{
    background: {_WINDOW}; padding: 8px 10px; border-bottom: 1px solid {_BORDER};
    text-align: left;
}}
QDockWidget > QWidget {{ font-weight: normal; }}
QToolBar {{ background: #FFFFFF; border: none; border-bottom: 1px solid {_BORDER};
    padding: 4px 6px; spacing: 4px; }}
QToolBar::separator {{ background: {_BORDER}; width: 1px; margin: 6px 8px; }}
QToolButton {{ padding: 5px 8px; border-radius: 5px; color: {_INK}; }}
QToolButton:hover {{ background: #E8EEF7; }}
QToolButton:pressed, QToolButton:checked {{ background: #D6E3F7; }}
QStatusBar {{ background: {_WINDOW}; color: {_MUTED}; border-top: 1px solid {_BORDER}; }}
QStatusBar QLabel {{ color: {_MUTED}; padding: 0 8px; }}
QLabel#inspectorHeading {{ font-size: 14pt; font-weight: 600; color: {_INK};
    padding: 2px 0 6px 0; }}
QLabel#inspectorHint {{ color: {_MUTED}; }}
QLabel#paletteSection {{ color: {_MUTED}; font-size: 9pt; font-weight: 600;
    letter-spacing: 1px; padding: 6px 8px 2px 8px; }}
QLineEdit, QPlainTextEdit, QComboBox, QListWidget, QTableWidget {{
    border: 1px solid {_BORDER}; border-radius: 4px; background: #FFFFFF;
    selection-background-color: {_ACCENT};
}}
QLineEdit, QPlainTextEdit, QComboBox {{ padding: 4px 6px; }}
QComboBox::drop-down {{ border: none; width: 26px; }}
QComboBox::down-arrow {{ image: url({_ICONS}/chevron-down.svg); width: 12px; height: 12px; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 1px solid {_ACCENT}; }}
QHeaderView::section {{ background: {_WINDOW}; border: none;
    border-bottom: 1px solid {_BORDER}; padding: 4px 6px; color: {_MUTED}; }}
QPushButton {{ padding: 5px 14px; border: 1px solid {_BORDER}; border-radius: 4px;
    background: #FFFFFF; }}
QPushButton:hover {{ background: #E8EEF7; }}
QMenu::item {{ padding: 6px 28px 6px 24px; }}
"""


def apply_theme(app: QApplication) -> None:
    """Give ``app`` the Journeymap look (style, palette, bundled font, stylesheet)."""
    ensure_fonts()
    app.setStyle("Fusion")
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: _WINDOW,
        QPalette.ColorRole.WindowText: _INK,
        QPalette.ColorRole.Base: "#FFFFFF",
        QPalette.ColorRole.AlternateBase: "#F8F9FB",
        QPalette.ColorRole.Text: _INK,
        QPalette.ColorRole.Button: "#FFFFFF",
        QPalette.ColorRole.ButtonText: _INK,
        QPalette.ColorRole.Highlight: _ACCENT,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#FFFFFF",
        QPalette.ColorRole.ToolTipText: _INK,
        QPalette.ColorRole.PlaceholderText: "#9AA3AE",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    # setColor() fills every colour group, Disabled included: grey the
    # disabled text again so that greyed-out menu entries look unavailable.
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#9AA3AE"))
    app.setPalette(palette)
    font = QFont(FONT_FAMILY)
    font.setPointSize(UI_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
