"""The inspector's form for the selected card, or for several cards at once.

One card: every attribute (title, notes, kind, channel, owner, emotion,
evidence, personas, metrics).  Several cards: the attributes that make sense
to set on all of them in one step (kind, channel, owner, emotion, evidence,
personas); a field whose value differs between them shows blank.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.layout.style import DEFAULT_STYLE
from app.model.edits import Compound, UpdateCard
from app.model.journey import CARD_KINDS, Card, Change
from app.panels.icons import face_icon, swatch_icon
from app.panels.inspector_forms import Form, choice_combo, form_layout, heading, set_text
from app.panels.labels import CARD_KIND_NAMES, EMOTION_NAMES, EVIDENCE_NAMES

_EMOTIONS = (None, -2, -1, 0, 1, 2)
_MIXED = object()  # the cards disagree on a value


class EmotionPicker(QWidget):
    """A row of faces, one per emotion -2..2, and a blank one for "no emotion"."""

    #: The user picked an emotion (an int, or None).
    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: dict[int | None, QToolButton] = {}
        for value in _EMOTIONS:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setIcon(face_icon(value))
            button.setIconSize(QSize(28, 28))
            button.setToolTip(EMOTION_NAMES[value])
            button.setAccessibleName(f"Emotion: {EMOTION_NAMES[value]}")
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
    """Edits the selected card(s); every change is one undo step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_ids: list[str] = []
        self._departments: tuple = ()
        self._personas: tuple = ()
        self.heading = heading("Card", self)
        self.title = self.line_edit(lambda t: self._set("title", t, merge=True))
        self.title.setPlaceholderText("What happens")
        self.notes = self.text_edit(lambda t: self._set("notes", t, merge=True))
        kind_icons = {k: swatch_icon(*DEFAULT_STYLE.card_colors[k]) for k in CARD_KINDS}
        self.kind = choice_combo(self, CARD_KIND_NAMES, kind_icons)
        self.kind.activated.connect(lambda _: self._set("kind", self.kind.currentData()))
        self.channel = self.line_edit(lambda t: self._set("channel", t.strip(), merge=True))
        self.channel.setPlaceholderText("Website, Phone, E-mail, In person\u2026")
        self._channels = QStringListModel(self)
        completer = QCompleter(self._channels, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(lambda text: self._set("channel", text))
        self.channel.setCompleter(completer)
        self.owner = QComboBox(self)
        self.owner.activated.connect(lambda _: self._set("owner", self.owner.currentData()))
        self.emotion = EmotionPicker(self)
        self.emotion.chosen.connect(lambda v: self._set("emotion", v))
        self.evidence = choice_combo(self, EVIDENCE_NAMES)
        self.evidence.activated.connect(
            lambda _: self._set("evidence", self.evidence.currentData())
        )
        for combo in (self.kind, self.owner, self.evidence):
            combo.setPlaceholderText("(several)")  # shown when the cards disagree
        self.personas = QListWidget(self)
        self.personas.setObjectName("personaList")
        self.personas.itemChanged.connect(self._persona_toggled)
        self.personas_hint = QLabel("None checked: the card is for every persona.", self)
        self.personas_hint.setObjectName("inspectorHint")
        self.personas_hint.setWordWrap(True)
        self.metrics = MetricsEditor(self)
        self._build_layout()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        form = form_layout(self)
        form.addRow("Title", self.title)
        form.addRow("Notes", self.notes)
        form.addRow("Kind", self.kind)
        form.addRow("Channel", self.channel)
        form.addRow("Owner", self.owner)
        form.addRow("Emotion", self.emotion)
        form.addRow("Evidence", self.evidence)
        form.addRow("Personas", self.personas)
        form.addRow("", self.personas_hint)
        form.addRow("Metrics", self.metrics)
        self._form = form
        layout.addLayout(form)
        layout.addStretch(1)

    # ---------------------------------------------------------------- showing
    def show_cards(self, card_ids: list[str]) -> None:
        """Edit these cards (one or more)."""
        if card_ids != self.card_ids:
            # A new selection: a new typing burst, and fresh channel completions
            # (not on every keystroke: that would walk all cards each time).
            self.end_burst()
            used = {c.channel for c in self.journey.cards if c.channel}
            self._channels.setStringList(sorted(used, key=str.casefold))
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
        for widget in (self.title, self.notes, self.metrics):
            widget.setVisible(single)
            self._form.labelForField(widget).setVisible(single)
        self._fill_choices()
        if single:
            set_text(self.title, cards[0].title)
            set_text(self.notes, cards[0].notes)
            self.metrics.show_metrics(cards[0].metrics)
        channel = self._common("channel")
        set_text(self.channel, "" if channel is _MIXED else channel)
        self.channel.setPlaceholderText(
            "(several)" if channel is _MIXED else "Website, Phone\u2026"
        )
        for combo, name in (
            (self.kind, "kind"),
            (self.owner, "owner"),
            (self.evidence, "evidence"),
        ):
            value = self._common(name)
            combo.setCurrentIndex(-1 if value is _MIXED else combo.findData(value))
        self.emotion.set_emotion(self._common("emotion"))
        self._fill_personas(cards)

    def _fill_choices(self) -> None:
        """Rebuild the owner and persona lists when departments or personas changed."""
        departments = tuple((d.id, d.name, d.color) for d in self.journey.departments)
        if departments != self._departments:
            self._departments = departments
            self.owner.clear()
            self.owner.addItem("No owner", None)
            for dep_id, name, color in departments:
                self.owner.addItem(swatch_icon(color), name, dep_id)
        personas = tuple((p.id, p.name, p.color) for p in self.journey.personas)
        if personas != self._personas:
            self._personas = personas
            self.personas.clear()
            for persona_id, name, color in personas:
                item = QListWidgetItem(swatch_icon(color), name, self.personas)
                item.setData(Qt.ItemDataRole.UserRole, persona_id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        rows = max(1, min(len(personas), 6))
        frame = 2 * self.personas.frameWidth() + 12  # frame and the stylesheet's padding
        self.personas.setFixedHeight(self.personas.sizeHintForRow(0) * rows + frame)
        self.personas.setVisible(bool(personas))
        self.personas_hint.setText(
            "None checked: the card is for every persona."
            if personas
            else "No personas yet (Map \u203a Personas\u2026)."
        )

    def _fill_personas(self, cards: list[Card]) -> None:
        for row in range(self.personas.count()):
            item = self.personas.item(row)
            persona_id = item.data(Qt.ItemDataRole.UserRole)
            having = sum(persona_id in c.personas for c in cards)
            state = (
                Qt.CheckState.Checked
                if having == len(cards)
                else Qt.CheckState.Unchecked
                if having == 0
                else Qt.CheckState.PartiallyChecked
            )
            item.setCheckState(state)

    def concerns(self, change: Change) -> bool:
        if change.kind.startswith(("department_", "persona_")):
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

    def _persona_toggled(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        persona_id = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        order = [p.id for p in self.journey.personas]
        edits = []
        for card in self.cards():
            wanted = set(card.personas) | {persona_id} if on else set(card.personas) - {persona_id}
            personas = [p for p in order if p in wanted]
            if personas != card.personas:
                edits.append(UpdateCard(card.id, (("personas", personas),)))
        if edits:
            self.push(Compound(tuple(edits), "Edit card personas"))

    def set_metrics(self, metrics: dict[str, float]) -> None:
        """Replace the single card's metrics (called by the metrics editor)."""
        self._set("metrics", metrics)


class MetricsEditor(QWidget):
    """A name/number table with Add and Remove; each change replaces the card's metrics."""

    def __init__(self, form: CardForm) -> None:
        super().__init__(form)
        self._form = form
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
        """Show these metrics (keeps the table as is when they are already shown)."""
        if self._read() == metrics:
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

    def _edited(self, _item: QTableWidgetItem) -> None:
        if self._filling:
            return
        metrics = self._read()
        if metrics is None:  # an empty name or a non-number: put the card's values back
            self.table.setRowCount(0)
            self._form.refresh()
            return
        self._form.set_metrics(metrics)

    def _add(self) -> None:
        current = self._read() or {}
        name, n = "Metric", 1
        while name in current:
            n += 1
            name = f"Metric {n}"
        self._form.set_metrics({**current, name: 0})

    def _remove(self) -> None:
        current = self._read() or {}
        rows = sorted({i.row() for i in self.table.selectedIndexes()}) or [
            self.table.rowCount() - 1
        ]
        names = [self.table.item(r, 0).text().strip() for r in rows if self.table.item(r, 0)]
        self._form.set_metrics({k: v for k, v in current.items() if k not in names})


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
