"""While a big map opens, Python's cyclic collector stays off until the map
is finished (its first screenful, then the rest after the first frame), and
comes back on then, or when the scene goes first (app.model.gcpause)."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtWidgets import QApplication

from app.model.journey import Card, Journey, Lane, Stage
from tests.canvas.canvas_helpers import make_canvas
from tests.canvas.test_canvas_big_edits import big_journey


def small_journey() -> Journey:
    journey = Journey("Small")
    journey.insert_stage(Stage("s0", "Stage"), 0)
    journey.insert_lane(Lane("l0", "Touchpoints", "touchpoints"), 0)
    journey.insert_card(Card("c0", "s0", "l0", 0, "One card"))
    return journey


def test_a_big_map_holds_the_collector_off_until_it_is_finished(qtbot):
    scene, view, _, _ = make_canvas(qtbot, small_journey())
    assert gc.isenabled()
    scene.set_journey(big_journey())
    assert scene.finishing  # the first screenful only, so far
    assert not gc.isenabled()
    qtbot.waitUntil(lambda: not scene.finishing, timeout=10_000)
    assert gc.isenabled()


def test_a_small_map_leaves_the_collector_alone(qtbot):
    scene, view, _, _ = make_canvas(qtbot, small_journey())
    scene.set_journey(small_journey())
    assert gc.isenabled()


def test_a_scene_that_goes_before_its_map_is_finished_lets_go(qtbot):
    scene, view, _, _ = make_canvas(qtbot, small_journey())
    scene.set_journey(big_journey())
    assert scene.finishing and not gc.isenabled()
    view.setScene(None)
    shiboken6.delete(scene)
    QApplication.processEvents()
    assert gc.isenabled()
