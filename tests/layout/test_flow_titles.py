"""No flow is drawn through a card's title, and no flow label sits on one
(issue 14: "a flow is drawn straight through a card title"): checked on the
layout's geometry, on hand-built maps with the flows that used to do it,
on generated maps and on random ones."""

import pytest
from hypothesis import given, settings

from app.layout.boxes import FlowPath, Rect, bezier_point, title_rect
from app.layout.geometry import compute_layout
from bench.generate import build
from tests.layout.helpers import add, flow, grid, journeys


def title_crossings(layout) -> dict[str, list[str]]:
    """Flow id -> the cards other than its ends whose title its arrow crosses."""
    titles = {cid: title_rect(box) for cid, box in layout.cards.items()}
    out = {}
    for fid, path in layout.flows.items():
        pts = stroke(path)
        hit = [cid for cid, r in titles.items() if cid not in (path.source, path.target)
               and any(inside(r, x, y) for x, y in pts)]
        if hit:
            out[fid] = hit
    return out


def labels_on_titles(layout) -> dict[str, list[str]]:
    """Flow id -> the cards whose title its label's pill meets."""
    titles = {cid: title_rect(box) for cid, box in layout.cards.items()}
    return {fid: hit for fid, path in layout.flows.items() if path.label_rect is not None
            for hit in [[cid for cid, r in titles.items() if r.intersects(path.label_rect)]]
            if hit}


def stroke(path: FlowPath, steps: int = 48) -> list[tuple[float, float]]:
    return [bezier_point(*piece, i / steps) for piece in path.segments()
            for i in range(steps + 1)]


def inside(r: Rect, x: float, y: float) -> bool:
    return r.x < x < r.right and r.y < y < r.bottom


def stacked_map():
    """Four columns of three cards in two lanes, and the flows that crossed
    titles: a backward flow from a card with cards below it (the arc went
    down through them), a loop back within a column past a card, flows
    between the lanes of one stage, a backward flow between lanes."""
    j = grid(4, ("touchpoints", "actions"))
    for s in range(4):
        for i in range(3):
            add(j, f"t{s}{i}", f"s{s}", "l0", f"Touchpoint {s}.{i} reads the long title here")
            add(j, f"a{s}{i}", f"s{s}", "l1", f"Action {s}.{i} short")
    flow(j, "back_far", "t30", "t01", "failure", "retry")
    flow(j, "back_mid", "t31", "t11", "failure")
    flow(j, "back_same", "t12", "t10", "failure", "back to start")
    flow(j, "lanes_down", "t22", "a21", "failure", "escalation")
    flow(j, "lanes_up", "a22", "t21", "failure")
    flow(j, "back_lanes", "a31", "t11", "failure", "if declined")
    flow(j, "back_low", "a32", "a02", "failure")
    return j


def test_flows_on_a_stacked_map_cross_no_title():
    layout = compute_layout(stacked_map())
    assert title_crossings(layout) == {}
    assert labels_on_titles(layout) == {}
    # The backward flows leave their source's left edge, not its bottom
    # (under it lie the cards of its own column).
    for fid in ("back_far", "back_mid", "back_lanes"):
        path, src = layout.flows[fid], layout.cards[layout.flows[fid].source].rect
        assert path.p0[0] == src.x and src.y < path.p0[1] < src.bottom, fid


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_maps_have_no_flow_or_label_on_a_title(seed):
    layout = compute_layout(build(400, seed))
    assert title_crossings(layout) == {}
    assert labels_on_titles(layout) == {}
    assert any(p.via and p.p3[0] < p.p0[0] for p in layout.flows.values())  # backward detours


@settings(max_examples=80, deadline=None)
@given(journeys())
def test_random_maps_have_no_flow_or_label_on_a_title(journey):
    layout = compute_layout(journey)
    assert title_crossings(layout) == {}
    assert labels_on_titles(layout) == {}
