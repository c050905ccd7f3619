"""Safe save for one window: a backup beside the file, a question before
overwriting a file that someone else changed, and a window that stays
responsive while a big map is written.

`SafeSaver.write` is installed as the document's file writer.  It copies the
map's values out of the model in the UI thread (`fileformat.to_dict`, fast),
then turns them into text and hands the bytes to the injected *map writer*
(`app.safety.safe_save.write_with_backup` in the editor) in a worker thread,
running a local event loop until it is done, so the window keeps painting
and taking input.  Edits made meanwhile stay unsaved (see `Document`).

The saver remembers the stamp of the file as the editor last read or wrote
it; when the file on disk no longer matches, the user chooses: overwrite it,
save the map under another name, or cancel (the map stays unsaved, quietly).
Any other failure - a full disk, a text that cannot be encoded, a bug in a
writer - becomes a `JourneyError` whose message the window shows.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.documents.document import Document
from app.model import fileformat
from app.model.errors import JourneyError
from app.model.gcpause import paused_gc
from app.model.journey import Journey
from app.safety.safe_save import (
    FileChangedOnDiskError,
    FileStamp,
    MapWriter,
    SaveAsInsteadError,
    SaveCancelledError,
    stamp,
)

T = TypeVar("T")


class Conflict(Enum):
    """The user's answer when the file changed on disk."""

    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


def ask_conflict(window: QWidget, path: str) -> Conflict:
    """Ask what to do about a file changed on disk since it was opened."""
    return choose(
        window,
        "File changed on disk",
        f"\u201c{os.path.basename(path)}\u201d was changed on disk since you opened or "
        "saved it (by another window, another program or a synced folder).",
        "Overwrite it with this map, or save this map under another name and keep "
        "the other version? A copy of the file on disk is kept as a .bak file either way.",
        [
            ("&Overwrite", QMessageBox.ButtonRole.DestructiveRole, Conflict.OVERWRITE),
            ("Save &As\u2026", QMessageBox.ButtonRole.AcceptRole, Conflict.SAVE_AS),
        ],
        Conflict.CANCEL,
        default=1,
    )


def choose(
    parent: QWidget,
    title: str,
    text: str,
    detail: str,
    choices: list[tuple[str, QMessageBox.ButtonRole, T]],
    cancel: T,
    default: int = 0,
) -> T:
    """A warning with a button per choice and Cancel; returns the value of the one clicked."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    buttons = [(box.addButton(label, role), value) for label, role, value in choices]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(buttons[default][0])
    box.exec()
    clicked = box.clickedButton()
    return next((value for button, value in buttons if button is clicked), cancel)


class _Done(QObject):
    """Carries "the worker finished" to the UI thread."""

    finished = Signal()


def run_in_worker(job: Callable[[], FileStamp]) -> FileStamp:
    """Run ``job`` in a worker thread while the UI thread keeps handling events.

    Returns its result or raises its exception, in the calling thread.
    """
    outcome: dict[str, object] = {}
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            outcome["value"] = job()
        except BaseException as exc:  # noqa: BLE001 - handed back to the UI thread
            outcome["error"] = exc
        done.finished.emit()

    thread = threading.Thread(target=work, name="journeymap-save", daemon=True)
    thread.start()
    # The worker may already be done: the queued quit is then delivered as
    # soon as the loop runs, so the loop never waits for nothing.
    loop.exec()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


class SafeSaver:
    """The file writer of one window's document.

    Args:
        document: the window's map.
        parent: parent of the conflict question.
        write_map: writes bytes to a file with a backup under the save lock
            (`app.safety.safe_save.write_with_backup`; tests pass failing ones).
    """

    def __init__(
        self,
        document: Document,
        parent: QWidget,
        write_map: MapWriter,
    ) -> None:
        self._document = document
        self._parent = parent
        self._write_map = write_map
        self.known_path: str | None = None
        self.known: FileStamp | None = None
        document.journey_replaced.connect(lambda _journey: self.remember_file())
        self.remember_file()

    def remember_file(self, known: FileStamp | None = None) -> None:
        """Take the stamp of the document's file as it is now (just opened).

        Args:
            known: use this stamp instead (a recovered map keeps the stamp
                its crashed session had, so changes made since are noticed).
        """
        path = self._document.path
        self.known_path = path
        try:
            self.known = known or (stamp(path) if path else None)
        except JourneyError:
            self.known = None

    def stamp_for(self, path: str | None) -> FileStamp | None:
        """The remembered stamp of ``path`` (None for a file not read or written here)."""
        return self.known if path is not None and path == self.known_path else None

    def write(self, journey: Journey, path: str) -> None:
        """Write the map to ``path`` with a backup; ask if the file changed on disk.

        Raises:
            SaveCancelledError: the user kept the version changed on disk.
            SaveAsInsteadError: the user chose to save under another name.
            JourneyError: the map could not be written (whatever the cause).
        """
        # One save at a time: `Document.saving` turns away the commands that
        # would start another while this one's event loop runs.
        data = _serialise(journey, path)  # values copied out of the model: the UI goes on
        # A different path comes from Save As, whose file dialog already
        # asked about replacing an existing file.
        same = path == self.known_path
        try:
            new = self._run(data, path, self.stamp_for(path), same)
        except FileChangedOnDiskError:
            choice = ask_conflict(self._parent, path)
            if choice is Conflict.OVERWRITE:
                new = self._run(data, path, None, False)
            elif choice is Conflict.SAVE_AS:
                # The window's Save As runs once this save has ended.
                raise SaveAsInsteadError(f"{path}: not saved: choose another name") from None
            else:
                raise SaveCancelledError(
                    f"{path}: not saved: the file was changed on disk and you kept that "
                    "version; use Save As to keep both"
                ) from None
        self.known_path, self.known = path, new

    def _run(self, data: dict, path: str, known: FileStamp | None, check: bool) -> FileStamp:
        def job() -> FileStamp:
            text = fileformat.dumps_dict(data).encode("utf-8")
            return self._write_map(text, path, known, check)

        try:
            # No collection in the middle: a full one over a big map's objects
            # would hold the interpreter lock, and the window, for its length.
            with paused_gc():
                return run_in_worker(job)
        except JourneyError:
            raise
        except Exception as exc:  # noqa: BLE001 - every failure must reach the user
            raise JourneyError(f"{path}: not saved: {_describe(exc)}") from exc


def _serialise(journey: Journey, path: str) -> dict:
    try:
        with paused_gc():  # many small containers that all stay alive: see gcpause
            return fileformat.to_dict(journey)
    except Exception as exc:  # noqa: BLE001 - whatever it is, the user must hear of it
        raise JourneyError(f"{path}: not saved: {_describe(exc)}") from exc


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
