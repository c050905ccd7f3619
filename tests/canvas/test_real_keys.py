"""The facilitator's keys, pressed on a real keyboard of an X server (Xvfb,
driven by xdotool): typing over a selected card, Ctrl+Z and Ctrl+Y, focus
mode and Escape, Canvas Only, presentation mode and its overview step.

The editor runs on the xcb platform, where Qt's own Redo binding lacks
Ctrl+Y; its test script writes the window's state to a file ten times a
second, and each step waits for the state it expects.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.model import fileformat
from tests.canvas.canvas_helpers import workshop_journey
from tests.canvas.test_real_window import DEADLINE, ROOT, _start_xvfb, _stop, _wait, _xdotool

SCRIPT = """
import json, os
from pathlib import Path
from PySide6.QtCore import QTimer

out = Path(os.environ["JM_STATE"])
QTimer.singleShot(int(float(os.environ["JM_DEADLINE"]) * 1000), lambda: app.exit(4))


def dump():
    handle = window.windowHandle()
    if handle is not None and handle.isExposed():
        shop = window.workshop
        data = {
            "active": app.activeWindow() is window,
            "undo": window.document.undo_stack.index(),
            "title": window.document.journey.card("c2").title,
            "focus": shop.focus.on,
            "hint": bool(shop.focus.hint is not None and shop.focus.hint.isVisible()),
            "canvas_only": window.canvas_only.on,
            "presenting": shop.presentation.active,
            "stage": shop.presentation.current_stage(),
        }
        tmp = out.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        tmp.replace(out)
    QTimer.singleShot(100, dump)


window.scene.select_cards(["c2"])
window.activateWindow()
window.view.setFocus()
QTimer.singleShot(0, dump)
"""


@contextmanager
def editor_with_state(tmp: Path, map_path: Path, script: str) -> Iterator[dict]:
    """The editor on ``map_path`` in an X server of its own, running ``script``
    (which writes the window's state to ``$JM_STATE``), with the keyboard.

    Yields ``{"display", "state", "editor"}`` once the state file exists.
    """
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install xvfb xdotool)")
    (tmp / "script.py").write_text(textwrap.dedent(script))
    state = tmp / "state.json"
    server = editor = None
    try:
        server, display = _start_xvfb()
        env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYMAP_")}
        env.update(
            DISPLAY=display, QT_QPA_PLATFORM="xcb", JOURNEYMAP_TEST_SCRIPT=str(tmp / "script.py"),
            JOURNEYMAP_RECOVERY_DIR=str(tmp / "recovery"), XDG_CONFIG_HOME=str(tmp / "config"),
            HOME=str(tmp / "home"), JM_STATE=str(state), JM_DEADLINE=str(6 * DEADLINE),
        )
        editor = subprocess.Popen(
            [sys.executable, "-m", "app", str(map_path)], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        _wait(state.exists, "the window on screen", editor)
        # No window manager: give the window the keyboard as a click would.
        window_id = _xdotool(display, "search", "--onlyvisible", "--name", ".").split()[0]
        _xdotool(display, "windowfocus", "--sync", window_id)
        yield {"display": display, "state": state, "editor": editor}
    finally:
        _stop(editor)
        _stop(server)


@pytest.fixture(scope="module")
def keys_editor(tmp_path_factory) -> Iterator[dict]:
    tmp = tmp_path_factory.mktemp("real_keys")
    path = tmp / "map.journey"
    fileformat.save(workshop_journey(), path)
    with editor_with_state(tmp, path, SCRIPT) as editor:
        yield editor


def _state(editor: dict) -> dict:
    try:
        return json.loads(Path(editor["state"]).read_text())
    except (OSError, ValueError):
        return {}


def _expect(editor: dict, what: str, **want) -> None:
    _wait(lambda: all(_state(editor).get(k) == v for k, v in want.items()),
          f"{what} ({want}; last state {_state(editor)})", editor["editor"])


def _keys(editor: dict, *keys: str) -> None:
    _xdotool(editor["display"], "key", "--delay", "80", *keys)


def test_typing_over_a_card_then_ctrl_z_and_ctrl_y(keys_editor):
    old = _state(keys_editor)["title"]
    _xdotool(keys_editor["display"], "type", "--delay", "40", "Books a call")
    _keys(keys_editor, "Return")
    _expect(keys_editor, "the card retitled", title="Books a call", undo=1)
    _keys(keys_editor, "ctrl+z")
    _expect(keys_editor, "the title undone", title=old, undo=0)
    _keys(keys_editor, "ctrl+y")
    _expect(keys_editor, "Ctrl+Y to redo", title="Books a call", undo=1)


def test_f6_focuses_with_a_hint_and_escape_leaves(keys_editor):
    _keys(keys_editor, "F6")
    _expect(keys_editor, "focus mode with its hint", focus=True, hint=True)
    _keys(keys_editor, "Escape")
    _expect(keys_editor, "focus mode left", focus=False, hint=False)


def test_f9_toggles_canvas_only(keys_editor):
    _keys(keys_editor, "F9")
    _expect(keys_editor, "canvas only", canvas_only=True)
    _keys(keys_editor, "F9")
    _expect(keys_editor, "the docks back", canvas_only=False)


def test_presentation_steps_to_the_overview_and_escape_leaves(keys_editor):
    _keys(keys_editor, "F5")
    _expect(keys_editor, "presentation mode", presenting=True)
    first = _state(keys_editor)["stage"]
    _keys(keys_editor, "Right")
    _wait(lambda: _state(keys_editor)["stage"] not in (first, None), "the next stage")
    _keys(keys_editor, "o")
    _expect(keys_editor, "the whole-map overview", stage=None, presenting=True)
    _keys(keys_editor, "Escape")
    _expect(keys_editor, "presentation left", presenting=False)
