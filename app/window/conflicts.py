"""Merge conflicts in the editor: marked on the canvas until resolved.

``journeymap merge`` leaves a ``conflict`` list on every card it had to
decide for (`app.model.merge`).  While a map holds such cards, each one gets
a red frame and a "!" badge over the canvas, and its tooltip lists the
conflicts.  Map > Show Conflicts selects them all and scrolls to them (the
"show conflicts" filter); Map > Mark Conflicts Resolved removes the mark from
the selected cards, as one undoable edit.  Opening a map with conflicts says
so in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction

from app.canvas.undo import push_edit
from app.export.titleblock import Box, Primitive, Text
from app.model import edits
from app.model.journey import Journey
from app.model.merge import CONFLICT_KEY
from app.window.compare import ChangeOverlayItem

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

CONFLICT_COLOR = "#DC2626"


def conflicted_cards(journey: Journey) -> list[str]:
    """Ids of the cards that still carry a merge conflict mark, in reading order."""
    return [c.id for c in journey.cards if CONFLICT_KEY in c.extra]


class ConflictMarks(QObject):
    """The conflict marks and commands of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = ChangeOverlayItem()
        self._timer = QTimer(self, singleShot=True, interval=100)
        self._timer.timeout.connect(self.refresh)
        self.show_action = QAction("Show &Conflicts", window)
        self.show_action.setStatusTip("Select every card with an unresolved merge conflict")
        self.show_action.triggered.connect(lambda _=False: self.show_conflicts())
        self.resolve_action = QAction("Mark Conflicts Res&olved", window)
        self.resolve_action.setStatusTip("Remove the merge conflict mark of the selected cards")
        self.resolve_action.triggered.connect(lambda _=False: self.resolve_selected())
        menu = window.menus["map"]
        menu.addSeparator()
        menu.addActions([self.show_action, self.resolve_action])
        window.scene.layout_changed.connect(self._timer.start)
        window.document.journey_replaced.connect(lambda _: self._opened())
        self._opened()

    def _opened(self) -> None:
        self.refresh()
        count = len(conflicted_cards(self.window.document.journey))
        if count:
            self.window.statusBar().showMessage(
                f"{count} card{'s' * (count != 1)} with unresolved merge conflicts: "
                "Map > Show Conflicts", 10000)

    def refresh(self) -> None:
        """Mark the conflicted cards (or remove the marks when there are none)."""
        scene = self.window.scene
        ids = conflicted_cards(self.window.document.journey)
        if not ids:
            if self.overlay.scene() is not None:
                self.overlay.scene().removeItem(self.overlay)
            return
        layout = scene.layout
        items: list[Primitive] = []
        for card_id in ids:
            box = layout.cards.get(card_id)
            if box is None:
                continue
            r = box.rect
            items.append(Box(r.x - 3, r.y - 3, r.w + 6, r.h + 6, None, CONFLICT_COLOR, 3.0,
                             (), 7.0))
            items.append(Box(r.x - 8, r.y - 8, 16, 16, CONFLICT_COLOR, "#FFFFFF", 1.2, (), 8))
            items.append(Text(r.x - 2.5, r.y + 4, "!", 11.0, True, "#FFFFFF"))
        if self.overlay.scene() is None:
            scene.addItem(self.overlay)
        self.overlay.set_marks(items, layout.width, layout.height)

    def show_conflicts(self) -> list[str]:
        """Select the conflicted cards and scroll to them; returns their ids."""
        ids = conflicted_cards(self.window.document.journey)
        self.window.scene.select_cards(ids)
        self.window.view.ensure_cards_visible(ids)
        self.window.statusBar().showMessage(
            f"{len(ids)} card{'s' * (len(ids) != 1)} with merge conflicts" if ids
            else "No merge conflicts in this map", 6000)
        return ids

    def resolve_selected(self) -> None:
        """Remove the conflict mark of the selected cards (one undo step)."""
        journey = self.window.document.journey
        steps = []
        for card_id in self.window.scene.selected_card_ids():
            extra = journey.card(card_id).extra
            if CONFLICT_KEY in extra:
                kept = {k: v for k, v in extra.items() if k != CONFLICT_KEY}
                steps.append(edits.update_card(card_id, extra=kept))
        if steps:
            push_edit(self.window.document.undo_stack, journey,
                      edits.Compound(tuple(steps)), "Mark conflicts resolved")


def install_conflicts(window: MainWindow) -> ConflictMarks:
    """Add the conflict marks and the Map menu's conflict commands to ``window``."""
    window.conflicts = ConflictMarks(window)
    return window.conflicts
