"""Successive layouts share their card and flow dicts: a layout that later
edits superseded still reads exactly as it was."""

from app.layout.geometry import LayoutCache, compute_layout
from app.model.edits import AddCard, AddFlow, History, RemoveCard, move_card
from app.model.journey import Card, Flow
from tests.layout.helpers import add, flow, grid
from tests.layout.test_incremental import Recorder


def test_older_layouts_keep_their_boxes_through_later_edits():
    j = grid(3)
    for i in range(240):  # big enough that an edit changes few of its boxes
        add(j, f"c{i}", f"s{i % 3}", f"l{i // 120}", f"Card {i}")
    for i in range(0, 200, 4):
        flow(j, f"g{i}", f"c{i}", f"c{i + 1}")
    flow(j, "f1", "c234", "c235")
    flow(j, "f2", "c235", "c239", label="retry")
    cache, recorder, history = LayoutCache(), Recorder(j), History(j)
    layouts = [compute_layout(j, cache=cache)]
    seen = [(dict(layouts[0].cards), dict(layouts[0].flows))]
    # Edits at the bottom of the cells: each moves a few boxes.
    for edit in (move_card("c234", "s1", "l1", 99), AddCard(Card("new", "s0", "l1", 99, "New")),
                 AddFlow(Flow("f3", "new", "c236")), RemoveCard("c235"),
                 move_card("c239", "s0", "l1", 99)):
        history.do(edit)
        layouts.append(compute_layout(j, cache=cache, changes=recorder.take()))
        seen.append((dict(layouts[-1].cards), dict(layouts[-1].flows)))
    for layout, (cards, flows) in zip(layouts, seen, strict=True):
        assert dict(layout.cards) == cards and dict(layout.flows) == flows
        assert all(layout.cards[cid] is box for cid, box in cards.items())
        assert len(layout.cards) == len(cards) and set(layout.flows) == set(flows)
    # (Views of the old values were read, not only copies.)
    assert any(type(layout.cards) is not dict for layout in layouts)
    assert any(type(layout.flows) is not dict for layout in layouts)
    assert "new" not in layouts[0].cards and "c235" in layouts[3].cards
    assert "c235" not in layouts[4].cards and "f3" in layouts[3].flows
