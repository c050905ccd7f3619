"""The blueprint with a real mouse and keyboard of an X server (Xvfb, xdotool): a
Frontstage lane dragged in from the palette, a fail point ticked and a wait typed in
the inspector, a department chosen in the toolbar's switcher.  The editor's test script
reports where things are on screen and saves the map once all three edits arrived; the X
server and the editor are tests/canvas/test_real_keys.py's `editor_with_state`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.model import fileformat
from tests.canvas.canvas_helpers import workshop_journey
from tests.canvas.test_real_keys import editor_with_state
from tests.canvas.test_real_window import _wait, _xdotool

SCRIPT = """
import json, os
from pathlib import Path
from PySide6.QtCore import QPointF, QTimer

report = Path(os.environ["JM_STATE"])
saved = report.with_name("saved")
journey, view, scene = window.document.journey, window.view, window.scene
QTimer.singleShot(int(float(os.environ["JM_DEADLINE"]) * 1000), lambda: app.exit(4))


def centre(widget, left=None):
    # A check box takes clicks on its box only: ``left`` pixels from its left edge.
    at = widget.rect().center()
    if left is not None:
        at.setX(left)
    point = widget.mapToGlobal(at)
    return [point.x(), point.y()]


def write_report():
    if not window.windowHandle() or not window.windowHandle().isExposed():
        QTimer.singleShot(50, write_report)
        return
    if scene.selected_card_ids() != ["c2"]:
        scene.select_cards(["c2"])
        QTimer.singleShot(300, write_report)  # the inspector shows the card's form
        return
    form = window.inspector.card_form
    tile = window.palette_dock.palette_widget.tile("Frontstage")
    lanes = scene.layout.rows
    last = list(lanes.values())[-1]
    x = scene.layout.lane_header_width / 2
    gap = view.viewport().mapToGlobal(view.mapFromScene(QPointF(x, last[0] + last[1] - 4)))
    data = {"tile": centre(tile), "gap": [gap.x(), gap.y()],
            "fail": centre(form.widgets["fail_point"], 8), "wait": centre(form.widgets["wait"]),
            "departments": centre(window.departments_switcher.combo)}
    report.with_suffix(".tmp").write_text(json.dumps(data))
    report.with_suffix(".tmp").replace(report)


def after_edit(_index):
    card = journey.card("c2")
    kinds = [lane.kind for lane in journey.lanes]
    Path(str(saved) + ".log").open("a").write(f"{kinds} {card.fail_point} {card.wait}\\n")
    if "frontstage" in kinds and card.fail_point and card.wait == 90 and not saved.exists():
        window.document.save()
        saved.write_text("saved")


def after_department(_index):
    switcher = window.departments_switcher
    dimmed = sorted(c.id for c in journey.cards if scene.card_item(c.id).opacity() < 1)
    Path(str(saved) + ".department").write_text(json.dumps([switcher.current, dimmed]))


window.document.undo_stack.indexChanged.connect(after_edit)
window.departments_switcher.combo.activated.connect(after_department)
QTimer.singleShot(0, write_report)
"""


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("blueprint_real")
    path = tmp / "map.journey"
    fileformat.save(workshop_journey(), path)
    with editor_with_state(tmp, path, SCRIPT) as running:
        yield {"display": running["display"], "path": path, "saved": tmp / "saved",
               "process": running["editor"], **json.loads(running["state"].read_text())}


def test_drag_a_lane_tick_a_fail_point_type_a_wait(editor):
    display = editor["display"]
    fx, fy = editor["fail"]
    _xdotool(display, "mousemove", str(fx), str(fy), "sleep", "0.2", "click", "1")
    wx, wy = editor["wait"]
    _xdotool(display, "mousemove", str(wx), str(wy), "sleep", "0.2", "click", "1",
             "key", "ctrl+a", "type", "--delay", "30", "90 min")
    _xdotool(display, "key", "Return", "sleep", "0.2")
    (x0, y0), (x1, y1) = editor["tile"], editor["gap"]
    steps = []
    for i in range(1, 11):
        steps += ["mousemove", str(x0 + (x1 - x0) * i // 10), str(y0 + (y1 - y0) * i // 10),
                  "sleep", "0.05"]
    _xdotool(display, "mousemove", str(x0), str(y0), "sleep", "0.3", "mousedown", "1",
             "sleep", "0.1", *steps, "sleep", "0.3", "mouseup", "1")
    log = Path(str(editor["saved"]) + ".log")
    try:
        _wait(editor["saved"].exists, "the edited map to be saved", editor["process"])
    except AssertionError:
        raise AssertionError(log.read_text() if log.exists() else "no edit arrived") from None
    journey = fileformat.load(editor["path"])
    assert [lane.kind for lane in journey.lanes][-1] == "frontstage"
    card = journey.card("c2")
    assert (card.fail_point, card.wait) == (True, 90)


def test_choose_a_department_with_the_mouse(editor):
    # The combo's popup lists "All departments", Sales, Support: Support is
    # two rows down; the keys walk the open popup as a user's arrow keys do.
    display = editor["display"]
    x, y = editor["departments"]
    _xdotool(display, "mousemove", str(x), str(y), "sleep", "0.2", "click", "1", "sleep", "0.5",
             "key", "Down", "sleep", "0.1", "key", "Down", "sleep", "0.1", "key", "Return")
    chosen = Path(str(editor["saved"]) + ".department")
    _wait(chosen.exists, "a department to be chosen", editor["process"])
    current, dimmed = json.loads(chosen.read_text())
    assert current == "d2"
    journey = fileformat.load(editor["path"])
    support = {c.id for c in journey.cards if c.owner == "d2"}
    ends = {e for f in journey.flows if {f.source, f.target} & support
            for e in (f.source, f.target)}
    assert dimmed == sorted(c.id for c in journey.cards if c.id not in support | ends)
    assert dimmed and not set(dimmed) & support
