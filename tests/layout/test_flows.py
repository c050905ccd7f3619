"""Flow arrows: where they leave and enter cards, their looks and labels."""

import pytest
from hypothesis import given, settings

from app.layout.boxes import Rect
from app.layout.flows import flow_path
from app.layout.geometry import compute_layout
from app.layout.labels import label_spots
from app.layout.style import DEFAULT_STYLE
from tests.layout.helpers import add, flow, grid, journeys


def on_edge(point, r: Rect) -> str | None:
    """Which edge of ``r`` the point lies on."""
    x, y = point
    eps = 1e-6
    if abs(x - r.x) < eps and r.y <= y <= r.bottom:
        return "left"
    if abs(x - r.right) < eps and r.y <= y <= r.bottom:
        return "right"
    if abs(y - r.y) < eps and r.x <= x <= r.right:
        return "top"
    if abs(y - r.bottom) < eps and r.x <= x <= r.right:
        return "bottom"
    return None


@pytest.fixture
def mapped():
    j = grid(3, ("touchpoints", "actions", "pain"))
    add(j, "a", "s0", "l0", "Sees ad")
    add(j, "a2", "s0", "l0", "Asks friend")
    add(j, "b", "s1", "l1", "Visits store")
    add(j, "c", "s1", "l2", "Queue too long")
    add(j, "d", "s2", "l0", "Pays")
    add(j, "d2", "s2", "l0", "Receipt")
    flow(j, "forward", "a", "b", label="books a test ride")
    flow(j, "next", "a", "a2")
    flow(j, "down", "b", "c", "failure")
    flow(j, "up", "c", "b", "alternative")
    flow(j, "back", "d", "a", "failure", "cancels")
    flow(j, "back_low", "d2", "a2")
    flow(j, "back_across", "d2", "b")
    return compute_layout(j)


@pytest.mark.parametrize(
    ("fid", "start", "end"),
    [
        ("forward", "right", "left"),
        ("next", "bottom", "top"),
        ("down", "bottom", "top"),
        ("up", "top", "bottom"),
        ("back", "top", "top"),
        ("back_low", "left", "right"),  # through the gaps of the column between
        ("back_across", "left", "right"),
    ],
)
def test_flows_leave_and_enter_on_card_edges(mapped, fid, start, end):
    path = mapped.flows[fid]
    assert on_edge(path.p0, mapped.cards[path.source].rect) == start
    assert on_edge(path.p3, mapped.cards[path.target].rect) == end


def test_forward_flow_is_a_curve_bending_out_horizontally(mapped):
    path = mapped.flows["forward"]
    assert path.c1[1] == path.p0[1] and path.c1[0] > path.p0[0]
    assert path.c2[1] == path.p3[1] and path.c2[0] < path.p3[0]


def test_backward_flow_over_the_top_stays_in_the_rows_top_padding(mapped):
    path = mapped.flows["back"]
    row_top = mapped.rows["l0"][0]
    for t in (0.25, 0.5, 0.75):
        assert row_top < path.point_at(t)[1] < mapped.cards["a"].rect.y


def test_backward_flow_over_a_column_runs_level_through_its_free_height(mapped):
    # Nothing of column s1 lies at the source's height: straight across it,
    # right to left, from the source's left edge into the target's right edge.
    path = mapped.flows["back_low"]
    assert path.p0[1] == path.p3[1] == mapped.cards["d2"].rect.cy
    assert path.p0[0] > path.point_at(0.5)[0] > path.p3[0]


def test_backward_flow_to_the_next_column_turns_in_the_gutter(mapped):
    path = mapped.flows["back_across"]
    right_edge, left_edge = mapped.cards["b"].rect.right, mapped.cards["d2"].rect.x
    for t in (0.1, 0.3, 0.5, 0.7, 0.9):
        assert right_edge <= path.point_at(t)[0] <= left_edge


def test_arrow_head_tip_is_the_end_point_and_points_into_the_card(mapped):
    path = mapped.flows["forward"]
    tip, left, right = path.head
    assert tip == path.p3
    assert left[0] < tip[0] and right[0] < tip[0]  # entering the left edge rightwards


def test_flow_looks_by_kind(mapped):
    assert mapped.flows["down"].color == DEFAULT_STYLE.flow_colors["failure"]
    assert mapped.flows["up"].dashed
    assert not mapped.flows["forward"].dashed
    assert mapped.flows["forward"].color != mapped.flows["down"].color


def test_label_sits_at_the_curves_midpoint_when_nothing_is_under_it():
    j = grid(3)
    add(j, "a", "s0", "l0", "Sees ad")
    add(j, "b", "s2", "l0", "Pays")
    flow(j, "f", "a", "b", label="skips the store")
    path = compute_layout(j).flows["f"]
    assert path.label_pos == path.point_at(0.5)
    assert path.label_rect.cx == pytest.approx(path.label_pos[0])
    assert path.label_rect.cy == pytest.approx(path.label_pos[1])


def test_label_slides_along_the_curve_off_the_cards(mapped):
    path = mapped.flows["forward"]
    assert path.label == "books a test ride"
    assert path.label_pos in list(label_spots(path, path.label_rect.w))
    assert not any(box.rect.intersects(path.label_rect) for box in mapped.cards.values())


def test_a_flow_without_label_has_no_label_box(mapped):
    assert mapped.flows["next"].label_rect is None


def test_same_column_flow_far_apart_loops_through_the_gutter():
    style = DEFAULT_STYLE
    src, dst = Rect(100, 100, 196, 60), Rect(100, 400, 196, 60)
    path = flow_path("f", "normal", "", src, dst, style)
    assert on_edge(path.p0, src) == "right" and on_edge(path.p3, dst) == "right"
    for t in (0.1, 0.5, 0.9):
        x = path.point_at(t)[0]
        assert src.right <= x <= src.right + 2 * style.cell_pad_x


def test_self_loop_starts_and_ends_on_the_card():
    r = Rect(0, 0, 196, 60)
    path = flow_path("f", "normal", "", r, r, DEFAULT_STYLE)
    assert on_edge(path.p0, r) == on_edge(path.p3, r) == "right"
    assert path.p0 != path.p3


@settings(max_examples=40, deadline=None)
@given(journeys())
def test_every_flow_starts_and_ends_on_its_cards_edges(journey):
    layout = compute_layout(journey)
    for path in layout.flows.values():
        assert on_edge(path.p0, layout.cards[path.source].rect) is not None
        assert on_edge(path.p3, layout.cards[path.target].rect) is not None
