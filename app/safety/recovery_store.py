"""The recovery store: unsaved maps kept on disk so that a crash loses nothing.

Every open map gets a *session*: a folder inside the recovery folder that
holds

* ``lock`` - the owning process's pid, locked (``flock``) for as long as the
  process lives, so that a second running window's session is never offered;
* ``snapshot.journey`` - the map as it was when its unsaved changes began
  (the file's bytes, or ``fileformat.dumps``), written atomically;
* ``journal-N.jsonl`` - every edit applied since, one line each, appended
  as it happens (`app.safety.journal`): recording an edit costs the size of
  the edit, not of the map;
* ``snapshot-N.journey`` - a compacted snapshot holding the edits up to
  number N, written now and then by a separate process
  (`app.safety.compactor`) so that the UI never pays for it;
* ``meta.json`` - what the recovery dialog shows: the original file (or
  none for an untitled map), the time of the snapshot, the title and the
  number of cards.

The map of a session is its newest snapshot with the journal entries after
it applied (`read_session`).  A session holds a snapshot only while the map
has unsaved changes: saving or discarding the map removes it.  When a
process dies (SIGKILL, power loss) its lock goes with it and
`RecoveryStore.orphans` offers the session at the next start.

This module is plain Python; the editor drives it from ``app.safety.autosave``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from app.model import fileformat
from app.model.errors import JourneyError
from app.model.journey import Journey
from app.safety import journal
from app.safety.safe_save import FileStamp
from app.safety.save_lock import try_lock, unlock

#: Environment variable that chooses the recovery folder (tests, portable installs).
RECOVERY_DIR_ENV = "JOURNEYMAP_RECOVERY_DIR"

SNAPSHOT_NAME = "snapshot.journey"
META_NAME = "meta.json"
LOCK_NAME = "lock"
#: Journal lines after the newest snapshot that make the session compact itself.
COMPACT_AFTER = 2000
_SNAPSHOT_RE = re.compile(r"snapshot-(\d+)\.journey$")
_JOURNAL_RE = re.compile(r"journal-(\d+)\.jsonl$")


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
        """The newest snapshot file of this entry (`read_session` adds the journal)."""
        found = snapshots(self.folder)
        return found[0][1] if found else self.folder / SNAPSHOT_NAME

    def describe_time(self) -> str:
        """The snapshot's local time, as a user reads it."""
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.saved_at))


