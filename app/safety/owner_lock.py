"""Who has a map open: a lock file beside it that names them, as office suites do.

While a window edits ``NAME.journey`` it keeps ``.~lock.NAME.journey#`` in
the same folder: one line of JSON with the user, the host, the process id,
when the map was opened, and a token of the window.  Opening the map again -
in another window of the same process, another process, on another machine
sharing the folder - finds the lock and the editor warns, naming who and
since when, and offers to open the map read-only or anyway.

A lock whose process is gone (same host, no such pid: a crash) is stale and
is taken over without a word.  A lock from another host cannot be checked
and is believed.  The lock is removed when its window closes the map; a
window only ever removes a lock that still carries its own token.

This module is plain Python.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.model import fileformat


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return str(os.getuid()) if hasattr(os, "getuid") else "someone"


@dataclass(frozen=True)
class Owner:
    """Who holds a map open, as written in its lock file."""

    user: str = field(default_factory=_user)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)
    since: float = field(default_factory=time.time)
    token: str = field(default_factory=lambda: secrets.token_hex(8))

    def describe(self) -> str:
        """``alice on lab-pc (process 4242) since 2026-12-03 09:12``."""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since))
        return f"{self.user} on {self.host} (process {self.pid}) since {when}"

    def alive(self) -> bool:
        """Whether the holder may still be running (another host: cannot tell, so yes)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's live process
            return True
        except OSError:
            return True
        return True


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of the map at ``path``."""
    target = Path(os.path.realpath(os.fspath(path)))
    return target.with_name(f".~lock.{target.name}#")


def read_owner(path: str | os.PathLike[str]) -> Owner | None:
    """The owner named in the lock of ``path``; None without a readable lock."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return Owner(
            user=str(data["user"]), host=str(data["host"]), pid=int(data["pid"]),
            since=float(data["since"]), token=str(data["token"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def holder(path: str | os.PathLike[str], me: Owner | None = None) -> Owner | None:
    """Who else has ``path`` open now: a live owner whose token is not ``me``'s."""
    owner = read_owner(path)
    if owner is None or (me is not None and owner.token == me.token) or not owner.alive():
        return None
    return owner


class OwnerLock:
    """The lock one window holds on the map it edits.

    Args:
        me: this window's identity (a fresh one when omitted).
    """

    def __init__(self, me: Owner | None = None) -> None:
        self.me = me or Owner()
        self.path: str | None = None

    def hold(self, path: str | None) -> bool:
        """Hold the lock of ``path`` (releasing the previous one); None holds nothing.

        A live lock of someone else is left alone (the user chose to open
        the map anyway, or read-only).  Returns whether the lock is ours.
        """
        if path == self.path and path is not None and self._ours():
            return True
        self.release()
        if path is None or holder(path, self.me) is not None:
            return False
        owner = Owner(self.me.user, self.me.host, self.me.pid, time.time(), self.me.token)
        try:
            fileformat.atomic_write(lock_path(path), (json.dumps(asdict(owner)) + "\n").encode())
        except Exception:  # noqa: BLE001 - a read-only folder: no lock, but the map opens
            return False
        self.me, self.path = owner, path
        return True

    def _ours(self) -> bool:
        owner = read_owner(self.path) if self.path else None
        return owner is not None and owner.token == self.me.token

    def release(self) -> None:
        """Remove the lock if it is still ours."""
        if self.path is not None and self._ours():
            with contextlib.suppress(OSError):
                lock_path(self.path).unlink()
        self.path = None
