"""Undoing a move restores only the moved cards, and a move names the cells it touched."""

from app.model.edits import MoveCards, move_card
from tests.model.helpers import small_journey, state


def test_the_undo_of_a_move_names_only_the_moved_cards_and_restores_every_cell():
    journey = small_journey()
    before = state(journey)
    inverse = MoveCards((("c1", "s2", "l2", 0), ("c4", "s1", "l1", 0))).apply(journey)
    assert sorted(p[0] for p in inverse.placements) == ["c1", "c4"]
    inverse.apply(journey)
    assert state(journey) == before


def test_a_move_announces_the_cells_it_touched():
    journey = small_journey()
    seen = []
    journey.subscribe(seen.append)
    move_card("c4", "s1", "l2", 0).apply(journey)
    assert set(seen[0].cells) == {("s2", "l2"), ("s1", "l2")}
