"""Python's cyclic collector stays off while the editor starts and is on
again once the canvas has painted its first frame (app.model.gcpause,
app.window.first_frame)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from app import cli
from app.model import gcpause
from app.window import first_frame

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"


@pytest.fixture
def collector_restored():
    was = gc.isenabled()
    yield
    gcpause.end_startup_pause()
    if was:
        gc.enable()


def test_the_pause_ends_once_and_only_if_it_began(collector_restored):
    gcpause.pause_for_startup()
    assert not gc.isenabled()
    assert gcpause.end_startup_pause()
    assert gc.isenabled()
    assert not gcpause.end_startup_pause()
    # Switched off by someone else: not the startup pause's to switch on.
    gc.disable()
    gcpause.pause_for_startup()
    assert not gcpause.end_startup_pause()
    assert not gc.isenabled()


def test_the_collector_comes_back_after_the_first_paint(qtbot, collector_restored):
    canvas = QWidget()
    qtbot.addWidget(canvas)
    gcpause.pause_for_startup()
    first_frame.end_pause_after_first_frame(canvas)
    qtbot.wait(200)  # events, but no paint: the window is not shown
    assert not gc.isenabled()
    canvas.show()
    qtbot.waitUntil(gc.isenabled, timeout=first_frame.FALLBACK_MS - 500)


def test_the_collector_waits_for_what_the_scene_finishes_after_the_first_frame(
        qtbot, collector_restored):
    canvas = QWidget()
    qtbot.addWidget(canvas)
    finishing = [True]
    gcpause.pause_for_startup()
    first_frame.end_pause_after_first_frame(canvas, lambda: finishing[0])
    canvas.show()
    qtbot.waitExposed(canvas)
    qtbot.wait(3 * first_frame.POLL_MS)
    assert not gc.isenabled()
    finishing[0] = False
    qtbot.waitUntil(gc.isenabled, timeout=1000)


def test_a_window_that_never_paints_gets_the_collector_back(qtbot, collector_restored,
                                                           monkeypatch):
    monkeypatch.setattr(first_frame, "FALLBACK_MS", 300)
    canvas = QWidget()
    qtbot.addWidget(canvas)
    gcpause.pause_for_startup()
    first_frame.end_pause_after_first_frame(canvas)
    qtbot.waitUntil(gc.isenabled, timeout=2000)


def test_the_editor_command_imports_the_editor_with_the_collector_off(monkeypatch,
                                                                      collector_restored):
    import app.window.main_window as main_window

    seen = []
    monkeypatch.setattr(main_window, "run_editor", lambda path: seen.append(gc.isenabled()) or 0)
    monkeypatch.setattr("app.display.check_display", lambda: None)
    assert cli.main([str(SAMPLE)]) == 0
    assert seen == [False]
    assert gc.isenabled()  # and on again once the editor has returned


SCRIPT = """
import gc, json, os
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def report():
    print(json.dumps({"enabled": gc.isenabled()}), flush=True)
    QApplication.quit()

QTimer.singleShot(1500, report)
"""


def test_the_editor_runs_with_the_collector_on_after_it_opened(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(SCRIPT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               JOURNEYMAP_RECOVERY_DIR=str(tmp_path / "recovery"),
               JOURNEYMAP_TEST_SCRIPT=str(script))
    out = subprocess.run([sys.executable, "-m", "app", str(SAMPLE)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"enabled": True}
