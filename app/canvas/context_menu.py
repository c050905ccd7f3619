"""Right-click menus on the canvas.

`CanvasMenus` fills a QMenu for a point of the scene: the card (or the
selected cards) under it, a flow, a stage or lane header, or an empty cell.
Right-clicking an item that is not selected selects it first; right-clicking
one of several selected cards acts on all of them.  Every entry ends in one
edit pushed on the undo stack, or opens an in-place editor (whose commit is
one edit), or triggers one of the window's Edit actions (so that their
shortcuts show in the menu).

Building a menu is separate from showing it: `JourneyView` creates the menu,
asks its ``context_menu_provider`` (a `CanvasMenus`) to fill it, and shows it
only when something was added; tests fill a menu and trigger its actions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.canvas.items import CardItem, CornerItem, FlowItem, HeaderItem
from app.canvas.map_operations import add_card_at, insert_lane, insert_stage
from app.canvas.scene import JourneyScene
from app.canvas.text_field import InlineEditor
from app.canvas.undo import push_edit
from app.model.edits import (
    AddFlow,
    Compound,
    Edit,
    MoveLane,
    MoveStage,
    RemoveFlow,
    RemoveLane,
    RemoveStage,
    UpdateCard,
    UpdateFlow,
    update,
)
from app.model.fields import INTEGER, REF, REFS, TABLE, Field
from app.model.journey import (
    CARD_KINDS,
    DEFAULT_CARD_KIND,
    FLOW_KINDS,
    LANE_KINDS,
    Card,
    Flow,
)
from app.model.vocabulary import CARD_KIND_NAMES, FLOW_KIND_NAMES, LANE_KIND_NAMES

Cell = tuple[str, str]
#: Asks the user a yes/no question: ``confirm(title, text) -> yes``.
Confirm = Callable[[str, str], bool]


class EditActions(Protocol):
    """The window's Edit actions the card and flow menus reuse."""

    cut: QAction
    copy: QAction
    paste: QAction
    duplicate: QAction
    delete: QAction


@dataclass(frozen=True)
class MenuTarget:
    """What a right-click landed on.

    ``kind`` is ``"card"``, ``"flow"``, ``"stage"``, ``"lane"`` or ``"cell"``;
    ``ids`` the card, flow, stage or lane id (one), or ``(stage, lane)`` of a cell.
    """

    kind: str
    ids: tuple[str, ...]


def target_at(scene: JourneyScene, pos: QPointF) -> MenuTarget | None:
    """The card, flow, header or cell under a scene point (None: an in-place
    editor, the corner box, or outside the map)."""
    for item in scene.items(pos, Qt.ItemSelectionMode.IntersectsItemShape,
                            Qt.SortOrder.DescendingOrder):
        if isinstance(item, InlineEditor | CornerItem):
            return None
        if isinstance(item, CardItem):
            return MenuTarget("card", (item.card_id,))
        if isinstance(item, FlowItem):
            return MenuTarget("flow", (item.flow_id,))
        if isinstance(item, HeaderItem):
            return MenuTarget(item.axis, (item.header_id,))
    cell = scene.layout.cell_at(pos.x(), pos.y())
    return MenuTarget("cell", cell) if cell is not None else None


# ------------------------------------------------------- shared operations
def reverse_flows_edit(scene: JourneyScene, flow_ids: Iterable[str]) -> Compound:
    """One edit turning each flow round (removed, then added back the other way
    under the same id, so that undo and the selection keep track of it)."""
    journey = scene.journey
    edits: list[Edit] = []
    for fid in flow_ids:
        f = journey.flow(fid)
        edits += [RemoveFlow(fid), AddFlow(Flow(fid, f.target, f.source, f.kind, f.label,
                                                dict(f.extra)))]
    return Compound(tuple(edits), "Reverse flow")


