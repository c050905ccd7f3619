"""Journeys for layout tests, built through `app.model.edits` as the editor does."""

from __future__ import annotations

from hypothesis import strategies as st

from app.model.edits import (
    AddCard,
    AddDepartment,
    AddFlow,
    AddLane,
    AddPersona,
    AddStage,
    Compound,
    Edit,
    History,
)
from app.model.journey import Card, Department, Flow, Journey, Lane, Persona, Stage

LONG = "Reads the small print of the delivery terms twice and still is not sure about returns"


def grid(stages: int = 3, lanes: tuple[str, ...] = ("touchpoints", "actions")) -> Journey:
    """An empty map: ``stages`` stages and one lane per kind in ``lanes``."""
    journey = Journey("Layout test")
    edits: list[Edit] = [AddStage(Stage(f"s{i}", f"Stage {i}")) for i in range(stages)]
    edits += [AddLane(Lane(f"l{i}", f"Lane {kind}", kind)) for i, kind in enumerate(lanes)]
    edits.append(AddDepartment(Department("d1", "Sales", "#3366CC")))
    edits.append(AddPersona(Persona("p1", "Commuter")))
    edits.append(AddPersona(Persona("p2", "Weekend rider")))
    History(journey).do(Compound(tuple(edits)))
    return journey


def add(journey: Journey, card_id: str, stage: str, lane: str, title: str = "Card",
        **fields) -> None:
    """Append a card at the end of its cell."""
    History(journey).do(AddCard(Card(card_id, stage, lane, 10**6, title, **fields)))


def flow(journey: Journey, flow_id: str, source: str, target: str, kind: str = "normal",
         label: str = "") -> None:
    """Add a flow."""
    History(journey).do(AddFlow(Flow(flow_id, source, target, kind, label)))


WORDS = st.sampled_from(
    ["Call", "support", "waits", "on", "hold", "e-mail", "invoice", "Überweisung", "a",
     "delivery", "confirmation", "supercalifragilisticexpialidocious", "ok", "–", "🙂"]
)
TITLES = st.lists(WORDS, max_size=14).map(" ".join)


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    """Random small maps: 1-4 stages, 1-4 lanes, up to 25 cards, up to 12 flows."""
    kinds = draw(st.lists(st.sampled_from(["touchpoints", "actions", "emotion", "pain"]),
                          min_size=1, max_size=4))
    journey = grid(draw(st.integers(1, 4)), tuple(kinds))
    stages = [s.id for s in journey.stages]
    lanes = [lane.id for lane in journey.lanes]
    edits: list[Edit] = []
    for i in range(draw(st.integers(0, 25))):
        edits.append(AddCard(Card(
            f"c{i}", draw(st.sampled_from(stages)), draw(st.sampled_from(lanes)),
            draw(st.integers(0, 30)), draw(TITLES),
            channel=draw(st.sampled_from(["", "Website", "Phone", "In person"])),
            owner=draw(st.sampled_from([None, "d1"])),
            emotion=draw(st.sampled_from([None, -2, -1, 0, 1, 2])),
            evidence=draw(st.sampled_from([None, "assumption", "anecdote", "data"])),
        )))
    if not edits:
        return journey
    History(journey).do(Compound(tuple(edits)))
    ids = [c.id for c in journey.cards]
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=12))
    flows: list[Edit] = [
        AddFlow(Flow(f"f{i}", a, b, draw(st.sampled_from(["normal", "alternative", "failure"])),
                     draw(st.sampled_from(["", "", "retries", "asks a friend first"]))))
        for i, (a, b) in enumerate(pairs)
    ]
    if flows:
        History(journey).do(Compound(tuple(flows)))
    return journey
