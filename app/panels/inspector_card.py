"""The inspector's form for the selected card, or for several cards at once.

The form has one row per field of `app.model.fields.TABLE`, in the table's
``form_rank`` order, with a widget chosen by the field's kind (a line or a
text box, a combo box of its choices, the emotion faces, an owner list, the
persona checklist, the metrics table, a check box, a number box).  One card:
every field.  Several cards: the fields that make sense to set on all of
them in one step (not ``single_only``); a field whose value differs between
them shows blank.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.layout.style import DEFAULT_STYLE
from app.model.changes import CARD_CHOICE_CHANGES
from app.model.edits import Compound, UpdateCard
from app.model.fields import BOOL, METRICS, REF, REFS, TABLE, TEXT, Field, FieldValueError
from app.model.journey import Card, Change
from app.panels.icons import face_icon, swatch_icon
from app.panels.inspector_forms import Form, choice_combo, form_layout, heading, set_text

_MIXED = object()  # the cards disagree on a value

#: Swatches beside the choices of a field, where its values have colours.
_CHOICE_ICONS = {"kind": lambda: {k: swatch_icon(*c) for k, c in DEFAULT_STYLE.card_colors.items()}}


class EmotionPicker(QWidget):
    """A row of faces, one per emotion -2..2, and a blank one for "no emotion"."""

    #: The user picked an emotion (an int, or None).
    chosen = Signal(object)

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: dict[int | None, QToolButton] = {}
        for value in f.options():
            button = QToolButton(self)
            button.setCheckable(True)
            button.setIcon(face_icon(value))
            button.setIconSize(QSize(28, 28))
            button.setToolTip(f.display(value))
            button.setAccessibleName(f"Emotion: {f.display(value)}")
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, v=value: self.chosen.emit(v))
            self._group.addButton(button)
            layout.addWidget(button)
            self.buttons[value] = button
        layout.addStretch(1)

    def set_emotion(self, value: object) -> None:
        """Check the face of ``value``; none when the cards disagree."""
        self._group.setExclusive(False)
        for key, button in self.buttons.items():
            button.setChecked(value is not _MIXED and key == value)
        self._group.setExclusive(True)


class CardForm(Form):
    """Edits the selected card(s); every change is one undo step.

    ``widgets`` holds the widget of each field by name, also reachable as
    an attribute (``form.title``, ``form.owner``...) unless the form has an
    attribute of that name already (``size`` is QWidget's).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_ids: list[str] = []
        self._refs: dict[str, tuple] = {}
        self._suggestions: dict[str, QStringListModel] = {}
        self.fields = TABLE.sorted_card("form_rank")
        self.widgets: dict[str, QWidget] = {}
        self.heading = heading("Card", self)
        for f in self.fields:
            self.widgets[f.name] = self._make_widget(f)
        self.personas_hint = QLabel("None checked: the card is for every persona.", self)
        self.personas_hint.setObjectName("inspectorHint")
        self.personas_hint.setWordWrap(True)
        self._build_layout()

    def __getattr__(self, name: str) -> Any:
        widgets = self.__dict__.get("widgets")
        if widgets is not None and name in widgets:
            return widgets[name]
        raise AttributeError(name)

    # ------------------------------------------------------------- widgets
    def _make_widget(self, f: Field) -> QWidget:
        """The widget that edits field ``f``, wired to push its edits."""
        name = f.name
        if f.widget == "faces":
            faces = EmotionPicker(f, self)
            faces.chosen.connect(lambda v: self._set(name, v))
            return faces
        if f.kind == TEXT:
            return self._text_widget(f)
        if f.kind == REF:
            combo = QComboBox(self)
            combo.activated.connect(lambda _: self._set(name, combo.currentData()))
            combo.setPlaceholderText("(several)")  # shown when the cards disagree
            return combo
        if f.kind == REFS:
            checklist = QListWidget(self)
            checklist.setObjectName("personaList")
            checklist.itemChanged.connect(lambda item: self._ref_toggled(f, item))
            return checklist
        if f.kind == METRICS:
            return MetricsEditor(self, name)
        if f.kind == BOOL:
            box = QCheckBox(self)
            box.clicked.connect(lambda on: self._set(name, bool(on)))
            return box
        if f.options():
            names = {value: f.display(value) for value in f.options()}
            icons = _CHOICE_ICONS[name]() if name in _CHOICE_ICONS else None
            combo = choice_combo(self, names, icons)
            combo.activated.connect(lambda _: self._set(name, combo.currentData()))
            combo.setPlaceholderText("(several)")
            return combo
        return self._number_widget(f)

    def _text_widget(self, f: Field) -> QWidget:
        name, strip = f.name, f.strip
        if f.multiline:
            return self.text_edit(lambda t: self._set(name, t, merge=True))
        edit = self.line_edit(lambda t: self._set(name, t.strip() if strip else t, merge=True))
        edit.setPlaceholderText(f.placeholder)
        if f.suggest:
            model = self._suggestions[name] = QStringListModel(self)
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.activated.connect(lambda text: self._set(name, text))
            edit.setCompleter(completer)
        return edit

    def _number_widget(self, f: Field) -> QLineEdit:
        """A number typed as text, an edit at every keystroke that makes a
        number (one undo step per burst); empty means None (or the default);
        what is not a number when the field is left is put back."""
        edit = QLineEdit(self)
        edit.setPlaceholderText(f.placeholder)
        edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)

        def typed(text: str) -> None:
            try:
                value = f.csv_value(text.strip())
            except FieldValueError:
                return  # not a number yet (a lone "-" or "1."): wait for more
            self._set(f.name, value, merge=True)

        def left() -> None:
            try:
                value = f.csv_value(edit.text().strip())
            except FieldValueError:
                self.refresh()
                return
            self._set(f.name, value)
            set_text(edit, f.edit_text(value))  # "90" typed reads "1.5 h" once done

        edit.textEdited.connect(typed)
        edit.editingFinished.connect(left)
        edit.setProperty("numberField", True)
        return edit

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        form = form_layout(self)
        for f in self.fields:
            form.addRow(f.label, self.widgets[f.name])
            if f.kind == REFS:
                form.addRow("", self.personas_hint)
        self._form = form
        layout.addLayout(form)
        layout.addStretch(1)

    # ---------------------------------------------------------------- showing
    def show_cards(self, card_ids: list[str]) -> None:
        """Edit these cards (one or more)."""
        if card_ids != self.card_ids:
            # A new selection: a new typing burst, and fresh completions (not
            # on every keystroke: that would walk all cards each time).
            self.end_burst()
            for name, model in self._suggestions.items():
                used = {getattr(c, name) for c in self.journey.cards} - {""}
                model.setStringList(sorted(used, key=str.casefold))
        self.card_ids = list(card_ids)
        self.refresh()

    def cards(self) -> list[Card]:
        """The cards being edited that still exist."""
        return [self.journey.card(cid) for cid in self.card_ids if self.journey.has_card(cid)]

    def _common(self, name: str) -> object:
        values = [getattr(c, name) for c in self.cards()]
        return values[0] if values and all(v == values[0] for v in values) else _MIXED

    def _fill(self) -> None:
        cards = self.cards()
        single = len(cards) == 1
        self.heading.setText("Card" if single else f"{len(cards)} cards")
        for f in self.fields:
            widget = self.widgets[f.name]
            shown = single or not f.single_only
            widget.setVisible(shown)
            self._form.labelForField(widget).setVisible(shown)
            if f.kind in (REF, REFS):
                self._fill_refs(f, cards)
            elif shown:
                self._fill_field(f, widget, self._common(f.name))

    def _fill_field(self, f: Field, widget: QWidget, value: object) -> None:
        mixed = value is _MIXED
        if isinstance(widget, EmotionPicker):
            widget.set_emotion(value)
        elif isinstance(widget, MetricsEditor):
            widget.show_metrics(value if not mixed else {})
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(-1 if mixed else widget.findData(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(not mixed and bool(value))
        elif isinstance(widget, QPlainTextEdit):
            set_text(widget, "" if mixed else value)
        elif isinstance(widget, QLineEdit):
            if (not mixed and f.kind != TEXT and widget.hasFocus()
                    and _reads_as(f, widget.text(), value)):
                return  # "90" being typed into "90 min" must not become "1.5 h" under the cursor
            text = "" if mixed else (value if f.kind == TEXT else f.edit_text(value))
            set_text(widget, text)
            widget.setPlaceholderText("(several)" if mixed else f.placeholder)

    def _fill_refs(self, f: Field, cards: list[Card]) -> None:
        """An owner list or a persona checklist: rebuilt when its entities changed."""
        widget = self.widgets[f.name]
        entities = tuple((e.id, e.name, e.color) for e in getattr(self.journey, f.ref + "s"))
        fresh = entities != self._refs.get(f.name)
        self._refs[f.name] = entities
        if f.kind == REF:
            if fresh:
                widget.clear()
                widget.addItem(f"No {f.label.lower()}", None)
                for entity_id, name, color in entities:
                    widget.addItem(swatch_icon(color), name, entity_id)
            value = self._common(f.name)
            widget.setCurrentIndex(-1 if value is _MIXED else widget.findData(value))
            return
        if fresh:
            widget.clear()
            for entity_id, name, color in entities:
                item = QListWidgetItem(swatch_icon(color), name, widget)
                item.setData(Qt.ItemDataRole.UserRole, entity_id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        rows = max(1, min(len(entities), 6))
        frame = 2 * widget.frameWidth() + 12  # frame and the stylesheet's padding
        widget.setFixedHeight(widget.sizeHintForRow(0) * rows + frame)
        widget.setVisible(bool(entities))
        self.personas_hint.setText(
            "None checked: the card is for every persona."
            if entities
            else "No personas yet (Map \u203a Personas\u2026)."
        )
        for row in range(widget.count()):
            item = widget.item(row)
            entity_id = item.data(Qt.ItemDataRole.UserRole)
            having = sum(entity_id in getattr(c, f.name) for c in cards)
            state = (
                Qt.CheckState.Checked
                if having == len(cards)
                else Qt.CheckState.Unchecked
                if having == 0
                else Qt.CheckState.PartiallyChecked
            )
            item.setCheckState(state)

    def concerns(self, change: Change) -> bool:
        if change.kind in CARD_CHOICE_CHANGES:
            return True
        return bool(set(self.card_ids) & set(change.ids))

    # ---------------------------------------------------------------- editing
    def _set(self, name: str, value: object, merge: bool = False) -> None:
        cards = self.cards()
        if not cards or self._updating:
            return
        changed = [c for c in cards if getattr(c, name) != value]
        if not changed:
            return
        label = f"Edit card {name}"
        if len(cards) == 1:
            key = f"card:{cards[0].id}:{name}" if merge else None
            self.push(UpdateCard(cards[0].id, ((name, value),), label), key)
        else:
            self.push(Compound(tuple(UpdateCard(c.id, ((name, value),)) for c in changed), label))

    def set_field(self, name: str, value: object, merge: bool = False) -> None:
        """Set a field of the card(s) being edited (one undo step; with
        ``merge``, a burst of keystrokes makes one step)."""
        self._set(name, value, merge)

    def set_metrics(self, metrics: dict[str, float]) -> None:
        """Replace the single card's metrics."""
        self.set_field("metrics", metrics)

    def _ref_toggled(self, f: Field, item: QListWidgetItem) -> None:
        if self._updating:
            return
        ref_id = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        order = [e.id for e in getattr(self.journey, f.ref + "s")]
        edits = []
        for card in self.cards():
            current = getattr(card, f.name)
            wanted = set(current) | {ref_id} if on else set(current) - {ref_id}
            refs = [r for r in order if r in wanted]
            if refs != current:
                edits.append(UpdateCard(card.id, ((f.name, refs),)))
        if edits:
            self.push(Compound(tuple(edits), f"Edit card {f.name}"))


class MetricsEditor(QWidget):
    """A name/number table with Add and Remove; each change replaces the card's metrics."""

    def __init__(self, form: CardForm, name: str = "metrics") -> None:
        super().__init__(form)
        self._form = form
        self._name = name
        self._filling = False
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName("Metrics")
        self.table.setHorizontalHeaderLabels(["Metric", "Value"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._edited)
        # Typing in a cell is an edit at once, as in every other field: a
        # crash before Enter loses nothing.
        self._typing = False
        self.table.setItemDelegate(_LiveCellDelegate(self))
        add = QPushButton("Add", self)
        add.clicked.connect(self._add)
        self.remove = QPushButton("Remove", self)
        self.remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_metrics(self, metrics: dict[str, float]) -> None:
        """Show these metrics (keeps the table as is when they are already shown,
        or while a cell is being typed in: its edits are what changed them)."""
        if self._typing or self._read() == metrics:
            return
        self._filling = True
        self.table.setRowCount(0)
        for name, value in metrics.items():
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(_format_number(value)))
        self._filling = False
        rows = max(2, min(len(metrics), 6))
        # The rows' real height (it grows with the font), so the last row and
        # the buttons below are never cut off.
        row_h = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + row_h * rows + 2 * self.table.frameWidth() + 2)
        self.remove.setEnabled(bool(metrics))

    def _read(self) -> dict[str, float] | None:
        metrics: dict[str, float] = {}
        for row in range(self.table.rowCount()):
            name_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            name = name_item.text().strip() if name_item else ""
            value = _parse_number(value_item.text() if value_item else "")
            if not name or value is None:
                return None
            metrics[name] = value
        return metrics

    def typed(self, row: int, column: int, text: str) -> None:
        """A keystroke in a cell's editor: the card takes the metrics as typed
        so far, when they make sense (a name and a number)."""
        self._typing = True
        metrics: dict[str, float] = {}
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in (0, 1)]
            texts = [item.text() if item else "" for item in cells]
            if r == row:
                texts[column] = text
            name, value = texts[0].strip(), _parse_number(texts[1])
            if not name or value is None:
                return  # not a metric yet: wait for more keys
            metrics[name] = value
        self._form.set_field(self._name, metrics, merge=True)

    def editing_ended(self) -> None:
        """The cell editor closed (committed or cancelled)."""
        self._typing = False

    def _edited(self, _item: QTableWidgetItem) -> None:
        if self._filling:
            return
        metrics = self._read()
        if metrics is None:  # an empty name or a non-number: put the card's values back
            self.table.setRowCount(0)
            self._form.refresh()
            return
        self._form.set_field(self._name, metrics)

    def _add(self) -> None:
        current = self._read() or {}
        name, n = "Metric", 1
        while name in current:
            n += 1
            name = f"Metric {n}"
        self._form.set_field(self._name, {**current, name: 0})

    def _remove(self) -> None:
        current = self._read() or {}
        rows = sorted({i.row() for i in self.table.selectedIndexes()}) or [
            self.table.rowCount() - 1
        ]
        names = [self.table.item(r, 0).text().strip() for r in rows if self.table.item(r, 0)]
        self._form.set_field(self._name, {k: v for k, v in current.items() if k not in names})


class _LiveCellDelegate(QStyledItemDelegate):
    """The metrics table's cell editor, reporting every keystroke."""

    def __init__(self, owner: MetricsEditor) -> None:
        super().__init__(owner)
        self._owner = owner

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            row, column = index.row(), index.column()
            editor.textEdited.connect(lambda text: self._owner.typed(row, column, text))
        return editor

    def destroyEditor(self, editor, index) -> None:
        self._owner.editing_ended()
        super().destroyEditor(editor, index)


def _format_number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _parse_number(text: str) -> float | int | None:
    text = text.strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() and "." not in text and "e" not in text else number


def _reads_as(f: Field, text: str, value: object) -> bool:
    """Whether ``text`` (what the user typed) already means ``value``."""
    try:
        return f.csv_value(text.strip()) == value
    except FieldValueError:
        return False
