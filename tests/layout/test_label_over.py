"""A label that sat on a card because no spot was free keeps its spot when the
card beside it goes, but is then off the cards: the incremental layout must say
so (`FlowPath.label_over`) exactly as a fresh layout does (found by hypothesis)."""

from __future__ import annotations

from pathlib import Path

from app.layout.geometry import LayoutCache, compute_layout
from app.model.edits import remove_cards
from app.model.fileformat import load
from tests.layout.test_incremental import Recorder

DATA = Path(__file__).parent / "data"


def test_a_label_off_the_cards_after_a_removal_is_no_longer_drawn_over_them():
    # Eleven flows from c10 (nine of them loops) crowd the stage; f7's label
    # finds no free spot until c9, in the next stage, goes.
    journey = load(DATA / "label_over.journey")
    cache, heard = LayoutCache(), Recorder(journey)
    before = compute_layout(journey, cache=cache)
    assert before.flows["f7"].label_over
    remove_cards(["c9"]).apply(journey)
    after = compute_layout(journey, cache=cache, changes=heard.take())
    fresh = compute_layout(journey)
    assert after.flows["f7"].label_pos == before.flows["f7"].label_pos
    assert after.flows["f7"] == fresh.flows["f7"]
    assert not after.flows["f7"].label_over
