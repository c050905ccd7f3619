"""The things a journey map is made of: stages, lanes, departments,
personas, cards and flows, and the kinds they may have.

Plain dataclasses (no Qt, no networkx): `app.model.journey.Journey` holds
them, and re-exports them, so that ``from app.model.journey import Card``
keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.model.fields import TABLE
from app.model.vocabulary import (
    CARD_KIND_NAMES,
    EVIDENCE_NAMES,
    FLOW_KIND_NAMES,
    LANE_KIND_NAMES,
)

LANE_KINDS = tuple(LANE_KIND_NAMES)
CARD_KINDS = tuple(CARD_KIND_NAMES)
FLOW_KINDS = tuple(FLOW_KIND_NAMES)
EVIDENCE_LEVELS = tuple(level for level in EVIDENCE_NAMES if level is not None)

#: The card kind a new card gets in a lane of each kind.
DEFAULT_CARD_KIND = {
    "actions": "action",
    "touchpoints": "touchpoint",
    "thoughts": "thought",
    "emotion": "thought",
    "pain": "pain",
    "opportunity": "opportunity",
    "backstage": "action",
    "partner": "partner",
    "notes": "note",
    # --- service blueprint (issue 12) ---
    "evidence": "evidence",
    "frontstage": "action",
    "support": "action",
}


@dataclass
class Stage:
    """A column of the map: one step of the customer's journey."""

    id: str
    name: str
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Lane:
    """A row of the map; its kind gives new cards their kind and the lane its look."""

    id: str
    name: str
    kind: str = "touchpoints"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Department:
    """An owner department (or outside organisation) with its colour."""

    id: str
    name: str
    color: str = "#808080"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Persona:
    """A kind of customer whose journey the map shows."""

    id: str
    name: str
    description: str = ""
    goals: str = ""
    color: str = "#808080"
    extra: dict[str, Any] = field(default_factory=dict)


class Card:
    """A touchpoint or other note sitting in one cell (stage x lane).

    Its placement (``id``, ``stage``, ``lane``, ``order``) is its own; every
    other attribute is a field of `app.model.fields.TABLE` (title, kind,
    notes, channel, owner, emotion, personas, metrics...), added
    here by `_declare_card` in the table's order, before ``extra``.
    """

    id: str
    stage: str
    lane: str
    order: int = 0
    extra: dict[str, Any]


_GENERATED = ("__init__", "__repr__", "__eq__", "__hash__", "__match_args__")


def _declare_card() -> None:
    """(Re)make `Card` a dataclass of its placement, the table's fields and ``extra``.

    Called at import and whenever the table changes (a test's throwaway
    field): the class stays the same object, so every module that imported
    it sees the new field.
    """
    for name in _GENERATED:
        if name in Card.__dict__:
            delattr(Card, name)
    annotations = {"id": "str", "stage": "str", "lane": "str", "order": "int"}
    for name in list(Card.__dict__.get("__dataclass_fields__", {})):
        if name not in annotations and name in Card.__dict__:
            delattr(Card, name)  # a former field's default
    Card.order = 0
    for f in TABLE.card:
        annotations[f.name] = "Any"
        default = f.default
        setattr(Card, f.name, field(default_factory=default.copy)
                if isinstance(default, list | dict) else default)
    annotations["extra"] = "dict[str, Any]"
    Card.extra = field(default_factory=dict)
    Card.__annotations__ = annotations
    dataclass(Card)


_declare_card()
TABLE.subscribe(_declare_card)


@dataclass
class Flow:
    """An arrow from one card to another."""

    id: str
    source: str
    target: str
    kind: str = "normal"
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)



def card_field_names() -> tuple[str, ...]:
    """Card attributes that `Journey.update_card` may change (placement is separate)."""
    return (*(f.name for f in TABLE.card), "extra")


FLOW_FIELDS = ("kind", "label", "extra")
