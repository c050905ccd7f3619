"""The recovery store: unsaved maps kept on disk so that a crash loses nothing.

Every open map gets a *session*: a folder inside the recovery folder that
holds

* ``lock`` - the owning process's pid, locked (``flock``) for as long as the
  process lives, so that a second running window's session is never offered;
* ``snapshot.journey`` - the map as the user last edited it, written
  atomically (``fileformat.dumps``);
* ``meta.json`` - what the recovery dialog shows: the original file (or
  none for an untitled map), the time of the snapshot, the title and the
  number of cards.

A session holds a snapshot only while the map has unsaved changes: saving or
discarding the map removes it.  When a process dies (SIGKILL, power loss) its
lock goes with it and `RecoveryStore.orphans` offers the session at the next
start.

This module is plain Python; the editor drives it from ``app.workshop``.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from app.model import fileformat
from app.model.errors import JourneyError
from app.model.journey import Journey
from app.safety.safe_save import FileStamp

#: Environment variable that chooses the recovery folder (tests, portable installs).
RECOVERY_DIR_ENV = "JOURNEYMAP_RECOVERY_DIR"

SNAPSHOT_NAME = "snapshot.journey"
META_NAME = "meta.json"
LOCK_NAME = "lock"

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]


def default_folder() -> Path:
    """The recovery folder: ``$JOURNEYMAP_RECOVERY_DIR`` or ``recovery`` in the user's data dir."""
    chosen = os.environ.get(RECOVERY_DIR_ENV)
    if chosen:
        return Path(chosen)
    return user_data_dir() / "recovery"


def user_data_dir() -> Path:
    """Where Journeymap keeps per-user data on this platform."""
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / "Journeymap"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "Journeymap"
    base = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return Path(base) / "journeymap"


@dataclass(frozen=True)
class RecoveryEntry:
    """An unsaved map left behind by a process that is gone.

    Attributes:
        folder: the session folder.
        original: the file the map was opened from or last saved to; None for
            an untitled map.
        saved_at: when the snapshot was written (seconds since the epoch).
        title: the map's title.
        cards: how many cards the snapshot holds.
        file_stamp: what the original file looked like when last read or written.
    """

    folder: Path
    original: str | None
    saved_at: float
    title: str
    cards: int
    file_stamp: FileStamp | None = None

    @property
    def snapshot(self) -> Path:
        """The snapshot file of this entry."""
        return self.folder / SNAPSHOT_NAME

    def describe_time(self) -> str:
        """The snapshot's local time, as a user reads it."""
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.saved_at))


class RecoverySession:
    """The recovery data of one open map, owned by this process.

    Created by `RecoveryStore.new_session`; the lock is held until `close`.
    """

    def __init__(self, folder: Path, lock: IO[bytes]) -> None:
        self.folder = folder
        self._lock = lock
        self.has_snapshot = False

    def write(
        self,
        journey: Journey,
        original: str | os.PathLike[str] | None,
        file_stamp: FileStamp | None = None,
    ) -> None:
        """Store the map's current state, atomically, with its meta data.

        Args:
            journey: the map as the user sees it now.
            original: the map's file, or None while it is untitled.
            file_stamp: what ``original`` looked like when the editor last
                read or wrote it, so that a recovered map still notices a
                file changed on disk meanwhile.

        Raises:
            JourneyError: the recovery folder cannot be written.
        """
        data = fileformat.dumps(journey).encode("utf-8")
        meta = {
            "original": os.path.abspath(original) if original else None,
            "saved_at": time.time(),
            "title": journey.title,
            "cards": journey.graph.number_of_nodes(),
            "pid": os.getpid(),
            "file_stamp": asdict(file_stamp) if file_stamp else None,
        }
        # A snapshot is only offered beside a meta file, so a kill between
        # the two writes must never leave a snapshot alone.  The first time,
        # meta goes first (a meta without a snapshot offers nothing, and
        # nothing was lost); afterwards the snapshot goes first, so the meta
        # on disk describes at worst the snapshot before, a second older.
        meta_path, snapshot_path = self.folder / META_NAME, self.folder / SNAPSHOT_NAME
        if not meta_path.exists():
            fileformat.atomic_write(meta_path, _meta_bytes(meta))
        fileformat.atomic_write(snapshot_path, data)
        fileformat.atomic_write(meta_path, _meta_bytes(meta))
        self.has_snapshot = True

    def clear(self) -> None:
        """Forget the snapshot: the map was saved or its changes were discarded."""
        if not self.has_snapshot:
            return
        # Meta first: without it the session is no longer offered.
        for name in (META_NAME, SNAPSHOT_NAME):
            with contextlib.suppress(FileNotFoundError):
                (self.folder / name).unlink()
        self.has_snapshot = False

    def close(self) -> None:
        """Remove the whole session (the map's window closed normally)."""
        self.clear()
        _unlock(self._lock)
        self._lock.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def closed(self) -> bool:
        """Whether `close` has been called."""
        return self._lock.closed


