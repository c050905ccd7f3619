"""The save lock: makes "is the file as I last saw it?" and "write it" one step.

Two processes (or two windows) saving the same map within a few
milliseconds used to both pass the "changed on disk" check before either
wrote, so one save vanished without a word.  `save_lock` holds an exclusive
``flock`` on a hidden sidecar file (``.NAME.saving``) for the whole of check,
backup and write; a second saver waits for the first to finish, then sees the
file the first one wrote and is told about the conflict.

The sidecar is removed when the lock is released.  A waiter that locked the
file just before it was unlinked notices that the path no longer names the
inode it holds (``fstat`` against ``stat``) and starts again, so two savers
can never hold locks on two different files at once.

This module is plain Python.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator

from app.model.errors import JourneyError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

#: How long a save waits for another one to finish before giving up.
WAIT_SECONDS = 30.0
_POLL = 0.005


def lock_path(path: str | os.PathLike[str]) -> str:
    """The sidecar locked while ``path`` is being saved."""
    folder, name = os.path.split(os.path.realpath(os.fspath(path)))
    return os.path.join(folder, f".{name}.saving")


@contextlib.contextmanager
def save_lock(path: str | os.PathLike[str], wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the save lock of ``path`` for the ``with`` block.

    Raises:
        JourneyError: the lock cannot be created, or another save held it
            for longer than ``wait`` seconds.
    """
    sidecar = lock_path(path)
    fd = _acquire(sidecar, os.fspath(path), wait)
    try:
        yield
    finally:
        # Unlink while still holding it: a waiter then finds the path gone or
        # new, never this inode unlocked.
        with contextlib.suppress(OSError):
            os.unlink(sidecar)
        _release(fd)


def _acquire(sidecar: str, shown: str, wait: float) -> int:
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(sidecar, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise JourneyError(f"{shown}: cannot save: {exc.strerror or exc}") from None
        if try_lock(fd):
            if _still_named(fd, sidecar):
                return fd
            _release(fd)
            continue
        os.close(fd)
        if time.monotonic() > deadline:
            raise JourneyError(
                f"{shown}: not saved: another window or program has been saving this "
                f"file for {wait:g} seconds; try again"
            )
        time.sleep(_POLL)


def _still_named(fd: int, sidecar: str) -> bool:
    """Whether ``sidecar`` still names the file open as ``fd`` (not unlinked meanwhile)."""
    try:
        held, named = os.fstat(fd), os.stat(sidecar)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def try_lock(fd: int) -> bool:
    """Take an exclusive lock on the open file ``fd`` without waiting; whether it was free."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        elif msvcrt is not None:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def unlock(fd: int) -> None:
    """Release the lock `try_lock` took (the file stays open)."""
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        elif msvcrt is not None:  # pragma: no cover - Windows
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _release(fd: int) -> None:
    unlock(fd)
    os.close(fd)
