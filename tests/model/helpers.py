"""Small builders for model tests."""

from __future__ import annotations

import os
from dataclasses import asdict

from app.model.edits import AddCard, AddDepartment, AddFlow, AddLane, AddPersona, AddStage, History
from app.model.journey import Card, Department, Flow, Journey, Lane, Persona, Stage


def state(journey: Journey) -> dict:
    """Everything a user could observe about a journey, as plain data."""
    return {
        "info": (journey.title, journey.description, dict(journey.extra)),
        "stages": [asdict(s) for s in journey.stages],
        "lanes": [asdict(x) for x in journey.lanes],
        "departments": [asdict(d) for d in journey.departments],
        "personas": [asdict(p) for p in journey.personas],
        "cards": [asdict(c) for c in journey.cards],
        "flows": [asdict(f) for f in journey.flows],
    }


def small_journey() -> Journey:
    """Two stages, two lanes, two departments, a persona, four cards, three flows."""
    journey = Journey("Test map")
    h = History(journey)
    h.do(AddStage(Stage("s1", "Discover")))
    h.do(AddStage(Stage("s2", "Buy")))
    h.do(AddLane(Lane("l1", "Customer", "actions")))
    h.do(AddLane(Lane("l2", "Touchpoints", "touchpoints")))
    h.do(AddDepartment(Department("d1", "Sales", "#3366cc")))
    h.do(AddDepartment(Department("d2", "Support", "#cc6633")))
    h.do(AddPersona(Persona("p1", "Buyer")))
    h.do(AddCard(Card("c1", "s1", "l1", 0, "Searches", "action", owner="d1")))
    h.do(AddCard(Card("c2", "s1", "l1", 1, "Reads reviews", "action", personas=["p1"])))
    h.do(AddCard(Card("c3", "s2", "l2", 0, "Checkout", "touchpoint", owner="d2", emotion=1)))
    h.do(AddCard(Card("c4", "s2", "l2", 1, "Receipt", "touchpoint", channel="E-mail")))
    h.do(AddFlow(Flow("f1", "c1", "c2")))
    h.do(AddFlow(Flow("f2", "c2", "c3", "alternative", "maybe")))
    h.do(AddFlow(Flow("f3", "c3", "c4")))
    return journey


def refuse_to_open(monkeypatch, name: str) -> None:
    """Make opening files whose path ends with ``name`` fail with "Permission denied".

    Tests run as root in CI, where chmod cannot make a file unreadable.
    """
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if os.fspath(path).endswith(name):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