class RecoveryStore:
    """The recovery folder: creates sessions, lists and restores orphans.

    Args:
        folder: where sessions live; `default_folder` when omitted.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self._claimed: dict[Path, IO[bytes]] = {}

    def new_session(self) -> RecoverySession:
        """Start the recovery data of one map, locked by this process."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{os.getpid()}-{time.time_ns()}-{secrets.token_hex(4)}"
        # Built under a hidden name and renamed once locked, so that no other
        # process ever sees the session unlocked and takes it for a dead one.
        hidden = self.folder / f".{name}"
        hidden.mkdir()
        lock = (hidden / LOCK_NAME).open("w+b")
        _try_lock(lock)
        lock.write(f"{os.getpid()}\n".encode())
        lock.flush()
        folder = self.folder / name
        hidden.rename(folder)
        return RecoverySession(folder, lock)

    def orphans(self) -> list[RecoveryEntry]:
        """Unsaved maps of processes that died, oldest first.

        Sessions of live processes (another window) are left out, and so are
        sessions without a complete snapshot.
        """
        entries = []
        for folder in self._session_folders():
            if _is_locked(folder / LOCK_NAME):
                continue
            entry = _read_entry(folder)
            if entry is not None:
                entries.append(entry)
        return sorted(entries, key=lambda e: e.saved_at)

    def claim(self, entry: RecoveryEntry) -> bool:
        """Lock an orphaned session for this process, so no other start offers it too.

        Returns:
            False when another process claimed it first (or it is gone).
        """
        if entry.folder in self._claimed:
            return True
        try:
            handle = (entry.folder / LOCK_NAME).open("r+b")
        except OSError:
            return False
        if not _try_lock(handle):
            handle.close()
            return False
        self._claimed[entry.folder] = handle
        return True

    def restore(self, entry: RecoveryEntry) -> Journey:
        """The map of an orphaned session; the session stays (claimed) until discarded.

        Raises:
            JourneyError: the snapshot cannot be read, or another process
                is recovering this map.
        """
        if not self.claim(entry):
            raise JourneyError(f"{entry.folder}: this map is being recovered by another window")
        return fileformat.load(entry.snapshot)

    def discard(self, entry: RecoveryEntry) -> None:
        """Delete an orphaned session for good (unless another process claimed it)."""
        if not self.claim(entry):
            return
        handle = self._claimed.pop(entry.folder)
        shutil.rmtree(entry.folder, ignore_errors=True)
        _unlock(handle)
        handle.close()

    def remove_leftovers(self) -> None:
        """Delete orphaned sessions that hold nothing to recover (closed cleanly mid-way)."""
        for folder in self._session_folders():
            if not _is_locked(folder / LOCK_NAME) and _read_entry(folder) is None:
                shutil.rmtree(folder, ignore_errors=True)
        for folder in self._session_folders(hidden=True):
            # A process killed between mkdir and rename; a live one renames
            # within microseconds, so an hour-old hidden folder is dead.
            with contextlib.suppress(OSError):
                if time.time() - folder.stat().st_mtime > 3600:
                    shutil.rmtree(folder, ignore_errors=True)

    def _session_folders(self, hidden: bool = False) -> list[Path]:
        try:
            return [
                p for p in self.folder.iterdir()
                if p.is_dir() and p.name.startswith(".") == hidden
            ]
        except OSError:
            return []


# ------------------------------------------------------------------ helpers
def _meta_bytes(meta: dict[str, Any]) -> bytes:
    return (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _read_entry(folder: Path) -> RecoveryEntry | None:
    try:
        meta = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
        if not (folder / SNAPSHOT_NAME).is_file():
            return None
        return RecoveryEntry(
            folder=folder,
            original=meta.get("original") or None,
            saved_at=float(meta["saved_at"]),
            title=str(meta.get("title", "")),
            cards=int(meta.get("cards", 0)),
            file_stamp=FileStamp(**meta["file_stamp"]) if meta.get("file_stamp") else None,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _try_lock(handle: IO[bytes]) -> bool:
    """Take the lock of an open lock file without waiting; whether it was free."""
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        elif msvcrt is not None:  # pragma: no cover - Windows
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        elif msvcrt is not None:  # pragma: no cover - Windows
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def _is_locked(path: Path) -> bool:
    """Whether a live process holds the lock file (a missing file is not locked).

    ``flock`` locks belong to an open file, so this also sees the sessions of
    other windows of this very process as locked.
    """
    try:
        handle = path.open("r+b")
    except OSError:
        return False
    with handle:
        if _try_lock(handle):
            _unlock(handle)
            return False
        return True
