"""Keeps a document's unsaved state in the recovery store, within a second of each edit.

A `RecoveryRecorder` follows one `Document`: the first change after the map
was clean starts a short timer (never restarted, so a stream of edits cannot
postpone the write), and when it fires the whole map goes to the document's
recovery session.  Saving, or undoing back to the saved state, clears the
session; closing the window removes it.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.documents.document import Document
from app.model.errors import JourneyError
from app.safety.recovery_store import RecoverySession, RecoveryStore
from app.safety.safe_save import FileStamp

#: How long after the first unsaved change the snapshot is written.
SNAPSHOT_DELAY_MS = 400

log = logging.getLogger(__name__)


class RecoveryRecorder(QObject):
    """Writes ``document``'s unsaved map to a recovery session, debounced.

    Args:
        document: the map to protect.
        store: the recovery store that hands out the session.
        stamp_of: returns the stamp of the document's file as the editor
            last read or wrote it (kept in the snapshot's meta data).
    """

    #: Writing the snapshot failed (the message), after it last worked.
    write_failed = Signal(str)

    def __init__(
        self,
        document: Document,
        store: RecoveryStore,
        stamp_of: Callable[[], FileStamp | None] = lambda: None,
    ) -> None:
        super().__init__(document)
        # Weak: a strong reference from this child back to its parent makes a
        # cycle that the garbage collector breaks in an order Qt cannot survive.
        self._document_ref = weakref.ref(document)
        self._store = store
        self._stamp_of = stamp_of
        self._session: RecoverySession | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SNAPSHOT_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        # Bound methods (not lambdas) so that Qt disconnects them when the
        # recorder goes; PySide cannot connect a ``*args`` method as a slot.
        document.undo_stack.indexChanged.connect(self._on_index)
        document.modified_changed.connect(self._on_modified)
        document.journey_replaced.connect(self._on_replaced)
        document.path_changed.connect(self._on_path)
        self.failed: str | None = None
        self._changed()

    @property
    def session(self) -> RecoverySession | None:
        """The session holding this document's snapshot (None before the first change)."""
        return self._session

    def _on_index(self, _index: int) -> None:
        self._changed()

    def _on_modified(self, _modified: bool) -> None:
        self._changed()

    def _on_replaced(self, _journey: object) -> None:
        self._changed()

    def _on_path(self, _path: object) -> None:
        self._changed()

    @property
    def _document(self) -> Document:
        document = self._document_ref()
        assert document is not None
        return document

    def _alive(self) -> bool:
        # A document being destroyed clears its undo stack, which still
        # signals; by then the document or the stack is gone.
        document = self._document_ref()
        return (
            document is not None
            and shiboken6.isValid(document)
            and shiboken6.isValid(document.undo_stack)
        )

    def _changed(self) -> None:
        if not self._alive() or (self._session is not None and self._session.closed):
            return
        if self._document.is_modified():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
            if self._session is not None:
                self._session.clear()

    def flush(self) -> None:
        """Write the snapshot now (or clear it when the map has no unsaved change)."""
        self._timer.stop()
        if not self._alive() or (self._session is not None and self._session.closed):
            return
        if not self._document.is_modified():
            if self._session is not None:
                self._session.clear()
            return
        try:
            if self._session is None:
                self._session = self._store.new_session()
            stamp: FileStamp | None = self._stamp_of()
            self._session.write(self._document.journey, self._document.path, stamp)
            self.failed = None
        except (JourneyError, OSError) as exc:
            # A full disk must not stop the workshop; the next change retries.
            first = self.failed is None
            self.failed = str(exc)
            log.warning("recovery snapshot failed: %s", exc)
            if first:
                self.write_failed.emit(self.failed)

    def close(self) -> None:
        """Remove the recovery data: the window closed and the user decided about changes."""
        self._timer.stop()
        if self._session is not None and not self._session.closed:
            self._session.close()
