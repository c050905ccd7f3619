"""What a journey announces after each change: the kinds of change, and the
sets of kinds that each listener cares about, each defined once.

A kind is a `ChangeKind` member, never a string: a misspelt member is an
`AttributeError`, a `Change` built with anything else is a `TypeError`, and
comparing a kind with a string (``change.kind == "card_changed"``, or a string
looked up among kinds) raises a `TypeError` instead of being silently false.

Plain Python: no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ChangeKind(Enum):
    """The kinds of change a `Journey` announces."""

    JOURNEY_CHANGED = "journey_changed"  # title or description
    STAGE_ADDED = "stage_added"
    STAGE_REMOVED = "stage_removed"
    STAGE_CHANGED = "stage_changed"
    STAGES_REORDERED = "stages_reordered"
    LANE_ADDED = "lane_added"
    LANE_REMOVED = "lane_removed"
    LANE_CHANGED = "lane_changed"
    LANES_REORDERED = "lanes_reordered"
    DEPARTMENT_ADDED = "department_added"
    DEPARTMENT_REMOVED = "department_removed"
    DEPARTMENT_CHANGED = "department_changed"
    PERSONA_ADDED = "persona_added"
    PERSONA_REMOVED = "persona_removed"
    PERSONA_CHANGED = "persona_changed"
    CARD_ADDED = "card_added"
    CARD_REMOVED = "card_removed"
    CARD_CHANGED = "card_changed"
    CARDS_MOVED = "cards_moved"
    FLOW_ADDED = "flow_added"
    FLOW_REMOVED = "flow_removed"
    FLOW_CHANGED = "flow_changed"

    # Members are compared by identity; a string on either side is a mistake
    # (the kinds were strings once), so say so rather than answer False.
    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            raise TypeError(f"a change kind compared with the string {other!r}: "
                            "use a ChangeKind member")
        return self is other

    # The hash of the value, so that looking a string up among kinds reaches
    # __eq__ above (and raises) instead of missing silently.
    def __hash__(self) -> int:
        return hash(self._value_)


_K = ChangeKind


@dataclass(frozen=True)
class Change:
    """One announcement: what kind of change, and the ids it touched.

    ``cells``: for `ChangeKind.CARDS_MOVED`, the cells (stage id, lane id)
    those cards are in, every cell the move touched: a view can find them
    without looking at each card.
    """

    kind: ChangeKind
    ids: tuple[str, ...] = ()
    cells: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if type(self.kind) is not ChangeKind:
            raise TypeError(f"Change kind must be a ChangeKind, not {self.kind!r}")


#: The kind announced when a stage, lane, department or persona is changed.
ENTITY_CHANGED = {
    "stage": _K.STAGE_CHANGED,
    "lane": _K.LANE_CHANGED,
    "department": _K.DEPARTMENT_CHANGED,
    "persona": _K.PERSONA_CHANGED,
}

# ------------------------------------------------------------- who cares what
#: Anything about the stages (their list, order, names...).
STAGE_CHANGES = frozenset((_K.STAGE_ADDED, _K.STAGE_REMOVED, _K.STAGE_CHANGED,
                           _K.STAGES_REORDERED))
#: Anything about the lanes.
LANE_CHANGES = frozenset((_K.LANE_ADDED, _K.LANE_REMOVED, _K.LANE_CHANGED, _K.LANES_REORDERED))
#: Anything about the departments.
DEPARTMENT_CHANGES = frozenset((_K.DEPARTMENT_ADDED, _K.DEPARTMENT_REMOVED,
                                _K.DEPARTMENT_CHANGED))
#: The personas to choose from (the persona switcher, the insights' filter).
PERSONA_CHANGES = frozenset((_K.PERSONA_ADDED, _K.PERSONA_REMOVED, _K.PERSONA_CHANGED))
#: Changes to the entities of one sort, by the sort's name (the entity dialogs).
ENTITY_CHANGES = {
    "stage": STAGE_CHANGES,
    "lane": LANE_CHANGES,
    "department": DEPARTMENT_CHANGES,
    "persona": PERSONA_CHANGES,
}
#: What a card's choices (owner, personas) are made of: the card inspector.
CARD_CHOICE_CHANGES = DEPARTMENT_CHANGES | PERSONA_CHANGES
#: Changes that take something away: whatever shows it must choose again.
REMOVALS = frozenset((_K.STAGE_REMOVED, _K.LANE_REMOVED, _K.DEPARTMENT_REMOVED,
                      _K.PERSONA_REMOVED, _K.CARD_REMOVED, _K.FLOW_REMOVED))
#: Changes to cards (the layout restacks their cells).
CARD_CHANGES = frozenset((_K.CARD_ADDED, _K.CARD_REMOVED, _K.CARDS_MOVED, _K.CARD_CHANGED))
#: Changes to flows (the layout routes them again).
FLOW_CHANGES = frozenset((_K.FLOW_ADDED, _K.FLOW_REMOVED, _K.FLOW_CHANGED))
#: What an incremental layout pass understands; any other kind means a full pass.
INCREMENTAL_LAYOUT = CARD_CHANGES | FLOW_CHANGES | {_K.JOURNEY_CHANGED}
