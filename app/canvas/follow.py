"""How the scene follows its journey: it listens to the journey's
announcements and to the undo stack, lays out again (incrementally, and
what is in sight first after a command) and updates only the items whose
boxes changed.  A mixin of `app.canvas.scene.JourneyScene`, whose state it
uses.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QGraphicsScene

from app.canvas.sight import OPENING_FALLBACK_MS, area_in_sight, worth_hurrying
from app.layout.geometry import LayoutCache, MapLayout, compute_layout
from app.model.journey import Change, Journey

#: Room around the map for arrows that loop below the last lane, and drops.
SCENE_MARGIN = 120.0

#: Room the scene's own rectangle keeps beyond the map's, as a share of the
#: map's size (see `FollowsJourney._set_map_rect`).
INDEX_HEADROOM = 0.125

#: When no view repaints after an edit that left work out of sight, that
#: work is finished after this long (a repaint finishes it at once after it).
#: Not shorter: on a busy machine the frame showing an edit can come 60-100
#: ms after it, and a fallback that fires first makes that frame wait for the
#: whole rest of the edit (real window, 5,000 cards: first change 230-280 ms
#: in some cycles with 50 ms).  An edit nobody sees can wait.
EDIT_FALLBACK_MS = 300


class FollowsJourney:
    """The part of `JourneyScene` that keeps its items in step with the journey."""

    # -------------------------------------------------------------- document
    def set_journey(self, journey: Journey, undo_stack: QUndoStack | None = None) -> None:
        """Show another document (a full rebuild: only when a file is opened)."""
        self.editing.cancel()
        self._cancel_interaction()
        if self._journey is not None:
            self._journey.unsubscribe(self._on_change)
        if undo_stack is not None and undo_stack is not self._undo_stack:
            self._listen_to(undo_stack)
        self._quiet += 1
        try:
            self._items.clear()
            self._cell = None
            self._journey = journey
            self._cache = LayoutCache()
            journey.subscribe(self._on_change)
            self._layout = None
            self._changes = None
            self._dirty = True
            # A big map shows its first screenful first; the rest follows
            # right after a view has painted it (or as soon as anything asks).
            self.sync(hurry=True)
            if self._cache.pending:
                self._finish_after_paint = True
                self._sync_timer.start(OPENING_FALLBACK_MS)
        finally:
            self._quiet -= 1
        self.selection_ids_changed.emit()

    def _listen_to(self, stack: QUndoStack) -> None:
        # Lay out once when a command has finished.  The stack may outlive
        # the scene (and emits when it is destroyed), so it holds only a weak
        # reference to the scene.
        if self._stack_connection is not None:
            QObject.disconnect(self._stack_connection)
        self._undo_stack = stack
        ref = weakref.ref(self)

        def command_done(_index: int) -> None:
            scene = ref()
            if scene is not None and shiboken6.isValid(scene):
                scene.sync(hurry=True)

        self._stack_connection = stack.indexChanged.connect(command_done)

    def _on_change(self, change: Change) -> None:
        if not shiboken6.isValid(self):  # deleted by Qt while the journey lives on
            change_source = self._journey
            if change_source is not None:
                change_source.unsubscribe(self._on_change)
            return
        if self._changes is not None:
            self._changes.append(change)
        # Edits announce one change per primitive step; lay out once, after
        # the whole edit (the undo stack's indexChanged, or the event loop).
        if not self._dirty:
            self._dirty = True
            self._sync_timer.start(0)

    def sync(self, hurry: bool = False) -> None:
        """Bring the items up to date with the journey (no-op when nothing changed).

        Args:
            hurry: update what the views show now and leave the arrows and
                labels out of sight for the next turn of the event loop
                (after the first frame).  Without it, any work so left is
                finished too: everything that reads the scene gets it whole.
        """
        journey = self._journey
        if journey is None or not (self._dirty or self._cache.pending):
            return
        self._dirty = False
        changes, self._changes = self._changes, []
        area = None
        if hurry and worth_hurrying(journey):
            area = area_in_sight(self, opening=self._layout is None)
        # Only finishing what a hurried pass left (out of sight, then).
        finishing = area is None and not changes and self._cache.pending
        new = compute_layout(journey, self._style, persona=self._persona, cache=self._cache,
                             changes=changes, hurry=area)
        old, self._layout = self._layout, new
        self._apply_layout(old, new, finishing)
        if self._cache.pending and area is not None and changes:
            # What an edit left out of sight is finished right after the
            # frame that shows the edit (`drawBackground`), never before
            # it: the zero timer the edit's announcements started would
            # fire before the view's repaint, which Qt posts in two steps.
            # Should no view repaint (the edit is out of sight), the
            # timer finishes it.
            self._finish_after_frame = True
            self._sync_timer.start(EDIT_FALLBACK_MS)
        elif self._cache.pending and not self._sync_timer.isActive():
            self._sync_timer.start(0)
        elif not self._cache.pending:
            self._finish_after_paint = self._finish_after_frame = False
        self.layout_changed.emit()

    # ---------------------------------------------------------- item updates
    def _apply_layout(self, old: MapLayout | None, new: MapLayout,
                      finishing: bool = False) -> None:
        self._quiet += 1
        try:
            grid, gone = self._items.apply(old, new, self._cache.diff_from(old), finishing)
        finally:
            self._quiet -= 1
        if grid:
            self._set_map_rect(QRectF(0, 0, new.width + SCENE_MARGIN, new.height + SCENE_MARGIN))
            self.invalidate(QRectF(), QGraphicsScene.SceneLayer.BackgroundLayer)
        if self._cell is not None and self._cell not in new.cells:
            self._cell = None
        self._cell_item.set_rect(self._cell_rect(), self._style)
        self._update_focus()
        self._update_stage_highlight()
        if gone:
            self.selection_ids_changed.emit()

    @property
    def map_rect(self) -> QRectF:
        """The map and its margin: what the views scroll over."""
        return QRectF(self._map_rect)

    def _set_map_rect(self, rect: QRectF) -> None:
        """Make ``rect`` the map's rectangle (the views follow `map_rect_changed`).

        Qt rebuilds its whole item index (every item's bounds: 14 ms of the
        first frame after an edit on a 5,000-card map) whenever the scene's
        own rectangle changes, and most edits of a big map change its
        height a little.  So the scene's rectangle, which only that index
        and Qt's defaults use, holds the map with some room to spare, and
        changes only when the map outgrows it or shrinks well inside it.
        """
        if rect == self._map_rect:
            return
        self._map_rect = QRectF(rect)
        held = self.sceneRect()
        w, h = rect.width(), rect.height()
        fits = held.width() >= w and held.height() >= h
        roomy = (held.width() > w * (1 + 2 * INDEX_HEADROOM)
                 or held.height() > h * (1 + 2 * INDEX_HEADROOM))
        if not fits or roomy:
            self.setSceneRect(QRectF(0, 0, w * (1 + INDEX_HEADROOM), h * (1 + INDEX_HEADROOM)))
        self.map_rect_changed.emit()
