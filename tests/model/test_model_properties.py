"""Property-based: any sequence of edits, undone in reverse, gives back the start."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model.edits import (
    AddCard,
    AddFlow,
    AddLane,
    AddStage,
    MoveCards,
    MoveLane,
    MoveStage,
    RemoveCard,
    RemoveDepartment,
    RemoveFlow,
    RemoveLane,
    RemovePersona,
    RemoveStage,
    UpdateCard,
    UpdateFlow,
)
from app.model.journey import CARD_KINDS, FLOW_KINDS, LANE_KINDS, Card, Flow, Lane, Stage
from tests.model.helpers import small_journey, state


def _pick(data, items):
    return data.draw(st.sampled_from(items)) if items else None


def random_edit(data, journey):
    """Draw one valid edit for the journey's current state."""
    cards = [c.id for c in journey.cards]
    stages = [s.id for s in journey.stages]
    lanes = [x.id for x in journey.lanes]
    options = ["add_stage", "add_lane"]
    if stages and lanes:
        options += ["add_card"]
    if cards:
        options += ["remove_card", "move_cards", "update_card", "add_flow"]
    if len(stages) > 1:
        options += ["remove_stage", "move_stage"]
    if len(lanes) > 1:
        options += ["remove_lane", "move_lane"]
    if journey.flows:
        options += ["remove_flow", "update_flow"]
    if journey.departments:
        options += ["remove_department"]
    if journey.personas:
        options += ["remove_persona"]
    op = data.draw(st.sampled_from(options))
    index = data.draw(st.integers(0, 6))
    new_id = journey.new_id("x")
    if op == "add_stage":
        return AddStage(Stage(new_id, "Stage " + new_id), index)
    if op == "add_lane":
        return AddLane(Lane(new_id, "Lane", data.draw(st.sampled_from(LANE_KINDS))), index)
    if op == "add_card":
        owner = _pick(data, [None] + [d.id for d in journey.departments])
        return AddCard(
            Card(
                new_id,
                _pick(data, stages),
                _pick(data, lanes),
                index,
                data.draw(st.text(max_size=20)),
                data.draw(st.sampled_from(CARD_KINDS)),
                owner=owner,
                emotion=data.draw(st.none() | st.integers(-2, 2)),
            )
        )
    if op == "remove_card":
        return RemoveCard(_pick(data, cards))
    if op == "move_cards":
        chosen = data.draw(st.lists(st.sampled_from(cards), min_size=1, max_size=3, unique=True))
        return MoveCards(tuple((c, _pick(data, stages), _pick(data, lanes), index) for c in chosen))
    if op == "update_card":
        return UpdateCard(
            _pick(data, cards),
            (
                ("title", data.draw(st.text(max_size=10))),
                ("emotion", data.draw(st.none() | st.integers(-2, 2))),
            ),
        )
    if op == "add_flow":
        return AddFlow(
            Flow(
                new_id,
                _pick(data, cards),
                _pick(data, cards),
                data.draw(st.sampled_from(FLOW_KINDS)),
            )
        )
    if op == "remove_stage":
        return RemoveStage(_pick(data, stages))
    if op == "move_stage":
        return MoveStage(_pick(data, stages), index)
    if op == "remove_lane":
        return RemoveLane(_pick(data, lanes))
    if op == "move_lane":
        return MoveLane(_pick(data, lanes), index)
    flows = [f.id for f in journey.flows]
    if op == "remove_flow":
        return RemoveFlow(_pick(data, flows))
    if op == "update_flow":
        return UpdateFlow(_pick(data, flows), (("label", "x"), ("kind", "failure")))
    if op == "remove_department":
        return RemoveDepartment(_pick(data, [d.id for d in journey.departments]))
    return RemovePersona(_pick(data, [p.id for p in journey.personas]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_inverses_in_reverse_order_restore_the_start(data):
    journey = small_journey()
    snapshots = [state(journey)]
    inverses = []
    for _ in range(data.draw(st.integers(1, 12))):
        inverses.append(random_edit(data, journey).apply(journey))
        snapshots.append(state(journey))
    done = list(snapshots)  # the state after each edit, before any undo
    redos = []
    for inverse in reversed(inverses):
        redos.append(inverse.apply(journey))
        snapshots.pop()
        assert state(journey) == snapshots[-1]
    # Redoing them in order goes through the same states again, to the last.
    for step, redo in enumerate(reversed(redos), start=1):
        redo.apply(journey)
        assert state(journey) == done[step]
    assert state(journey) == done[-1]


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_cell_orders_stay_contiguous(data):
    journey = small_journey()
    for _ in range(data.draw(st.integers(1, 10))):
        random_edit(data, journey).apply(journey)
    for stage in journey.stages:
        for lane in journey.lanes:
            assert [c.order for c in journey.cell(stage.id, lane.id)] == list(
                range(len(journey.cell(stage.id, lane.id)))
            )


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_flow_count_is_the_number_of_flows_after_any_edits(data):
    journey = small_journey()
    inverses = []
    for _ in range(data.draw(st.integers(1, 10))):
        inverses.append(random_edit(data, journey).apply(journey))
        assert journey.flow_count == len(journey.flows) == journey.graph.number_of_edges()
    for inverse in reversed(inverses):
        inverse.apply(journey)
        assert journey.flow_count == len(journey.flows) == journey.graph.number_of_edges()
