"""The things a journey map is made of: stages, lanes, departments,
personas, cards and flows, and the kinds they may have.

Plain dataclasses (no Qt, no networkx): `app.model.journey.Journey` holds
them, and re-exports them, so that ``from app.model.journey import Card``
keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

LANE_KINDS = (
    "actions",
    "touchpoints",
    "thoughts",
    "emotion",
    "pain",
    "opportunity",
    "backstage",
    "partner",
    "notes",
)
CARD_KINDS = ("touchpoint", "action", "thought", "pain", "opportunity", "partner", "note")
FLOW_KINDS = ("normal", "alternative", "failure")
EVIDENCE_LEVELS = ("assumption", "anecdote", "data")
EMOTION_RANGE = (-2, 2)

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


@dataclass
class Card:
    """A touchpoint or other note sitting in one cell (stage x lane)."""

    id: str
    stage: str
    lane: str
    order: int = 0
    title: str = ""
    kind: str = "touchpoint"
    notes: str = ""
    channel: str = ""
    owner: str | None = None
    emotion: int | None = None
    evidence: str | None = None
    personas: list[str] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Flow:
    """An arrow from one card to another."""

    id: str
    source: str
    target: str
    kind: str = "normal"
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


#: Card attributes that `Journey.update_card` may change (placement is separate).
CARD_FIELDS = tuple(f.name for f in fields(Card) if f.name not in ("id", "stage", "lane", "order"))
FLOW_FIELDS = ("kind", "label", "extra")
