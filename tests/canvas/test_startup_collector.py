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

from app import cli
from app.model import gcpause

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


# The collector is paused in a process of its own: paused in the test run's
# process, it would leave the garbage of the tests before (Qt objects among
# it) to a later, different collection than the rest of the run sees.
FIRST_FRAME = """
import gc, json, sys, time
from PySide6.QtWidgets import QApplication, QWidget
from app.model import gcpause
from app.window import first_frame

app = QApplication([])
first_frame.FALLBACK_MS = int(sys.argv[1])
seen = {}

def wait(check, seconds):
    end = time.monotonic() + seconds
    while not check() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)
    return check()

def pause_until(widget, finishing=lambda: False):
    gcpause.pause_for_startup()
    first_frame.end_pause_after_first_frame(widget, finishing)

# 1. Not before the first paint; right after it.
canvas = QWidget()
pause_until(canvas)
wait(lambda: False, 0.2)  # events, but no paint: the window is not shown
seen["hidden"] = gc.isenabled()
canvas.show()
seen["painted"] = wait(gc.isenabled, 1.0)
# 2. After the paint, not before the scene has finished.
finishing = [True]
other = QWidget()
pause_until(other, lambda: finishing[0])
other.show()
wait(lambda: False, 3 * first_frame.POLL_MS / 1000)
seen["finishing"] = gc.isenabled()
finishing[0] = False
seen["finished"] = wait(gc.isenabled, 1.0)
# 3. A window that never paints: after FALLBACK_MS.
never = QWidget()
pause_until(never)
seen["fallback"] = wait(gc.isenabled, 2.0)
print(json.dumps(seen))
"""


def test_the_collector_comes_back_after_the_first_frame_and_the_rest(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", FIRST_FRAME, "300"], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {
        "hidden": False, "painted": True, "finishing": False, "finished": True,
        "fallback": True}


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
    journey = tmp_path / "sample.journey"  # a copy: another run may hold the sample open
    journey.write_bytes(SAMPLE.read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               JOURNEYMAP_RECOVERY_DIR=str(tmp_path / "recovery"),
               JOURNEYMAP_TEST_SCRIPT=str(script))
    out = subprocess.run([sys.executable, "-m", "app", str(journey)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"enabled": True}