class RecoverySession:
    """The recovery data of one open map, owned by this process.

    Created by `RecoveryStore.new_session`; the lock is held until `close`.
    `start` writes the base snapshot, `append` the edits made since, in order.
    """

    def __init__(self, folder: Path, lock: IO[bytes]) -> None:
        self.folder = folder
        self._lock = lock
        self.has_snapshot = False
        self._journal: int | None = None  # file descriptor of the journal segment
        self._seq = 0  # number of the last edit written
        self._covered = 0  # number of the last edit inside the newest snapshot
        self._compactor: subprocess.Popen | None = None
        self._shown: dict[str, Any] | None = None  # the meta data on disk, but its time
        # A copy of the map's file made ahead of the first edit (`prepare_base`).
        self._guard = threading.Lock()
        self._generation = 0
        self._prepared: tuple[str, Path] | None = None  # (sha256, file)

    def write(
        self,
        journey: Journey,
        original: str | os.PathLike[str] | None,
        file_stamp: FileStamp | None = None,
    ) -> None:
        """Store the map's current state as a new base snapshot, with its meta data.

        Args:
            journey: the map as the user sees it now.
            original: the map's file, or None while it is untitled.
            file_stamp: what ``original`` looked like when the editor last
                read or wrote it, so that a recovered map still notices a
                file changed on disk meanwhile.

        Raises:
            JourneyError: the recovery folder cannot be written.
        """
        self.start(fileformat.dumps(journey).encode("utf-8"), meta(journey, original, file_stamp))

    def prepare_base(self, path: str, sha256: str) -> None:
        """Copy the map's file in a worker thread, to be the base of the first edit.

        The copy is kept only if its bytes hash to ``sha256`` (the file the
        editor read or wrote); `prepared` hands it out.
        """
        with self._guard:
            self._generation += 1
            generation = self._generation
        target = self.folder / f".base-{generation}.prepared"
        threading.Thread(
            target=self._copy, args=(path, sha256, target, generation),
            name="journeymap-recovery-base", daemon=True,
        ).start()

    def _copy(self, path: str, sha256: str, target: Path, generation: int) -> None:
        temp = target.with_suffix(".tmp")
        try:
            data = Path(path).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                return  # changed on disk since: not the base of the edits to come
            with open(temp, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            with self._guard:
                if generation == self._generation:
                    os.replace(temp, target)
                    self._prepared = (sha256, target)
        except OSError:
            pass  # the first edit copies the file itself
        finally:
            temp.unlink(missing_ok=True)

    def prepared(self, sha256: str) -> Path | None:
        """The copy made by `prepare_base` of the file with this hash, if it is ready."""
        with self._guard:
            if self._prepared is not None and self._prepared[0] == sha256:
                return self._prepared[1]
        return None

    def _drop_prepared(self) -> None:
        with self._guard:
            self._generation += 1
            if self._prepared is not None:
                self._prepared[1].unlink(missing_ok=True)
                self._prepared = None

    def start(self, base: bytes | Path, info: dict[str, Any]) -> None:
        """Begin the recovery data again from ``base`` (the bytes of a map file,
        or a copy of it that `prepare_base` made, moved into place).

        Raises:
            JourneyError, OSError: the recovery folder cannot be written.
        """
        self._stop_compactor()
        if not self.has_snapshot:
            for path in _data_files(self.folder):
                path.unlink(missing_ok=True)
            # A snapshot is only offered beside a meta file, so a kill between
            # the two writes must never leave a snapshot alone: meta goes first
            # (a meta without a snapshot offers nothing, and nothing was lost).
            fileformat.atomic_write(self.folder / META_NAME, _meta_bytes(info))
            self._shown = None
            self._put(self.folder / SNAPSHOT_NAME, base)
            self._seq = self._covered = 0
            self._open_segment()
            self.has_snapshot = True
            return
        # Again, over recovery data already offered: the new base covers every
        # edit so far (its number says so), so a kill at any point leaves
        # either the old data or the new one readable.
        self._put(self.folder / f"snapshot-{self._seq:08d}.journey", base)
        self._covered = self._seq
        self._open_segment()
        remove_covered(self.folder, self._seq)
        fileformat.atomic_write(self.folder / META_NAME, _meta_bytes(info))

    def _put(self, target: Path, base: bytes | Path) -> None:
        if isinstance(base, Path):
            with self._guard:
                os.replace(base, target)  # written and synced by the worker
                self._prepared = None
        else:
            fileformat.atomic_write(target, base)
            self._drop_prepared()

    @property
    def journaling(self) -> bool:
        """Whether the session has a base and takes edits (`start` was called)."""
        return self._journal is not None

    def append(self, entries: Sequence[Any], info: dict[str, Any] | None = None) -> None:
        """Add edits (encoded by `journal.encode`) to the journal, then refresh the meta data.

        The lines are written straight to the file (no buffer in this
        process), so a kill a moment later loses none of them.  Without
        ``info`` the meta data is left for later.
        """
        assert self._journal is not None, "start the session first"
        if entries:
            lines = []
            for entry in entries:
                self._seq += 1
                lines.append(journal.encoded_line(self._seq, entry))
            _write_all(self._journal, b"".join(lines))
        # The meta data is rewritten (and synced) only when what the dialog
        # shows changed; the time of the last edit is the journal's.
        shown = {k: v for k, v in info.items() if k != "saved_at"} if info else self._shown
        if shown != self._shown:
            fileformat.atomic_write(self.folder / META_NAME, _meta_bytes(info))
            self._shown = shown
        if self._seq - self._covered >= COMPACT_AFTER:
            self.compact()

    def compact(self) -> None:
        """Fold the journal so far into a new snapshot, in another process.

        The journal goes on in a new segment meanwhile; the compactor writes
        ``snapshot-N.journey`` atomically and only then deletes what it covers.
        """
        if self._compactor is not None and self._compactor.poll() is None:
            return
        self._open_segment()
        self._compactor = subprocess.Popen(
            [sys.executable, "-m", "app.safety.compactor", str(self.folder), str(self._seq)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self._covered = self._seq

    def wait_for_compaction(self) -> None:
        """Wait until a running compaction has finished (tests, benchmarks)."""
        if self._compactor is not None:
            self._compactor.wait()

    def _open_segment(self) -> None:
        if self._journal is not None:
            os.close(self._journal)
        path = self.folder / f"journal-{self._seq + 1:08d}.jsonl"
        self._journal = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def _stop_compactor(self) -> None:
        if self._compactor is not None:
            # Killed, not awaited: it writes atomically, and must not write
            # an old snapshot after this.
            self._compactor.kill()
            self._compactor.wait()
            self._compactor = None

    def clear(self) -> None:
        """Forget the snapshot and journal: the map was saved or its changes were discarded."""
        self._stop_compactor()
        self._drop_prepared()
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
        if not self.has_snapshot:
            return
        # Meta first: without it the session is no longer offered.
        for path in [self.folder / META_NAME, self.folder / SNAPSHOT_NAME,
                     *_data_files(self.folder)]:
            path.unlink(missing_ok=True)
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


def meta(
    journey: Journey, original: str | os.PathLike[str] | None, file_stamp: FileStamp | None
) -> dict[str, Any]:
    """What the recovery dialog shows about a map (cheap: no walk over the cards)."""
    return {
        "original": os.path.abspath(original) if original else None,
        "saved_at": time.time(),
        "title": journey.title,
        "cards": journey.graph.number_of_nodes(),
        "pid": os.getpid(),
        "file_stamp": asdict(file_stamp) if file_stamp else None,
    }


def read_session(folder: Path) -> Journey:
    """The map a session holds: its newest snapshot with the journal entries after it.

    Raises:
        JourneyError: no snapshot can be read.
    """
    journey, covered = newest_snapshot(folder)
    journal.replay(journey, journal.read(journal_files(folder)), covered)
    return journey


def newest_snapshot(folder: Path) -> tuple[Journey, int]:
    """The newest readable snapshot of a session and the number of the last edit it holds.

    Raises:
        JourneyError: there is none.
    """
    for number, path in snapshots(folder):
        try:
            return fileformat.load(path), number
        except JourneyError:
            continue  # deleted by a compaction meanwhile: the one before
    raise JourneyError(f"{folder}: no readable snapshot")


def snapshots(folder: Path) -> list[tuple[int, Path]]:
    """The snapshots of a session, newest first, with the number of the last edit each holds."""
    try:
        names = [(_SNAPSHOT_RE.match(p.name), p) for p in folder.iterdir()]
    except OSError:
        names = []
    found = [(int(m.group(1)), p) for m, p in names if m]
    found.sort(reverse=True)
    base = folder / SNAPSHOT_NAME
    return [*found, (0, base)] if base.is_file() else found


def remove_covered(folder: Path, covered: int) -> None:
    """Delete the snapshots and journal segments that the snapshot numbered ``covered`` holds."""
    for seq, path in snapshots(folder):
        if seq < covered or (path.name == SNAPSHOT_NAME and covered > 0):
            path.unlink(missing_ok=True)
    for path in journal_files(folder):
        first = _JOURNAL_RE.match(path.name)
        if first and int(first.group(1)) <= covered:
            path.unlink(missing_ok=True)


def journal_files(folder: Path) -> list[Path]:
    """The journal segments of a session, oldest first."""
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _JOURNAL_RE.match(p.name))]
    return [p for _, p in sorted(found)]


def _data_files(folder: Path) -> list[Path]:
    """The journal segments and compacted snapshots of a session."""
    try:
        paths = list(folder.iterdir())
    except OSError:
        return []
    return [p for p in paths if _SNAPSHOT_RE.match(p.name) or _JOURNAL_RE.match(p.name)]


def _mtimes(paths: list[Path]) -> list[float]:
    times = []
    for path in paths:
        with contextlib.suppress(OSError):
            times.append(path.stat().st_mtime)
    return times


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


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
        return read_session(entry.folder)

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
    # ASCII: any text the map holds, even a lone surrogate, can be written.
    return (json.dumps(meta, indent=2, ensure_ascii=True) + "\n").encode("ascii")


def _read_entry(folder: Path) -> RecoveryEntry | None:
    try:
        meta = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
        if not snapshots(folder):
            return None
        return RecoveryEntry(
            folder=folder,
            original=meta.get("original") or None,
            saved_at=max([float(meta["saved_at"]), *_mtimes(journal_files(folder))]),
            title=str(meta.get("title", "")),
            cards=int(meta.get("cards", 0)),
            file_stamp=FileStamp(**meta["file_stamp"]) if meta.get("file_stamp") else None,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _try_lock(handle: IO[bytes]) -> bool:
    """Take the lock of an open lock file without waiting; whether it was free."""
    handle.seek(0)
    return try_lock(handle.fileno())


def _unlock(handle: IO[bytes]) -> None:
    handle.seek(0)
    unlock(handle.fileno())


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