# ------------------------------------------------------------ access keys
def mnemonic(text: str) -> str | None:
    """The access key of a menu text (the letter after a single ``&``), lower case."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def assign_access_keys(menu: QMenu) -> None:
    """Give every entry of ``menu`` (and of its submenus) that has none an
    access key no other entry of the same menu uses: first letters of words
    first, then any letter.  Texts must already escape ``&`` as ``&&``."""
    actions = [a for a in menu.actions() if not a.isSeparator()]
    used = {key for a in actions if (key := mnemonic(a.text()))}
    for action in actions:
        text = action.text()
        if mnemonic(text) is None:
            at = _free_letter(text, used)
            if at is not None:
                used.add(text[at].lower())
                action.setText(text[:at] + "&" + text[at:])
        if action.menu() is not None:
            assign_access_keys(action.menu())


def _free_letter(text: str, used: set[str]) -> int | None:
    starts = [i for i, ch in enumerate(text) if ch.isalnum() and (i == 0 or text[i - 1] == " ")]
    for i in starts + list(range(len(text))):
        ch = text[i]
        if ch.isalnum() and ch.lower() not in used and (i == 0 or text[i - 1] != "&"):
            return i
    return None


def _menu_choices(journey: Any, f: Field) -> list[tuple[Any, str]]:
    """A card field's menu entries: its values (a scale from high to low, the
    map's departments for an owner), then "none" last."""
    if f.kind == REF:
        entities = [(e.id, e.name) for e in getattr(journey, f.ref + "s")]
        return [*entities, (None, f"No {f.label.lower()}")]
    values = [v for v in f.options() if v is not None]
    if f.kind == INTEGER:
        values.reverse()
    if f.nullable:
        values.append(None)
    return [(v, f.display(v)) for v in values]


def _escaped(text: str) -> str:
    return text.replace("&", "&&")


