"""Every file Journeymap writes goes through here, so that none is ever half written.

The bytes go to a hidden temporary file in the target's own folder, named
``.NAME.xxxxxxxx.tmp`` (eight hex digits); every write is checked, the file
is flushed and fsynced, takes the mode of the file it replaces (a new one
gets the usual mode for the user's umask), and is renamed over the target;
then the folder is synced so that the rename itself survives a power cut.
On any failure the temporary file is removed, the target is left as it was,
and `JourneyError` says ``FILE: cannot write: why`` in one line.

A target that is a symbolic link is written *through*: its target file is
replaced and the link stays, as text editors do.

Three shapes of writer are served: `atomic_write` for bytes in memory,
`atomic_file` for code that writes to an open binary file, and `atomic_path`
for libraries that insist on opening a path themselves (reportlab, the PNG
encoder).  While a temporary file is being written its writer holds an
exclusive ``flock`` on it: a save killed half-way leaves an unlocked
temporary file behind, which `remove_stale_temporaries` recognises (by this
program's own name pattern, unlocked and older than `STALE_AGE`) and removes
the next time that map is opened or written.

Plain Python; never imports Qt.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Iterator
from typing import BinaryIO

from app.model.errors import JourneyError

try:  # POSIX: a writer's lock tells a live temporary file from a stale one
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: A temporary file younger than this is never taken for stale (seconds): it
#: may belong to a writer that has created it but not yet locked it.
STALE_AGE = 60.0
#: Without file locks (Windows), only this old a temporary file counts as stale.
UNLOCKED_STALE_AGE = 24 * 3600.0
_TEMP_SUFFIX = ".tmp"


def target_of(path: str | os.PathLike[str]) -> str:
    """The file a write to ``path`` replaces: ``path`` with symbolic links followed."""
    return os.path.realpath(os.fspath(path))


def temporary_pattern(name: str) -> re.Pattern[str]:
    """The names of this program's temporary files for a target called ``name``."""
    return re.compile(rf"\.{re.escape(name)}\.[0-9a-f]{{8}}{re.escape(_TEMP_SUFFIX)}")


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at ``path`` with ``data``, atomically (see the module docstring).

    Raises:
        JourneyError: the file cannot be written (the message names ``path``).
    """
    with atomic_file(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """An open binary file whose content replaces ``path`` when the block ends well.

    Raises:
        JourneyError: the file cannot be written; nothing is left behind.
    """
    with _temporary(path) as (temp, fd), os.fdopen(os.dup(fd), "wb") as handle:
        yield handle
        handle.flush()  # a full disk shows here at the latest, not at close


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[str]:
    """The path of a temporary file whose content replaces ``path`` when the block ends well.

    For writers that open the file themselves: they must raise `OSError` on a
    failed write (Python's own files do; a writer that cannot should write to
    memory and use `atomic_write`).

    Raises:
        JourneyError: the file cannot be written; nothing is left behind.
    """
    with _temporary(path) as (temp, _fd):
        yield temp


@contextlib.contextmanager
def _temporary(path: str | os.PathLike[str]) -> Iterator[tuple[str, int]]:
    """Create and lock the temporary file, then finish or remove it."""
    shown = os.fspath(path)
    target = target_of(path)
    folder, name = os.path.split(target)
    if os.path.isdir(target):
        raise JourneyError(f"{shown}: cannot write: it is a folder")
    temp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}{_TEMP_SUFFIX}")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        mode = None
    try:
        # 0o666 lets the umask decide, as for any new file.
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _cannot_write(shown, exc) from None
    try:
        _lock(fd)
        yield temp, fd
        os.fsync(fd)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as exc:
        _remove_quietly(temp)
        raise _cannot_write(shown, exc) from None
    except BaseException:
        _remove_quietly(temp)
        raise
    finally:
        os.close(fd)
    sync_folder(folder)
    remove_stale_temporaries(target)


def _cannot_write(shown: str, exc: OSError) -> JourneyError:
    return JourneyError(f"{shown}: cannot write: {exc.strerror or exc}")


def _lock(fd: int) -> None:
    if fcntl is not None:
        with contextlib.suppress(OSError):  # a file system without locks: age decides
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def sync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable (not possible on every platform)."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temporaries(path: str | os.PathLike[str], now: float | None = None) -> int:
    """Remove temporary files a killed write of ``path`` left behind; returns how many.

    Only names of this program's pattern for that very file are considered,
    and of those only the ones no live writer holds (no lock) that are older
    than `STALE_AGE` seconds.  Never raises: cleaning up is a courtesy.
    """
    target = target_of(path)
    folder, name = os.path.split(target)
    pattern = temporary_pattern(name)
    now = time.time() if now is None else now
    removed = 0
    try:
        with os.scandir(folder or ".") as entries:
            candidates = [e.path for e in entries if pattern.fullmatch(e.name)]
    except OSError:
        return 0
    for candidate in candidates:
        if _is_stale(candidate, now):
            with contextlib.suppress(OSError):
                os.unlink(candidate)
                removed += 1
    return removed


def _is_stale(path: str, now: float) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        age = now - info.st_mtime
        if fcntl is None:
            return age > UNLOCKED_STALE_AGE
        if age <= STALE_AGE:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a live writer holds it
        return True
    finally:
        os.close(fd)  # also releases the probe's lock
