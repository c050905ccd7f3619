"""The emotion lane: a band of five levels and a smooth curve through the
per-stage mean emotion."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout.boxes import bezier_point
from app.layout.emotion import monotone_segments
from app.layout.geometry import compute_layout
from tests.layout.helpers import add, grid


def emotion_map(values_per_stage):
    """One stage per entry; each card of a stage gets one of its emotions."""
    j = grid(len(values_per_stage), ("touchpoints", "emotion"))
    for s, values in enumerate(values_per_stage):
        for i, value in enumerate(values):
            add(j, f"c{s}_{i}", f"s{s}", "l0", "Card", emotion=value)
    return j


def test_levels_are_evenly_spaced_guides_inside_the_band_positive_on_top():
    curve = compute_layout(emotion_map([[1]])).curves[0]
    ys = [curve.levels[e] for e in (2, 1, 0, -1, -2)]
    assert ys == sorted(ys)
    gaps = {round(b - a, 6) for a, b in zip(ys, ys[1:], strict=False)}
    assert len(gaps) == 1
    assert curve.band.y < ys[0] and ys[-1] < curve.band.bottom


def test_curve_goes_through_each_stages_mean_at_the_column_centre():
    layout = compute_layout(emotion_map([[2, 1], [-2], [0, 1, -1], []]))
    curve = layout.curves[0]
    assert curve.stages == ["s0", "s1", "s2"]  # s3 has no data: no point
    assert curve.values == [1.5, -2.0, 0.0]
    for (x, y), sid, mean in zip(curve.points, curve.stages, curve.values, strict=True):
        col_x, col_w = layout.columns[sid]
        assert x == col_x + col_w / 2
        assert y == pytest.approx(curve.levels[0] + (curve.levels[1] - curve.levels[0]) * mean)


def test_segments_join_the_points_in_order():
    curve = compute_layout(emotion_map([[2], [-2], [1]])).curves[0]
    assert len(curve.segments) == 2
    for (p0, _, _, p3), a, b in zip(curve.segments, curve.points, curve.points[1:],
                                    strict=False):
        assert (p0, p3) == (a, b)


def test_emotion_lane_reserves_the_band_above_its_cards():
    j = emotion_map([[1]])
    add(j, "felt", "s0", "l1", "Relief", emotion=2)
    layout = compute_layout(j)
    curve = layout.curves[0]
    assert curve.lane_id == "l1"
    assert curve.band.y >= layout.rows["l1"][0]
    assert layout.cards["felt"].rect.y >= curve.band.bottom


def test_no_emotion_lane_no_curve():
    j = grid(2, ("touchpoints",))
    add(j, "c", "s0", "l0", "Card", emotion=1)
    assert compute_layout(j).curves == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(-2, 2), min_size=1, max_size=3), min_size=1, max_size=8))
def test_curve_never_leaves_the_band_nor_overshoots_its_points(values):
    curve = compute_layout(emotion_map(values)).curves[0]
    top, bottom = curve.levels[2], curve.levels[-2]
    for seg in curve.segments:
        lo, hi = sorted((seg[0][1], seg[3][1]))
        for i in range(21):
            y = bezier_point(*seg, i / 20)[1]
            assert top - 1e-9 <= y <= bottom + 1e-9
            assert lo - 1e-9 <= y <= hi + 1e-9


def test_monotone_segments_of_a_single_point_are_empty():
    assert monotone_segments([(0.0, 0.0)]) == []


def test_persona_curve_uses_only_that_personas_cards():
    j = grid(1, ("touchpoints", "emotion"))
    add(j, "all", "s0", "l0", "Everyone", emotion=2)
    add(j, "mine", "s0", "l0", "Commuter only", emotion=0, personas=["p1"])
    add(j, "other", "s0", "l0", "Weekend only", emotion=-2, personas=["p2"])
    assert compute_layout(j).curves[0].values == [0.0]
    assert compute_layout(j, persona="p1").curves[0].values == [1.0]