# ------------------------------------------------------------------ menus
class CanvasMenus:
    """Fills context menus for a scene; set an instance as the view's
    ``context_menu_provider``.

    Args:
        scene: the canvas.
        edit_actions: the window's Cut, Copy, Paste, Duplicate and Delete
            actions (or None: the card and flow menus then leave them out).
        parent: the widget confirmation questions are asked over.
        confirm: asks a yes/no question; a QMessageBox by default.
    """

    def __init__(
        self,
        scene: JourneyScene,
        edit_actions: EditActions | None = None,
        parent: QWidget | None = None,
        confirm: Confirm | None = None,
    ) -> None:
        self.scene = scene
        self.edit_actions = edit_actions
        self._parent = parent
        self.confirm = confirm or self._ask

    def __call__(self, menu: QMenu, pos: QPointF) -> None:
        self.fill(menu, pos)

    def fill(self, menu: QMenu, pos: QPointF) -> MenuTarget | None:
        """Add the entries for what is under scene point ``pos`` to ``menu``
        (selecting it first when needed); returns what that was."""
        target = target_at(self.scene, pos)
        if target is None:
            return None
        build = {
            "card": self._card_menu, "flow": self._flow_menu, "cell": self._cell_menu,
            "stage": self._stage_menu, "lane": self._lane_menu,
        }[target.kind]
        build(menu, target)
        assign_access_keys(menu)
        return target

    # ------------------------------------------------------------ helpers
    def _push(self, edit: Edit) -> None:
        push_edit(self.scene.undo_stack, self.scene.journey, edit)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self._parent, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    @staticmethod
    def _entry(menu: QMenu, text: str, slot: Callable[[], Any], enabled: bool = True,
               shortcut: str | None = None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False: slot())
        action.setEnabled(enabled)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    @staticmethod
    def _choices(menu: QMenu, title: str, options: Sequence[tuple[Any, str]],
                 current: set[Any], apply: Callable[[Any], None]) -> QMenu:
        """A submenu of exclusive choices; the current one is checked when all
        the targets share it."""
        sub = menu.addMenu(title)
        group = QActionGroup(sub)
        for value, label in options:
            if value is None and sub.actions():
                sub.addSeparator()
            action = sub.addAction(_escaped(label))
            action.setCheckable(True)
            action.setChecked(current == {value})
            action.setActionGroup(group)
            action.triggered.connect(partial(lambda v, _=False: apply(v), value))
        return sub

    def _add_edit_actions(self, menu: QMenu, names: Sequence[str]) -> None:
        if self.edit_actions is not None:
            menu.addActions([getattr(self.edit_actions, name) for name in names])

    # -------------------------------------------------------------- cards
    def _card_menu(self, menu: QMenu, target: MenuTarget) -> None:
        scene = self.scene
        if target.ids[0] not in scene.selected_card_ids():
            scene.select_cards(target.ids)
        ids = scene.selected_card_ids()
        cards = [scene.journey.card(cid) for cid in ids]
        self._entry(menu, "&Edit Title", lambda: scene.start_editing_title(ids[0]),
                    len(ids) == 1, "F2")
        menu.addSeparator()
        self._add_edit_actions(menu, ("cut", "copy", "paste", "duplicate", "delete"))
        menu.addSeparator()

        # One submenu per field of the table that has a menu title.
        for f in TABLE.card:
            if f.menu is None:
                continue
            if f.kind == REFS:
                self._refs_menu(menu, f, ids, cards)
                continue
            label = f"Change {f.name}"
            self._choices(menu, f.menu, _menu_choices(scene.journey, f),
                          {getattr(c, f.name) for c in cards},
                          partial(self._set_cards, ids, f.name, label=label))

    def _refs_menu(self, menu: QMenu, f: Field, ids: list[str], cards: list[Card]) -> None:
        """A checklist of the map's personas (or other entities a field refers to)."""
        sub = menu.addMenu(f.menu)
        entities = getattr(self.scene.journey, f.ref + "s")
        sub.setEnabled(bool(entities))  # the map has none to choose from
        for entity in entities:
            action = sub.addAction(_escaped(entity.name))
            action.setCheckable(True)
            action.setChecked(all(entity.id in getattr(c, f.name) for c in cards))
            action.triggered.connect(
                lambda checked, eid=entity.id: self._set_ref(ids, f.name, eid, checked))

    def _set_cards(self, ids: Sequence[str], attr: str, value: Any, *, label: str) -> None:
        journey = self.scene.journey
        edits = tuple(UpdateCard(cid, ((attr, value),), label) for cid in ids
                      if journey.has_card(cid) and getattr(journey.card(cid), attr) != value)
        if edits:
            self._push(edits[0] if len(edits) == 1 else Compound(edits, label))

    def _set_ref(self, ids: Sequence[str], attr: str, ref_id: str, on: bool) -> None:
        journey = self.scene.journey
        edits = []
        for cid in ids:
            have = getattr(journey.card(cid), attr)
            if on and ref_id not in have:
                edits.append(UpdateCard(cid, ((attr, [*have, ref_id]),)))
            elif not on and ref_id in have:
                edits.append(UpdateCard(cid, ((attr, [r for r in have if r != ref_id]),)))
        if edits:
            self._push(Compound(tuple(edits), f"Change {attr}"))

    # -------------------------------------------------------------- flows
    def _flow_menu(self, menu: QMenu, target: MenuTarget) -> None:
        scene = self.scene
        if target.ids[0] not in scene.selected_flow_ids():
            scene.select_flows(target.ids)
        ids = scene.selected_flow_ids()
        kinds = {scene.journey.flow(fid).kind for fid in ids}
        self._choices(menu, "&Kind", [(k, FLOW_KIND_NAMES[k]) for k in FLOW_KINDS], kinds,
                      lambda kind: self._set_flow_kind(ids, kind))
        self._entry(menu, "Edit &Label", lambda: scene.start_editing_flow_label(ids[0]),
                    len(ids) == 1, "F2")
        self._entry(menu, "&Reverse Direction", lambda: self._reverse(ids))
        menu.addSeparator()
        self._add_edit_actions(menu, ("delete",))

    def _set_flow_kind(self, ids: Sequence[str], kind: str) -> None:
        journey = self.scene.journey
        edits = tuple(UpdateFlow(fid, (("kind", kind),), "Change flow kind") for fid in ids
                      if journey.has_flow(fid) and journey.flow(fid).kind != kind)
        if edits:
            self._push(Compound(edits, "Change flow kind"))

    def _reverse(self, ids: Sequence[str]) -> None:
        self._push(reverse_flows_edit(self.scene, ids))
        self.scene.select_flows(ids)

    # --------------------------------------------------------------- cells
    def _cell_menu(self, menu: QMenu, target: MenuTarget) -> None:
        scene = self.scene
        cell = (target.ids[0], target.ids[1])
        sub = menu.addMenu("&New Card Here")
        default = DEFAULT_CARD_KIND.get(scene.journey.lane(cell[1]).kind)
        for kind in CARD_KINDS:
            add = partial(add_card_at, scene, cell, kind)
            action = self._entry(sub, CARD_KIND_NAMES[kind], add)
            if kind == default:
                sub.setDefaultAction(action)  # the lane's own kind stands out
        if self.edit_actions is not None:
            paste = self.edit_actions.paste
            # The window's Paste is enabled for cards on the clipboard; text
            # needs a cell, which "here" gives.
            mime = QGuiApplication.clipboard().mimeData()
            can = paste.isEnabled() or (mime is not None and mime.hasText())
            self._entry(menu, "&Paste Here", partial(self._paste_into, cell), can)

    def _paste_into(self, cell: Cell) -> None:
        # Paste targets the selected cell; the window's action follows the selection.
        self.scene.select_cell(cell)
        self.edit_actions.paste.trigger()

    # ------------------------------------------------------------- headers
    def _stage_menu(self, menu: QMenu, target: MenuTarget) -> None:
        scene, sid = self.scene, target.ids[0]
        index = scene.journey.stage_index(sid)
        last = len(scene.journey.stages) - 1
        self._entry(menu, "&Rename Stage", lambda: scene.rename_header("stage", sid))
        menu.addSeparator()
        self._entry(menu, "Insert Stage &Before", lambda: insert_stage(scene, index))
        self._entry(menu, "Insert Stage &After", lambda: insert_stage(scene, index + 1))
        self._entry(menu, "Move &Left", lambda: self._push(MoveStage(sid, index - 1)), index > 0)
        self._entry(menu, "Move Ri&ght", lambda: self._push(MoveStage(sid, index + 1)),
                    index < last)
        menu.addSeparator()
        self._entry(menu, "Remo&ve Stage", lambda: self.remove_header("stage", sid))

    def _lane_menu(self, menu: QMenu, target: MenuTarget) -> None:
        scene, lid = self.scene, target.ids[0]
        lane = scene.journey.lane(lid)
        index = scene.journey.lane_index(lid)
        last = len(scene.journey.lanes) - 1
        self._entry(menu, "&Rename Lane", lambda: scene.rename_header("lane", lid))
        self._choices(menu, "Lane &Kind", [(k, LANE_KIND_NAMES[k]) for k in LANE_KINDS],
                      {lane.kind}, lambda kind: self._set_lane_kind(lid, kind))
        menu.addSeparator()
        self._entry(menu, "Insert Lane &Above", lambda: insert_lane(scene, index))
        self._entry(menu, "Insert Lane &Below", lambda: insert_lane(scene, index + 1))
        self._entry(menu, "Move &Up", lambda: self._push(MoveLane(lid, index - 1)), index > 0)
        self._entry(menu, "Move &Down", lambda: self._push(MoveLane(lid, index + 1)), index < last)
        menu.addSeparator()
        self._entry(menu, "Remo&ve Lane", lambda: self.remove_header("lane", lid))

    def _set_lane_kind(self, lane_id: str, kind: str) -> None:
        if self.scene.journey.lane(lane_id).kind != kind:
            self._push(update("lane", lane_id, "Change lane kind", kind=kind))

    def remove_header(self, axis: str, header_id: str) -> bool:
        """Remove a stage (``axis == "stage"``) or lane with its cards, asking
        first when it holds any; True if it was removed."""
        journey = self.scene.journey
        if axis == "stage":
            name, cards = journey.stage(header_id).name, journey.cards_in_stage(header_id)
        else:
            name, cards = journey.lane(header_id).name, journey.cards_in_lane(header_id)
        if cards:
            count = "its card" if len(cards) == 1 else f"its {len(cards)} cards"
            question = f"Remove the {axis} \u201c{name}\u201d and {count}?"
            if not self.confirm(f"Remove {axis.capitalize()}", question):
                return False
        self._push(RemoveStage(header_id) if axis == "stage" else RemoveLane(header_id))
        return True

