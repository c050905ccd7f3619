"""The Insights and Responsibility docks, wired to the canvas of a window.

The panels (`app.panels.insights`, `app.panels.responsibility`) only read the
journey and announce what the user asked for; this module turns those
requests into canvas selections, scrolling and highlights.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from app.model.journey import Change, Journey
from app.panels.insights import REFRESH_DELAY_MS, InsightsPanel, JourneyLink
from app.panels.responsibility import ResponsibilityView

if TYPE_CHECKING:
    from app.window.main_window import MainWindow


class InsightsDocks:
    """The two docks of one window and their connections to its canvas."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        journey = window.document.journey
        self.panel = InsightsPanel(journey, window)
        self.responsibility = ResponsibilityView(journey, window)
        self.insights_dock = _dock(window, "Insights", "insightsDock", self.panel)
        self.responsibility_dock = _dock(
            window, "Responsibility", "responsibilityDock", self.responsibility
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.insights_dock)
        window.tabifyDockWidget(window.inspector_dock, self.insights_dock)
        window.inspector_dock.raise_()
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.responsibility_dock)
        self.responsibility_dock.hide()
        # The panel skips refreshing while its dock is hidden (tabbed away),
        # but a highlight on the canvas must follow edits all the same.
        self._timer = QTimer(window, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.panel.refresh)
        self._link = JourneyLink(self._changed)
        self._link.attach(journey)
        self.panel.destroyed.connect(self._link.detach)
        self._add_menu_actions()
        self._connect()

    def _add_menu_actions(self) -> None:
        view = self._window.menus["view"]
        view.addSeparator()
        for dock, text, keys in (
            (self.insights_dock, "Insig&hts", "Ctrl+Shift+I"),
            (self.responsibility_dock, "Responsi&bility", "Ctrl+Shift+R"),
        ):
            action = dock.toggleViewAction()
            action.setText(text)
            action.setShortcut(QKeySequence(keys))
            view.addAction(action)
            self._window.addAction(action)

    def _connect(self) -> None:
        w = self._window
        self.panel.cards_requested.connect(self.show_cards)
        self.responsibility.cards_requested.connect(self.show_cards)
        self.panel.flows_requested.connect(self.show_flows)
        self.panel.highlight_toggled.connect(lambda _: self.update_highlight())
        self.panel.refreshed.connect(self.update_highlight)
        self.panel.persona_changed.connect(self.responsibility.set_persona)
        # After the dock's own layout has run, or that layout undoes the size.
        self.responsibility_dock.visibilityChanged.connect(
            lambda visible: QTimer.singleShot(0, lambda: self._fit_responsibility(visible))
        )
        w.document.journey_replaced.connect(self._journey_replaced)

    def _fit_responsibility(self, visible: bool) -> None:
        """Size the Responsibility dock to its rows (at most half the window)."""
        if not visible or self.responsibility_dock.isFloating():
            return
        view = self.responsibility
        view.refresh()
        title = self.responsibility_dock.style().pixelMetric(
            self.responsibility_dock.style().PixelMetric.PM_TitleBarHeight
        )
        want = min(view.fitting_height() + title, self._window.height() // 2)
        self._window.resizeDocks([self.responsibility_dock], [want], Qt.Orientation.Vertical)
        # resizeDocks alone is sometimes undone by a pending layout: hold the
        # height as a minimum until the layout has run, then let the user resize.
        view.setMinimumHeight(want - title)
        QTimer.singleShot(0, lambda: view.setMinimumHeight(0))

    def _changed(self, change: Change) -> None:
        if self.panel.highlighting() and not self.panel.isVisible():
            self._timer.start()

    def _journey_replaced(self, journey: Journey) -> None:
        self._link.attach(journey)
        self.panel.set_journey(journey)
        self.responsibility.set_journey(journey)
        self.update_highlight()

    def show_cards(self, card_ids: list[str]) -> None:
        """Select these cards on the canvas and scroll to them."""
        self._window.scene.select_cards(card_ids)
        self._window.view.ensure_cards_visible(card_ids)

    def show_flows(self, flow_ids: list[str]) -> None:
        """Select these flows and scroll to the cards they join."""
        journey = self._window.document.journey
        flows = [journey.flow(fid) for fid in flow_ids if journey.has_flow(fid)]
        self._window.scene.select_flows([f.id for f in flows])
        ends = dict.fromkeys(cid for f in flows for cid in (f.source, f.target))
        self._window.view.ensure_cards_visible(list(ends))

    def update_highlight(self) -> None:
        """Mark what the ticked highlight boxes ask for (hand-offs and unowned
        touchpoints; the longest wait path)."""
        if self.panel.highlighting():
            cards, flows = self.panel.highlighted_ids()
        else:
            cards, flows = [], []
        self._window.scene.set_highlight(cards, flows)


def _dock(window: MainWindow, title: str, name: str, widget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    return dock


def install_insights(window: MainWindow) -> InsightsDocks:
    """Add the Insights and Responsibility docks to ``window``."""
    return InsightsDocks(window)
