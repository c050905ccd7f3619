"""Change announcements are typed: a kind is a ChangeKind, and a string is an error."""

from __future__ import annotations

import pytest

from app.model import changes
from app.model.changes import PERSONA_CHANGES, REMOVALS, Change, ChangeKind
from app.model.edits import (
    AddCard,
    AddDepartment,
    AddFlow,
    AddLane,
    AddPersona,
    AddStage,
    MoveLane,
    MoveStage,
    RemoveDepartment,
    RemoveFlow,
    RemoveLane,
    RemovePersona,
    RemoveStage,
    SetInfo,
    UpdateFlow,
    move_card,
    remove_cards,
    update,
    update_card,
)
from app.model.journey import Card, Department, Flow, Lane, Persona, Stage
from tests.model.helpers import small_journey


def every_edit():
    """One edit of each sort, in an order that applies to `small_journey`."""
    return [
        SetInfo("Renamed", ""),
        AddStage(Stage("s3", "Use")), update("stage", "s3", name="Use it"), MoveStage("s3", 0),
        AddLane(Lane("l3", "Pains", "pain")), update("lane", "l3", name="Pain"),
        MoveLane("l3", 0),
        AddDepartment(Department("d3", "Ops", "#112233")), update("department", "d3", name="Op"),
        AddPersona(Persona("p2", "Seller")), update("persona", "p2", name="Vendor"),
        AddCard(Card("c5", "s3", "l3", 0, "Waits")), update_card("c5", title="Waits long"),
        move_card("c5", "s1", "l1", 0),
        AddFlow(Flow("f4", "c5", "c1")), UpdateFlow("f4", (("label", "then"),)),
        RemoveFlow("f4"), RemoveStage("s3"), RemoveLane("l3"), RemoveDepartment("d3"),
        RemovePersona("p2"), remove_cards(["c5"]),
    ]


def test_every_kind_is_announced_by_some_edit_and_each_is_a_change_kind():
    journey = small_journey()
    heard: list[Change] = []
    journey.subscribe(heard.append)
    for edit in every_edit():
        edit.apply(journey)
    assert all(type(change.kind) is ChangeKind for change in heard)
    assert {change.kind for change in heard} == set(ChangeKind)


def test_a_misspelt_kind_is_an_error_not_a_silent_miss():
    with pytest.raises(AttributeError):
        ChangeKind.CARD_CHANGD  # noqa: B018 - the typo is the point
    with pytest.raises(TypeError, match="ChangeKind"):
        Change("card_changed", ("c1",))  # type: ignore[arg-type]


def test_comparing_a_kind_with_a_string_raises():
    change = Change(ChangeKind.PERSONA_ADDED, ("p2",))
    with pytest.raises(TypeError, match="use a ChangeKind member"):
        _ = change.kind == "persona_added"
    with pytest.raises(TypeError, match="use a ChangeKind member"):
        _ = "persona_added" in PERSONA_CHANGES
    assert change.kind in PERSONA_CHANGES and change.kind not in REMOVALS


def test_the_sets_of_listeners_hold_kinds_only():
    sets = [value for name, value in vars(changes).items()
            if name.isupper() and isinstance(value, frozenset)]
    assert len(sets) >= 8
    assert all(type(kind) is ChangeKind for kinds in sets for kind in kinds)
    assert all(type(kind) is ChangeKind
               for kinds in changes.ENTITY_CHANGES.values() for kind in kinds)


def test_each_kind_is_about_exactly_one_sort_of_thing():
    sorts = [changes.STAGE_CHANGES, changes.LANE_CHANGES, changes.DEPARTMENT_CHANGES,
             changes.PERSONA_CHANGES, changes.CARD_CHANGES, changes.FLOW_CHANGES,
             frozenset({ChangeKind.JOURNEY_CHANGED})]
    assert sum(len(s) for s in sorts) == len(ChangeKind)
    assert frozenset().union(*sorts) == set(ChangeKind)
    assert {kind for kind in ChangeKind if kind.value.endswith("_removed")} == REMOVALS
