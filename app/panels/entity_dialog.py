"""A dialog to add, rename, recolour and remove a list of named, coloured entities.

`app.panels.departments` and `app.panels.personas` are this dialog with their
own entity kind and fields.  Every change is one edit on the window's undo
stack; typing a name merges into one step per burst.  The dialog follows the
model, so an undo (Ctrl+Z in the window) shows at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.canvas.undo import push_edit
from app.layout.style import department_color
from app.model.changes import ENTITY_CHANGES
from app.model.edits import Edit, update
from app.model.journey import Change, Journey
from app.panels.icons import swatch_icon
from app.panels.inspector_forms import set_text


class EntityDialog(QDialog):
    """Base: a list on the left, the selected entity's fields on the right.

    Subclasses set `what` (``"department"`` or ``"persona"``), `plural`,
    `text_fields` (extra multi-line attributes) and implement `entities`,
    `new_entity`, `add_edit`, `remove_edit` and `users`.
    """

    what = ""
    plural = ""
    text_fields: tuple[tuple[str, str], ...] = ()

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._journey: Journey | None = None
        self._updating = False
        self._burst = 0
        self.setWindowTitle(self.plural.capitalize())
        self.setMinimumSize(620, 420)
        self.list = QListWidget(self)
        # Not while the list is rebuilt (on every keystroke in the name): that
        # would disable the fields for a moment and take the focus away.
        self.list.currentRowChanged.connect(
            lambda _: None if self._updating else self._fill_fields()
        )
        self.name = QLineEdit(self)
        self.name.textEdited.connect(lambda t: self._set("name", t, merge=True))
        self.name.editingFinished.connect(self._end_burst)
        self.color = QPushButton("Choose colour\u2026", self)
        self.color.clicked.connect(self._pick_color)
        self.texts: dict[str, QPlainTextEdit] = {}
        self._build()
        document.journey_replaced.connect(self._bind)
        self._bind(document.journey)

    def _build(self) -> None:
        add = QPushButton(f"Add {self.what}", self)
        add.clicked.connect(self.add)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.clicked.connect(self.remove_current)
        fields = QFormLayout()
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        fields.addRow("Name", self.name)
        fields.addRow("Colour", self.color)
        for attr, label in self.text_fields:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(lambda a=attr, e=edit: self._set(a, e.toPlainText(), True))
            self.texts[attr] = edit
            fields.addRow(label, edit)
        self.fields_box = QWidget(self)
        self.fields_box.setLayout(fields)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.fields_box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

    # ------------------------------------------------------------ subclasses
    def entities(self) -> list[Any]:
        """The entities listed, in the model's order."""
        raise NotImplementedError

    def new_entity(self, entity_id: str, color: str) -> Any:
        """A new entity with a default name."""
        raise NotImplementedError

    def add_edit(self, entity: Any) -> Edit:
        """The edit that adds ``entity``."""
        raise NotImplementedError

    def remove_edit(self, entity_id: str) -> Edit:
        """The edit that removes the entity."""
        raise NotImplementedError

    def users(self, entity_id: str) -> int:
        """How many cards refer to the entity."""
        raise NotImplementedError

    # --------------------------------------------------------------- model
    @property
    def journey(self) -> Journey:
        """The map being edited."""
        return self.document.journey

    def _bind(self, journey: Journey) -> None:
        if self._journey is not None:
            self._journey.unsubscribe(self._on_change)
        self._journey = journey
        journey.subscribe(self._on_change)
        self.refresh()

    def _on_change(self, change: Change) -> None:
        if change.kind in ENTITY_CHANGES[self.what]:
            self.refresh()

    def done(self, result: int) -> None:
        if self._journey is not None:
            self._journey.unsubscribe(self._on_change)
            self._journey = None
        super().done(result)

    def showEvent(self, event) -> None:
        if self._journey is not self.document.journey:
            self._bind(self.document.journey)
        super().showEvent(event)

    def _push(self, edit: Edit, merge_key: str | None = None) -> None:
        push_edit(self.document.undo_stack, self.journey, edit, merge_key=merge_key)

    # --------------------------------------------------------------- showing
    def current_id(self) -> str | None:
        """Id of the entity selected in the list."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def refresh(self) -> None:
        """Show the model's entities, keeping the selection where possible."""
        self._updating = True
        try:
            keep = self.current_id()
            self.list.clear()
            for entity in self.entities():
                item = QListWidgetItem(swatch_icon(entity.color), entity.name or "(no name)")
                item.setData(Qt.ItemDataRole.UserRole, entity.id)
                self.list.addItem(item)
                if entity.id == keep:
                    self.list.setCurrentItem(item)
            if self.list.currentRow() < 0 and self.list.count():
                self.list.setCurrentRow(0)
        finally:
            self._updating = False
        self._fill_fields()

    def _fill_fields(self) -> None:
        entity_id = self.current_id()
        self.fields_box.setEnabled(entity_id is not None)
        self.remove_button.setEnabled(entity_id is not None)
        if entity_id is None:
            return
        entity = getattr(self.journey, self.what)(entity_id)
        self._updating = True
        try:
            set_text(self.name, entity.name)
            self.color.setIcon(swatch_icon(entity.color))
            self.color.setText(entity.color.upper())
            for attr, edit in self.texts.items():
                set_text(edit, getattr(entity, attr))
        finally:
            self._updating = False

    # --------------------------------------------------------------- editing
    def _end_burst(self) -> None:
        self._burst += 1

    def _set(self, attr: str, value: Any, merge: bool = False) -> None:
        entity_id = self.current_id()
        if self._updating or entity_id is None:
            return
        key = f"{self.what}:{entity_id}:{attr}:{self._burst}" if merge else None
        label = f"Rename {self.what}" if attr == "name" else f"Change {self.what} {attr}"
        self._push(update(self.what, entity_id, label, **{attr: value}), key)

    def add(self) -> str:
        """Add a new entity, select it and put the cursor in its name; returns its id."""
        prefix = self.what[0]
        entity = self.new_entity(
            self.journey.new_id(prefix), department_color(len(self.entities()))
        )
        self._push(self.add_edit(entity))
        self.select(entity.id)
        self.name.setFocus()
        self.name.selectAll()
        return entity.id

    def select(self, entity_id: str) -> None:
        """Select the entity with this id in the list."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == entity_id:
                self.list.setCurrentRow(row)

    def set_color(self, color: str) -> None:
        """Recolour the selected entity (``#RRGGBB``)."""
        self._set("color", QColor(color).name().upper())

    def _pick_color(self) -> None:
        entity_id = self.current_id()
        if entity_id is None:
            return
        current = QColor(getattr(self.journey, self.what)(entity_id).color)
        chosen = QColorDialog.getColor(current, self, f"Colour of the {self.what}")
        if chosen.isValid():
            self.set_color(chosen.name())

    def remove_current(self) -> bool:
        """Remove the selected entity after asking when cards still refer to it."""
        entity_id = self.current_id()
        if entity_id is None:
            return False
        count = self.users(entity_id)
        if count:
            name = getattr(self.journey, self.what)(entity_id).name
            answer = QMessageBox.question(
                self,
                f"Remove {self.what}",
                f"{count} card{'s' if count != 1 else ''} refer to \u201c{name}\u201d. "
                f"Remove the {self.what} from {'them' if count != 1 else 'it'} as well?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self._push(self.remove_edit(entity_id))
        return True
