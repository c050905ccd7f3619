"""File > New: choose the template a new map starts from.

Lists the built-in templates with their titles and descriptions, and a short
outline (stages, lanes, number of cards) of the one selected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.errors import JourneyError
from app.model.journey import Journey
from app.model.templates import DEFAULT_TEMPLATE, load_template, template_names


class NewMapDialog(QDialog):
    """Pick a template; `chosen()` is its name after the dialog is accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Map")
        self.setMinimumSize(760, 460)
        self._maps: dict[str, Journey] = {}
        for name in template_names():
            try:
                self._maps[name] = load_template(name)
            except JourneyError:
                continue  # a broken template file is left out rather than taking New down
        self.list = QListWidget(self)
        self.list.setAccessibleName("Templates")
        self.list.setObjectName("templateList")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSpacing(4)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for name, journey in self._maps.items():
            item = QListWidgetItem(journey.title or name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.list.currentRowChanged.connect(lambda _: self._describe())
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addWidget(self.details, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Start from a template:", self))
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        names = list(self._maps)
        if names:
            self.list.setCurrentRow(
                names.index(DEFAULT_TEMPLATE) if DEFAULT_TEMPLATE in names else 0
            )

    def chosen(self) -> str | None:
        """Name of the selected template."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def journey(self) -> Journey | None:
        """The map made from the selected template (a fresh copy each time it is asked)."""
        name = self.chosen()
        return load_template(name) if name else None

    def _describe(self) -> None:
        name = self.chosen()
        if name is None:
            self.details.clear()
            return
        j = self._maps[name]
        stages = ", ".join(s.name for s in j.stages) or "none"
        lanes = ", ".join(lane.name for lane in j.lanes) or "none"
        self.details.setText(
            f"<h3>{_html(j.title or name)}</h3><p>{_html(j.description)}</p>"
            f"<p><b>Stages:</b> {_html(stages)}</p><p><b>Lanes:</b> {_html(lanes)}</p>"
            f"<p>{_count(j.graph.number_of_nodes(), 'card')}, "
            f"{_count(j.flow_count, 'flow')}, "
            f"{_count(len(j.departments), 'department')}, {_count(len(j.personas), 'persona')}</p>"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
