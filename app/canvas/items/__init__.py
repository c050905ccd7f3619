"""Scene items: one class per entity kind, each drawing itself with
`app.canvas.painting` from a box of the layout."""

from app.canvas.items.card import CardItem
from app.canvas.items.flow import FlowItem
from app.canvas.items.header import CornerItem, HeaderItem
from app.canvas.items.overlays import (
    CellHighlightItem,
    CurveItem,
    FlowPreviewItem,
    FocusDimItem,
    InsertionMarkerItem,
    StageHighlightItem,
)
from app.canvas.items.zorder import Z

__all__ = [
    "CardItem",
    "CellHighlightItem",
    "CornerItem",
    "CurveItem",
    "FlowItem",
    "FlowPreviewItem",
    "FocusDimItem",
    "HeaderItem",
    "InsertionMarkerItem",
    "StageHighlightItem",
    "Z",
]
