"""Three-way merge of maps: one-sided, both-sided, every conflict kind, properties."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model import edits
from app.model.fileformat import dumps, from_dict, to_dict
from app.model.journey import Card, Flow, Stage
from app.model.merge import CONFLICT_KEY, has_conflict_marks, merge_maps
from tests.model.helpers import small_journey
from tests.model.test_model_properties import random_edit


def _three():
    return small_journey(), small_journey(), small_journey()


def _clone(journey):
    return from_dict(copy.deepcopy(to_dict(journey)))


def test_one_sided_changes_on_each_side_are_taken():
    base, ours, theirs = _three()
    edits.update_card("c1", title="Googles").apply(ours)
    edits.AddStage(Stage("s3", "Use"), 2).apply(ours)
    edits.update_card("c3", emotion=-1).apply(theirs)
    edits.AddCard(Card("c9", "s2", "l1", 0, "Pays", "action")).apply(theirs)
    edits.remove_cards(["c4"]).apply(theirs)
    result = merge_maps(base, ours, theirs)
    merged = result.journey
    assert result.conflicts == []
    assert merged.card("c1").title == "Googles"
    assert merged.card("c3").emotion == -1
    assert merged.card("c9").title == "Pays"
    assert not merged.has_card("c4") and not merged.has_flow("f3")
    assert [s.name for s in merged.stages] == ["Discover", "Buy", "Use"]
    assert not has_conflict_marks(merged)


def test_edit_on_one_side_and_move_on_the_other_keep_both():
    base, ours, theirs = _three()
    edits.update_card("c1", notes="from ours").apply(ours)
    edits.move_card("c1", "s2", "l2", 2).apply(theirs)
    result = merge_maps(base, ours, theirs)
    card = result.journey.card("c1")
    assert (card.notes, card.stage, card.lane, card.order) == ("from ours", "s2", "l2", 2)
    assert result.conflicts == []


def test_identical_changes_on_both_sides_are_taken_once():
    base, ours, theirs = _three()
    for side in (ours, theirs):
        edits.update_card("c2", title="Reads every review").apply(side)
        edits.AddCard(Card("c9", "s2", "l1", 0, "Pays", "action")).apply(side)
        edits.AddFlow(Flow("f9", "c9", "c3")).apply(side)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == []
    assert dumps(result.journey) == dumps(ours)


def test_field_changed_differently_is_a_conflict_ours_wins_and_is_marked():
    base, ours, theirs = _three()
    edits.update_card("c1", title="Ours").apply(ours)
    edits.update_card("c1", title="Theirs", emotion=2).apply(theirs)
    result = merge_maps(base, ours, theirs)
    line = ('card c1 "Ours": title: ours "Ours", theirs "Theirs" (base "Searches"); '
            "kept ours")
    assert result.conflicts == [line]
    card = result.journey.card("c1")
    assert (card.title, card.emotion) == ("Ours", 2)
    assert card.extra[CONFLICT_KEY] == [line]
    assert has_conflict_marks(result.journey)


def test_moved_to_different_cells_is_a_conflict():
    base, ours, theirs = _three()
    edits.move_card("c1", "s2", "l1", 0).apply(ours)
    edits.move_card("c1", "s1", "l2", 0).apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == ['card c1 "Searches": cell: ours ["s2", "l1"], theirs '
                                '["s1", "l2"] (base ["s1", "l1"]); kept ours']
    assert (result.journey.card("c1").stage, result.journey.card("c1").lane) == ("s2", "l1")


def test_edited_in_ours_deleted_in_theirs_keeps_ours_marked():
    base, ours, theirs = _three()
    edits.update_card("c4", title="Invoice").apply(ours)
    edits.remove_cards(["c4"]).apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == ['card c4 "Invoice": edited in ours, deleted in theirs; '
                                "kept ours"]
    assert result.journey.card("c4").extra[CONFLICT_KEY] == result.conflicts
    # Its flow, untouched in ours, goes as theirs deleted it.
    assert not result.journey.has_flow("f3")


def test_deleted_in_ours_edited_in_theirs_keeps_the_deletion():
    base, ours, theirs = _three()
    edits.remove_cards(["c4"]).apply(ours)
    edits.update_card("c4", title="Invoice").apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == ['card c4 "Invoice": deleted in ours, edited in theirs; '
                                "kept the deletion"]
    assert not result.journey.has_card("c4")


def test_added_on_both_sides_with_the_same_id_differently():
    base, ours, theirs = _three()
    edits.AddCard(Card("c9", "s2", "l1", 0, "Pays cash", "action")).apply(ours)
    edits.AddCard(Card("c9", "s2", "l1", 0, "Pays card", "action")).apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == ['card c9 "Pays cash": title: ours "Pays cash", theirs '
                                '"Pays card" (base (none)); kept ours']


def test_flow_to_a_card_deleted_in_ours_is_dropped():
    base, ours, theirs = _three()
    edits.remove_cards(["c4"]).apply(ours)
    edits.AddFlow(Flow("f9", "c1", "c4", "failure")).apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == ["flow f9 (c1 -> c4): its card was deleted in ours; "
                                "dropped the flow"]
    assert not result.journey.has_flow("f9")


def test_stage_deleted_in_ours_but_filled_in_theirs_comes_back_marked():
    base, ours, theirs = _three()
    edits.AddStage(Stage("s3", "Use"), 2).apply(base)
    ours, theirs = _clone(base), _clone(base)
    edits.RemoveStage("s3").apply(ours)
    edits.AddCard(Card("c9", "s3", "l1", 0, "Uses it", "action")).apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == ['stage s3 "Use": deleted in ours, still used by card c9 '
                                '"Uses it" in theirs; kept the stage']
    assert [s.id for s in result.journey.stages] == ["s1", "s2", "s3"]
    assert result.journey.stage("s3").extra[CONFLICT_KEY] == result.conflicts


def test_map_title_conflict_marks_the_map():
    base, ours, theirs = _three()
    edits.SetInfo("Ours", "").apply(ours)
    edits.SetInfo("Theirs", "").apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert result.journey.title == "Ours"
    assert result.journey.extra[CONFLICT_KEY] == result.conflicts
    assert len(result.conflicts) == 1


def test_cell_orders_from_both_sides():
    base, ours, theirs = _three()
    edits.AddCard(Card("a", "s1", "l1", 0, "A", "action")).apply(ours)
    edits.AddCard(Card("b", "s1", "l1", 2, "B", "action")).apply(theirs)
    merged = merge_maps(base, ours, theirs).journey
    assert merged.cell_ids("s1", "l1") == ["a", "c1", "c2", "b"]


def _edited(data, journey, steps):
    for _ in range(data.draw(st.integers(0, steps))):
        random_edit(data, journey).apply(journey)
    return journey


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_merging_a_branch_with_an_unchanged_base_gives_that_branch(data):
    base = small_journey()
    branch = _edited(data, _clone(base), 10)
    for result in (merge_maps(base, _clone(base), branch), merge_maps(base, branch, base)):
        assert result.conflicts == []
        assert dumps(result.journey) == dumps(branch)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_two_branches_merge_into_a_valid_map(data):
    base = small_journey()
    ours, theirs = _edited(data, _clone(base), 6), _edited(data, _clone(base), 6)
    result = merge_maps(base, ours, theirs)
    text = dumps(result.journey)
    assert dumps(from_dict(__import__("json").loads(text))) == text
    assert bool(result.conflicts) >= has_conflict_marks(result.journey)
