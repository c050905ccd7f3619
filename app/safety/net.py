"""The safety net of one window, built from the collaborators it is given.

`SafetyNet` is created by the main window with a recovery store and a map
writer (tests pass folders and writers of their own).  It

* installs a `SafeSaver` as the document's file writer (backup, "changed on
  disk" question, writing in a worker thread);
* records every unsaved change in the recovery store (`RecoveryRecorder`)
  and tells the user - status bar and a dialog - when that fails;
* removes the recovery data once the window closed with the user's consent;
* holds the lock beside the map's file that tells other windows and
  processes who has it open (`app.safety.owner_lock`), and warns when a map
  opened is held by someone else: open it read-only, or anyway.

`offer_recovery` is the startup offer of the maps a dead process left
behind; the editor's entry point calls it once per process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from app.model.errors import JourneyError
from app.safety.autosave import RecoveryRecorder
from app.safety.owner_lock import Owner, OwnerLock, holder
from app.safety.recovery_dialog import Choice, RecoveryDialog
from app.safety.recovery_store import RecoveryEntry, RecoveryStore
from app.safety.safe_save import MapWriter
from app.safety.saving import SafeSaver, choose

if TYPE_CHECKING:
    from app.window.main_window import MainWindow


class Locked(Enum):
    """The user's answer when the map is open elsewhere."""

    READ_ONLY = "read-only"
    ANYWAY = "anyway"
    CANCEL = "cancel"


def ask_locked(parent: QWidget, path: str, owner: Owner) -> Locked:
    """Ask what to do with a map that someone else has open."""
    return choose(
        parent,
        "Map already open",
        f"\u201c{os.path.basename(path)}\u201d is open in another Journeymap window: "
        f"{owner.describe()}.",
        "Open it read-only (Save goes to Save As), or open it anyway and risk two "
        "versions that overwrite each other?",
        [
            ("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole, Locked.READ_ONLY),
            ("Open &Anyway", QMessageBox.ButtonRole.DestructiveRole, Locked.ANYWAY),
        ],
        Locked.CANCEL,
    )


class SafetyNet(QObject):
    """Recovery and safe save for ``window``'s document.

    Args:
        window: the main window (its ``document`` and status bar).
        store: where unsaved changes are kept for recovery.
        write_map: writes the serialised map with a backup under the save lock.
        ask: asks what to do with a map open elsewhere (`ask_locked`).
    """

    def __init__(
        self,
        window: MainWindow,
        store: RecoveryStore,
        write_map: MapWriter,
        ask: Callable[[QWidget, str, Owner], Locked] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self._ask = ask or ask_locked
        document = window.document
        self.lock = OwnerLock()
        document.path_changed.connect(self._hold)
        document.journey_replaced.connect(lambda _journey: self._hold(document.path))
        window.destroyed.connect(self.lock.release)
        self.saver = SafeSaver(document, window, write_map)
        document.write_file = self.saver.write
        self.recorder = RecoveryRecorder(
            document, store, lambda: self.saver.stamp_for(document.path)
        )
        self.recorder.write_failed.connect(self._recovery_failed)
        self.failure_box: QMessageBox | None = None
        window.installEventFilter(self)

    # ------------------------------------------------------------ open lock
    def may_open(self, path: str) -> str | None:
        """Before opening ``path``: warn if it is open elsewhere.

        Returns:
            None to cancel, ``"read-only"`` or ``"normal"``.
        """
        owner = holder(path, self.lock.me)
        if owner is None or os.path.realpath(path) == os.path.realpath(self.lock.path or ""):
            return "normal"
        choice = self._ask(self.window, path, owner)
        if choice is Locked.CANCEL:
            return None
        return "read-only" if choice is Locked.READ_ONLY else "normal"

    def _hold(self, path: object) -> None:
        document = self.window.document
        self.lock.hold(document.path if document.path and not document.read_only else None)

    def _recovery_failed(self, message: str) -> None:
        text = f"Unsaved changes cannot be kept for recovery: {message}. Save the map."
        self.window.statusBar().showMessage(text, 30000)
        # Not modal: the workshop goes on while the user reads it.
        if self.failure_box is None:
            self.failure_box = QMessageBox(
                QMessageBox.Icon.Warning, "Recovery data not written", text,
                QMessageBox.StandardButton.Ok, self.window,
            )
            self.failure_box.setModal(False)
        self.failure_box.setText(text)
        self.failure_box.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window hides once its close was accepted (the user saved or
        # discarded): its recovery data has served.  A spontaneous hide is a
        # minimise.
        if (
            watched is self.window
            and event.type() == QEvent.Type.Hide
            and not event.spontaneous()
        ):
            self.recorder.close()
            self.lock.release()
        return False


def offer_recovery(window: MainWindow, choice: Choice | None = None) -> list[MainWindow]:
    """Offer the unsaved maps of dead sessions; returns the windows holding recovered maps.

    Args:
        window: the window that asks; the first recovered map replaces its
            map unless that has unsaved changes of its own.
        choice: the answer for every map, without showing the dialog.
    """
    store = window.safety.store
    store.remove_leftovers()
    entries = store.orphans()
    if not entries:
        return []
    if choice is not None:
        chosen, decision = entries, choice
    else:
        dialog = RecoveryDialog(entries, window)
        dialog.exec()
        chosen, decision = dialog.chosen, dialog.choice
    if decision is Choice.DISCARD:
        for entry in chosen:
            store.discard(entry)
        return []
    if decision is not Choice.RECOVER:
        return []
    windows: list[MainWindow] = []
    # The first map goes into the window that asked (the start window, on
    # the map it was started with, stale beside the recovered one) unless it
    # holds unsaved work of its own; the others get windows of their own.
    free = not window.document.is_modified()
    for entry in chosen:
        target = window if free and not windows else window.new_window()
        if _recover(target, entry):
            windows.append(target)
        elif target is not window:
            target.close()
    return windows


def _recover(target: MainWindow, entry: RecoveryEntry) -> bool:
    store = target.safety.store
    try:
        journey = store.restore(entry)
    except JourneyError as exc:
        QMessageBox.warning(target, "Cannot recover map", str(exc))
        return False
    target.document.replace(journey, entry.original, unsaved=True)
    net: SafetyNet = target.safety
    net.saver.remember_file(entry.file_stamp)
    # The recovered map is safe in its new session before the old one goes.
    net.recorder.flush()
    store.discard(entry)
    return True
