"""Persona fading, and what a recompute after an edit tells the scene."""

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout.geometry import LayoutCache, compute_layout, diff_layouts
from app.model.edits import History, move_card, update_card
from tests.layout.helpers import add, flow, grid, journeys


def test_cards_of_other_personas_are_faded():
    j = grid()
    add(j, "everyone", "s0", "l0", personas=[])
    add(j, "mine", "s0", "l0", personas=["p1"])
    add(j, "theirs", "s0", "l0", personas=["p2"])
    add(j, "both", "s0", "l0", personas=["p1", "p2"])
    layout = compute_layout(j, persona="p1")
    faded = {cid for cid, box in layout.cards.items() if box.faded}
    assert faded == {"theirs"}


def test_persona_may_be_given_by_name():
    j = grid()
    add(j, "theirs", "s0", "l0", personas=["p2"])
    assert compute_layout(j, persona="Commuter").cards["theirs"].faded


def test_without_persona_nothing_is_faded():
    j = grid()
    add(j, "theirs", "s0", "l0", personas=["p2"])
    assert not compute_layout(j).cards["theirs"].faded


def stacked():
    j = grid()
    for i in range(5):
        add(j, f"a{i}", "s0", "l0", f"Card {i}")
    for i in range(2):
        add(j, f"b{i}", "s1", "l0", f"Other {i}")
    for i in range(8):  # the tallest cell: moves elsewhere leave the row's height alone
        add(j, f"t{i}", "s2", "l0", f"Tall {i}")
    add(j, "far", "s2", "l1", "Elsewhere")
    flow(j, "f_moved", "a3", "b0")
    flow(j, "f_still", "b1", "far")
    return j


def test_moving_a_card_up_its_cell_changes_exactly_the_cards_it_passed():
    j = stacked()
    cache = LayoutCache()
    before = compute_layout(j, cache=cache)
    History(j).do(move_card("a3", "s0", "l0", 1))
    after = compute_layout(j, cache=cache)
    diff = diff_layouts(before, after)
    assert diff.cards == {"a1", "a2", "a3"}
    assert diff.flows == {"f_moved"}
    assert not diff.headers_changed and not diff.size_changed and not diff.grid_changed


def test_moving_a_card_to_another_cell_changes_both_cells_neighbours():
    j = stacked()
    cache = LayoutCache()
    before = compute_layout(j, cache=cache)
    History(j).do(move_card("a1", "s1", "l0", 0))
    diff = diff_layouts(before, compute_layout(j, cache=cache))
    assert diff.cards == {"a1", "a2", "a3", "a4", "b0", "b1"}
    assert diff.flows == {"f_moved", "f_still"}


def test_unchanged_boxes_are_reused_by_a_cached_recompute():
    j = stacked()
    cache = LayoutCache()
    before = compute_layout(j, cache=cache)
    after = compute_layout(j, cache=cache)
    assert all(after.cards[k] is box for k, box in before.cards.items())
    assert all(after.flows[k] is path for k, path in before.flows.items())


def test_cached_recompute_sees_a_changed_title():
    j = stacked()
    cache = LayoutCache()
    compute_layout(j, cache=cache)
    History(j).do(update_card("far", title="A much longer title " * 4))
    cached = compute_layout(j, cache=cache)
    assert cached.cards["far"].title_lines == compute_layout(j).cards["far"].title_lines
    assert len(cached.cards["far"].title_lines) > 1


def test_a_growing_row_moves_what_lies_below():
    j = stacked()
    cache = LayoutCache()
    before = compute_layout(j, cache=cache)
    for i in range(5, 15):
        add(j, f"a{i}", "s0", "l0", f"Card {i}")
    diff = diff_layouts(before, compute_layout(j, cache=cache))
    assert {"far", "a5", "a14"} <= diff.cards
    assert diff.size_changed and diff.headers_changed and diff.grid_changed


def test_by_identity_counts_an_equal_copy_as_changed():
    j = grid()
    add(j, "a", "s0", "l0")
    add(j, "b", "s1", "l0")
    before = compute_layout(j)
    after = compute_layout(j)  # no cache: equal boxes, but new objects
    assert diff_layouts(before, after).cards == set()
    assert diff_layouts(before, after, by_identity=True).cards == {"a", "b"}


def test_layout_imports_no_qt():
    code = (
        "import app.layout.geometry, app.layout.style, app.layout.text, sys\n"
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@settings(max_examples=40, deadline=None)
@given(journeys(), st.data())
def test_a_cached_recompute_equals_a_fresh_one(journey, data):
    cache = LayoutCache()
    compute_layout(journey, cache=cache)
    cards = [c.id for c in journey.cards]
    if cards:
        card = data.draw(st.sampled_from(cards))
        stage = data.draw(st.sampled_from([s.id for s in journey.stages]))
        lane = data.draw(st.sampled_from([lane.id for lane in journey.lanes]))
        History(journey).do(move_card(card, stage, lane, data.draw(st.integers(0, 5))))
    cached, fresh = compute_layout(journey, cache=cache), compute_layout(journey)
    assert cached.cards == fresh.cards
    assert cached.flows == fresh.flows
    assert cached.curves == fresh.curves
