"""The spatial indexes of the layout kept up to date one key at a time
(arrows or rectangles moved a little or far, replaced, dropped) answer
exactly as ones built afresh from what they hold: nothing is left filed
where it no longer lies."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout.arrows import ArrowIndex
from app.layout.boxes import Rect
from app.layout.flows import flow_path
from app.layout.geometry import LayoutCache, compute_layout
from app.layout.grid import RectIndex
from app.layout.style import DEFAULT_STYLE
from app.model.edits import History, move_card
from tests.layout.helpers import journeys

S = DEFAULT_STYLE
SPOTS = st.tuples(st.floats(0, 2000), st.floats(0, 3000))
# Small moves (an arrow whose lane shifted stays in most of its buckets)
# and large ones; an empty move puts the same arrow again.
MOVES = st.tuples(st.sampled_from(["f0", "f1", "f2", "f3"]),
                  st.one_of(st.none(), st.tuples(SPOTS, SPOTS),
                            st.tuples(st.floats(-80, 80), st.floats(-80, 80))))


def arrow(fid: str, a: tuple[float, float], b: tuple[float, float]):
    return flow_path(fid, "normal", "", Rect(*a, 176, 60), Rect(*b, 176, 60), S)


def filed(index: ArrowIndex) -> dict:
    return {key: keys for key, keys in index.grid.cells.items() if keys}


@settings(max_examples=150, deadline=None)
@given(st.lists(MOVES, max_size=30), st.lists(st.tuples(SPOTS, st.floats(1, 600)), max_size=12))
def test_an_index_kept_up_to_date_answers_as_a_fresh_one(moves, probes):
    index = ArrowIndex(2.0, 14.0)
    ends: dict[str, tuple] = {}
    for fid, move in moves:
        if move is None:
            index.drop(fid)
            ends.pop(fid, None)
            continue
        if isinstance(move[0], float):  # a shift of the arrow held now (if any)
            if fid not in ends:
                continue
            (ax, ay), (bx, by) = ends[fid]
            move = ((ax, ay + move[1]), (bx + move[0], by + move[1]))
        ends[fid] = move
        index.put(fid, arrow(fid, *move))
    fresh = ArrowIndex(2.0, 14.0)
    for fid, (a, b) in ends.items():
        fresh.put(fid, arrow(fid, a, b))
    assert filed(index) == filed(fresh)
    assert index.paths == fresh.paths
    for (x, y), side in probes:
        rect = Rect(x, y, side, side / 3)
        for but in ("f0", "f1", "none"):
            assert index.covers(rect, but) == fresh.covers(rect, but)


RECTS = st.tuples(st.sampled_from(["a", "b", "c"]),
                  st.one_of(st.none(), st.builds(Rect, st.floats(-300, 900), st.floats(-300, 900),
                                                 st.floats(0, 400), st.floats(0, 400)),
                            st.floats(-60, 60)))


@settings(max_examples=150, deadline=None)
@given(st.lists(RECTS, max_size=30), st.lists(st.builds(Rect, st.floats(-300, 900),
                                                      st.floats(-300, 900), st.floats(0, 300),
                                                      st.floats(0, 300)), max_size=8))
def test_a_rect_index_kept_up_to_date_answers_as_a_fresh_one(puts, probes):
    index = RectIndex(128.0)
    for key, rect in puts:
        if isinstance(rect, float):  # a shift of the rectangle held now (if any)
            if key not in index.rects:
                continue
            rect = index.rects[key].translated(0.0, rect)
        index.put(key, rect)
    fresh = RectIndex(128.0)
    for key, rect in index.rects.items():
        fresh.put(key, rect)
    assert {b: keys for b, keys in index.grid.cells.items() if keys} == {
        b: keys for b, keys in fresh.grid.cells.items() if keys}
    for probe in probes:
        assert index.meeting(probe) == fresh.meeting(probe)


@settings(max_examples=80, deadline=None)
@given(journeys(), st.data())
def test_the_channels_a_set_of_cards_meets_are_found_cell_by_cell_as_card_by_card(journey, data):
    # After a few moves (rows shift, channels are probed anew), the flows
    # whose probed heights meet some of the cards are those that
    # `RectIndex.meeting` finds for each card's place.
    cache, changes = LayoutCache(), []
    journey.subscribe(changes.append)
    compute_layout(journey, cache=cache)
    history, stages = History(journey), [s.id for s in journey.stages]
    lanes = [lane.id for lane in journey.lanes]
    for _ in range(data.draw(st.integers(0, 3))):
        if journey.cards:
            history.do(move_card(data.draw(st.sampled_from([c.id for c in journey.cards])),
                                 data.draw(st.sampled_from(stages)),
                                 data.draw(st.sampled_from(lanes)), data.draw(st.integers(0, 5))))
            compute_layout(journey, cache=cache, changes=changes)
            changes.clear()
    engine = cache.engine
    ids = data.draw(st.lists(st.sampled_from([c.id for c in journey.cards] + ["gone"]),
                             max_size=12)) if journey.cards else []
    want: set[str] = set()
    for cid in ids:
        place = stacked(engine, cid)
        if place is not None:
            want |= engine.probed.meeting(place)
    got = engine._probes_meeting(ids) if getattr(engine, "probed", None) else set()
    assert got == want


def stacked(engine, cid: str) -> Rect | None:
    """Where a card is now, from its cell's stack (None: it is in no cell)."""
    key = engine.where.get(cid)
    ids = engine.cells.get(key) if key is not None else None
    i = engine.slot.get(cid)
    if ids is None or i is None or i >= len(ids) or ids[i] != cid:
        return None
    s = engine.s
    y = engine.tops[key[1]] + engine.offs[key][i]
    return Rect(engine.columns[key[0]][0] + s.cell_pad_x, y, s.card_width,
                engine.meas[key][i].height)
