"""Saving that keeps the previous version and notices changes made by others.

`save_with_backup` writes a map in three steps, each of them atomic (a
temporary file in the same folder, fsynced, then renamed):

1. the current file's bytes are copied to ``<name>.journey.bak`` beside it;
2. the new text replaces the file;
3. the folder is synced (inside `fileformat.atomic_write`).

A kill at any moment therefore leaves a complete file (the old version until
the rename of step 2, the new one after it) and a complete backup (the
previous backup until the rename of step 1, then the old version).

`FileStamp` records what a file looked like when the editor opened or last
saved it (modification time, size and a SHA-256 of its bytes), so that a file
changed on disk since - by a synced folder, another window, another program -
is detected before it is overwritten: `save_with_backup` then raises
`FileChangedOnDiskError` and the editor asks the user what to do.  The check
and the write are one step: both happen under the file's save lock
(`app.safety.save_lock`), so of two processes saving at the same moment the
second always sees the first one's file and is told.

This module is plain Python.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.model import fileformat
from app.model.errors import JourneyError
from app.model.journey import Journey
from app.safety.save_lock import save_lock

BACKUP_SUFFIX = ".bak"


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like at one moment: enough to tell whether it changed."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of_bytes(cls, path: str | os.PathLike[str], data: bytes) -> FileStamp:
        """The stamp of ``path`` whose content is known to be ``data``."""
        info = os.stat(path)
        return cls(info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest())


class FileChangedOnDiskError(JourneyError):
    """The file was changed by someone else since the editor read or wrote it."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(
            f"{os.fspath(path)}: the file was changed on disk since it was opened or saved"
        )
        self.path = os.fspath(path)


#: Writes a serialised map to a file with its backup: ``(data, path, known, check)``
#: -> the new stamp (see `write_with_backup`, the editor's writer).
MapWriter = Callable[[bytes, str, "FileStamp | None", bool], "FileStamp"]


class SaveCancelledError(JourneyError):
    """The user chose not to save (for example kept the version changed on disk)."""


class SaveAsInsteadError(SaveCancelledError):
    """The user chose to save the map under another name instead."""


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of ``path`` is kept: ``<name>.journey.bak``."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def stamp(path: str | os.PathLike[str]) -> FileStamp | None:
    """The stamp of the file at ``path`` now; None if there is no such file."""
    try:
        data = Path(path).read_bytes()
        return FileStamp.of_bytes(path, data)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError as exc:
        raise JourneyError(f"{os.fspath(path)}: cannot read: {exc.strerror or exc}") from None


def changed_on_disk(path: str | os.PathLike[str], known: FileStamp | None) -> bool:
    """Whether the file's content differs from what ``known`` recorded.

    The bytes decide, through their hash: a file whose time changed but whose
    bytes did not (a sync client touching it) is not a change, and one
    rewritten within the file system's time resolution to the same size is.
    A file that disappeared is not a change either: saving writes it again.
    With no ``known`` stamp (a map never read from or written to ``path``),
    an existing file counts as changed.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise JourneyError(f"{os.fspath(path)}: cannot read: {exc.strerror or exc}") from None
    if known is None:
        return True
    if info.st_size != known.size:
        return True
    now = stamp(path)
    return now is not None and now.sha256 != known.sha256


def save_with_backup(
    journey: Journey,
    path: str | os.PathLike[str],
    known: FileStamp | None,
    check: bool = True,
) -> FileStamp:
    """Write ``journey`` to ``path``, keeping the previous version as a backup.

    Args:
        journey: the map to write.
        path: the file; created when missing.
        known: the stamp of the file when the editor last read or wrote it
            (None for a file it has never seen).
        check: whether to refuse to overwrite a file changed on disk; pass
            False once the user chose to overwrite.

    Returns:
        The stamp of the file just written, to pass as ``known`` next time.

    Raises:
        FileChangedOnDiskError: ``check`` is true and the file changed since ``known``.
        JourneyError: the file or its backup cannot be written.
    """
    return write_with_backup(fileformat.dumps(journey).encode("utf-8"), path, known, check)


def write_with_backup(
    data: bytes,
    path: str | os.PathLike[str],
    known: FileStamp | None,
    check: bool = True,
) -> FileStamp:
    """`save_with_backup` for a map already serialised to ``data`` (the editor's file writer).

    The check, the backup and the write happen under the file's save lock.
    """
    with save_lock(path):
        if check and changed_on_disk(path, known):
            raise FileChangedOnDiskError(path)
        write_backup(path)
        fileformat.atomic_write(path, data)
        return FileStamp.of_bytes(path, data)


def write_backup(path: str | os.PathLike[str]) -> Path | None:
    """Copy the file at ``path`` (if any) atomically to its backup; returns the backup."""
    try:
        old = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise JourneyError(f"{os.fspath(path)}: cannot read: {exc.strerror or exc}") from None
    target = backup_path(path)
    fileformat.atomic_write(target, old)
    return target
