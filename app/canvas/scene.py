"""JourneyScene: the QGraphicsScene projection of a `Journey`.

The scene builds one item per card, flow, header and emotion curve from a
`MapLayout`, then follows the journey's announcements (`app.canvas.follow`):
after each change the layout engine recomputes only what the change touched
(what is in sight first, on a big map) and says which boxes changed, and
only those items are updated.  It keeps no
state of its own but the selection, the selected cell and the view options
(persona, highlight, focus, style).  Every gesture ends in one edit pushed
on the undo stack; the scene never changes the model otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QUndoStack
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from app.canvas.drop import DropController
from app.canvas.follow import FollowsJourney
from app.canvas.inplace_edits import EditingController
from app.canvas.interactions import Interaction
from app.canvas.interactions.router import double_click, item_at, press_flow, start_interaction
from app.canvas.items import (
    CardItem,
    CellHighlightItem,
    CornerItem,
    CurveItem,
    FlowItem,
    FocusDimItem,
    HeaderItem,
    InsertionMarkerItem,
    StageHighlightItem,
)
from app.canvas.items.blueprint import BlueprintLinesItem
from app.canvas.keyboard import handle_key
from app.canvas.painting import color, ensure_fonts, paint_grid, qrect
from app.canvas.registry import ItemRegistry
from app.canvas.sight import SETTLE_STEPS, window_settling
from app.canvas.text_field import InlineEditor
from app.canvas.tooltips import card_tooltip, flow_tooltip
from app.canvas.undo import push_edit
from app.layout.geometry import LayoutCache, MapLayout
from app.layout.style import DEFAULT_STYLE, Style
from app.model.edits import Compound, RemoveFlow, remove_cards
from app.model.journey import Change, Journey

CANVAS_COLOR = "#EEF1F5"
#: How long after the first frame of a big map the rest of it is built.
FINISH_AFTER_PAINT_MS = 50
#: How long after the frame that shows an edit its out-of-sight rest is laid out.
FINISH_AFTER_FRAME_MS = 5


class JourneyScene(FollowsJourney, QGraphicsScene):
    """The editable map of one journey.

    Args:
        journey: the document shown.
        undo_stack: where every gesture's edit is pushed.
        style: the theme (`DEFAULT_STYLE` or `PRESENTATION_STYLE`).
        parent: Qt parent.
    """

    #: The selected cards, flows or cell changed.
    selection_ids_changed = Signal()
    #: The layout was recomputed (after an edit, or a style or persona change).
    layout_changed = Signal()
    #: The map's rectangle (`map_rect`: what the views scroll over) changed.
    map_rect_changed = Signal()
    #: Something (a keyboard step, a new card) wants this scene rectangle in sight.
    reveal_requested = Signal(QRectF)
    #: A short message for the status bar (why a key did nothing, say).
    status_message = Signal(str)

    def __init__(
        self,
        journey: Journey,
        undo_stack: QUndoStack,
        style: Style = DEFAULT_STYLE,
        parent=None,
    ) -> None:
        super().__init__(parent)
        ensure_fonts()
        # A fixed depth: Qt's automatic depth is rebuilt as items move, and
        # long arrows make it slow (PERFORMANCE.md).
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBspTreeDepth(10)
        self._undo_stack = undo_stack
        self._style = style
        self._persona: str | None = None
        self._cache = LayoutCache()
        self._journey: Journey | None = None
        self._layout: MapLayout | None = None
        self._items = ItemRegistry(self, style)
        self._cards = self._items.cards
        self._flows = self._items.flows
        self._cell: tuple[str, str] | None = None
        self._focus: tuple[str, str] | None = None
        self._dirty = False
        # The journey's announcements since the last layout: they let the
        # layout engine recompute only what they touched.
        self._changes: list[Change] | None = None
        # Owned by the scene, so that a pending sync dies with it.
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.timeout.connect(self._timed_sync)
        self._settle_steps = 0
        self._quiet = 0
        #: Called with a card id, adds to its tooltip (compare mode: its changes).
        self.card_tooltip_extra: Callable[[str], str] | None = None
        self._finish_after_paint = False
        self._finish_after_frame = False  # an edit's rest waits for its frame
        self._map_rect = QRectF()
        self._interaction: Interaction | None = None
        self._drops = DropController(self)
        self.editing = EditingController(self)
        self._cell_item = CellHighlightItem(style)
        self._marker = InsertionMarkerItem(style)
        self._dim = FocusDimItem()
        self._stage_item = StageHighlightItem(style)
        self._stage_highlight: str | None = None
        #: Whether cards show their connector handle (not while presenting).
        self.handles_shown = True
        for item in (self._cell_item, self._marker, self._dim, self._stage_item):
            self.addItem(item)
        self.selectionChanged.connect(self._on_qt_selection)
        self._stack_connection = None
        self._listen_to(undo_stack)
        self.set_journey(journey)

    # ------------------------------------------------------------ properties
    @property
    def journey(self) -> Journey:
        """The document shown."""
        assert self._journey is not None
        return self._journey

    @property
    def undo_stack(self) -> QUndoStack:
        """The stack every edit goes through."""
        return self._undo_stack

    @property
    def style(self) -> Style:
        """The theme in use."""
        return self._style

    @property
    def persona(self) -> str | None:
        """The persona whose view is shown (None: everyone)."""
        return self._persona

    @property
    def layout(self) -> MapLayout:
        """The current layout (brought up to date first)."""
        self.sync()
        assert self._layout is not None
        return self._layout

    # ----------------------------------------------------------------- items
    def card_item(self, card_id: str) -> CardItem | None:
        """The item drawing a card (None if no such card)."""
        self.sync()
        return self._cards.get(card_id)

    def flow_item(self, flow_id: str) -> FlowItem | None:
        """The item drawing a flow (None if no such flow)."""
        self.sync()
        return self._flows.get(flow_id)

    def header_item(self, axis: str, header_id: str) -> HeaderItem | None:
        """The header item of a stage (``axis == "stage"``) or a lane."""
        self.sync()
        return self._items.headers.get((axis, header_id))

    def blueprint_lines_item(self) -> BlueprintLinesItem:
        """The item that draws the blueprint's lines (View > Show Blueprint Lines hides it)."""
        self.sync()
        return self._items.lines

    def curve_item(self, lane_id: str) -> CurveItem | None:
        """The emotion curve item of an emotion lane."""
        self.sync()
        return self._items.curves.get(lane_id)

    def card_id_at(self, pos: QPointF) -> str | None:
        """The card under a scene point (by the layout, ignoring dragged items)."""
        return self.layout.card_at(pos.x(), pos.y())

    # ------------------------------------------------------------- selection
    def selected_card_items(self) -> list[CardItem]:
        """Selected card items, in reading order."""
        items = [i for i in self.selectedItems() if isinstance(i, CardItem)]
        if not items:
            # Asked on every selection change, even on opening a map: reading
            # self.layout would finish the exact pass before the first frame.
            return items
        stages = {sid: n for n, sid in enumerate(self.layout.stage_ids)}
        lanes = {lid: n for n, lid in enumerate(self.layout.lane_ids)}
        items.sort(key=lambda i: (stages.get(i.box.stage, 0), lanes.get(i.box.lane, 0),
                                  i.box.index))
        return items

    def selected_card_ids(self) -> list[str]:
        """Ids of the selected cards, in reading order."""
        return [item.card_id for item in self.selected_card_items()]

    def selected_flow_ids(self) -> list[str]:
        """Ids of the selected flows."""
        return sorted(i.flow_id for i in self.selectedItems() if isinstance(i, FlowItem))

    def select_cards(self, ids) -> None:
        """Select exactly these cards (and no flow)."""
        self.sync()
        self._select([self._cards[i] for i in ids if i in self._cards])

    def select_flows(self, ids) -> None:
        """Select exactly these flows (and no card)."""
        self.sync()
        self._select([self._flows[i] for i in ids if i in self._flows])

    def select_all(self) -> None:
        """Select every card."""
        self.sync()
        self._select(list(self._cards.values()))

    def _select(self, items: list[QGraphicsItem]) -> None:
        self.sync()
        self._quiet += 1
        try:
            self.clearSelection()
            for item in items:
                item.setSelected(True)
            if items:
                self._set_cell(None)
        finally:
            self._quiet -= 1
        self.selection_ids_changed.emit()

    def _on_qt_selection(self) -> None:
        if not self._quiet:
            self.selection_ids_changed.emit()

    def selected_cell(self) -> tuple[str, str] | None:
        """The selected cell ``(stage_id, lane_id)``, where typing starts a card."""
        return self._cell

    def select_cell(self, cell: tuple[str, str] | None) -> None:
        """Select a cell (clears the card and flow selection) or none."""
        if cell is not None:
            self._quiet += 1
            try:
                self.clearSelection()
            finally:
                self._quiet -= 1
        self._set_cell(cell)
        self.selection_ids_changed.emit()
        rect = self._cell_rect()
        if rect is not None:
            self.reveal_requested.emit(rect)

    def _set_cell(self, cell: tuple[str, str] | None) -> None:
        if cell is not None and cell not in self.layout.cells:
            cell = None
        self._cell = cell
        self._cell_item.set_rect(self._cell_rect(), self._style)

    def _cell_rect(self) -> QRectF | None:
        if self._cell is None or self._layout is None or self._cell not in self._layout.cells:
            return None
        return qrect(self._layout.cells[self._cell])

    def cell_of_selection(self) -> tuple[str, str] | None:
        """The cell of the first selected card, if any."""
        items = self.selected_card_items()
        return (items[0].box.stage, items[0].box.lane) if items else None

    def step_cell(self, step: int) -> bool:
        """Select the next (``step`` 1) or previous (-1) cell, stage by stage
        along a lane, then on to the next lane."""
        journey = self.journey
        cells = [(s.id, lane.id) for lane in journey.lanes for s in journey.stages]
        if not cells:
            return False
        current = self._cell or self.cell_of_selection()
        i = cells.index(current) + step if current in cells else 0
        self.select_cell(cells[i % len(cells)])
        return True

    # ----------------------------------------------------------- view options
    def set_persona(self, persona_id: str | None) -> None:
        """Show the map as one persona sees it: other personas' cards fade and
        the emotion curve follows this persona's cards (None: everyone)."""
        if persona_id != self._persona:
            self._persona = persona_id
            self._relayout()

    def set_style(self, style: Style) -> None:
        """Use another theme (for example `PRESENTATION_STYLE`); items are kept."""
        if style == self._style:
            return
        self._style = style
        self._items.set_style(style)
        self._relayout()
        self.update()

    def _relayout(self) -> None:
        self._dirty = True
        self.sync()

    def set_highlight(self, card_ids, flow_ids) -> None:
        """Mark cards and flows (hand-offs, unowned touchpoints...) with a ring."""
        # No sync(): items made later take their ring from the registry, and
        # finishing the layout here would hold up the first frame of a map.
        self._items.set_highlight(set(card_ids), set(flow_ids))

    def set_focus(self, kind: str | None, focus_id: str | None = None) -> None:
        """Dim everything but one stage (``kind == "stage"``) or lane; None ends it."""
        self._focus = (kind, focus_id) if kind in ("stage", "lane") and focus_id else None
        self._update_focus()

    def set_stage_highlight(self, stage_id: str | None) -> None:
        """Mark the stage being presented (None: no stage)."""
        self._stage_highlight = stage_id
        self._update_stage_highlight()

    def _update_stage_highlight(self) -> None:
        layout, sid = self._layout, self._stage_highlight
        rect = None
        if layout is not None and sid in layout.columns:
            x, w = layout.columns[sid]
            rect = QRectF(x, 0, w, layout.height)
        self._stage_item.set_rect(rect, self._style)

    def set_handles_shown(self, on: bool) -> None:
        """Show or hide every card's connector handle (hidden while presenting)."""
        self.handles_shown = on
        self.update()

    @property
    def focus_veil(self) -> FocusDimItem:
        """The veil that dims all but the focused stage or lane."""
        return self._dim

    def _update_focus(self) -> None:
        layout = self._layout
        hole = None
        if self._focus is not None and layout is not None:
            kind, fid = self._focus
            if kind == "stage" and fid in layout.columns:
                x, w = layout.columns[fid]
                hole = QRectF(x, 0, w, layout.height)
            elif kind == "lane" and fid in layout.rows:
                y, h = layout.rows[fid]
                hole = QRectF(0, y, layout.width, h)
        self._dim.set_hole(self.map_rect, hole)

    # ----------------------------------------------------------------- sticky
    def set_sticky_origin(self, x: float, y: float) -> None:
        """Keep the headers in sight: the view's top-left corner is at (x, y)."""
        self._items.place_sticky(x, y)

    # --------------------------------------------------------------- editing
    def start_editing_title(self, card_id: str, typed: str | None = None) -> InlineEditor | None:
        """Open the in-place title editor over a card (scrolled into sight);
        ``typed`` replaces the title (see `EditingController.edit_card_title`)."""
        self.sync()
        editor = self.editing.edit_card_title(card_id, typed)
        if editor is not None:
            self.reveal_requested.emit(editor.sceneBoundingRect())
        return editor

    def start_new_card(self, stage_id: str, lane_id: str, text: str = "") -> InlineEditor | None:
        """Start typing a new card at the end of a cell."""
        self.sync()
        editor = self.editing.new_card(stage_id, lane_id, text)
        if editor is not None:
            self.reveal_requested.emit(editor.sceneBoundingRect())
        return editor

    def start_editing_flow_label(self, flow_id: str) -> InlineEditor | None:
        """Open the in-place label editor over a flow."""
        self.sync()
        return self.editing.edit_flow_label(flow_id)

    def rename_header(self, axis: str, header_id: str) -> InlineEditor | None:
        """Open the in-place name editor over a stage or lane header."""
        self.sync()
        return self.editing.rename_header(axis, header_id)

    def focus_editor(self, editor: InlineEditor) -> None:
        """Give keyboard focus to an editor (and its view)."""
        for view in self.views():
            if not view.hasFocus():
                view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setFocusItem(editor, Qt.FocusReason.OtherFocusReason)

    def editing_finished(self) -> None:
        """Called by the editing controller when an editor closes."""
        self.setFocusItem(None)

    def delete_selection(self) -> bool:
        """Remove the selected cards and flows as one undoable edit."""
        cards = self.selected_card_ids()
        journey = self.journey
        gone = {f.id for cid in cards for f in journey.flows_of(cid)}
        flows = [fid for fid in self.selected_flow_ids() if fid not in gone]
        if not cards and not flows:
            return False
        edits = [RemoveFlow(fid) for fid in flows]
        if cards:
            edits.append(remove_cards(cards))
        n = len(cards) + len(flows)
        push_edit(self._undo_stack, journey, Compound(tuple(edits), "Delete" if n > 1 else
                                                      ("Delete card" if cards else "Delete flow")))
        return True

    # ----------------------------------------------------------- overlays
    def show_marker(self, rect: QRectF | None) -> None:
        """Show the insertion bar over ``rect`` (None hides it)."""
        self._marker.set_rect(rect, self._style)

    @property
    def marker_rect(self) -> QRectF | None:
        """Where the insertion bar is shown, or None."""
        return self._marker.marker_rect if self._marker.isVisible() else None

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        if self._finish_after_paint:
            # The first frame of a map being opened is on its way: what is
            # out of sight is laid out and built right after it, once the
            # window has settled (`window_settling`).
            self._finish_after_paint = False
            self._settle_steps = SETTLE_STEPS
            self._sync_timer.start(FINISH_AFTER_PAINT_MS)
        elif self._finish_after_frame:
            # The frame showing an edit is being painted: the rest of the
            # edit (out of sight) is laid out once it is on the screen (a
            # few milliseconds: not in the same turn of the event loop).
            self._finish_after_frame = False
            self._sync_timer.start(FINISH_AFTER_FRAME_MS)
        painter.fillRect(rect, color(CANVAS_COLOR))
        layout = self._layout
        if layout is None:
            return
        painter.fillRect(QRectF(0, 0, layout.width, layout.height), color(self._style.background))
        paint_grid(painter, layout, self._style, rect)

    def _timed_sync(self) -> None:
        if self._settle_steps > 0 and self._cache.pending and window_settling(self):
            self._settle_steps -= 1
            self._sync_timer.start(FINISH_AFTER_PAINT_MS)
            return
        self._settle_steps = 0
        self.sync()

    # ------------------------------------------------------------------ mouse
    def _item_at(self, event) -> QGraphicsItem | None:
        return item_at(self, event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._interaction is not None:
            event.accept()
            return
        item = self._item_at(event)
        if isinstance(item, InlineEditor):
            super().mousePressEvent(event)
            return
        if self.editing.active:
            # Committing may move things (a new card grows its row): look again.
            self.editing.commit()
            item = self._item_at(event)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._interaction = start_interaction(self, event, item)
        if self._interaction is not None:
            event.accept()
            return
        if isinstance(item, FlowItem):
            press_flow(self, event, item)
            return
        if isinstance(item, CornerItem):
            event.accept()
            return
        # Empty space: Qt clears the selection and the view starts a
        # rubber band; the cell under the mouse becomes the selected cell.
        super().mousePressEvent(event)
        pos = event.scenePos()
        if not Interaction.plain(event):
            return
        self._set_cell(self.layout.cell_at(pos.x(), pos.y()))
        self.selection_ids_changed.emit()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._interaction is not None:
            self._interaction.move(event)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        interaction, self._interaction = self._interaction, None
        if interaction is not None:
            interaction.release(event)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self._item_at(event)
        if isinstance(item, InlineEditor):
            super().mouseDoubleClickEvent(event)
            return
        double_click(self, event, item)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        if self._interaction is not None or self.editing.active:
            return  # no tooltip over a drag in progress or a text being typed
        item = self._item_at(event)
        if isinstance(item, CardItem):
            text = card_tooltip(self.journey, item.card_id)
            if self.card_tooltip_extra is not None:
                text += self.card_tooltip_extra(item.card_id)
        elif isinstance(item, FlowItem):
            text = flow_tooltip(self.journey, item.flow_id)
        else:
            QToolTip.hideText()
            return
        QToolTip.showText(event.screenPos(), text, event.widget())
        event.accept()

    @property
    def interaction(self) -> Interaction | None:
        """The gesture in progress, if any."""
        return self._interaction

    def _cancel_interaction(self) -> None:
        interaction, self._interaction = self._interaction, None
        if interaction is not None:
            interaction.cancel()

    # --------------------------------------------------------------- keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.editing.active:
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape and self._interaction is not None:
            self._cancel_interaction()
            event.accept()
            return
        if handle_key(self, event):
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event) -> bool:
        # Tab would otherwise move focus between items; here it moves between cells.
        tab = event.type() == event.Type.KeyPress and event.key() in (
            Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if tab and not self.editing.active:
            self.keyPressEvent(event)
            return True
        return super().event(event)

    # ---------------------------------------------------------- drag and drop
    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self._drops.enter(event)

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self._drops.move(event)

    def dragLeaveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self._drops.leave(event)

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self._drops.drop(event)

