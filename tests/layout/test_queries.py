"""Hit tests the canvas asks while the user points, drops and drags."""

from app.layout.geometry import compute_layout
from app.model.edits import History, move_card
from tests.layout.helpers import add, grid


def three_in_a_cell():
    j = grid()
    for i in range(3):
        add(j, f"c{i}", "s1", "l0", f"Card {i}")
    return j, compute_layout(j)


def test_card_at_finds_the_card_under_the_point():
    _, layout = three_in_a_cell()
    for cid in ("c0", "c1", "c2"):
        r = layout.cards[cid].rect
        assert layout.card_at(r.cx, r.cy) == cid
        assert layout.card_at(r.x + 1, r.bottom - 1) == cid


def test_card_at_is_none_between_cards_and_on_headers():
    _, layout = three_in_a_cell()
    a, b = layout.cards["c0"].rect, layout.cards["c1"].rect
    assert layout.card_at(a.cx, (a.bottom + b.y) / 2) is None
    assert layout.card_at(10, 10) is None
    assert layout.card_at(layout.width + 5, a.cy) is None


def test_cell_at_names_stage_and_lane():
    _, layout = three_in_a_cell()
    cell = layout.cells[("s2", "l1")]
    assert layout.cell_at(cell.cx, cell.cy) == ("s2", "l1")
    assert layout.cell_at(cell.x + 0.5, cell.bottom - 0.5) == ("s2", "l1")
    assert layout.cell_at(5, cell.cy) is None  # lane header column
    assert layout.cell_at(cell.cx, 5) is None  # stage header row
    assert layout.cell_at(cell.cx, layout.height + 1) is None


def test_stage_at_and_lane_at():
    _, layout = three_in_a_cell()
    x, w = layout.columns["s1"]
    y, h = layout.rows["l1"]
    assert layout.stage_at(x + w / 2) == "s1"
    assert layout.lane_at(y + h / 2) == "l1"
    assert layout.stage_at(1) is None and layout.lane_at(1) is None


def test_insertion_index_counts_the_cards_above_the_drop_point():
    _, layout = three_in_a_cell()
    rects = [layout.cards[f"c{i}"].rect for i in range(3)]
    assert layout.insertion_index("s1", "l0", rects[0].y - 5) == 0
    assert layout.insertion_index("s1", "l0", rects[0].cy + 1) == 1
    assert layout.insertion_index("s1", "l0", rects[2].cy - 1) == 2
    assert layout.insertion_index("s1", "l0", rects[2].bottom + 40) == 3
    assert layout.insertion_index("s0", "l0", 500) == 0  # empty cell


def test_insertion_index_leaving_out_the_dragged_card_is_what_move_expects():
    j, layout = three_in_a_cell()
    below_c2 = layout.cards["c2"].rect.bottom + 5
    index = layout.insertion_index("s1", "l0", below_c2, exclude={"c0"})
    assert index == 2
    History(j).do(move_card("c0", "s1", "l0", index))
    assert j.cell_ids("s1", "l0") == ["c1", "c2", "c0"]


def test_insertion_marker_lies_in_the_gap_between_cards():
    _, layout = three_in_a_cell()
    a, b = layout.cards["c0"].rect, layout.cards["c1"].rect
    bar = layout.insertion_marker("s1", "l0", 1)
    assert a.bottom <= bar.y and bar.bottom <= b.y
    assert bar.x == a.x and bar.w == a.w and 0 < bar.h < 10


def test_insertion_markers_run_top_to_bottom_and_stay_in_the_cell():
    _, layout = three_in_a_cell()
    bars = [layout.insertion_marker("s1", "l0", i) for i in range(4)]
    assert [bar.y for bar in bars] == sorted(bar.y for bar in bars)
    assert bars[0].bottom <= layout.cards["c0"].rect.y
    assert bars[3].y >= layout.cards["c2"].rect.bottom
    cell = layout.cells[("s1", "l0")]
    assert all(cell.y <= bar.y and bar.bottom <= cell.bottom for bar in bars)


def test_insertion_marker_in_an_empty_cell_is_at_its_top():
    _, layout = three_in_a_cell()
    cell = layout.cells[("s0", "l1")]
    bar = layout.insertion_marker("s0", "l1", 0)
    assert cell.y <= bar.y < cell.cy


def test_stage_insert_index_follows_column_centres():
    layout = compute_layout(grid(3))
    xs = [x + w / 2 for x, w in layout.columns.values()]
    assert layout.stage_insert_index(0) == 0
    assert layout.stage_insert_index(xs[0] - 1) == 0
    assert layout.stage_insert_index(xs[0] + 1) == 1
    assert layout.stage_insert_index(xs[2] + 1) == 3


def test_lane_insert_index_follows_row_centres():
    layout = compute_layout(grid(2, ("actions", "pain", "notes")))
    ys = [y + h / 2 for y, h in layout.rows.values()]
    assert layout.lane_insert_index(0) == 0
    assert layout.lane_insert_index(ys[1] - 1) == 1
    assert layout.lane_insert_index(ys[1] + 1) == 2
    assert layout.lane_insert_index(layout.height) == 3
