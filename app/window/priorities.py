"""The window's half of issue 13's priorities: Map > Voting Mode and Dot
Budget (`app.workshop.voting`) and the Priorities dock (`app.panels.priorities`),
wired to the document's undo stack and the canvas.

`Priorities(window)` is the one entry point (the window makes it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from app.canvas.undo import push_edit
from app.model.edits import update_card
from app.model.journey import Journey
from app.panels.priorities import PrioritiesPanel
from app.workshop.voting import VotingMode

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

DOCK_KEY = "Ctrl+Shift+P"


class Priorities:
    """Voting mode and the Priorities dock of one window."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.voting = VotingMode(window)
        self.panel = PrioritiesPanel(window.document.journey, window)
        self.dock = QDockWidget("Priorities", window)
        self.dock.setObjectName("prioritiesDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # A tab beside the Inspector: the matrix needs the column's height.
        window.tabifyDockWidget(window.inspector_dock, self.dock)
        window.inspector_dock.raise_()
        self.dock.hide()
        self.panel.rate.connect(self.rate)
        self.panel.show.connect(self.show_card)
        # Brought to the front (its tab picked): up to date once on screen.
        self.dock.visibilityChanged.connect(
            lambda visible: visible and QTimer.singleShot(0, self.panel.catch_up))
        window.document.journey_replaced.connect(self._journey_replaced)
        self._add_menu_actions()

    def _add_menu_actions(self) -> None:
        menus = self._window.menus
        toggle = self.dock.toggleViewAction()
        toggle.setText("Priorities &Matrix")
        toggle.setShortcut(QKeySequence(DOCK_KEY))
        self._window.addAction(toggle)
        menus["view"].addAction(toggle)
        menus["map"].addSeparator()
        menus["map"].addActions([self.voting.action, self.voting.budget_action])

    def rate(self, card_id: str, impact: int, effort: int) -> None:
        """Set a card's impact and effort: one undoable edit."""
        journey = self._window.document.journey
        if not journey.has_card(card_id):
            return
        card = journey.card(card_id)
        if (card.impact, card.effort) == (impact, effort):
            return
        push_edit(self._window.document.undo_stack, journey,
                  update_card(card_id, "Rate impact and effort", impact=impact, effort=effort))

    def show_card(self, card_id: str) -> None:
        """Select the card on the canvas and scroll to it."""
        self._window.scene.select_cards([card_id])
        self._window.view.ensure_cards_visible([card_id])

    def _journey_replaced(self, journey: Journey) -> None:
        self.panel.set_journey(journey)


