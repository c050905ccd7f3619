"""The Insights dock: the findings of `app.model.analysis` as a tree, kept up to date.

The panel only reads the journey and announces what the user asked for; the
main window connects its signals to the canvas (select and scroll, highlight).
It never imports the canvas.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.analysis import Analysis, Finding, FindingGroup, analyse, finding_groups
from app.model.blueprint_insights import path_flows
from app.model.changes import PERSONA_CHANGES
from app.model.journey import Change, Journey

#: Delay between a change of the map and the refresh, so that a burst of
#: edits (typing, a drag) costs one analysis.
REFRESH_DELAY_MS = 200
#: Entries shown per group; the group heading still selects all of them.
MAX_SHOWN = 500

_IDS = Qt.ItemDataRole.UserRole  # ("cards" | "flows", [ids]) behind an item
_KEY = Qt.ItemDataRole.UserRole + 1  # group key, on group headings
_DIM = QBrush(QColor("#8A94A3"))


def in_sight(widget: QWidget) -> bool:
    """Whether ``widget`` is on screen: shown, and not in a dock tabbed behind
    another (which Qt keeps "visible", moved off screen)."""
    return widget.isVisible() and (widget.isWindow() or not widget.visibleRegion().isEmpty())


class JourneyLink:
    """A widget's subscription to a journey, dropped when the widget is destroyed.

    Connect ``widget.destroyed`` to `detach`: a plain Python object outlives
    the widget's C++ side, so the journey never calls into a deleted widget.
    """

    def __init__(self, observer: Callable[[Change], None]) -> None:
        self._observer = observer
        self.journey: Journey | None = None

    def attach(self, journey: Journey) -> None:
        """Follow ``journey`` (and no longer the former one)."""
        self.detach()
        self.journey = journey
        journey.subscribe(self._observer)

    def detach(self, *_: object) -> None:
        """Stop following the journey."""
        if self.journey is not None:
            self.journey.unsubscribe(self._observer)


class InsightsPanel(QWidget):
    """Findings grouped with counts; a click asks for their cards or flows.

    Signals:
        cards_requested(list[str]): select these cards and scroll to them.
        flows_requested(list[str]): select these flows and scroll to them.
        highlight_toggled(bool): the "Highlight on canvas" box changed; the
            ids to mark are `highlighted_ids()`.
        refreshed(): the findings were recomputed (so a highlight on the
            canvas should re-read `highlighted_ids()`).
        persona_changed(object): the persona the findings are narrowed to
            changed (a persona id, or None for everyone), e.g. for
            `ResponsibilityView.set_persona`.

    The panel has no persona choice of its own: the window's persona
    switcher (the toolbar) calls `set_persona`, so the map and its findings
    always speak of the same persona.
    """

    cards_requested = Signal(list)
    flows_requested = Signal(list)
    highlight_toggled = Signal(bool)
    refreshed = Signal()
    persona_changed = Signal(object)

    def __init__(self, journey: Journey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._link = JourneyLink(self._changed)
        self._analysis: Analysis | None = None
        self._collapsed: set[str] = set()
        self._stale = False
        self._persona: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self.destroyed.connect(self._link.detach)
        self.set_journey(journey)

    def _build(self) -> None:
        self.persona_label = QLabel(self)
        self.persona_label.setObjectName("insightsPersona")
        self.persona_label.setWordWrap(True)
        self.highlight_box = QCheckBox("Highlight on canvas", self)
        self.highlight_box.setToolTip("Mark hand-off flows and unowned touchpoints on the map")
        self.highlight_box.toggled.connect(self.highlight_toggled)
        # Service blueprints: shown while the map has a longest wait path.
        self.wait_box = QCheckBox("Highlight the longest wait", self)
        self.wait_box.setToolTip("Mark the path of cards and flows that keeps the customer "
                                 "waiting longest (the cards' waits added up)")
        self.wait_box.toggled.connect(self.highlight_toggled)
        self.wait_box.setVisible(False)
        self.summary = QLabel(self)
        self.summary.setObjectName("insightsSummary")
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Insights")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.itemClicked.connect(self._item_chosen)
        self.tree.itemActivated.connect(self._item_chosen)
        self.tree.itemCollapsed.connect(lambda item: self._collapsed.add(item.data(0, _KEY)))
        self.tree.itemExpanded.connect(lambda item: self._collapsed.discard(item.data(0, _KEY)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.persona_label)
        layout.addWidget(self.highlight_box)
        layout.addWidget(self.wait_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    # ---------------------------------------------------------------- public
    @property
    def journey(self) -> Journey | None:
        """The map shown."""
        return self._link.journey

    @property
    def analysis(self) -> Analysis | None:
        """The findings shown (analysed now if the map changed while hidden)."""
        if self._stale:
            self.refresh()
        return self._analysis

    def set_journey(self, journey: Journey) -> None:
        """Show the findings of another map (the persona filter is reset)."""
        self._link.attach(journey)
        self._persona = None
        self._show_persona()
        # A hidden panel (tabbed behind the Inspector, as when a map opens)
        # analyses when it is shown or its findings are asked for.
        if self.in_sight():
            self.refresh()
        else:
            self._timer.stop()
            self._stale = True

    def persona(self) -> str | None:
        """The id of the persona the findings are narrowed to, or None."""
        return self._persona

    def set_persona(self, persona_id: str | None) -> None:
        """Narrow the findings to one persona (None, or one the map lacks: everyone)."""
        journey = self._link.journey
        if journey is None or persona_id not in {p.id for p in journey.personas}:
            persona_id = None
        if persona_id == self._persona:
            return
        self._persona = persona_id
        self._show_persona()
        if self.in_sight():
            self.refresh()
        else:
            self._stale = True
        self.persona_changed.emit(persona_id)

    def highlighting(self) -> bool:
        """Whether either highlight box is ticked."""
        return self.highlight_box.isChecked() or self.wait_box.isChecked()

    def highlighted_ids(self) -> tuple[list[str], list[str]]:
        """What the ticked boxes mark: (cards, flows).

        "Highlight on canvas": unowned touchpoints and hand-off flows;
        "Highlight the longest wait": the cards and flows of that path.
        """
        analysis = self.analysis
        if analysis is None:
            return [], []
        cards: list[str] = []
        flows: list[str] = []
        if self.highlight_box.isChecked():
            cards += analysis.unowned_touchpoints
            flows += analysis.handoff_flows
        if self.wait_box.isChecked():
            path = longest_wait_path(analysis)
            cards += path
            flows += path_flows(self._link.journey, path)
        return cards, flows

    def refresh(self) -> None:
        """Recompute the findings now and show them."""
        self._timer.stop()
        self._stale = False
        if self._link.journey is None:
            return
        self._analysis = analyse(self._link.journey, self.persona())
        self.wait_box.setVisible(bool(longest_wait_path(self._analysis))
                                 or self.wait_box.isChecked())
        self._show(finding_groups(self._link.journey, self._analysis, MAX_SHOWN))
        self.refreshed.emit()

    # -------------------------------------------------------------- private
    def _changed(self, change: Change) -> None:
        if change.kind in PERSONA_CHANGES:
            self._show_persona()
        # A hidden panel (a closed or tabbed-away dock) waits until it is shown:
        # analysing a big map costs a tenth of a second or more.
        if self.in_sight():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._stale:
            return
        if self.isWindow():
            self.refresh()
        else:
            # In a dock: where it goes (in front, or tabbed away, which Qt
            # keeps "visible" off screen) is settled by the window's layout;
            # look on the next turn of the event loop (after the first
            # frame of a window being shown).
            QTimer.singleShot(0, self, self.catch_up)

    def in_sight(self) -> bool:
        """Whether the findings are on screen (see `in_sight`)."""
        return in_sight(self)

    def catch_up(self) -> None:
        """Analyse now if the map changed while the findings were out of sight
        and they are in sight now (their dock was brought to the front)."""
        if self._stale and self.in_sight():
            self.refresh()

    def _show_persona(self) -> None:
        journey, pid = self._link.journey, self._persona
        names = {p.id: p.name or p.id for p in journey.personas} if journey else {}
        if pid is not None and pid not in names:  # the persona was removed
            self._persona = pid = None
            self.persona_changed.emit(None)
        who = f"persona \u201c{names[pid]}\u201d" if pid is not None else "everyone"
        self.persona_label.setText(f"Findings for {who} (the toolbar's persona)")

    def _show(self, groups: list[FindingGroup]) -> None:
        counts = self._analysis.counts
        self.summary.setText(
            f"{counts['cards']} cards, {counts['flows']} flows in {counts['stages']} stages"
        )
        tree = self.tree
        tree.setUpdatesEnabled(False)
        tree.clear()
        for group in groups:
            heading = self._heading(group)
            tree.addTopLevelItem(heading)
            heading.setExpanded(bool(group.count) and group.key not in self._collapsed)
        tree.setUpdatesEnabled(True)

    def _heading(self, group: FindingGroup) -> QTreeWidgetItem:
        count = f"{group.count}{'+' if group.truncated else ''}"
        heading = QTreeWidgetItem([f"{group.title} ({count})"])
        font = QFont(heading.font(0))
        font.setBold(True)
        heading.setFont(0, font)
        heading.setData(0, _KEY, group.key)
        heading.setData(0, _IDS, _ids(group, group))
        if not group.count:
            heading.setForeground(0, _DIM)
        children = [self._entry(group, f) for f in group.findings]
        hidden = group.count - len(children)
        if hidden > 0:
            more = QTreeWidgetItem([f"... and {hidden} more (click the heading to select all)"])
            more.setForeground(0, _DIM)
            children.append(more)
        heading.addChildren(children)
        return heading

    @staticmethod
    def _entry(group: FindingGroup, finding: Finding) -> QTreeWidgetItem:
        item = QTreeWidgetItem([finding.label])
        item.setToolTip(0, finding.text)
        item.setData(0, _IDS, _ids(group, finding))
        return item

    def _item_chosen(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, _IDS)
        if not data or not data[1]:
            return
        kind, ids = data
        (self.flows_requested if kind == "flows" else self.cards_requested).emit(list(ids))


def _ids(group: FindingGroup, entry: FindingGroup | Finding) -> tuple[str, list[str]]:
    """What a click on a heading or entry asks for: flows for flow findings, else cards."""
    if group.names == "flows":
        return "flows", list(entry.flow_ids)
    return "cards", list(entry.card_ids)


def longest_wait_path(analysis: Analysis) -> list[str]:
    """The card ids of the longest wait path, in path order ([]: no card waits)."""
    return list(analysis.blueprint.get("longest_wait", {}).get("cards", []))
