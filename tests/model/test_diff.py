"""The diff engine: hand-worked diffs of each kind of change, and properties."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model import edits
from app.model.diff import diff_maps
from app.model.difftext import diff_lines
from app.model.fileformat import dumps, from_dict, to_dict
from app.model.journey import Card, Flow, Lane, Stage
from tests.model.helpers import small_journey
from tests.model.test_model_properties import random_edit

EMPTY_LIST = {"added": [], "removed": [], "renamed": [], "reordered": False, "changed": []}


def _pair():
    return small_journey(), small_journey()


def _changes(old, new):
    """The contract's JSON without the derived figures."""
    result = diff_maps(old, new).as_dict()
    del result["insights"], result["emotion"]
    return result


def _only(**parts):
    """The expected JSON: nothing changed except ``parts``."""
    base = {
        "stages": dict(EMPTY_LIST), "lanes": dict(EMPTY_LIST),
        "cards": {"added": [], "removed": [], "moved": [], "changed": []},
        "flows": {"added": [], "removed": [], "changed": []},
        "departments": dict(EMPTY_LIST), "personas": dict(EMPTY_LIST), "map": {},
    }
    for key, value in parts.items():
        base[key] = {**base[key], **value} if isinstance(value, dict) and key != "map" else value
    return base


def test_identical_maps_have_an_empty_diff():
    old, new = _pair()
    diff = diff_maps(old, new)
    assert diff.is_empty()
    assert diff_lines(diff) == []
    assert diff.as_dict()["insights"]["unowned_touchpoints"] == [1, 1]


def test_added_card():
    old, new = _pair()
    edits.AddCard(Card("c9", "s2", "l1", 0, "Pays", "action")).apply(new)
    assert _changes(old, new) == _only(cards={"added": ["c9"]})
    assert diff_lines(diff_maps(old, new))[0] == 'card added: c9 "Pays" (Buy / Customer)'


def test_removed_card_and_its_flows():
    old, new = _pair()
    edits.remove_cards(["c4"]).apply(new)
    assert _changes(old, new) == _only(cards={"removed": ["c4"]},
                                       flows={"removed": [["c3", "c4"]]})
    lines = diff_lines(diff_maps(old, new))
    assert 'card removed: c4 "Receipt" (Buy / Touchpoints)' in lines
    assert "flow removed: c3 -> c4 (normal)" in lines


def test_moved_card_names_both_cells():
    old, new = _pair()
    edits.move_card("c1", "s2", "l2", 0).apply(new)
    moved = [{"id": "c1", "from": ["Discover", "Customer"], "to": ["Buy", "Touchpoints"]}]
    assert _changes(old, new) == _only(cards={"moved": moved})


def test_reorder_within_a_cell_is_a_move_in_place():
    old, new = _pair()
    edits.move_card("c2", "s1", "l1", 0).apply(new)
    moved = [{"id": "c2", "from": ["Discover", "Customer"], "to": ["Discover", "Customer"]}]
    assert _changes(old, new) == _only(cards={"moved": moved})
    assert 'card reordered: c2 "Reads reviews" (Discover / Customer)' in diff_lines(
        diff_maps(old, new))


def test_each_card_field_alone():
    cases = {
        "title": "Looks around", "kind": "thought", "notes": "n", "channel": "Web",
        "emotion": -2, "evidence": "data", "metrics": {"CSAT": 4.5},
    }
    for name, value in cases.items():
        old, new = _pair()
        before = getattr(old.card("c1"), name)
        edits.update_card("c1", **{name: value}).apply(new)
        assert _changes(old, new) == _only(cards={"changed": [
            {"id": "c1", "fields": {name: [before, value]}}]}), name


def test_owner_and_personas_compare_by_name():
    old, new = _pair()
    edits.update_card("c1", owner="d2", personas=["p1"]).apply(new)
    fields = {"owner": ["Sales", "Support"], "personas": [[], ["Buyer"]]}
    assert _changes(old, new) == _only(cards={"changed": [{"id": "c1", "fields": fields}]})


def test_unknown_card_keys_compare_key_by_key():
    old, new = _pair()
    edits.update_card("c1", extra={"votes_x": 3}).apply(new)
    assert _changes(old, new)["cards"]["changed"] == [
        {"id": "c1", "fields": {"votes_x": [None, 3]}}]


def test_new_card_fields_are_compared_without_naming_them(monkeypatch):
    # A field another engineer adds to Card is picked up from the dataclass.
    from app.model import diff as diff_module

    monkeypatch.setattr(diff_module, "CARD_COMPARED", (*diff_module.CARD_COMPARED, "order"))
    old, new = _pair()
    edits.AddCard(Card("c0", "s1", "l1", 0, "First")).apply(new)
    found = diff_maps(old, new).changed
    assert found["c1"] == {"order": [0, 1]}


def test_stage_rename_and_reorder():
    old, new = _pair()
    edits.update("stage", "s2", name="Purchase").apply(new)
    edits.MoveStage("s2", 0).apply(new)
    assert _changes(old, new) == _only(stages={"renamed": [["Buy", "Purchase"]],
                                               "reordered": True})
    lines = diff_lines(diff_maps(old, new))
    assert lines[:2] == ['stage renamed: "Buy" -> "Purchase"', "stages reordered"]


