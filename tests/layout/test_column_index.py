"""The cards of each column are gathered once and kept from layout to layout
(`app.layout.columns`): after every kind of edit that changes a column (a
card moved within or between its cells, a card gone, a taller card pushing
the rows below down) the flows through the gaps between its cards and
their labels are exactly those of a fresh layout."""

from app.layout.geometry import LayoutCache, compute_layout
from app.model.edits import History, move_card, remove_cards, update_card
from tests.layout.helpers import LONG, add, flow, grid
from tests.layout.test_incremental import Recorder, assert_same_layout


def crowded():
    """Five stages; the middle three hold stacks of cards in two lanes, and
    labelled flows run over them both ways between the outer stages."""
    j = grid(5, ("touchpoints", "actions"))
    for s in range(1, 4):
        for lane in ("l0", "l1"):
            for i in range(4):
                title = "Short" if (s + i) % 2 else "Waits on hold for the delivery slot"
                add(j, f"m{s}{lane}{i}", f"s{s}", lane, title, channel="Phone")
    for lane in ("l0", "l1"):
        for i in range(4):
            add(j, f"a{lane}{i}", "s0", lane, "Starts here")
            add(j, f"z{lane}{i}", "s4", lane, "Ends here")
    for lane in ("l0", "l1"):
        for i in range(4):
            flow(j, f"f{lane}{i}", f"a{lane}{i}", f"z{lane}{i}", label="asks a friend")
            flow(j, f"g{lane}{i}", f"z{lane}{i}", f"a{lane}{(i + 1) % 4}", label="retry")
    return j


def test_flows_through_a_changed_column_are_those_of_a_fresh_layout():
    j = crowded()
    cache = LayoutCache()
    recorder = Recorder(j)
    history = History(j)
    first = compute_layout(j, cache=cache)
    # The flows do run through the gaps between the cards (not one curve).
    assert sum(1 for p in first.flows.values() if p.via) >= 8
    edits = [
        move_card("m2l01", "s2", "l0", 0),  # within a cell of a skipped column
        move_card("m2l02", "s2", "l1", 1),  # to the other lane of that column
        update_card("m1l00", title=LONG + " " + LONG),  # taller: the rows below move
        remove_cards(["m3l11"]),  # gone from a skipped column
        move_card("m1l13", "s3", "l0", 2),  # from one skipped column to another
    ]
    seen = {fid: p for fid, p in first.flows.items()}
    moved = set()
    for edit in edits:
        history.do(edit)
        got = compute_layout(j, cache=cache, changes=recorder.take())
        assert_same_layout(got, compute_layout(j))
        moved |= {fid for fid, p in got.flows.items() if p != seen[fid]}
        seen = dict(got.flows)
    # The edits did change courses through those columns (the test looks at
    # something that moves).
    assert len({fid for fid in moved if first.flows[fid].via}) >= 4
    for _ in edits:
        history.undo()
        got = compute_layout(j, cache=cache, changes=recorder.take())
        assert_same_layout(got, compute_layout(j))
