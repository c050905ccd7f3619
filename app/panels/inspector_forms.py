"""The inspector's forms for a flow, a cell's stage and lane, and the map itself.

Every form reads its fields from the model in `refresh` and turns each user
change into one edit pushed on the undo stack.  Typing pushes an edit per
keystroke with a merge key (``"flow:f3:label:2"``), so a burst of typing in
one field is one undo step; leaving the field starts a new burst.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.canvas.undo import push_edit
from app.layout.style import DEFAULT_STYLE, flow_color, lane_accent
from app.model.edits import Edit, SetInfo, UpdateFlow, update
from app.model.journey import FLOW_KINDS, LANE_KINDS, Change, Journey
from app.model.vocabulary import FLOW_KIND_NAMES, LANE_KIND_NAMES
from app.panels.icons import swatch_icon


class Form(QWidget):
    """Base of the inspector's pages: binding to a journey, guarded refresh, pushing edits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journey: Journey | None = None
        self.stack: QUndoStack | None = None
        self._updating = False
        self._burst = 0  # part of merge keys: a new burst of typing after leaving a field

    def bind(self, journey: Journey, stack: QUndoStack) -> None:
        """Edit ``journey`` through ``stack`` from now on."""
        self.journey, self.stack = journey, stack

    def push(self, edit: Edit, merge_key: str | None = None) -> None:
        """Apply ``edit`` through the undo stack (merging typing bursts by ``merge_key``)."""
        if self._updating or self.journey is None or self.stack is None:
            return
        key = f"{merge_key}:{self._burst}" if merge_key else None
        push_edit(self.stack, self.journey, edit, merge_key=key)

    def end_burst(self) -> None:
        """The next keystroke starts a new undo step."""
        self._burst += 1

    def refresh(self) -> None:
        """Show the model's current values without pushing anything back."""
        self._updating = True
        try:
            self._fill()
        finally:
            self._updating = False

    def _fill(self) -> None:
        raise NotImplementedError

    def concerns(self, change: Change) -> bool:
        """Whether a model change may alter what this form shows."""
        return True

    # ------------------------------------------------------------ field helpers
    def line_edit(self, on_text: Callable[[str], None]) -> QLineEdit:
        """A one-line field that calls ``on_text`` on each user keystroke."""
        edit = QLineEdit(self)
        edit.textEdited.connect(on_text)
        edit.editingFinished.connect(self.end_burst)
        edit.installEventFilter(_FieldKeys(self))
        return edit

    def text_edit(self, on_text: Callable[[str], None], lines: int = 4) -> QPlainTextEdit:
        """A multi-line field that calls ``on_text`` on each user change."""
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 16)
        edit.textChanged.connect(lambda: None if self._updating else on_text(edit.toPlainText()))
        edit.installEventFilter(_FieldKeys(self))
        return edit

    def before_undo(self) -> None:
        """Called when Undo or Redo is pressed in one of the form's fields."""
        self.end_burst()


class _FieldKeys(QObject):
    """Makes Undo and Redo in a field act on the map, and ends bursts on focus out.

    A text field has its own undo history; left alone it would take Ctrl+Z
    and undo keystrokes behind the map's back.  Refusing the shortcut
    override lets the window's Undo action, and so the map's stack, have it.
    """

    def __init__(self, form: Form) -> None:
        super().__init__(form)
        self._form = form

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self._form.end_burst()
        elif kind == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
        ):
            self._form.before_undo()
            event.ignore()
            return True
        return False


def set_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Set a field's text only when it differs, so the cursor stays put while typing."""
    current = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
    if current != text:
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        else:
            widget.setText(text)
            room = widget.contentsRect().width() - 8
            long = widget.fontMetrics().horizontalAdvance(text) > room
            if long and widget.isVisible() and not widget.hasFocus():
                # Qt leaves the cursor at the end, so a long title would show
                # its last words: show its start instead.
                widget.setCursorPosition(0)


def heading(text: str, parent: QWidget) -> QLabel:
    """A section heading of the inspector."""
    label = QLabel(text, parent)
    label.setObjectName("inspectorHeading")
    return label


def form_layout(widget: QWidget) -> QFormLayout:
    """A form layout with labels above the fields: reads well in a narrow dock."""
    layout = QFormLayout()
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setVerticalSpacing(6)
    return layout


def choice_combo(parent: QWidget, names: dict, icons: dict | None = None) -> QComboBox:
    """A combo box whose items carry the model's values as data."""
    combo = QComboBox(parent)
    for value, name in names.items():
        if icons and value in icons:
            combo.addItem(icons[value], name, value)
        else:
            combo.addItem(name, value)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    """Show the item whose data is ``value`` (none when absent)."""
    combo.setCurrentIndex(combo.findData(value) if value is not None else combo.findData(None))


