"""The list behind File > Open Recent, kept in QSettings.

The newest file comes first; a file opened again moves to the front; files
that no longer exist are left out of the menu.  Tests run with
``QStandardPaths.setTestModeEnabled(True)`` (tests/conftest.py), so they never
touch the user's own list.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

SETTINGS_KEY = "recentFiles"
MAX_RECENT = 10


class RecentFiles:
    """Most recently opened or saved map files, newest first.

    Args:
        settings: where the list is kept; the application's QSettings when None.
        limit: how many files to remember.
    """

    def __init__(self, settings: QSettings | None = None, limit: int = MAX_RECENT) -> None:
        self._settings = settings if settings is not None else QSettings()
        self._limit = limit

    def paths(self) -> list[str]:
        """Remembered files that still exist, newest first."""
        return [p for p in self._stored() if os.path.isfile(p)]

    def add(self, path: str) -> None:
        """Put ``path`` at the front of the list (moving it if already there)."""
        path = str(Path(path).resolve())
        kept = [p for p in self._stored() if p != path]
        self._settings.setValue(SETTINGS_KEY, [path, *kept][: self._limit])
        self._settings.sync()

    def clear(self) -> None:
        """Forget every file."""
        self._settings.remove(SETTINGS_KEY)
        self._settings.sync()

    def _stored(self) -> list[str]:
        value = self._settings.value(SETTINGS_KEY, [])
        # QSettings returns a bare string for a one-element list on some backends.
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value or []]


def fill_recent_menu(menu: QMenu, recent: RecentFiles, open_path: Callable[[str], object]) -> None:
    """Rebuild ``menu`` from ``recent``: one entry per file, then "Clear Menu".

    Meant for the menu's ``aboutToShow`` so that it is always current.
    """
    menu.clear()
    paths = recent.paths()
    for number, path in enumerate(paths, start=1):
        # &1..&9 give keyboard accelerators to the first nine entries.
        prefix = f"&{number} " if number < 10 else ""
        action = menu.addAction(f"{prefix}{Path(path).name}")
        action.setToolTip(path)
        action.setStatusTip(path)
        action.triggered.connect(lambda _=False, p=path: open_path(p))
    if not paths:
        menu.addAction("No recent maps").setEnabled(False)
    menu.addSeparator()
    clear = menu.addAction("Clear Menu")
    clear.setEnabled(bool(paths))
    clear.triggered.connect(recent.clear)
