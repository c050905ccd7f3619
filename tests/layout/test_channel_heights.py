"""The height of a channel through several columns (`app.layout.channels.course_heights`)
is found from all their cards at once; it must be exactly the height the
columns' free intervals, intersected one by one, give (and, with no common
height, the same staircase)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout.channels import CLEARANCE, course_heights, free_intervals, nearest


def _intersect(a, b):
    """The intervals free in both sorted lists (the oracle: column by column)."""
    out = []
    i = k = 0
    while i < len(a) and k < len(b):
        lo, hi = max(a[i][0], b[k][0]), min(a[i][1], b[k][1])
        if hi > lo:
            out.append((lo, hi))
        if a[i][1] < b[k][1]:
            i += 1
        else:
            k += 1
    return out


def _by_column(columns, y0, y1, ya):
    free = [free_intervals(t, b, y0, y1) for t, b in columns]
    common = free[0]
    for f in free[1:]:
        common = _intersect(common, f)
    y = nearest(common, ya)
    if y is not None:
        return y
    ys, prev = [], ya
    for f in free:
        got = nearest(f, prev)
        if got is None:
            return None
        ys.append(got)
        prev = got
    return tuple(ys)


@st.composite
def column(draw):
    """A column's cards in a band: tops and bottoms, top to bottom, apart by a gap."""
    tops, bottoms = [], []
    y = draw(st.floats(-40, 40))
    for _ in range(draw(st.integers(0, 6))):
        y += draw(st.sampled_from([0.5, 2 * CLEARANCE, 10.0, 17.25, 60.0]))
        h = draw(st.sampled_from([20.0, 43.5, 80.0, 121.0]))
        tops.append(y)
        bottoms.append(y + h)
        y += h
    return tops, bottoms


@settings(max_examples=400, deadline=None)
@given(st.lists(column(), min_size=1, max_size=6), st.floats(-50, 150), st.floats(10, 400),
       st.floats(-60, 500))
def test_heights_from_all_cards_at_once_are_those_of_each_column(columns, y0, span, ya):
    y1 = y0 + span
    assert course_heights(columns, y0, y1, ya) == _by_column(columns, y0, y1, ya)


def test_a_gap_open_in_one_column_only_is_no_common_height():
    # Column one is free at 50..60 only, column two at 100..110 only: a staircase.
    one = ([0.0, 60.0 + CLEARANCE], [50.0 - CLEARANCE, 200.0])
    two = ([0.0, 110.0 + CLEARANCE], [100.0 - CLEARANCE, 200.0])
    got = course_heights([one, two], 0.0, 200.0, 55.0)
    assert got == (55.0, 103.0)  # (kept `SETTLE` off the card above)
    assert got == _by_column([one, two], 0.0, 200.0, 55.0)
