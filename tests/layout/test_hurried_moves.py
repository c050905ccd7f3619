"""Moves in tall cells, hurried for a view at the top: the cards below the
moved one all shift, and a hurried pass leaves them as whole runs; what is
in sight is still exact, arrows from far below included, and the pass that
finishes gives a fresh layout."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout.geometry import LayoutCache, Rect, compute_layout
from app.layout.style import DEFAULT_STYLE
from app.model.edits import History, MoveCards
from tests.layout.helpers import add, flow, grid
from tests.layout.test_incremental import (
    Recorder,
    assert_diff_is_exact,
    assert_exact_in_sight,
    assert_same_layout,
)

TALL = 24  # cards per cell: a cell far taller than the view


def tall_map(flows: list[tuple[int, int]]):
    """Two lanes by three stages of TALL cards each, with flows between them
    by number (so that some reach from the bottom of a cell to the top)."""
    j = grid(3, ("touchpoints", "actions"))
    ids = []
    for s in range(3):
        for lane in range(2):
            for i in range(TALL):
                cid = f"c{s}{lane}_{i:02}"
                add(j, cid, f"s{s}", f"l{lane}", "Short" if i % 3 else "A longer card title here")
                ids.append(cid)
    for n, (a, b) in enumerate(flows):
        flow(j, f"f{n}", ids[a % len(ids)], ids[b % len(ids)], label="retry" if n % 5 == 0 else "")
    return j, ids


VIEWS = st.builds(Rect, st.floats(0, 400), st.floats(0, 600), st.floats(200, 700),
                  st.floats(150, 500))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 999), st.integers(0, 999)), max_size=40), st.data())
def test_hurried_moves_in_tall_cells_are_exact_in_sight_and_finish_exactly(flows, data):
    j, ids = tall_map(flows)
    cache, recorder, history = LayoutCache(), Recorder(j), History(j)
    before = compute_layout(j, cache=cache)
    for _ in range(data.draw(st.integers(1, 4))):
        cards = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
        history.do(MoveCards(tuple(
            (cid, data.draw(st.sampled_from(["s0", "s1", "s2"])),
             data.draw(st.sampled_from(["l0", "l1"])), data.draw(st.integers(0, TALL)))
            for cid in cards)))
        if history.undo_stack and data.draw(st.booleans()):
            history.undo()
        view = data.draw(VIEWS)
        after = compute_layout(j, cache=cache, changes=recorder.take(), hurry=view)
        fresh = compute_layout(j)
        assert after.rows == fresh.rows and after.cells == fresh.cells
        assert_exact_in_sight(after, fresh, view)
        assert_diff_is_exact(before, after, cache.diff)
        before = after
    done = compute_layout(j, cache=cache, changes=recorder.take())
    assert not cache.pending
    assert_same_layout(done, compute_layout(j))
    assert_diff_is_exact(before, done, cache.diff)


def test_a_card_moved_to_the_top_of_a_tall_cell_leaves_the_cards_below_for_later():
    j, ids = tall_map([])
    cache, recorder = LayoutCache(), Recorder(j)
    before = compute_layout(j, cache=cache)
    History(j).do(MoveCards((("c00_05", "s1", "l0", 0),)))
    view = Rect(0, 0, 900, 300)
    after = compute_layout(j, cache=cache, changes=recorder.take(), hurry=view)
    # The cards of the target cell far below the view are not boxed yet...
    assert after.cards["c10_20"] is before.cards["c10_20"]
    assert cache.pending
    # ...and the pass that finishes moves them.
    done = compute_layout(j, cache=cache, changes=[])
    assert done.cards["c10_20"].rect.y > before.cards["c10_20"].rect.y
    assert_same_layout(done, compute_layout(j))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 999), st.integers(0, 999)), max_size=40), VIEWS)
def test_opening_in_a_hurry_boxes_every_card_near_the_view_exactly(flows, view):
    # The opening pass finds the cards near the view by bisection in each
    # cell's stack (tall cells here): none may be missed, and the only
    # others it boxes are ends of arrows it routes.
    j, ids = tall_map(flows)
    opened = compute_layout(j, cache=LayoutCache(), hurry=view)
    fresh = compute_layout(j)
    pad = 2 * DEFAULT_STYLE.card_gap
    x0, y0, x1, y1 = view.x - pad, view.y - pad, view.x + view.w + pad, view.y + view.h + pad
    near = {cid for cid, box in fresh.cards.items()
            if box.rect.x < x1 and x0 < box.rect.x + box.rect.w
            and y0 < box.rect.y + box.rect.h and box.rect.y < y1}
    ends = {cid for f in j.flows for cid in (f.source, f.target)}
    assert near <= set(opened.cards) <= near | ends
    assert all(box == fresh.cards[cid] for cid, box in opened.cards.items())
