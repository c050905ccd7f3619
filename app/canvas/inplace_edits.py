"""In-place editing on the canvas: a card's title, a new card typed into a
cell, a flow's label, a stage or lane name.  Each committed edit is one
model edit pushed on the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QTimer

from app.canvas.painting import qrect
from app.canvas.text_field import InlineEditor
from app.canvas.undo import push_edit
from app.model.edits import AddCard, UpdateFlow, update, update_card
from app.model.journey import DEFAULT_CARD_KIND, Card

if TYPE_CHECKING:
    from app.canvas.scene import JourneyScene


class EditingController:
    """Opens at most one `InlineEditor` at a time on a scene and turns what
    was typed into an edit."""

    def __init__(self, scene: JourneyScene) -> None:
        self.scene = scene
        self.editor: InlineEditor | None = None
        self._retired: list[InlineEditor] = []

    @property
    def active(self) -> bool:
        """Whether an editor is open."""
        return self.editor is not None and not self.editor.finished

    def commit(self) -> None:
        """Commit the open editor, if any."""
        if self.active:
            self.editor.finish("focus")

    def cancel(self) -> None:
        """Close the open editor without changing anything."""
        if self.active:
            self.editor.finish("escape")

    # ---------------------------------------------------------------- open
    def edit_card_title(self, card_id: str, typed: str | None = None) -> InlineEditor | None:
        """Edit a card's title over the card.

        Args:
            card_id: the card.
            typed: text typed while the card was selected: it replaces the
                title, as typing into a selected spreadsheet cell does
                (Escape keeps the old title).
        """
        scene = self.scene
        box = scene.layout.cards.get(card_id)
        if box is None:
            return None
        card = scene.journey.card(card_id)

        def done(text: str, how: str) -> None:
            journey = scene.journey
            current = journey.card(card_id).title if journey.has_card(card_id) else None
            if how != "escape" and text and current is not None and text != current:
                push_edit(scene.undo_stack, journey, update_card(card_id, "Edit title", title=text))

        if typed is not None:
            return self._open(
                qrect(box.rect), typed, box.title_size, box.fill, done, select_all=False
            )
        return self._open(qrect(box.rect), card.title, box.title_size, box.fill, done)

    def new_card(self, stage_id: str, lane_id: str, text: str = "") -> InlineEditor | None:
        """Start typing a new card at the end of a cell; Enter adds it."""
        scene = self.scene
        layout = scene.layout
        if (stage_id, lane_id) not in layout.cells:
            return None
        index = len(scene.journey.cell_ids(stage_id, lane_id))
        bar = layout.insertion_marker(stage_id, lane_id, index)
        style = scene.style
        rect = QRectF(bar.x, bar.cy + style.card_gap / 2, style.card_width, style.card_min_height)
        kind = DEFAULT_CARD_KIND.get(scene.journey.lane(lane_id).kind, "touchpoint")
        fill = style.card_colors.get(kind, ("#FFFFFF", ""))[0]

        def done(title: str, how: str) -> None:
            journey = scene.journey
            exists = any(s.id == stage_id for s in journey.stages) and any(
                lane.id == lane_id for lane in journey.lanes
            )
            if how != "escape" and title and exists:
                order = len(journey.cell_ids(stage_id, lane_id))
                card = Card(journey.new_id("c"), stage_id, lane_id, order, title, kind)
                push_edit(scene.undo_stack, journey, AddCard(card, "Add card"))
            if how in ("tab", "backtab"):
                scene.step_cell(1 if how == "tab" else -1)
            elif how in ("enter", "escape"):
                scene.select_cell((stage_id, lane_id))

        return self._open(rect, text, style.card_title_size, fill, done, select_all=False)

    def edit_flow_label(self, flow_id: str) -> InlineEditor | None:
        """Edit a flow's label over its midpoint."""
        scene = self.scene
        item = scene.flow_item(flow_id)
        if item is None:
            return None
        flow = scene.journey.flow(flow_id)
        at = item.label_rect()
        rect = QRectF(at.center().x() - 80, at.center().y() - 14, 160, 28)

        def done(text: str, how: str) -> None:
            journey = scene.journey
            changed = journey.has_flow(flow_id) and text != journey.flow(flow_id).label
            if how != "escape" and changed:
                edit = UpdateFlow(flow_id, (("label", text),), "Edit flow label")
                push_edit(scene.undo_stack, journey, edit)

        size = scene.style.flow_label_size
        return self._open(rect, flow.label, size, "#FFFFFF", done, multiline=False, pad=6.0)

    def rename_header(self, axis: str, header_id: str) -> InlineEditor | None:
        """Rename a stage (``axis == "stage"``) or lane in place."""
        scene = self.scene
        item = scene.header_item(axis, header_id)
        if item is None:
            return None
        rect = item.mapRectToScene(qrect(item.box.rect))

        def entity(journey):
            for e in journey.stages if axis == "stage" else journey.lanes:
                if e.id == header_id:
                    return e
            return None

        def done(text: str, how: str) -> None:
            journey = scene.journey
            current = entity(journey)
            if how != "escape" and text and current is not None and text != current.name:
                label = "Rename stage" if axis == "stage" else "Rename lane"
                push_edit(scene.undo_stack, journey, update(axis, header_id, label, name=text))

        name = entity(scene.journey).name
        return self._open(rect, name, item.box.size, "#FFFFFF", done, multiline=False, pad=8.0)

    # ------------------------------------------------------------ plumbing
    def _open(
        self,
        rect: QRectF,
        text: str,
        size: float,
        fill: str,
        done: Callable[[str, str], None],
        *,
        select_all: bool = True,
        multiline: bool = True,
        pad: float | None = None,
    ) -> InlineEditor:
        self.commit()
        style = self.scene.style
        pad = style.card_pad_x if pad is None else pad

        def finish(value: str, how: str) -> None:
            editor = self.editor
            self.editor = None
            if editor is not None:
                # Removed later: this runs inside the editor's own key handler.
                editor.hide()
                self._retired.append(editor)
                QTimer.singleShot(0, self._sweep)
            done(value, how)
            self.scene.editing_finished()

        editor = InlineEditor(
            rect, text, size, style, finish, fill=fill, select_all=select_all,
            multiline=multiline, pad=pad,
        )
        self.editor = editor
        self.scene.addItem(editor)
        self.scene.focus_editor(editor)
        return editor

    def _sweep(self) -> None:
        for editor in self._retired:
            if editor.scene() is not None:
                editor.scene().removeItem(editor)
        self._retired.clear()


def is_typing_key(text: str, modifiers: Qt.KeyboardModifier) -> bool:
    """Whether a key press types a character (and so may start a new card)."""
    blocked = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return bool(text) and text.isprintable() and not (modifiers & blocked) and text != " "
