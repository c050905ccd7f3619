"""Stacking order of the scene's items, bottom to top."""

from __future__ import annotations


class Z:
    """Z values: cells, curves and arrows under cards (a card is never hidden
    by a flow that passes it, and a press on a card picks the card), sticky
    headers over everything that scrolls beneath them, editors on top."""

    CELL = 0.5
    CURVE = 0.8
    FLOW = 0.9
    CARD = 1.0
    #: A flow whose label found room only on a card (`FlowPath.label_over`).
    FLOW_OVER = 1.1
    DRAGGED = 5.0
    MARKER = 6.0
    LANE_HEADER = 10.0
    STAGE_HEADER = 11.0
    CORNER = 12.0
    FOCUS_DIM = 13.0
    EDITOR = 20.0
