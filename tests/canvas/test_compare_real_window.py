"""Compare With… and the Changes dock with a real keyboard and mouse (Xvfb + xdotool).

The editor runs on a map; the keyboard opens File > Compare With…, types the
older map's path into Qt's own file dialog and presses Enter; the mouse then
clicks the first entry of the Changes dock, which must select that card on
the canvas and bring it into view.  The test script inside the editor
(``JOURNEYMAP_TEST_SCRIPT``) only reports screen positions and state.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from app.model import edits, fileformat
from tests.canvas.canvas_helpers import workshop_journey
from tests.canvas.test_real_window import DEADLINE, ROOT, _start_xvfb, _stop, _wait, _xdotool

SCRIPT = """
import json, os
from pathlib import Path
from PySide6.QtCore import QTimer, Qt

report = Path(os.environ["JM_REPORT"])
QTimer.singleShot(int(float(os.environ["JM_DEADLINE"]) * 1000), lambda: app.exit(4))


def write(name, data):
    tmp = report.with_name(name + ".tmp")
    tmp.write_text(json.dumps(data))
    tmp.replace(report.with_name(name))


def ready():
    if not window.windowHandle() or not window.windowHandle().isExposed():
        QTimer.singleShot(50, ready)
        return
    window.activateWindow()
    write("ready.json", {"ok": True})
    QTimer.singleShot(50, compared)


def compared():
    c = window.compare
    if not c.active or not c.panel.tree.isVisible():
        QTimer.singleShot(50, compared)
        return
    tree = c.panel.tree
    row = tree.topLevelItem(0).child(0)
    tree.scrollToItem(row)
    point = tree.viewport().mapToGlobal(tree.visualItemRect(row).center())
    write("compared.json", {"row": [point.x(), point.y()], "counts": c.panel.group_counts(),
                            "target": row.data(0, Qt.ItemDataRole.UserRole)})
    QTimer.singleShot(50, selected)


def selected():
    ids = window.scene.selected_card_ids()
    if not ids:
        QTimer.singleShot(50, selected)
        return
    view = window.view
    box = window.scene.layout.cards[ids[0]].rect
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    write("selected.json", {"ids": ids, "in_sight": seen.contains(box.cx, box.cy)})


QTimer.singleShot(0, ready)
"""


@pytest.fixture
def editor(tmp_path):
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install xvfb xdotool)")
    old, new = tmp_path / "old.journey", tmp_path / "new.journey"
    journey = workshop_journey()
    added = journey.cards[-1]
    edits.remove_cards([added.id]).apply(journey)
    fileformat.save(journey, old)  # OLD lacks the card: NEW shows it as added
    fileformat.save(workshop_journey(), new)
    (tmp_path / "script.py").write_text(textwrap.dedent(SCRIPT))
    server = process = None
    try:
        server, display = _start_xvfb()
        env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYMAP_")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb",
                   JOURNEYMAP_TEST_SCRIPT=str(tmp_path / "script.py"),
                   JOURNEYMAP_RECOVERY_DIR=str(tmp_path / "recovery"),
                   XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path / "home"),
                   JM_REPORT=str(tmp_path / "report.json"), JM_DEADLINE=str(3 * DEADLINE))
        process = subprocess.Popen([sys.executable, "-m", "app", str(new)], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        yield {"display": display, "process": process, "dir": tmp_path, "old": old,
               "added": added.id}
    finally:
        _stop(process)
        _stop(server)


def _json(path):
    return json.loads(path.read_text())


def test_compare_with_from_the_keyboard_then_a_click_in_the_changes_dock(editor):
    folder, display = editor["dir"], editor["display"]
    _wait((folder / "ready.json").exists, "the window on screen", editor["process"])
    _xdotool(display, "key", "--delay", "150", "alt+f", "p")
    _xdotool(display, "sleep", "1.0", "key", "ctrl+a", "type", "--delay", "20",
             str(editor["old"]))
    _xdotool(display, "key", "Return")
    _wait((folder / "compared.json").exists, "the Changes dock", editor["process"])
    compared = _json(folder / "compared.json")
    assert compared["counts"]["Added cards"] == 1
    assert compared["target"] == ["card", editor["added"]]
    x, y = compared["row"]
    _xdotool(display, "mousemove", str(x), str(y), "sleep", "0.2", "click", "1")
    _wait((folder / "selected.json").exists, "the card to be selected", editor["process"])
    selected = _json(folder / "selected.json")
    assert selected == {"ids": [editor["added"]], "in_sight": True}
