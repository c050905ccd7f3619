"""The window's place, docks and zoom, remembered between runs.

A facilitator arranges the window once for the room (the projector's
screen, the Insights dock open, the palette closed, the zoom that reads from
the back) and expects it that way the next morning.  `WindowStateStore`
keeps the last closed window's geometry, its docks and toolbars
(`QMainWindow.saveState`) and its zoom in QSettings; the next window opened
the ordinary way (`app.window.main_window.open_window`) starts from them.
Windows made without a store (tests, dialogs' previews) remember nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
ZOOM_KEY = "window/zoom"
#: Bumped when the window's docks or toolbars change so much that an old
#: saved state would misplace them (QMainWindow.restoreState refuses it).
STATE_VERSION = 1


class WindowStateStore:
    """Saves and restores a main window's geometry, docks, toolbars and zoom.

    Args:
        settings: where to keep them (default: the application's QSettings).
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def save(self, window: MainWindow) -> None:
        """Remember ``window`` as it is now (called when it closes)."""
        s = self._settings
        s.setValue(GEOMETRY_KEY, window.saveGeometry())
        s.setValue(STATE_KEY, window.saveState(STATE_VERSION))
        s.setValue(ZOOM_KEY, float(window.view.zoom))
        s.sync()

    def restore_geometry(self, window: MainWindow) -> bool:
        """Put ``window`` where the last one was, with its docks and toolbars.

        Returns:
            Whether a remembered geometry was applied (else the caller sizes
            the window itself).
        """
        geometry = self._settings.value(GEOMETRY_KEY)
        state = self._settings.value(STATE_KEY)
        if isinstance(state, QByteArray):
            window.restoreState(state, STATE_VERSION)
        return isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)

    def zoom(self) -> float | None:
        """The zoom the last window had, or None."""
        value = self._settings.value(ZOOM_KEY)
        try:
            zoom = float(value) if value is not None else None
        except (TypeError, ValueError):
            return None
        return zoom if zoom and zoom > 0 else None
