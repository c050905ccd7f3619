"""The scene's items by entity id, kept in step with successive layouts.

`ItemRegistry.apply` takes the previous and the new `MapLayout` and touches
only the items whose boxes changed (`diff_layouts`): an edit of one card
moves or redraws a few items and never rebuilds the scene.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsScene

from app.canvas.items import CardItem, CornerItem, CurveItem, FlowItem, HeaderItem
from app.canvas.items.blueprint import BlueprintLinesItem
from app.layout.geometry import CardBox, FlowPath, MapLayout
from app.layout.maplayout import LayoutDiff, diff_layouts
from app.layout.style import Style
from app.model.gcpause import paused_gc

#: From this many changed cards and flows on, the scene is repainted whole.
BIG_BATCH = 2000


class ItemRegistry:
    """Creates, updates and removes a scene's card, flow, header and curve items.

    Args:
        scene: the scene the items live in.
        style: the theme handed to new items.
    """

    def __init__(self, scene: QGraphicsScene, style: Style) -> None:
        self.scene = scene
        self.style = style
        self.cards: dict[str, CardItem] = {}
        self.flows: dict[str, FlowItem] = {}
        self.headers: dict[tuple[str, str], HeaderItem] = {}
        self.curves: dict[str, CurveItem] = {}
        self.corner: CornerItem | None = None
        self.highlight: tuple[set[str], set[str]] = (set(), set())
        self.sticky = (0.0, 0.0)
        #: The blueprint's lines (one item, always in the scene; View menu hides it).
        self.lines = BlueprintLinesItem()
        scene.addItem(self.lines)

    def clear(self) -> None:
        """Remove every item (a new document is being shown)."""
        items = [*self.cards.values(), *self.flows.values(), *self.headers.values(),
                 *self.curves.values(), *([self.corner] if self.corner else [])]
        for item in items:
            self.scene.removeItem(item)
        self.cards.clear()
        self.flows.clear()
        self.headers.clear()
        self.curves.clear()
        self.corner = None
        self.lines.set_lines([])

    def apply(
        self, old: MapLayout | None, new: MapLayout, diff: LayoutDiff | None = None
    ) -> tuple[bool, bool]:
        """Update the items from ``old`` to ``new``.

        Args:
            old: the layout the items show now (None: there are no items yet).
            new: the layout to show.
            diff: what changed from ``old`` to ``new``, if the layout engine
                said so (`LayoutCache.diff`); else the layouts are compared.

        Returns:
            (whether the grid or the map's size changed, whether any card or
            flow disappeared).
        """
        if old is None:
            cards, flows = set(new.cards), set(new.flows)
            headers = curves = grid = True
        else:
            if diff is None:
                diff = diff_layouts(old, new, by_identity=True)
            cards, flows = diff.cards, diff.flows
            headers, curves = diff.headers_changed, diff.curves_changed
            grid = diff.grid_changed or diff.size_changed
        big = len(cards) + len(flows) > BIG_BATCH
        if big:
            # One update of the whole scene instead of Qt tracking each new or
            # moved item for the views: after a first paint that tracking
            # costs ~1.3 kB per item (60 MB for 45,000 items) and time.
            self.scene.update()
        # Tens of thousands of new items trigger full collections of the
        # cyclic GC, each rescanning the whole document; items form no cycles.
        with paused_gc(when=big):
            gone = self._sync_cards(cards, new.cards) | self._sync_flows(flows, new.flows)
        if headers:
            self._sync_headers(new)
        if curves:
            self._sync_curves(new)
        self.lines.set_lines(new.blueprint_lines)
        return grid, gone

    def _sync_cards(self, ids: set[str], boxes: dict[str, CardBox]) -> bool:
        gone = False
        for key in ids:
            box, item = boxes.get(key), self.cards.get(key)
            if box is None:
                if item is not None:
                    self.scene.removeItem(self.cards.pop(key))
                    gone = True
            elif item is None:
                item = self.cards[key] = CardItem(box, self.style)
                item.set_highlighted(key in self.highlight[0])
                self.scene.addItem(item)
            else:
                item.set_box(box)
        return gone

    def _sync_flows(self, ids: set[str], paths: dict[str, FlowPath]) -> bool:
        gone = False
        for key in ids:
            fp, item = paths.get(key), self.flows.get(key)
            if fp is None:
                if item is not None:
                    self.scene.removeItem(self.flows.pop(key))
                    gone = True
            elif item is None:
                item = self.flows[key] = FlowItem(fp, self.style)
                item.set_highlighted(key in self.highlight[1])
                self.scene.addItem(item)
            else:
                item.set_path(fp)
        return gone

    def _sync_headers(self, layout: MapLayout) -> None:
        wanted = {("stage", b.id): b for b in layout.stage_headers}
        wanted.update({("lane", b.id): b for b in layout.lane_headers})
        for key in list(self.headers):
            if key not in wanted:
                self.scene.removeItem(self.headers.pop(key))
        for key, box in wanted.items():
            item = self.headers.get(key)
            if item is None:
                item = self.headers[key] = HeaderItem(box, key[0], self.style)
                self.scene.addItem(item)
            else:
                item.set_box(box)
        if layout.corner is not None:
            if self.corner is None:
                self.corner = CornerItem(layout.corner, self.style)
                self.scene.addItem(self.corner)
            else:
                self.corner.set_box(layout.corner)
        self.place_sticky(*self.sticky)

    def _sync_curves(self, layout: MapLayout) -> None:
        wanted = {c.lane_id: c for c in layout.curves}
        for lane_id in list(self.curves):
            if lane_id not in wanted:
                self.scene.removeItem(self.curves.pop(lane_id))
        for lane_id, curve in wanted.items():
            item = self.curves.get(lane_id)
            if item is None:
                item = self.curves[lane_id] = CurveItem(curve, self.style)
                self.scene.addItem(item)
            else:
                item.set_curve(curve, self.style)

    def set_style(self, style: Style) -> None:
        """Hand a new theme to every item (their boxes follow with the next layout)."""
        self.style = style
        items = [*self.cards.values(), *self.flows.values(), *self.headers.values()]
        for item in items + ([self.corner] if self.corner else []):
            item.set_style(style)

    def set_highlight(self, card_ids: set[str], flow_ids: set[str]) -> None:
        """Ring these cards and flows; the rings of others go."""
        old_cards, old_flows = self.highlight
        self.highlight = (card_ids, flow_ids)
        for cid in old_cards ^ card_ids:
            if cid in self.cards:
                self.cards[cid].set_highlighted(cid in card_ids)
        for fid in old_flows ^ flow_ids:
            if fid in self.flows:
                self.flows[fid].set_highlighted(fid in flow_ids)

    def place_sticky(self, x: float, y: float) -> None:
        """Keep the headers in sight of a view whose top-left corner is at (x, y)."""
        self.sticky = (x, y)
        for (axis, _), item in self.headers.items():
            item.set_sticky_offset(y if axis == "stage" else x)
        if self.corner is not None:
            self.corner.set_sticky_offsets(x, y)
