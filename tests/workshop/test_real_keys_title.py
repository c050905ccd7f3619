"""With a real keyboard on a real X window: the map title typed into the inspector,
never left, is an edit - the title bar shows it and it survives a SIGKILL.

The editor runs on the xcb platform of its own Xvfb (helpers of
tests/canvas/test_real_window.py); its test script reports where the Map
Title field is on screen; xdotool clicks it and types.  Nothing leaves the
field, nobody saves: the recovery folder must get the text by itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.model import fileformat
from app.model.errors import JourneyError
from app.safety.recovery_store import read_session
from tests.canvas.canvas_helpers import workshop_journey
from tests.canvas.test_real_window import ROOT, _start_xvfb, _stop, _wait, _xdotool

TYPED = "Typed live"

SCRIPT = """
import json, os
from pathlib import Path
from PySide6.QtCore import QTimer

report = Path(os.environ["JM_REPORT"])
QTimer.singleShot(60000, lambda: app.exit(4))  # never endless


def write_report():
    field = window.inspector.map_form.title
    if not window.windowHandle() or not window.windowHandle().isExposed() \\
            or not field.isVisible():
        QTimer.singleShot(50, write_report)
        return
    centre = field.mapToGlobal(field.rect().center())
    tmp = report.with_suffix(".tmp")
    tmp.write_text(json.dumps({"title_field": [centre.x(), centre.y()]}))
    tmp.replace(report)


QTimer.singleShot(0, write_report)
"""


def _recovered_title(recovery: Path) -> str | None:
    for meta in recovery.glob("*/meta.json"):
        with contextlib.suppress(OSError, JourneyError):
            return read_session(meta.parent).title
    return None


def test_map_title_typed_and_not_left_is_modified_and_survives_sigkill(tmp_path):
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install xvfb xdotool)")
    path = tmp_path / "map.journey"
    fileformat.save(workshop_journey(), path)
    (tmp_path / "script.py").write_text(textwrap.dedent(SCRIPT))
    recovery, report = tmp_path / "recovery", tmp_path / "report.json"
    server = editor = None
    try:
        server, display = _start_xvfb()
        env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYMAP_")}
        env.update(
            DISPLAY=display, QT_QPA_PLATFORM="xcb",
            JOURNEYMAP_TEST_SCRIPT=str(tmp_path / "script.py"),
            JOURNEYMAP_RECOVERY_DIR=str(recovery), XDG_CONFIG_HOME=str(tmp_path / "config"),
            HOME=str(tmp_path / "home"), JM_REPORT=str(report),
        )
        editor = subprocess.Popen(
            [sys.executable, "-m", "app", str(path)], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        _wait(report.exists, "the window on screen", editor)
        x, y = json.loads(report.read_text())["title_field"]
        _xdotool(display, "mousemove", str(x), str(y), "sleep", "0.3", "click", "1",
                 "sleep", "0.3", "key", "ctrl+a", "type", "--delay", "40", TYPED)
        # Not left, not saved: the title bar says modified, the recovery folder has it.
        [window_id] = _xdotool(display, "search", "--onlyvisible", "--name", ".").split()
        _wait(lambda: "*" in _xdotool(display, "getwindowname", window_id),
              "the modified mark in the title bar", editor)
        _wait(lambda: _recovered_title(recovery) == TYPED, "the title in the recovery folder",
              editor)
        os.kill(editor.pid, signal.SIGKILL)
        editor.wait()
        assert _recovered_title(recovery) == TYPED
        assert fileformat.load(path).title != TYPED  # the user's file is untouched
    finally:
        _stop(editor)
        _stop(server)
