"""Cards stack in their cells without overlapping; cells, rows and columns grow."""

import pytest
from hypothesis import given, settings

from app.layout.geometry import compute_layout
from app.layout.style import DEFAULT_STYLE as S
from app.layout.style import PRESENTATION_STYLE
from tests.layout.helpers import LONG, add, grid, journeys


@settings(max_examples=60, deadline=None)
@given(journeys())
def test_cards_in_a_cell_never_overlap_and_stay_inside_it(journey):
    layout = compute_layout(journey)
    for key, ids in layout.cell_cards.items():
        rects = [layout.cards[cid].rect for cid in ids]
        for a, b in zip(rects, rects[1:], strict=False):
            assert a.bottom + S.card_gap <= b.y + 1e-9
        for r in rects:
            cell = layout.cells[key]
            assert cell.x <= r.x and r.right <= cell.right
            assert cell.y <= r.y and r.bottom <= cell.bottom


@settings(max_examples=30, deadline=None)
@given(journeys())
def test_no_two_cards_of_a_map_overlap(journey):
    rects = [b.rect for b in compute_layout(journey).cards.values()]
    for i, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[i + 1:])


def test_cards_keep_their_order_in_the_cell():
    j = grid()
    for i in range(3):
        add(j, f"c{i}", "s0", "l0", f"Card {i}")
    ys = [compute_layout(j).cards[f"c{i}"].rect.y for i in range(3)]
    assert ys == sorted(ys)


def test_a_cell_and_its_whole_row_grow_with_cards():
    j = grid()
    add(j, "c0", "s0", "l0")
    before = compute_layout(j)
    for i in range(1, 6):
        add(j, f"c{i}", "s0", "l0", LONG)
    after = compute_layout(j)
    assert after.rows["l0"][1] > before.rows["l0"][1]
    assert after.cells[("s2", "l0")].h == after.cells[("s0", "l0")].h  # the whole row
    assert after.rows["l1"][0] == after.rows["l0"][0] + after.rows["l0"][1]
    assert after.height > before.height


def test_a_long_title_makes_a_taller_card():
    j = grid()
    add(j, "short", "s0", "l0", "Pays")
    add(j, "long", "s1", "l0", LONG)
    layout = compute_layout(j)
    assert layout.cards["long"].rect.h > layout.cards["short"].rect.h
    assert len(layout.cards["long"].title_lines) > 1


def test_title_lines_fit_the_card():
    j = grid()
    add(j, "c", "s0", "l0", LONG * 3, channel="Website", emotion=1)
    box = compute_layout(j).cards["c"]
    assert len(box.title_lines) == S.card_title_max_lines
    assert box.title_lines[-1].endswith("…")
    assert all(b < box.rect.bottom for b in box.title_baselines)
    assert box.title_baselines == tuple(sorted(box.title_baselines))
    assert box.title_baselines[-1] < box.meta_baseline < box.rect.bottom


def test_columns_are_equal_and_follow_the_lane_headers():
    j = grid(4)
    layout = compute_layout(j)
    xs = [layout.columns[f"s{i}"] for i in range(4)]
    width = S.card_width + 2 * S.cell_pad_x
    assert xs == [(S.lane_header_width + i * width, width) for i in range(4)]
    assert layout.width == S.lane_header_width + 4 * width


def test_rows_follow_the_stage_header_without_gaps():
    layout = compute_layout(grid(2, ("actions", "pain", "notes")))
    y = layout.header_height
    for lane_id in ("l0", "l1", "l2"):
        assert layout.rows[lane_id][0] == y
        y += layout.rows[lane_id][1]
    assert layout.height == y


def test_empty_rows_keep_room_to_drop_a_card():
    layout = compute_layout(grid())
    assert all(h >= S.min_row_height for _, h in layout.rows.values())


def test_presentation_style_has_larger_type_and_cards():
    j = grid()
    add(j, "c", "s0", "l0", LONG)
    normal = compute_layout(j).cards["c"]
    big = compute_layout(j, PRESENTATION_STYLE).cards["c"]
    assert big.title_size > normal.title_size
    assert big.rect.w > normal.rect.w


@pytest.mark.parametrize("evidence", [None, "anecdote", "assumption", "data"])
def test_card_text_starts_right_of_the_owner_stripe(evidence):
    j = grid()
    add(j, "c", "s0", "l0", "Pays", owner="d1", evidence=evidence)
    box = compute_layout(j).cards["c"]
    assert box.stripe is not None and box.stripe_color == "#3366CC"
    assert box.stripe.x == box.rect.x and box.stripe.h == box.rect.h
    assert box.text_x > box.stripe.right


def test_emotion_mark_sits_top_right_inside_the_card():
    j = grid()
    add(j, "c", "s0", "l0", "Pays", emotion=-2)
    box = compute_layout(j).cards["c"]
    mark = box.emotion_mark
    assert mark is not None and box.emotion == -2
    assert box.rect.contains(mark.x, mark.y) and box.rect.contains(mark.right, mark.bottom)
    assert mark.cx > box.rect.cx and mark.cy < box.rect.cy


def test_an_empty_map_is_just_its_corner():
    from app.model.journey import Journey

    layout = compute_layout(Journey("Empty"))
    assert (layout.width, layout.height) == (S.lane_header_width, layout.header_height)
    assert layout.cells == {} and layout.cell_at(10, 10) is None
    assert layout.corner.lines == ("Empty",)