# --------------------------------------------------------------------- flow
class FlowForm(Form):
    """A flow's kind and label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow_id = ""
        icons = {k: swatch_icon(flow_color(DEFAULT_STYLE, k)) for k in FLOW_KINDS}
        self.route = QLabel(self)
        self.route.setWordWrap(True)
        self.kind = choice_combo(self, FLOW_KIND_NAMES, icons)
        self.kind.activated.connect(lambda _: self._set("kind", self.kind.currentData()))
        self.label = self.line_edit(lambda text: self._set("label", text, merge=True))
        self.label.setPlaceholderText("What happens along this path")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Flow", self))
        layout.addWidget(self.route)
        form = form_layout(self)
        form.addRow("Kind", self.kind)
        form.addRow("Label", self.label)
        layout.addLayout(form)
        layout.addStretch(1)

    def show_flow(self, flow_id: str) -> None:
        """Edit the flow with this id."""
        if flow_id != self.flow_id:
            self.end_burst()
        self.flow_id = flow_id
        self.refresh()

    def _set(self, name: str, value: object, merge: bool = False) -> None:
        key = f"flow:{self.flow_id}:{name}" if merge else None
        self.push(UpdateFlow(self.flow_id, ((name, value),), f"Edit flow {name}"), key)

    def _fill(self) -> None:
        flow = self.journey.flow(self.flow_id)
        source = self.journey.card(flow.source).title or flow.source
        target = self.journey.card(flow.target).title or flow.target
        self.route.setText(f"{source}  \u2192  {target}")
        select_data(self.kind, flow.kind)
        set_text(self.label, flow.label)

    def concerns(self, change: Change) -> bool:
        return self.flow_id in change.ids or change.kind == "card_changed"


# --------------------------------------------------------------------- cell
class CellForm(Form):
    """The stage and the lane of the selected cell (or of a selected header)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_id: str | None = None
        self.lane_id: str | None = None
        self.stage_heading = heading("Stage", self)
        self.stage_name = self.line_edit(lambda t: self._set("stage", "name", t))
        self.stage_description = self.text_edit(lambda t: self._set("stage", "description", t))
        self.lane_heading = heading("Lane", self)
        self.lane_name = self.line_edit(lambda t: self._set("lane", "name", t))
        icons = {k: swatch_icon(lane_accent(DEFAULT_STYLE, k)) for k in LANE_KINDS}
        self.lane_kind = choice_combo(self, LANE_KIND_NAMES, icons)
        self.lane_kind.activated.connect(
            lambda _: self._set("lane", "kind", self.lane_kind.currentData(), merge=False)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage_heading)
        self.stage_form = form_layout(self)
        self.stage_form.addRow("Name", self.stage_name)
        self.stage_form.addRow("Description", self.stage_description)
        layout.addLayout(self.stage_form)
        layout.addSpacing(12)
        layout.addWidget(self.lane_heading)
        self.lane_form = form_layout(self)
        self.lane_form.addRow("Name", self.lane_name)
        self.lane_form.addRow("Kind", self.lane_kind)
        layout.addLayout(self.lane_form)
        layout.addStretch(1)

    def show_cell(self, stage_id: str | None, lane_id: str | None) -> None:
        """Edit this stage and this lane (either may be None)."""
        if (stage_id, lane_id) != (self.stage_id, self.lane_id):
            self.end_burst()
        self.stage_id, self.lane_id = stage_id, lane_id
        self.refresh()

    def _set(self, what: str, name: str, value: object, merge: bool = True) -> None:
        entity_id = self.stage_id if what == "stage" else self.lane_id
        if entity_id is None:
            return
        key = f"{what}:{entity_id}:{name}" if merge else None
        self.push(update(what, entity_id, f"Edit {what} {name}", **{name: value}), key)

    def _fill(self) -> None:
        has_stage, has_lane = self.stage_id is not None, self.lane_id is not None
        for widget in (self.stage_heading, self.stage_name, self.stage_description):
            widget.setVisible(has_stage)
        for widget in (self.lane_heading, self.lane_name, self.lane_kind):
            widget.setVisible(has_lane)
        for form in (self.stage_form, self.lane_form):
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if label is not None and label.widget() is not None:
                    label.widget().setVisible(has_stage if form is self.stage_form else has_lane)
        if has_stage:
            stage = self.journey.stage(self.stage_id)
            set_text(self.stage_name, stage.name)
            set_text(self.stage_description, stage.description)
        if has_lane:
            lane = self.journey.lane(self.lane_id)
            set_text(self.lane_name, lane.name)
            select_data(self.lane_kind, lane.kind)

    def concerns(self, change: Change) -> bool:
        return bool({self.stage_id, self.lane_id} & set(change.ids))


# ---------------------------------------------------------------------- map
class MapForm(Form):
    """The map's title and description, shown when nothing is selected.

    The model's `SetInfo` edit does not merge, so these fields push one edit
    when the user leaves them (or presses Enter) rather than one per keystroke.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("Name of this journey")
        self.title.editingFinished.connect(self._commit)
        self.title.installEventFilter(_FieldKeys(self))
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 6 + 16)
        self.description.installEventFilter(_FieldKeys(self))
        self.summary = QLabel(self)
        self.summary.setObjectName("inspectorHint")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Map", self))
        form = form_layout(self)
        form.addRow("Title", self.title)
        form.addRow("Description", self.description)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def end_burst(self) -> None:
        # Leaving a field commits it: this form pushes one edit per visit.
        super().end_burst()
        self._commit()

    def _commit(self) -> None:
        if self.journey is None:
            return
        title, description = self.title.text(), self.description.toPlainText()
        if (title, description) != (self.journey.title, self.journey.description):
            self.push(SetInfo(title, description, "Edit map title"))

    def _fill(self) -> None:
        set_text(self.title, self.journey.title)
        set_text(self.description, self.journey.description)
        j = self.journey
        self.summary.setText(
            f"{len(j.stages)} stages \u00b7 {len(j.lanes)} lanes \u00b7 "
            f"{j.graph.number_of_nodes()} cards \u00b7 {j.graph.number_of_edges()} flows\n\n"
            + (f"Future state of \u201c{j.based_on['title']}\u201d ({j.based_on['file']})\n\n"
               if j.based_on else "")
            + "Select a card, a flow or a cell to edit it here."
        )

    def concerns(self, change: Change) -> bool:
        return True
