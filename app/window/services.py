"""What the editor's windows are built with, shared by the windows of one process.

The main window does not reach for globals: the Open Recent list, the
recovery store and the map writer are passed in (`Services`), so that a test
gives a window a recovery folder and a writer of its own, and every window a
process opens shares the same ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.documents.recent_files import RecentFiles
from app.safety.net import Locked, ask_locked
from app.safety.owner_lock import Owner
from app.safety.recovery_store import RecoveryStore
from app.safety.safe_save import MapWriter, write_with_backup


@dataclass(frozen=True)
class Services:
    """The collaborators of the editor's windows.

    Attributes:
        recent: the Open Recent list.
        recovery: where unsaved changes are kept for recovery.
        write_map: writes a serialised map with its backup, under the save lock.
        ask_locked: asks what to do with a map someone else has open.
    """

    recent: RecentFiles
    recovery: RecoveryStore
    write_map: MapWriter = write_with_backup
    ask_locked: Callable[[QWidget, str, Owner], Locked] = ask_locked

    @classmethod
    def default(cls) -> Services:
        """The application's settings and recovery folder (``$JOURNEYMAP_RECOVERY_DIR``)."""
        return cls(RecentFiles(), RecoveryStore())