def test_stage_and_lane_added_and_removed():
    old, new = _pair()
    edits.AddStage(Stage("s3", "Use"), 2).apply(new)
    edits.AddLane(Lane("l3", "Pains", "pain"), 2).apply(old)
    assert _changes(old, new) == _only(stages={"added": ["Use"]}, lanes={"removed": ["Pains"]})


def test_flow_kind_change():
    old, new = _pair()
    edits.UpdateFlow("f3", (("kind", "failure"),)).apply(new)
    assert _changes(old, new) == _only(flows={"changed": [
        {"flow": ["c3", "c4"], "fields": {"kind": ["normal", "failure"]}}]})
    assert diff_lines(diff_maps(old, new))[0] == (
        'flow changed: c3 -> c4: kind: "normal" -> "failure"')


def test_flow_added():
    old, new = _pair()
    edits.AddFlow(Flow("f9", "c4", "c1", "failure")).apply(new)
    result = diff_maps(old, new).as_dict()
    assert result["flows"]["added"] == [["c4", "c1"]]
    assert result["insights"]["backward_flows"] == [0, 1]
    assert result["insights"]["cycles"] == [0, 1]


def test_everything_together():
    old, new = _pair()
    edits.AddCard(Card("c9", "s2", "l1", 0, "Pays", "action", emotion=-2)).apply(new)
    edits.remove_cards(["c4"]).apply(new)
    edits.move_card("c1", "s2", "l2", 0).apply(new)
    edits.update_card("c3", title="Check out", emotion=2).apply(new)
    edits.update("stage", "s1", name="Explore").apply(new)
    edits.UpdateFlow("f2", (("label", "sometimes"),)).apply(new)
    result = diff_maps(old, new).as_dict()
    assert result["cards"] == {
        "added": ["c9"], "removed": ["c4"],
        "moved": [{"id": "c1", "from": ["Explore", "Customer"], "to": ["Buy", "Touchpoints"]}],
        "changed": [{"id": "c3", "fields": {"emotion": [1, 2], "title": ["Checkout",
                                                                           "Check out"]}}],
    }
    assert result["stages"]["renamed"] == [["Discover", "Explore"]]
    assert result["flows"] == {"added": [], "removed": [["c3", "c4"]], "changed": [
        {"flow": ["c2", "c3"], "fields": {"label": ["maybe", "sometimes"]}}]}
    assert result["emotion"] == {"Explore": [None, None], "Buy": [1.0, 0.0]}
    assert result["insights"]["unowned_touchpoints"] == [1, 0]


def test_maps_without_shared_ids_match_by_title_in_same_named_lanes():
    old = small_journey()
    data = to_dict(small_journey())
    text = dumps(from_dict(data))
    for old_id, new_id in (("c1", "k1"), ("c2", "k2"), ("c3", "k3"), ("c4", "k4"),
                           ("s1", "t1"), ("s2", "t2"), ("l1", "m1"), ("l2", "m2"),
                           ("f1", "g1"), ("f2", "g2"), ("f3", "g3")):
        text = text.replace(f'"{old_id}"', f'"{new_id}"')
    import json

    renamed = json.loads(text)
    renamed["cards"][0]["title"] = "  SEARCHES  "  # case and spaces do not count
    renamed["cards"][1]["title"] = "Reads reviews online"
    new = from_dict(renamed)
    result = _changes(old, new)
    assert result["cards"]["added"] == ["k2"]
    assert result["cards"]["removed"] == ["c2"]
    assert result["cards"]["changed"] == [
        {"id": "k1", "fields": {"title": ["Searches", "  SEARCHES  "]}}]
    assert result["stages"] == EMPTY_LIST
    assert result["flows"]["added"] == [["k1", "k2"], ["k2", "k3"]]
    assert result["flows"]["removed"] == [["c1", "c2"], ["c2", "c3"]]


def test_same_title_in_a_differently_named_lane_does_not_match():
    old, new = _pair()
    edits.remove_cards(["c1"]).apply(new)
    edits.AddCard(Card("z1", "s1", "l2", 0, "Searches", "action", owner="d1")).apply(new)
    result = _changes(old, new)
    assert (result["cards"]["added"], result["cards"]["removed"]) == (["z1"], ["c1"])


def test_map_title_departments_and_based_on():
    old, new = _pair()
    edits.SetInfo("Future", "").apply(new)
    edits.update("department", "d1", color="#000000").apply(new)
    new.based_on = {"title": "Test map", "file": "a.journey", "sha256": "0" * 64}
    result = _changes(old, new)
    assert result["map"] == {"based_on": [None, new.based_on], "title": ["Test map", "Future"]}
    assert result["departments"]["changed"] == [
        {"name": "Sales", "fields": {"color": ["#3366cc", "#000000"]}}]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_diff_is_empty_iff_saved_files_are_equal(data):
    old = small_journey()
    new = from_dict(copy.deepcopy(to_dict(old)))
    added = removed = 0
    for _ in range(data.draw(st.integers(0, 8))):
        before = set(new.graph)
        random_edit(data, new).apply(new)
        after = set(new.graph)
        added += len(after - before)
        removed += len(before - after)
    diff = diff_maps(old, new)
    assert diff.is_empty() == (dumps(old) == dumps(new))
    assert diff.is_empty() == (diff_lines(diff) == [])
    # Cards added then removed again cancel out; ids are never reused.
    assert len(diff.added_cards) == len(set(new.graph) - set(old.graph))
    assert len(diff.removed_cards) == len(set(old.graph) - set(new.graph))
    assert len(diff.added_cards) - len(diff.removed_cards) == added - removed
