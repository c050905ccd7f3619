"""Run Journeymap with the network denied, and catch every attempt to use it.

Three layers, each used where the machine has it:

* a Python audit hook (``sys.addaudithook``) on every network event of the
  standard library: ``socket.connect`` / ``bind`` / ``sendto`` (unless the
  socket is a local AF_UNIX one, as X11 and D-Bus use), ``getaddrinfo``,
  ``gethostbyname``, ``urllib.Request``, ``webbrowser.open``...: the process
  ends at once with status `ATTEMPT`;
* at exit, the process must not have loaded Qt's network module
  (``PySide6.QtNetwork`` or ``libQt6Network`` mapped in memory), which holds
  every Qt network API (QNetworkInformation, QNetworkAccessManager, ...);
* ``strace`` records the system calls of the process and its children: any
  AF_INET, AF_INET6, AF_NETLINK or AF_PACKET socket is an attempt, whether
  Python, Qt or a C library made it;
* ``unshare -n`` runs it all in an empty network namespace, so that nothing
  can reach a network even if it tried.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: Exit status of a process that tried to use the network.
ATTEMPT = 97
#: Exit status of a process that loaded Qt's network module.
QT_NETWORK = 96

NETWORK_EVENTS = (
    "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
    "socket.getnameinfo", "urllib.Request", "http.client.connect", "ftplib.connect",
    "smtplib.connect", "poplib.connect", "imaplib.open", "webbrowser.open",
)

#: Python code run in the guarded process: the hooks, then the journeymap command.
GUARD = f"""
import atexit, os, socket, sys

_EVENTS = frozenset({NETWORK_EVENTS!r})
_LOCAL = ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg")


def _hook(event, args):
    if event not in _EVENTS:
        return
    if event in _LOCAL and getattr(args[0], "family", None) == socket.AF_UNIX:
        return
    os.write(2, f"netguard: network attempt: {{event}} {{args!r}}\\n".encode())
    os._exit({ATTEMPT})


def netguard_check():
    loaded = sorted(m for m in sys.modules if m.startswith("PySide6.QtNetwork"))
    with open("/proc/self/maps") as maps:
        mapped = "libQt6Network" in maps.read()
    if loaded or mapped:
        os.write(2, f"netguard: Qt network module loaded: {{loaded}} {{mapped}}\\n".encode())
        os._exit({QT_NETWORK})


sys.addaudithook(_hook)
atexit.register(netguard_check)
sys.argv = ["journeymap", *sys.argv[1:]]
from app.cli import main
raise SystemExit(main())
"""

_SYSCALLS = "trace=socket,connect,bind,sendto,sendmsg"
_FAMILIES = re.compile(r"\b(AF_INET6?|AF_NETLINK|AF_PACKET|PF_INET6?|PF_NETLINK)\b")


def unshare_works() -> bool:
    """Whether ``unshare -n`` can make a network namespace here (root, or user namespaces)."""
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def guarded(args: list[str], log: Path, display: bool = False) -> tuple[list[str], list[str]]:
    """The command running ``journeymap ARGS`` guarded; returns it and the layers used.

    Args:
        args: the journeymap arguments.
        log: where strace writes the system calls (see `attempts`).
        display: run under ``xvfb-run`` (started inside the namespace).
    """
    layers = ["audit hook", "no QtNetwork"]
    cmd = [sys.executable, "-c", GUARD, *args]
    if shutil.which("strace"):
        cmd = ["strace", "-f", "-qq", "-e", _SYSCALLS, "-o", str(log), *cmd]
        layers.append("strace")
    if display:
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24 -nolisten tcp", *cmd]
    if unshare_works():
        cmd = ["unshare", "-n", *cmd]
        layers.append("unshare -n")
    return cmd, layers


def attempts(log: Path) -> list[str]:
    """The strace lines that made or used a network socket."""
    if not log.exists():
        return []
    return [line for line in log.read_text(errors="replace").splitlines()
            if _FAMILIES.search(line)]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with a private HOME and XDG folders, offscreen Qt unless told."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JOURNEYMAP_", "XDG_")) and k not in ("DISPLAY",
                                                                      "WAYLAND_DISPLAY")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env
