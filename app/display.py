"""Whether the editor can open a window here, asked before Qt is loaded.

Qt aborts the whole process (status 134, a screenful of plugin messages) when
it finds no display.  `check_display` asks first, the way Qt's X11 and
Wayland plugins would look for one, and raises `JourneyError` with one line
that says what to do instead: ``journeymap export`` and ``journeymap check``
need no display.  Plain Python.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sys
from collections.abc import Mapping

from app.model.errors import JourneyError

HEADLESS_HINT = "for headless work use 'journeymap export' or 'journeymap check'"
#: Platform plugins that need no screen (tests, servers).
_SCREENLESS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")
_X_DISPLAY = re.compile(r"(?P<host>[^:]*):(?P<number>\d+)(\.\d+)?")


def check_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> None:
    """Raise `JourneyError` when there is clearly no display to open a window on.

    Only X11 and Wayland systems are checked; elsewhere (Windows, macOS) a
    desktop session always has a screen.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if chosen in _SCREENLESS:
        return
    if chosen in ("", "wayland", "wayland-egl") and env.get("WAYLAND_DISPLAY"):
        return
    display = env.get("DISPLAY", "")
    if not display:
        raise JourneyError(f"cannot open the editor: no display (DISPLAY is not set); "
                           f"{HEADLESS_HINT}")
    if not x_display_reachable(display):
        raise JourneyError(f"cannot open the editor: cannot connect to the display "
                           f"{display!r}; {HEADLESS_HINT}")


def x_display_reachable(display: str, timeout: float = 2.0) -> bool:
    """Whether an X server answers at ``display`` (``:0``, ``host:10.0``...).

    A display this cannot parse counts as reachable: Qt then decides.
    """
    match = _X_DISPLAY.fullmatch(display)
    if match is None:
        return True
    host, number = match["host"], int(match["number"])
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # Linux servers also listen on an abstract socket of the same name.
        return _connects(socket.AF_UNIX, path, timeout) or (
            sys.platform.startswith("linux") and _connects(socket.AF_UNIX, "\0" + path, timeout))
    return _connects(socket.AF_INET, (host, 6000 + number), timeout)


def _connects(family: int, address: object, timeout: float) -> bool:
    try:
        if family == socket.AF_INET:
            conn = socket.create_connection(address, timeout)  # type: ignore[arg-type]
        else:
            conn = socket.socket(family, socket.SOCK_STREAM)
            conn.settimeout(timeout)
            try:
                conn.connect(address)
            except OSError:
                conn.close()
                raise
    except OSError:
        return False
    with contextlib.suppress(OSError):
        conn.close()
    return True
