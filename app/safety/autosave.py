"""Keeps a document's unsaved state in the recovery store, whatever the map's size.

A `RecoveryRecorder` follows one `Document`.  Every edit the undo stack
applies (an undo applies the inverse edit) is encoded at once
(`app.safety.journal`) and, as soon as the journal has its base, appended to
it there and then - before the window's own work after the edit.  A short
timer (started by the first of a burst, never restarted, so that a stream of
edits cannot postpone it) writes what is left: the base when it was not
ready, the meta data the recovery dialog shows.  Recording an edit thus costs
the size of the edit, never that of the map.

The journal needs a base: the map as it was when its unsaved changes began.
When the map was just opened or saved that is its file, which a worker
thread copies right away (checked against the stamp the editor took), so
that the first edit only moves the copy into place; otherwise (an
untitled map, an imported CSV, a recovered map, a file changed behind our
back) the map is serialised once.  Saving, or undoing back to the saved
state, clears the session; closing the window removes it.
"""

from __future__ import annotations

import hashlib
import logging
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.documents.document import Document
from app.model import fileformat
from app.model.edits import Edit
from app.safety import journal
from app.safety.recovery_store import RecoverySession, RecoveryStore, meta
from app.safety.safe_save import FileStamp

#: How long after the first unsaved change of a burst the journal is written.
SNAPSHOT_DELAY_MS = 100

log = logging.getLogger(__name__)


class RecoveryRecorder(QObject):
    """Writes ``document``'s unsaved changes to a recovery session, debounced.

    Args:
        document: the map to protect.
        store: the recovery store that hands out the session.
        stamp_of: returns the stamp of the document's file as the editor
            last read or wrote it (kept in the meta data, and the check that
            the file still is the base of the unsaved changes).
    """

    #: Writing the recovery data failed (the message), after it last worked.
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
        self._pending: list[Any] = []  # encoded edits not yet in the journal
        self._base: FileStamp | None = None  # the file the pending edits start from
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SNAPSHOT_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        # Bound methods (not lambdas) so that Qt disconnects them when the
        # recorder goes; PySide cannot connect a ``*args`` method as a slot.
        document.undo_stack.applied.connect(self._on_applied)
        document.undo_stack.indexChanged.connect(self._on_index)
        document.modified_changed.connect(self._on_modified)
        document.journey_replaced.connect(self._on_replaced)
        document.path_changed.connect(self._on_path)
        self.failed: str | None = None
        self._on_replaced(None)

    @property
    def session(self) -> RecoverySession | None:
        """The session holding this document's recovery data (None before the first change)."""
        return self._session

    # --------------------------------------------------------------- signals
    def _on_applied(self, edit: Edit) -> None:
        if self._pending is None:
            return  # the journal is broken: the next flush serialises the map
        try:
            self._pending.append(journal.encode(edit))
        except TypeError as exc:
            # An edit the journal cannot hold: serialise the whole map.
            log.warning("recovery journal: %s", exc)
            self._pending = None  # type: ignore[assignment]
            return
        # On disk at once when the journal has its base (or the base is ready):
        # an edit costs a line, and the UI's own work after it delays nothing.
        # (No "modified?" check here: the stack only counts the edit after it.)
        session = self._session
        if session is None or session.closed or self.failed is not None:
            return
        base = None if session.journaling else self._ready_base()
        if not session.journaling and base is None:
            return  # the timer writes the base first
        pending, self._pending = self._pending, []
        try:
            if base is not None:
                document = self._document
                session.start(base, meta(document.journey, document.path, self._stamp_of()))
            session.append(pending)
        except Exception as exc:  # noqa: BLE001 - the timer retries, and reports
            log.warning("recovery journal not written: %s", exc)
            self._pending = pending + self._pending
        if not self._timer.isActive():
            self._timer.start()  # the meta data the dialog shows

    def _on_index(self, _index: int) -> None:
        self._changed()

    def _on_modified(self, _modified: bool) -> None:
        self._changed()

    def _on_replaced(self, _journey: object) -> None:
        if self._session is not None and not self._session.closed:
            self._session.clear()
        self._pending = []
        self._base = None
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
            and (self._session is None or not self._session.closed)
        )

    def _changed(self) -> None:
        if not self._alive():
            return
        if self._document.is_modified():
            if not self._timer.isActive():
                self._timer.start()
            return
        # The map is its file again (just opened or saved): later edits start from it.
        self._timer.stop()
        self._pending = []
        document = self._document
        self._base = self._stamp_of() if document.path else None
        if self._session is not None:
            self._session.clear()
        self._prepare(document.path)

    def _prepare(self, path: str | None) -> None:
        """Copy the file ahead of the first edit (in a worker): that edit is then cheap."""
        if path is None or self._base is None:
            return
        try:
            if self._session is None:
                self._session = self._store.new_session()
            self._session.prepare_base(path, self._base.sha256)
        except Exception as exc:  # noqa: BLE001 - the first edit tries again, and reports
            log.warning("recovery base not prepared: %s", exc)

    # ---------------------------------------------------------------- writing
    def flush(self) -> None:
        """Write the unsaved changes now (or clear them when the map has none)."""
        self._timer.stop()
        if not self._alive():
            return
        document = self._document
        if not document.is_modified():
            self._pending = []
            if self._session is not None:
                self._session.clear()
            return
        try:
            self._write(document)
            self.failed = None
        except Exception as exc:  # noqa: BLE001 - whatever it is, the user must hear of it
            # A full disk must not stop the workshop; the next change retries.
            first = self.failed is None
            self.failed = str(exc) or type(exc).__name__
            log.warning("recovery data not written: %s", self.failed)
            if first:
                self.write_failed.emit(self.failed)

    def _write(self, document: Document) -> None:
        if self._session is None:
            self._session = self._store.new_session()
        info = meta(document.journey, document.path, self._stamp_of())
        if not self._session.has_snapshot or self._pending is None:
            base = self._file_base(document)
            if base is None:
                # The whole map as it is now: it holds the pending edits.
                base = fileformat.dumps(document.journey).encode("utf-8")
                self._pending = []
            self._session.start(base, info)
        pending, self._pending = self._pending, []
        try:
            self._session.append(pending, info)
        except BaseException:
            self._pending = pending + self._pending
            raise

    def _file_base(self, document: Document) -> bytes | Path | None:
        """The file the pending edits start from (a copy made ahead, or its bytes), if
        it still holds them."""
        if self._pending is None or self._base is None or not document.path:
            return None
        prepared = self._ready_base()
        if prepared is not None:
            return prepared
        try:
            data = Path(document.path).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != self._base.sha256:
            return None  # changed on disk since: not the base of our edits
        return data

    def _ready_base(self) -> Path | None:
        """The copy of the file made ahead, if it is ready and still the base."""
        if self._session is None or self._base is None or self._pending is None:
            return None
        return self._session.prepared(self._base.sha256)

    def close(self) -> None:
        """Remove the recovery data: the window closed and the user decided about changes."""
        self._timer.stop()
        if self._session is not None and not self._session.closed:
            self._session.close()
