"""A flow that runs through the gutters is drawn and picked along its whole
course, and not over the cards it goes around."""

from PySide6.QtCore import QPointF

from app.canvas.items.flow import FlowItem
from app.layout.geometry import compute_layout
from app.layout.style import DEFAULT_STYLE
from tests.layout.test_flow_clearance import dense_columns


def test_the_pick_shape_follows_the_gutters_and_leaves_the_cards_between_free():
    layout = compute_layout(dense_columns())
    fp = layout.flows["same_lane"]
    assert fp.via
    item = FlowItem(fp, DEFAULT_STYLE)
    shape = item.shape()
    pieces = len(fp.segments())
    for i in range(pieces * 4):  # along every piece, turns and run
        assert shape.contains(QPointF(*fp.point_at((i + 0.5) / (pieces * 4))))
    for cid in ("t11", "t21"):  # cards it goes around
        r = layout.cards[cid].rect
        assert not shape.contains(QPointF(r.cx, r.cy))
    assert item.boundingRect().contains(QPointF(*fp.via[len(fp.via) // 2]))
