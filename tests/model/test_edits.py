"""Reversible edits: each returns its inverse, and dependents come back."""

from __future__ import annotations

import pytest

from app.model.edits import (
    AddCard,
    AddFlow,
    AddStage,
    History,
    MoveLane,
    MoveStage,
    RemoveCard,
    RemoveDepartment,
    RemoveLane,
    RemovePersona,
    RemoveStage,
    SetInfo,
    move_card,
    remove_cards,
    update,
    update_card,
)
from app.model.journey import Card, ChangeKind, Flow, ModelError, Stage
from tests.model.helpers import small_journey, state


def roundtrip(edit):
    journey = small_journey()
    before = state(journey)
    inverse = edit.apply(journey)
    after = state(journey)
    assert after != before, "the edit changed nothing"
    redo = inverse.apply(journey)
    assert state(journey) == before
    redo.apply(journey)
    assert state(journey) == after
    return journey


def test_remove_stage_takes_its_cards_and_flows_and_undo_restores_them():
    journey = small_journey()
    before = state(journey)
    inverse = RemoveStage("s2").apply(journey)
    assert [c.id for c in journey.cards] == ["c1", "c2"]
    assert [f.id for f in journey.flows] == ["f1"]
    inverse.apply(journey)
    assert state(journey) == before


def test_remove_lane_takes_its_cards():
    journey = roundtrip(RemoveLane("l1"))
    assert [c.id for c in journey.cards] == ["c3", "c4"]


def test_remove_card_in_the_middle_restores_its_position():
    journey = small_journey()
    before = state(journey)
    inverse = RemoveCard("c1").apply(journey)
    assert journey.card("c2").order == 0
    inverse.apply(journey)
    assert state(journey) == before
    assert journey.card("c1").order == 0


def test_remove_several_cards_from_one_cell_restores_order():
    journey = small_journey()
    before = state(journey)
    inverse = remove_cards(["c1", "c2", "c4"]).apply(journey)
    assert [c.id for c in journey.cards] == ["c3"]
    inverse.apply(journey)
    assert state(journey) == before


def test_move_card_to_another_cell_renumbers_both_cells():
    journey = small_journey()
    move_card("c1", "s2", "l2", 1).apply(journey)
    assert [c.id for c in journey.cell("s2", "l2")] == ["c3", "c1", "c4"]
    assert [c.order for c in journey.cell("s2", "l2")] == [0, 1, 2]
    assert [c.id for c in journey.cell("s1", "l1")] == ["c2"]


def test_move_card_within_its_cell():
    journey = roundtrip(move_card("c1", "s1", "l1", 5))
    assert [c.id for c in journey.cell("s1", "l1")] == ["c2", "c1"]


def test_move_stage_and_lane():
    journey = roundtrip(MoveStage("s2", 0))
    assert [s.id for s in journey.stages] == ["s2", "s1"]
    journey = roundtrip(MoveLane("l1", 1))
    assert [x.id for x in journey.lanes] == ["l2", "l1"]


def test_remove_department_unowns_cards_and_undo_restores_owner():
    journey = roundtrip(RemoveDepartment("d1"))
    assert journey.card("c1").owner is None


def test_remove_persona_unscopes_cards():
    journey = roundtrip(RemovePersona("p1"))
    assert journey.card("c2").personas == []


def test_update_card_and_entities():
    roundtrip(update_card("c1", title="Googles", emotion=-2, metrics={"CSAT": 4.5}))
    roundtrip(update("stage", "s1", name="Aware"))
    roundtrip(update("lane", "l1", kind="pain"))
    roundtrip(SetInfo("New title", "desc"))


def test_add_card_at_front_shifts_others():
    journey = roundtrip(AddCard(Card("c9", "s1", "l1", 0, "First")))
    assert [c.id for c in journey.cell("s1", "l1")] == ["c9", "c1", "c2"]


def test_invalid_edits_are_refused_and_change_nothing():
    journey = small_journey()
    before = state(journey)
    with pytest.raises(ModelError, match="emotion must be between -2 and 2"):
        update_card("c1", emotion=3).apply(journey)
    with pytest.raises(ModelError, match="unknown card kind"):
        update_card("c1", kind="banana").apply(journey)
    with pytest.raises(ModelError, match="no department"):
        update_card("c1", owner="nobody").apply(journey)
    with pytest.raises(ModelError, match="already used"):
        AddStage(Stage("s1", "dup")).apply(journey)
    with pytest.raises(ModelError, match="no card"):
        AddFlow(Flow("f9", "c1", "ghost")).apply(journey)
    assert state(journey) == before


def test_announcements_name_the_touched_ids():
    journey = small_journey()
    seen = []
    journey.subscribe(seen.append)
    update_card("c3", title="Pay").apply(journey)
    move_card("c4", "s1", "l2", 0).apply(journey)
    assert (seen[0].kind, seen[0].ids) == (ChangeKind.CARD_CHANGED, ("c3",))
    assert seen[1].kind is ChangeKind.CARDS_MOVED and set(seen[1].ids) == {"c3", "c4"}


def test_history_undo_redo():
    journey = small_journey()
    before = state(journey)
    history = History(journey)
    history.do(RemoveCard("c3"))
    history.undo()
    assert state(journey) == before
    history.redo()
    assert not journey.has_card("c3")


def test_persona_named_prefers_the_id_then_the_name():
    journey = small_journey()
    assert journey.persona_named("p1").id == "p1"
    assert journey.persona_named("Buyer").id == "p1"
    assert journey.persona_named("Nobody") is None
