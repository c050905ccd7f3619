"""Dot votes and the Priorities matrix with a real mouse and keyboard (Xvfb,
driven by xdotool): F7 starts voting, a click gives a pain point a dot, +
and - add and take one, Ctrl+Z takes a dot back, and a drag of a card in the
matrix sets its impact and effort in one undoable step.

The editor's test script writes the window's state (the card's votes and
ratings, where the card and the matrix are on screen) ten times a second;
each step waits for the state it expects.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.canvas.test_real_keys import _expect, _keys, _state, editor_with_state
from tests.canvas.test_real_window import ROOT, _wait, _xdotool

SAMPLE = ROOT / "resources" / "sample.journey"
PAIN, OPPORTUNITY = "p1", "o1"  # in the sample: unvoted and unrated

SCRIPT = """
import json, os
from pathlib import Path
from PySide6.QtCore import QPointF, QTimer

out = Path(os.environ["JM_STATE"])
QTimer.singleShot(int(float(os.environ["JM_DEADLINE"]) * 1000), lambda: app.exit(4))
journey, view, scene = window.document.journey, window.view, window.scene
matrix = window.priorities.panel.matrix


def on_screen(widget, x, y):
    point = widget.mapToGlobal(QPointF(x, y)).toPoint()
    return [point.x(), point.y()]


def dump():
    handle = window.windowHandle()
    if handle is not None and handle.isExposed() and matrix.matrix is not None:
        pain, opp = journey.card("p1"), journey.card("o1")
        box = scene.layout.cards["p1"].rect
        centre = view.viewport().mapToGlobal(view.mapFromScene(QPointF(box.x + box.w * 0.4,
                                                                       box.cy)))
        chip = next(c for c in matrix.matrix.chips if c.card_id == "o1")
        cell = matrix.matrix.cells[(5, 1)]
        data = {
            "voting": window.priorities.voting.on,
            "votes": pain.votes,
            "rating": [opp.impact, opp.effort],
            "undo": window.document.undo_stack.index(),
            "card": [centre.x(), centre.y()],
            "chip": on_screen(matrix, chip.rect.cx, chip.rect.cy),
            "cell": on_screen(matrix, cell.cx, cell.cy),
        }
        tmp = out.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        tmp.replace(out)
    QTimer.singleShot(100, dump)


window.resize(1800, 1000)
window.priorities.dock.show()
window.priorities.dock.raise_()
view.ensure_cards_visible(["p1"])
window.activateWindow()
view.setFocus()
QTimer.singleShot(300, dump)
"""


@pytest.fixture(scope="module")
def voting_editor(tmp_path_factory) -> Iterator[dict]:
    tmp = tmp_path_factory.mktemp("real_voting")
    path = tmp / "map.journey"
    shutil.copy(SAMPLE, path)
    with editor_with_state(tmp, path, SCRIPT) as editor:
        yield editor


def _click(editor: dict, point: list[int]) -> None:
    _xdotool(editor["display"], "mousemove", str(point[0]), str(point[1]), "sleep", "0.2",
             "click", "1")


def test_f7_then_clicks_give_dots_and_plus_minus_add_and_take(voting_editor):
    _keys(voting_editor, "F7")
    _expect(voting_editor, "voting mode", voting=True, votes=0)
    card = _state(voting_editor)["card"]
    _click(voting_editor, card)
    _expect(voting_editor, "one dot", votes=1, undo=1)
    _click(voting_editor, card)
    _expect(voting_editor, "two dots", votes=2, undo=2)
    _keys(voting_editor, "plus")
    _expect(voting_editor, "+ adds a dot", votes=3, undo=3)
    _keys(voting_editor, "minus")
    _expect(voting_editor, "- takes one", votes=2, undo=4)


def test_ctrl_z_takes_a_dot_back(voting_editor):
    _keys(voting_editor, "plus")
    _wait(lambda: _state(voting_editor)["votes"] == 3, "the dot placed")
    before = _state(voting_editor)
    _keys(voting_editor, "ctrl+z")
    _expect(voting_editor, "the dot undone", votes=2, undo=before["undo"] - 1)
    _keys(voting_editor, "F7")
    _expect(voting_editor, "voting ended", voting=False)


def test_dragging_a_card_in_the_matrix_sets_impact_and_effort_in_one_step(voting_editor):
    state = _state(voting_editor)
    assert state["rating"] == [None, None]
    (x0, y0), (x1, y1) = state["chip"], state["cell"]
    steps = []
    for i in range(1, 9):
        steps += ["mousemove", str(x0 + (x1 - x0) * i // 8), str(y0 + (y1 - y0) * i // 8),
                  "sleep", "0.05"]
    _xdotool(voting_editor["display"], "mousemove", str(x0), str(y0), "sleep", "0.3",
             "mousedown", "1", *steps, "sleep", "0.2", "mouseup", "1")
    _expect(voting_editor, "impact 5, effort 1", rating=[5, 1], undo=state["undo"] + 1)
    _keys(voting_editor, "ctrl+z")
    _expect(voting_editor, "both undone in one step", rating=[None, None], undo=state["undo"])
