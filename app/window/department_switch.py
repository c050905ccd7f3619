"""The department switcher: one department's map on the canvas (issue 12).

A combo box on its own toolbar, beside the persona switcher ("All
departments" and each department).  Choosing a department dims every card it
does not own, except the cards at the other end of its cards' flows, which
stay visible (as ``journeymap export --department`` draws them faded but
present).  Dimming is the card items' opacity, a projection of the model
that is applied again after every layout (items come and go with edits).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QToolBar

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

ALL_DEPARTMENTS = "All departments"
#: The opacity of a card the chosen department neither owns nor exchanges flows with.
DIMMED = 0.22


class DepartmentSwitcher(QObject):
    """Keeps a combo and the canvas's dimming in step with the chosen department."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.current: str | None = None
        self._listed: tuple[tuple[str, str], ...] | None = None
        self._dimmed: set[str] = set()
        self.toolbar = QToolBar("Departments", window)
        self.toolbar.setObjectName("departmentToolbar")
        self.combo = QComboBox(self.toolbar)
        self.combo.setObjectName("departmentSwitcher")
        self.combo.setToolTip("Show the map of one department: the cards it owns and "
                              "the cards its flows lead to or come from")
        self.combo.setMinimumContentsLength(14)
        self.combo.activated.connect(lambda _: self.choose(self.combo.currentData()))
        self.combo.setAccessibleName("Department")  # no label: as the persona switcher
        self.toolbar.addWidget(self.combo)
        window.addToolBar(self.toolbar)
        self.toolbar.toggleViewAction().setText("&Department Switcher")
        window.scene.layout_changed.connect(self.refresh)
        self.refresh()

    def choose(self, department_id: str | None) -> None:
        """Show this department's map (None: every card as it is)."""
        self.current = department_id
        self.refresh()

    def visible_cards(self) -> set[str] | None:
        """The cards shown undimmed (None: all)."""
        journey = self.window.document.journey
        if self.current is None:
            return None
        owned = {c.id for c in journey.cards if c.owner == self.current}
        ends = {end for f in journey.flows if f.source in owned or f.target in owned
                for end in (f.source, f.target)}
        return owned | ends

    def refresh(self) -> None:
        """Follow the map: its departments in the combo, the dimming on the canvas."""
        journey = self.window.document.journey
        listed = tuple((d.id, d.name or d.id) for d in journey.departments)
        if self.current is not None and self.current not in dict(listed):
            self.current = None  # the department went away (or another map is shown)
        if listed != self._listed:
            self._listed = listed
            self.combo.clear()
            self.combo.addItem(ALL_DEPARTMENTS, None)
            for dept_id, name in listed:
                self.combo.addItem(name, dept_id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(self.current)))
        self._dim(self.visible_cards())

    def _dim(self, visible: set[str] | None) -> None:
        scene = self.window.scene
        dimmed = set() if visible is None else {
            c.id for c in self.window.document.journey.cards if c.id not in visible}
        for cid in self._dimmed | dimmed:
            item = scene.card_item(cid)
            if item is not None:
                item.setOpacity(DIMMED if cid in dimmed else 1.0)
        self._dimmed = dimmed


def install_department_switcher(window: MainWindow) -> DepartmentSwitcher:
    """Add the department switcher's toolbar (after the persona switcher's) to ``window``."""
    window.departments_switcher = DepartmentSwitcher(window)
    view = window.menus["view"]
    view.addAction(window.departments_switcher.toolbar.toggleViewAction())
    return window.departments_switcher
