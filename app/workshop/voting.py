"""Map > Voting Mode (F7): dot votes in a workshop.

While it is on, a click on a pain point or an opportunity adds one dot to
it (Shift+click takes one off), and ``+`` / ``-`` add or take one from each
selected pain point and opportunity.  Each dot is one ordinary edit of the
card's ``votes`` through the undo stack: Ctrl+Z takes it back, and it
reaches the recovery folder like any other edit.

An optional budget (Map > Dot Budget: participants x dots each) caps the
dots placed since it was set; the status bar shows how many are left.
Undoing a dot gives it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsSceneMouseEvent,
    QLabel,
    QSpinBox,
    QWidget,
)

from app.canvas.items.card import CardItem
from app.canvas.undo import push_edit
from app.model.edits import Compound, update_card
from app.model.priorities import RANKED_KINDS

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

KEY = "F7"
_ADD_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
_REMOVE_KEYS = (Qt.Key.Key_Minus, Qt.Key.Key_Underscore)


class VotingMode(QObject):
    """Voting mode of one window: the actions, the canvas clicks and keys, the budget.

    Args:
        window: the main window (its document, scene and status bar).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.action = QAction("&Voting Mode", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(KEY))
        self.action.setStatusTip("Click a pain point or opportunity to give it a dot (F7 ends)")
        self.action.toggled.connect(self._toggled)
        self.budget_action = QAction("Dot &Budget\u2026", window)
        self.budget_action.setStatusTip("Limit the dots: participants \u00d7 dots each")
        self.budget_action.triggered.connect(self.ask_budget)
        window.addActions([self.action, self.budget_action])
        #: Dots allowed since the budget was set (None: no limit).
        self.budget: int | None = None
        self._baseline = 0  # the map's total votes when the budget was set
        self.label = QLabel(window)
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        window.document.undo_stack.indexChanged.connect(lambda _: self._show_status())
        window.scene.installEventFilter(self)

    @property
    def on(self) -> bool:
        """Whether clicks and +/- vote."""
        return self.action.isChecked()

    # -------------------------------------------------------------- budget
    def total_votes(self) -> int:
        """Every dot on the map."""
        return sum(card.votes for card in self._window.document.journey.cards)

    def dots_left(self) -> int | None:
        """Dots that may still be placed (None: no budget)."""
        if self.budget is None:
            return None
        return max(0, self.budget - (self.total_votes() - self._baseline))

    def set_budget(self, participants: int, each: int) -> None:
        """Allow ``participants * each`` dots from now on (0 dots each: no limit)."""
        self.budget = participants * each if participants > 0 and each > 0 else None
        self._baseline = self.total_votes()
        self._show_status()

    def ask_budget(self) -> None:
        """The Dot Budget dialog."""
        dialog = BudgetDialog(self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_budget(dialog.participants.value(), dialog.each.value())

    # --------------------------------------------------------------- votes
    def vote(self, card_ids: list[str], step: int) -> bool:
        """Add (``step`` 1) or take (-1) one dot on each of these cards that is
        a pain point or an opportunity; one undo step.  False if none could."""
        journey = self._window.document.journey
        cards = [journey.card(cid) for cid in card_ids if journey.has_card(cid)]
        cards = [c for c in cards if c.kind in RANKED_KINDS]
        if not cards:
            self._tell("Dots go on pain points and opportunities")
            return False
        if step < 0:
            cards = [c for c in cards if c.votes > 0]
            if not cards:
                self._tell("No dot to take off")
                return False
        left = self.dots_left()
        if step > 0 and left is not None and left < len(cards):
            self._tell(f"No dots left: all {self.budget} are placed" if left == 0
                       else f"Only {left} dots left")
            return False
        label = "Add a dot" if step > 0 else "Remove a dot"
        edits = [update_card(c.id, label, votes=c.votes + step) for c in cards]
        push_edit(self._window.document.undo_stack, journey,
                  edits[0] if len(edits) == 1 else Compound(tuple(edits), label))
        return True

    # -------------------------------------------------------------- events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Clicks and +/- on the canvas while voting."""
        if not self.on:
            return False
        kind = event.type()
        # Two quick clicks are two dots (not a double-click that edits the title).
        if kind in (QEvent.Type.GraphicsSceneMousePress,
                    QEvent.Type.GraphicsSceneMouseDoubleClick):
            return self._press(event)
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    def _press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        scene = self._window.scene
        item = next((i for i in scene.items(event.scenePos()) if isinstance(i, CardItem)), None)
        if item is None:
            return False
        scene.select_cards([item.card_id])
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.vote([item.card_id], -1 if shift else 1)
        return True  # no drag, no rubber band: a click is a dot

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key not in _ADD_KEYS and key not in _REMOVE_KEYS:
            return False
        ids = self._window.scene.selected_card_ids()
        if not ids:
            self._tell("Select a pain point or opportunity first")
            return True
        self.vote(ids, 1 if key in _ADD_KEYS else -1)
        return True

    # -------------------------------------------------------------- status
    def _toggled(self, on: bool) -> None:
        self.label.setVisible(on)
        self._show_status()
        if on:
            self._tell("Voting: click a pain point or opportunity to add a dot, "
                       "Shift+click or \u2212 to take one off; F7 ends")

    def _show_status(self) -> None:
        left = self.dots_left()
        text = "Voting" if left is None else f"Voting: {left} of {self.budget} dots left"
        self.label.setText(text)

    def _tell(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 5000)


class BudgetDialog(QDialog):
    """How many dots the room has: participants x dots each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Dot Budget")
        self.participants = QSpinBox(self)
        self.participants.setRange(1, 500)
        self.participants.setValue(8)
        self.each = QSpinBox(self)
        self.each.setRange(0, 50)
        self.each.setValue(3)
        self.each.setSpecialValueText("No limit")
        self.total = QLabel(self)
        form = QFormLayout(self)
        form.addRow("Participants", self.participants)
        form.addRow("Dots each", self.each)
        form.addRow("", self.total)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for box in (self.participants, self.each):
            box.valueChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        n = self.participants.value() * self.each.value()
        self.total.setText(f"{n} dots in all" if n else "Dots are not limited")
