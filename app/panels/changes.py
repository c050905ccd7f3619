"""The Changes dock's panel: every change of a comparison, in groups with counts.

It shows a `MapDiff` (the open map against an older one) and announces what
the user asked for; `app.window.compare` turns that into canvas selections.
At the top: what the open map is compared with, a notice when the base file
changed since ``based_on`` was written, and hand-offs, unowned touchpoints and
dead ends before -> after.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.diff import MapDiff
from app.model.difftext import value_text

#: Item data role holding ``("card" | "removed" | "flow", id)``.
TARGET_ROLE = Qt.ItemDataRole.UserRole
SUMMARY_KEYS = (("handoffs", "Hand-offs"), ("unowned_touchpoints", "Unowned touchpoints"),
                ("dead_ends", "Dead ends"))


class ChangesPanel(QWidget):
    """The list of changes of one comparison.

    Signals:
        cards_requested: NEW card ids to select and scroll to.
        removed_requested: an OLD card id whose ghost to scroll to.
        flows_requested: NEW flow ids to select.
        leave_requested: the user asked to leave compare mode.
    """

    cards_requested = Signal(list)
    removed_requested = Signal(str)
    flows_requested = Signal(list)
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("compareNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #B45309; font-weight: bold;")
        self.notice.hide()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("changesTree")
        self.tree.setHeaderHidden(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.leave = QPushButton("Leave Compare Mode", self)
        self.leave.clicked.connect(self.leave_requested)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.notice, self.summary, self.tree, self.leave):
            layout.addWidget(widget)

    def set_notice(self, text: str) -> None:
        """A warning above the list (empty: none)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_diff(self, diff: MapDiff, against: str) -> None:
        """List the changes of ``diff``; ``against`` names the older map."""
        self.heading.setText(f"Compared with {against}")
        self.summary.setText("\n".join(
            f"{label}: {diff.insights[key][0]} \u2192 {diff.insights[key][1]}"
            for key, label in SUMMARY_KEYS if key in diff.insights))
        expanded = {self.tree.topLevelItem(i).text(0).split(" (")[0]
                    for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        for title, rows in _groups(diff):
            if not rows:
                continue
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(rows)})"])
            for text, target in rows:
                row = QTreeWidgetItem(group, [text])
                row.setData(0, TARGET_ROLE, target)
                row.setToolTip(0, text)
            group.setExpanded(title in expanded or len(rows) <= 20)
        if self.tree.topLevelItemCount() == 0:
            QTreeWidgetItem(self.tree, ["No changes"])

    def group_counts(self) -> dict[str, int]:
        """Group title -> number of entries (what the user reads in the list)."""
        counts = {}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.childCount():
                counts[item.text(0).split(" (")[0]] = item.childCount()
        return counts

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET_ROLE)
        if not target:
            return
        kind, ident = target
        if kind == "card":
            self.cards_requested.emit([ident])
        elif kind == "removed":
            self.removed_requested.emit(ident)
        elif kind == "flow":
            self.flows_requested.emit([ident])


def _groups(diff: MapDiff) -> list[tuple[str, list[tuple[str, tuple[str, str] | None]]]]:
    new, old = diff.new, diff.old

    def card(journey, card_id: str) -> str:  # noqa: ANN001
        return journey.card(card_id).title or card_id

    moved = []
    for cid in sorted(diff.moved):
        before, after = diff.moved[cid]
        where = ("reordered in " + " / ".join(after) if before == after
                 else f"{' / '.join(before)} \u2192 {' / '.join(after)}")
        moved.append((f"{card(new, cid)}: {where}", ("card", cid)))
    changed = [(f"{card(new, cid)}: " + "; ".join(
        f"{name} {value_text(a)} \u2192 {value_text(b)}"
        for name, (a, b) in sorted(diff.changed[cid].items())), ("card", cid))
        for cid in sorted(diff.changed)]
    flows = [(f"added: {card(new, new.flow(f).source)} \u2192 {card(new, new.flow(f).target)}",
              ("flow", f)) for f in sorted(diff.added_flows)]
    flows += [(f"removed: {card(old, old.flow(f).source)} \u2192 "
               f"{card(old, old.flow(f).target)}", None) for f in sorted(diff.removed_flows)]
    flows += [(f"changed: {card(new, new.flow(f).source)} \u2192 {card(new, new.flow(f).target)}"
               f" ({', '.join(sorted(diff.changed_flows[f]))})", ("flow", f))
              for f in sorted(diff.changed_flows)]
    return [
        ("Added cards", [(card(new, c), ("card", c)) for c in sorted(diff.added_cards)]),
        ("Removed cards", [(card(old, c), ("removed", c)) for c in sorted(diff.removed_cards)]),
        ("Moved cards", moved),
        ("Changed cards", changed),
        ("Flows", flows),
        ("Stages", _list_rows(diff.stages)),
        ("Lanes", _list_rows(diff.lanes)),
    ]


def _list_rows(changes) -> list[tuple[str, None]]:  # noqa: ANN001 (a ListChanges)
    rows = [(f"added: {name}", None) for name in changes.added]
    rows += [(f"removed: {name}", None) for name in changes.removed]
    rows += [(f"renamed: {a} \u2192 {b}", None) for a, b in changes.renamed]
    if changes.reordered:
        rows.append(("reordered", None))
    return rows
