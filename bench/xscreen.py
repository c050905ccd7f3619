"""The eye and hand of the real-window benchmark: screen changes and X input.

    DISPLAY=:N python -m bench.xscreen

Runs beside the measured program on the same X server and answers one
JSON command per line on stdin with one JSON line on stdout:

- ``{"do": "watch", "still": S, "timeout": T}``: answers ``{"watching": t0}``
  at once (the caller starts the program under test after that), then waits
  until the screen has changed and then stayed the same for ``S`` seconds,
  and answers with the time of its last change (``settled``) and of every
  change (``changes``, seconds after ``t0``).
- ``{"do": "drop", "from": [x, y], "to": [x, y], ...}``: presses the left
  button on ``from``, drags to ``to`` in small steps, waits until the drag's
  picture is still, then releases (``t0``: the release) and watches as above.
- ``{"do": "key", "keys": ["Control_L", "z"], ...}``: presses the keys and
  releases them (``t0``: the last key down) and watches as above.

A change is the X server's DAMAGE event on the root window: the moment a
program's pixels reach the screen (Xvfb's framebuffer), with nothing grabbed
or polled, so that watching takes no CPU from the program measured (a full
1920x1080 grab costs 60 ms here).  Times are ``time.monotonic()``, one clock
for every process of the machine.  Input goes through the XTEST extension
(libX11, libXtst and libXdamage through ctypes, as xdotool does), so that the
release or key press is timed here, not at a subprocess's start.
"""

from __future__ import annotations

import ctypes
import json
import select
import sys
import time


class XInput:
    """Fake mouse and keyboard events through XTEST."""

    def __init__(self) -> None:
        self.x11 = ctypes.CDLL("libX11.so.6")
        self.xtst = ctypes.CDLL("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x11.XStringToKeysym.restype = ctypes.c_ulong
        self.x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self.x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                   ctypes.c_ulong]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(None)
        if not self.display:
            raise RuntimeError("cannot open the X display")

    def _sync(self) -> None:
        self.x11.XSync(self.display, 0)

    def move(self, x: int, y: int) -> None:
        self.xtst.XTestFakeMotionEvent(self.display, -1, int(x), int(y), 0)
        self._sync()

    def button(self, down: bool) -> None:
        self.xtst.XTestFakeButtonEvent(self.display, 1, int(down), 0)
        self._sync()

    def key(self, name: str, down: bool) -> None:
        code = self.x11.XKeysymToKeycode(self.display, self.x11.XStringToKeysym(name.encode()))
        self.xtst.XTestFakeKeyEvent(self.display, code, int(down), 0)
        self._sync()


class Eye:
    """Tells when the screen has settled, from the X server's DAMAGE events.

    The X server reports every change of the root window's contents (the
    programs' windows are drawn into it); nothing is grabbed, so watching
    costs no CPU that the measured program would miss.
    """

    def __init__(self) -> None:
        x11 = self.x11 = ctypes.CDLL("libX11.so.6")
        damage = self.damage_lib = ctypes.CDLL("libXdamage.so.1")
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        for name in ("XConnectionNumber", "XPending", "XFlush"):
            getattr(x11, name).argtypes = [ctypes.c_void_p]
        x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        damage.XDamageQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                                 ctypes.POINTER(ctypes.c_int)]
        damage.XDamageCreate.restype = ctypes.c_ulong
        damage.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
        damage.XDamageSubtract.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong,
                                           ctypes.c_ulong]
        self.display = x11.XOpenDisplay(None)
        if not self.display:
            raise RuntimeError("cannot open the X display")
        base, error = ctypes.c_int(), ctypes.c_int()
        if not damage.XDamageQueryExtension(self.display, ctypes.byref(base),
                                            ctypes.byref(error)):
            raise RuntimeError("the X server has no DAMAGE extension")
        self.notify = base.value  # XDamageNotify is the extension's first event
        report_non_empty = 3
        self.handle = damage.XDamageCreate(self.display, x11.XDefaultRootWindow(self.display),
                                           report_non_empty)
        self.fd = x11.XConnectionNumber(self.display)
        self.event = ctypes.create_string_buffer(192)
        self.drain(0.2)

    def drain(self, timeout: float) -> list[float]:
        """The times of the screen changes seen within ``timeout`` seconds (at least one
        wait)."""
        seen: list[float] = []
        deadline = time.monotonic() + timeout
        while True:
            self.x11.XFlush(self.display)
            if not self.x11.XPending(self.display):
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                    return seen
            while self.x11.XPending(self.display):
                self.x11.XNextEvent(self.display, self.event)
                kind = int.from_bytes(self.event.raw[:4], sys.byteorder, signed=True) & 0x7F
                if kind == self.notify:
                    seen.append(time.monotonic())
                    self.damage_lib.XDamageSubtract(self.display, self.handle, 0, 0)

    def settle(self, still: float, timeout: float) -> dict:
        """Wait until the screen has changed and then stayed the same for ``still`` s."""
        deadline = time.monotonic() + timeout
        changes: list[float] = []
        while time.monotonic() < deadline:
            seen = self.drain(still)
            if not seen and changes:
                return {"settled": changes[-1], "changes": changes}
            changes += seen
        return {"settled": None, "changes": changes}


def main() -> int:
    """Answer commands from stdin until it closes."""
    eye, hand = Eye(), XInput()

    def reply(data: dict) -> None:
        sys.stdout.write(json.dumps(data) + "\n")
        sys.stdout.flush()

    reply({"ready": time.monotonic()})
    for line in sys.stdin:
        cmd = json.loads(line)
        still, timeout = cmd.get("still", 0.5), cmd.get("timeout", 30.0)
        eye.drain(0.05)  # what came before the command is not its effect
        if cmd["do"] == "watch":
            t0 = time.monotonic()
            reply({"watching": t0})
        elif cmd["do"] == "drop":
            (x1, y1), (x2, y2) = cmd["from"], cmd["to"]
            hand.move(x1, y1)
            hand.button(True)
            steps = 12
            for i in range(1, steps + 1):
                hand.move(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps)
                time.sleep(0.02)
            eye.settle(0.3, 5.0)  # the drag's own picture, still
            t0 = time.monotonic()
            hand.button(False)
        elif cmd["do"] == "key":
            for name in cmd["keys"][:-1]:
                hand.key(name, True)
            eye.drain(0.1)
            t0 = time.monotonic()
            hand.key(cmd["keys"][-1], True)
            hand.key(cmd["keys"][-1], False)
            for name in reversed(cmd["keys"][:-1]):
                hand.key(name, False)
        else:
            reply({"error": f"unknown command {cmd['do']!r}"})
            continue
        result = eye.settle(still, timeout)
        result.update(t0=t0, changes=[round(t - t0, 4) for t in result["changes"]])
        reply(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
