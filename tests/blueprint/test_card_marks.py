"""What a blueprint adds to cards and headers: the fail point badge, the wait on the
meta line, each stage's total wait in its header; kept in step by incremental layouts."""

from __future__ import annotations

from app.layout.geometry import LayoutCache, compute_layout
from app.model import edits
from app.model.templates import load_template


def _incremental(journey, cache, edit):
    changes = []
    journey.subscribe(changes.append)
    edits.History(journey).do(edit)
    journey.unsubscribe(changes.append)
    return compute_layout(journey, cache=cache, changes=changes)


def test_fail_point_badge_and_wait_follow_edits():
    j = load_template("service-blueprint")
    cache = LayoutCache()
    layout = compute_layout(j, cache=cache)
    assert layout.cards["f1"].fail_mark is not None  # a fail point in the template
    assert layout.cards["a1"].fail_mark is None
    assert layout.cards["a2"].meta == "\u25f7 10 min"
    layout = _incremental(j, cache, edits.update_card("a1", fail_point=True, wait=90))
    box = layout.cards["a1"]
    assert box.fail_mark is not None
    # the badge sits on the card's top-left corner
    assert box.fail_mark.cx == box.rect.x - box.fail_mark.w * 0.35 + box.fail_mark.w / 2
    assert box.meta == "\u25f7 1.5 h"
    assert compute_layout(j).cards["a1"] == box  # the same as a layout from scratch


def test_stage_header_shows_the_total_wait_and_follows_edits():
    j = load_template("service-blueprint")
    cache = LayoutCache()
    notes = {h.id: h.note for h in compute_layout(j, cache=cache).stage_headers}
    assert notes == {"order": "\u25f7 40 min", "schedule": "\u25f7 3 d", "prepare": "\u25f7 4 d",
                     "install": "\u25f7 5.5 h", "settle": ""}
    layout = _incremental(j, cache, edits.update_card("a7", wait=120))
    assert {h.id: h.note for h in layout.stage_headers}["settle"] == "\u25f7 2 h"
    layout = _incremental(j, cache, edits.update_card("a2", wait=None))
    assert {h.id: h.note for h in layout.stage_headers}["order"] == "\u25f7 30 min"
    assert layout.stage_headers == compute_layout(j).stage_headers


def test_a_map_without_waits_has_no_header_notes():
    j = load_template("customer-support")
    assert all(h.note == "" for h in compute_layout(j).stage_headers)
