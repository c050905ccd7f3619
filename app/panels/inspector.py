"""The inspector dock: properties of the selection, edited through the undo stack.

It shows one of four forms: the selected card(s), the selected flow, the
stage and lane of the selected cell, or (when nothing is selected) the map's
title and description.  It follows the model: every change announced by the
journey (an edit, an undo, a redo) refreshes the form if it concerns what is
shown, so the fields always show the model's values.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QVBoxLayout, QWidget

from app.model.changes import REMOVALS
from app.model.journey import Change, Journey
from app.panels.inspector_card import CardForm
from app.panels.inspector_forms import CellForm, FlowForm, Form, MapForm


class Inspector(QWidget):
    """The forms, one shown at a time, bound to one journey and undo stack.

    The hidden forms are hidden widgets in one layout rather than pages of a
    QStackedWidget, whose height would be that of the tallest page and make
    the dock scroll for nothing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_form = CardForm(self)
        self.flow_form = FlowForm(self)
        self.cell_form = CellForm(self)
        self.map_form = MapForm(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for form in self.forms():
            layout.addWidget(form)
            form.hide()
        self._current: Form = self.map_form
        self.map_form.show()
        self.journey: Journey | None = None
        self._stack: QUndoStack | None = None
        self._pending = False  # a model change to show, waiting for the edit to finish
        self._selection: tuple[list[str], list[str], tuple[str | None, str | None] | None] = (
            [],
            [],
            None,
        )

    def forms(self) -> tuple[Form, ...]:
        """All the forms."""
        return (self.card_form, self.flow_form, self.cell_form, self.map_form)

    def currentWidget(self) -> Form:
        """The form shown."""
        return self._current

    def setCurrentWidget(self, form: Form) -> None:
        """Show ``form`` and hide the others."""
        if form is not self._current:
            self._current.hide()
            self._current = form
            form.show()

    def set_journey(self, journey: Journey, stack: QUndoStack) -> None:
        """Show and edit ``journey`` (after open or new); the selection is cleared."""
        if self.journey is not None:
            self.journey.unsubscribe(self._on_change)
        if stack is not self._stack:
            if self._stack is not None:
                self._stack.indexChanged.disconnect(self._flush)
            stack.indexChanged.connect(self._flush)
            self._stack = stack
        self.journey = journey
        self._pending = False
        journey.subscribe(self._on_change)
        for form in self.forms():
            form.bind(journey, stack)
        self.card_form.card_ids = []
        self.show_selection([], [], None)

    def show_selection(
        self,
        card_ids: Sequence[str],
        flow_ids: Sequence[str] = (),
        cell: tuple[str | None, str | None] | None = None,
    ) -> None:
        """Show the form for this selection: cards first, then a flow, a cell, the map.

        Args:
            card_ids: selected cards.
            flow_ids: selected flows.
            cell: ``(stage_id, lane_id)`` of the selected cell; either may be
                None when only a stage or a lane header is selected.
        """
        self._selection = (list(card_ids), list(flow_ids), cell)
        self._show()

    def _show(self) -> None:
        journey = self.journey
        if journey is None:
            return
        card_ids, flow_ids, cell = self._selection
        cards = [cid for cid in card_ids if journey.has_card(cid)]
        flows = [fid for fid in flow_ids if journey.has_flow(fid)]
        if cards:
            self.card_form.show_cards(cards)
            self.setCurrentWidget(self.card_form)
        elif flows:
            self.flow_form.show_flow(flows[0])
            self.setCurrentWidget(self.flow_form)
        elif cell is not None and self._cell_exists(cell):
            self.cell_form.show_cell(*cell)
            self.setCurrentWidget(self.cell_form)
        else:
            self.map_form.refresh()
            self.setCurrentWidget(self.map_form)

    def _cell_exists(self, cell: tuple[str | None, str | None]) -> bool:
        stage_id, lane_id = cell
        stages = {s.id for s in self.journey.stages}
        lanes = {lane.id for lane in self.journey.lanes}
        if stage_id is None and lane_id is None:
            return False
        return (stage_id is None or stage_id in stages) and (lane_id is None or lane_id in lanes)

    def _on_change(self, change: Change) -> None:
        # An edit announces one change per card it touches: note that a refresh
        # is due and do it once, when the undo stack has finished the command
        # (or, for a command merged into the previous one, on the next turn of
        # the event loop).
        if self._pending:
            return
        # A removal may take away what is shown (an undone paste): choose again.
        if change.kind in REMOVALS or self.currentWidget().concerns(change):
            self._pending = True
            QTimer.singleShot(0, self, self._flush)

    def _flush(self) -> None:
        if self._pending:
            self._pending = False
            self._show()


class InspectorDock(QDockWidget):
    """The inspector in a scrollable dock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("inspectorDock")
        self.inspector = Inspector()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.inspector)
        self.setWidget(scroll)
