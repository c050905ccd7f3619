"""The legend under a printed blueprint explains its marks: the fail point badge
and the wait clock appear in a "Blueprint" group when a card on the map has one."""

from __future__ import annotations

from app.export.titleblock import Text, title_block
from app.layout.style import DEFAULT_STYLE
from app.model.edits import update_card
from app.model.templates import load_template
from app.model.waits import CLOCK


def _words(journey) -> list[str]:
    block = title_block(journey, DEFAULT_STYLE, 2000.0)
    return [p.text for p in block.items if isinstance(p, Text)]


def test_a_blueprint_legend_names_the_fail_point_and_the_wait():
    words = _words(load_template("service-blueprint"))
    assert "Blueprint" in words
    assert "Fail point" in words and "F" in words
    assert "Wait (total per stage in its header)" in words and CLOCK in words


def test_the_group_lists_only_the_marks_the_map_uses():
    journey = load_template("service-blueprint")
    for card in journey.cards:
        update_card(card.id, fail_point=False).apply(journey)
    words = _words(journey)
    assert "Fail point" not in words and "Wait (total per stage in its header)" in words
    for card in journey.cards:
        update_card(card.id, wait=None).apply(journey)
    assert "Blueprint" not in _words(journey)
