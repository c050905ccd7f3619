"""The application's look: Fusion, a calm palette that follows the system's light or
dark scheme, and type that reads on a projector.

The window chrome (menus, toolbar, docks, dialogs) takes the colour scheme the
desktop reports through Qt (`QStyleHints.colorScheme`), and follows it when it
changes while the editor runs.  The map itself never changes: it keeps its
print colours (`app.layout.style`), so the screen shows what the wall will.
``JOURNEYMAP_COLOR_SCHEME=light|dark`` overrides the desktop (for a desktop
that reports nothing, and for tests).

The colours echo the canvas theme: slate for text and headers, the selection
blue for highlights, so the panels and the map look like one tool.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.canvas.painting import ensure_fonts
from app.documents.resources import resource_path
from app.layout.style import DEFAULT_STYLE
from app.layout.text import FONT_FAMILY

#: The UI's base font size in points: larger than desktop defaults, for projectors.
UI_POINT_SIZE = 11
#: Environment variable forcing the chrome's scheme: ``light`` or ``dark``.
SCHEME_ENV = "JOURNEYMAP_COLOR_SCHEME"

_ACCENT = DEFAULT_STYLE.selection_color
_ICONS = resource_path("icons").as_posix()


@dataclass(frozen=True)
class Chrome:
    """The colours of the window chrome in one scheme."""

    ink: str
    muted: str
    window: str
    border: str
    surface: str
    alternate: str
    hover: str
    pressed: str
    disabled: str
    dark: bool


LIGHT = Chrome(ink="#1F2933", muted="#5F6B7A", window="#F4F6F9", border="#D9DEE5",
               surface="#FFFFFF", alternate="#F8F9FB", hover="#E8EEF7", pressed="#D6E3F7",
               disabled="#9AA3AE", dark=False)
DARK = Chrome(ink="#E4E8EE", muted="#A7B1BE", window="#1C2128", border="#39424E",
              surface="#242A33", alternate="#2A313B", hover="#2F3B4C", pressed="#34496A",
              disabled="#6B7480", dark=True)


def stylesheet(c: Chrome) -> str:
    """The application stylesheet in the colours of ``c``."""
    return f"""
QMainWindow::separator {{ background: {c.border}; width: 1px; height: 1px; }}
QDockWidget {{ font-weight: 600; color: {c.ink}; }}
QDockWidget::title {{
    background: {c.window}; padding: 8px 10px; border-bottom: 1px solid {c.border};
    text-align: left;
}}
QDockWidget > QWidget {{ font-weight: normal; }}
QToolBar {{ background: {c.surface}; border: none; border-bottom: 1px solid {c.border};
    padding: 4px 6px; spacing: 4px; }}
QToolBar::separator {{ background: {c.border}; width: 1px; margin: 6px 8px; }}
QToolButton {{ padding: 5px 8px; border-radius: 5px; color: {c.ink}; }}
QToolButton:hover {{ background: {c.hover}; }}
QToolButton:pressed, QToolButton:checked {{ background: {c.pressed}; }}
QToolButton:focus {{ border: 1px solid {_ACCENT}; }}
QStatusBar {{ background: {c.window}; color: {c.muted}; border-top: 1px solid {c.border}; }}
QStatusBar QLabel {{ color: {c.muted}; padding: 0 8px; }}
QLabel#inspectorHeading {{ font-size: 14pt; font-weight: 600; color: {c.ink};
    padding: 2px 0 6px 0; }}
QLabel#inspectorHint {{ color: {c.muted}; }}
QLabel#paletteSection {{ color: {c.muted}; font-size: 9pt; font-weight: 600;
    letter-spacing: 1px; padding: 6px 8px 2px 8px; }}
QLineEdit, QPlainTextEdit, QComboBox, QListWidget, QTableWidget {{
    border: 1px solid {c.border}; border-radius: 4px; background: {c.surface};
    color: {c.ink}; selection-background-color: {_ACCENT};
}}
QLineEdit, QPlainTextEdit, QComboBox {{ padding: 4px 6px; }}
QComboBox::drop-down {{ border: none; width: 26px; }}
QComboBox::down-arrow {{ image: url({_ICONS}/chevron-down.svg); width: 12px; height: 12px; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 1px solid {_ACCENT}; }}
QHeaderView::section {{ background: {c.window}; border: none;
    border-bottom: 1px solid {c.border}; padding: 4px 6px; color: {c.muted}; }}
QPushButton {{ padding: 5px 14px; border: 1px solid {c.border}; border-radius: 4px;
    background: {c.surface}; color: {c.ink}; }}
QPushButton:hover {{ background: {c.hover}; }}
QPushButton:focus {{ border: 1px solid {_ACCENT}; }}
QMenu::item {{ padding: 6px 28px 6px 24px; }}
"""


#: The light stylesheet (what the chrome looked like before it followed the system).
STYLESHEET = stylesheet(LIGHT)


def palette(c: Chrome) -> QPalette:
    """A Fusion palette in the colours of ``c``."""
    result = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.ink,
        QPalette.ColorRole.Base: c.surface,
        QPalette.ColorRole.AlternateBase: c.alternate,
        QPalette.ColorRole.Text: c.ink,
        QPalette.ColorRole.Button: c.surface,
        QPalette.ColorRole.ButtonText: c.ink,
        QPalette.ColorRole.Highlight: _ACCENT,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: c.surface,
        QPalette.ColorRole.ToolTipText: c.ink,
        QPalette.ColorRole.PlaceholderText: c.disabled,
        QPalette.ColorRole.Mid: c.border,
        QPalette.ColorRole.Light: c.hover if c.dark else "#FFFFFF",
        QPalette.ColorRole.Dark: c.border if c.dark else "#A3ACB8",
        QPalette.ColorRole.Link: "#8AB4F8" if c.dark else "#1F5FBF",
    }
    for role, colour in roles.items():
        result.setColor(role, QColor(colour))
    # setColor() fills every colour group, Disabled included: grey the
    # disabled text again so that greyed-out menu entries look unavailable.
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        result.setColor(disabled, role, QColor(c.disabled))
    return result


def current_scheme(app: QApplication) -> Qt.ColorScheme:
    """The scheme to use: ``$JOURNEYMAP_COLOR_SCHEME``, else what the desktop reports."""
    forced = os.environ.get(SCHEME_ENV, "").strip().lower()
    if forced in ("light", "dark"):
        return Qt.ColorScheme.Dark if forced == "dark" else Qt.ColorScheme.Light
    return app.styleHints().colorScheme()


def chrome_for(scheme: Qt.ColorScheme) -> Chrome:
    """The chrome colours for ``scheme`` (an unknown scheme is light)."""
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def apply_theme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Give ``app`` the Journeymap look (style, palette, bundled font, stylesheet).

    Args:
        app: the application.
        scheme: the colour scheme; None follows the system (and keeps following it).
    """
    ensure_fonts()
    app.setStyle("Fusion")
    _apply_scheme(app, current_scheme(app) if scheme is None else scheme)
    font = QFont(FONT_FAMILY)
    font.setPointSize(UI_POINT_SIZE)
    app.setFont(font)
    if scheme is None and not app.property("journeymapFollowsScheme"):
        app.setProperty("journeymapFollowsScheme", True)
        app.styleHints().colorSchemeChanged.connect(
            lambda _s: _apply_scheme(app, current_scheme(app))
        )


def _apply_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    chrome = chrome_for(scheme)
    app.setPalette(palette(chrome))
    app.setStyleSheet(stylesheet(chrome))
    app.setProperty("journeymapScheme", "dark" if chrome.dark else "light")
