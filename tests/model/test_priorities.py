"""Dot votes, impact and effort (DESIGN.md card fields) and the ``priorities``
insights: the ordering rules worked by hand, an independent sort under
hypothesis, the file, CSV and error round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.export.csv_export import export_csv
from app.model import analysis
from app.model.csv_import import import_csv
from app.model.edits import AddCard, AddLane, AddStage, History, update_card
from app.model.errors import JourneyError
from app.model.fileformat import dumps, from_dict, load, to_dict
from app.model.journey import Card, Journey, Lane, ModelError, Stage
from app.model.priorities import priorities

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"


def board(*cards: tuple) -> Journey:
    """Two stages, one lane; each card is (id, kind, votes, impact, effort[, stage])."""
    journey = Journey("Board")
    h = History(journey)
    h.do(AddStage(Stage("s1", "Before")))
    h.do(AddStage(Stage("s2", "After")))
    h.do(AddLane(Lane("l1", "Issues", "pain")))
    for i, (cid, kind, votes, impact, effort, *stage) in enumerate(cards):
        h.do(AddCard(Card(cid, stage[0] if stage else "s1", "l1", i, cid, kind,
                          votes=votes, impact=impact, effort=effort)))
    return journey


def test_ranked_by_votes_then_impact_then_effort_then_id():
    journey = board(
        ("b", "pain", 2, None, None),        # 2 votes, unrated
        ("a", "pain", 2, 3, None),           # 2 votes, impact 3: before b (null impact last)
        ("c", "opportunity", 2, 3, 1),       # same votes and impact, effort 1: before a
        ("d", "pain", 5, 1, 5),              # most votes: first whatever its ratings
        ("e", "pain", 0, 4, 2),              # no votes but an impact: ranked, after voted ones
        ("f", "pain", 0, None, 1),           # no votes, no impact: not ranked
        ("g", "touchpoint", 9, 5, 1),        # not a pain point or opportunity: not ranked
        ("h", "opportunity", 2, 3, 1),       # ties c in everything but id: after c
    )
    assert priorities(journey)["ranked"] == ["d", "c", "h", "a", "b", "e"]


def test_quick_wins_are_any_card_with_high_impact_and_low_effort_by_id():
    journey = board(
        ("z", "pain", 0, 4, 2),              # the edges: impact 4, effort 2
        ("y", "touchpoint", 0, 5, 1),        # any kind
        ("x", "opportunity", 3, 3, 1),       # impact too low
        ("w", "pain", 3, 5, 3),              # effort too high
        ("v", "pain", 3, 5, None),           # effort not rated
    )
    assert priorities(journey)["quick_wins"] == ["y", "z"]


def test_votes_by_stage_lists_every_stage_in_column_order():
    journey = board(("a", "pain", 2, None, None, "s2"), ("b", "touchpoint", 3, None, None, "s2"))
    assert priorities(journey)["votes_by_stage"] == {"Before": 0, "After": 5}


def test_priorities_in_check_json_and_text_report():
    journey = board(("p", "pain", 3, 5, 1), ("o", "opportunity", 1, None, None))
    out = analysis.insights(journey)["priorities"]
    assert out == {"ranked": ["p", "o"], "quick_wins": ["p"],
                   "votes_by_stage": {"Before": 4, "After": 0}}
    report = analysis.format_report(journey)
    assert "Priorities (pain points and opportunities): 2\n  p [p]: 3 votes, impact 5, effort 1" \
        in report
    assert "Quick wins (impact >= 4, effort <= 2): 1\n" in report
    assert "Votes per stage: 4 in all\n  Before: 4\n  After: 0" in report


def _independent_ranking(cards: list[tuple]) -> list[str]:
    # Stable sorts from the last key to the first: a different algorithm from
    # the single tuple key of app.model.priorities.
    chosen = [c for c in cards
              if c[1] in ("pain", "opportunity") and (c[2] > 0 or c[3] is not None)]
    chosen.sort(key=lambda c: c[0])
    chosen.sort(key=lambda c: 99 if c[4] is None else c[4])
    chosen.sort(key=lambda c: -1 if c[3] is None else c[3], reverse=True)
    chosen.sort(key=lambda c: c[2], reverse=True)
    return [c[0] for c in chosen]


RATING = st.one_of(st.none(), st.integers(1, 5))
CARDS = st.lists(
    st.tuples(st.sampled_from(["pain", "opportunity", "action", "touchpoint"]),
              st.integers(0, 4), RATING, RATING),
    max_size=12)


@settings(max_examples=150, deadline=None)
@given(CARDS, st.randoms())
def test_ranked_agrees_with_an_independent_sort(specs, rnd):
    ids = [f"c{i}" for i in range(len(specs))]
    rnd.shuffle(ids)  # the map's order must not matter
    cards = [(cid, *spec) for cid, spec in zip(ids, specs, strict=True)]
    journey = board(*cards)
    result = priorities(journey)
    assert result["ranked"] == _independent_ranking(cards)
    assert result["quick_wins"] == sorted(
        c[0] for c in cards if c[3] is not None and c[3] >= 4 and c[4] is not None and c[4] <= 2)
    assert sum(result["votes_by_stage"].values()) == sum(c[2] for c in cards)


def test_fields_at_default_are_not_written_so_old_files_save_byte_identical():
    text = SAMPLE.read_text(encoding="utf-8")
    journey = load(SAMPLE)
    assert dumps(journey) == text
    assert all(c.votes == 0 and c.impact is None and c.effort is None for c in journey.cards)


def test_votes_impact_effort_round_trip_through_the_file():
    journey = board(("p", "pain", 3, 5, 1))
    data = to_dict(journey)
    assert {k: data["cards"][0][k] for k in ("impact", "effort", "votes")} == \
        {"impact": 5, "effort": 1, "votes": 3}
    again = from_dict(json.loads(json.dumps(data)))
    card = again.card("p")
    assert (card.votes, card.impact, card.effort) == (3, 5, 1)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("votes", -1, "expected an integer of 0 or more, got -1"),
    ("votes", 1.5, "expected an integer of 0 or more, got 1.5"),
    ("impact", 6, "expected an integer from 1 to 5 or null, got 6"),
    ("effort", 0, "expected an integer from 1 to 5 or null, got 0"),
])
def test_a_bad_value_in_a_file_names_its_place(key, value, message):
    data = to_dict(board(("p", "pain", 0, None, None)))
    data["cards"][0][key] = value
    with pytest.raises(JourneyError) as err:
        from_dict(data, "m.journey")
    assert f"cards[0].{key}" in str(err.value)
    assert message in str(err.value)


def test_the_model_refuses_a_negative_vote():
    journey = board(("p", "pain", 0, None, None))
    with pytest.raises(ModelError):
        History(journey).do(update_card("p", votes=-1))


def test_a_vote_is_one_undoable_edit():
    journey = board(("p", "pain", 0, None, None))
    history = History(journey)
    history.do(update_card("p", "Vote", votes=1))
    assert journey.card("p").votes == 1
    history.undo()
    assert journey.card("p").votes == 0


def test_csv_columns_round_trip(tmp_path):
    journey = board(("p", "pain", 3, 5, 1), ("o", "opportunity", 0, None, None))
    path = tmp_path / "m.csv"
    export_csv(journey, path)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"impact", "effort", "votes"} <= set(header)
    again = import_csv(path)
    got = {c.title: (c.votes, c.impact, c.effort) for c in again.cards}
    assert got == {"p": (3, 5, 1), "o": (0, None, None)}


def test_a_bad_csv_cell_names_its_line_and_column(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("stage,lane,title,impact\nA,Pains,Slow,9\n", encoding="utf-8")
    with pytest.raises(JourneyError) as err:
        import_csv(path)
    assert "line 2" in str(err.value) and "impact" in str(err.value)
