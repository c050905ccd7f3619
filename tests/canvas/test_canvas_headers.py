"""Reordering stages and lanes by dragging their headers."""

from tests.canvas.canvas_helpers import drag, make_canvas, vp
from tests.model.helpers import state


def header_point(view, axis, header_id):
    item = view.journey_scene.header_item(axis, header_id)
    r = item.sceneBoundingRect()
    return vp(view, r.center().x(), r.center().y())


def test_dragging_a_stage_header_right_moves_the_stage(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    x, w = scene.layout.columns["s3"]
    end = vp(view, x + w * 0.75, scene.layout.header_height / 2)
    drag(view, header_point(view, "stage", "s1"), end)
    assert [s.id for s in journey.stages] == ["s2", "s3", "s1"]
    stack.undo()
    assert state(journey) == before


def test_dragging_a_lane_header_up_moves_the_lane(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    before = state(journey)
    y, h = scene.layout.rows["l1"]
    end = vp(view, scene.layout.lane_header_width / 2, y + h * 0.2)
    drag(view, header_point(view, "lane", "l3"), end)
    assert [lane.id for lane in journey.lanes] == ["l3", "l1", "l2"]
    stack.undo()
    assert state(journey) == before


def test_dropping_a_header_back_in_its_place_changes_nothing(qtbot):
    scene, view, stack, journey = make_canvas(qtbot)
    x, w = scene.layout.columns["s2"]
    drag(view, header_point(view, "stage", "s2"), vp(view, x + w * 0.6, 20))
    assert stack.count() == 0
    assert [s.id for s in journey.stages] == ["s1", "s2", "s3"]


def test_stage_headers_stay_at_the_top_when_scrolled(qtbot):
    scene, view, stack, journey = make_canvas(qtbot, size=(600, 300))
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    top = view.mapToScene(0, 0).y()
    assert top > 0
    item = scene.header_item("stage", "s1")
    assert abs(item.sceneBoundingRect().top() - top) < 2
    lane = scene.header_item("lane", "l1")
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    left = view.mapToScene(0, 0).x()
    assert left > 0
    assert abs(lane.sceneBoundingRect().left() - left) < 2
