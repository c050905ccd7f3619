"""Successive layouts share their card and flow dicts: a layout that later
edits superseded still reads exactly as it was."""

from app.layout.geometry import LayoutCache, compute_layout
from app.model.edits import AddCard, AddFlow, History, RemoveCard, move_card
from app.model.journey import Card, Flow
from tests.layout.helpers import add, flow, grid
from tests.layout.test_incremental import Recorder


def test_older_layouts_keep_their_boxes_through_later_edits():
    j = grid(3)
    for i in range(6):
        add(j, f"c{i}", f"s{i % 3}", "l0", f"Card {i}")
    flow(j, "f1", "c0", "c1")
    flow(j, "f2", "c1", "c5", label="retry")
    cache, recorder, history = LayoutCache(), Recorder(j), History(j)
    layouts = [compute_layout(j, cache=cache)]
    seen = [(dict(layouts[0].cards), dict(layouts[0].flows))]
    for edit in (move_card("c0", "s1", "l0", 0), AddCard(Card("new", "s0", "l1", 0, "New")),
                 AddFlow(Flow("f3", "new", "c2")), RemoveCard("c1"),
                 move_card("c5", "s0", "l1", 0)):
        history.do(edit)
        layouts.append(compute_layout(j, cache=cache, changes=recorder.take()))
        seen.append((dict(layouts[-1].cards), dict(layouts[-1].flows)))
    for layout, (cards, flows) in zip(layouts, seen, strict=True):
        assert dict(layout.cards) == cards and dict(layout.flows) == flows
        assert all(layout.cards[cid] is box for cid, box in cards.items())
        assert len(layout.cards) == len(cards) and set(layout.flows) == set(flows)
    assert "new" not in layouts[0].cards and "c1" in layouts[3].cards
    assert "c1" not in layouts[4].cards and "f3" in layouts[3].flows
