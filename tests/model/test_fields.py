"""The field table: a field declared once goes through file, CSV and model checks.

The throwaway fields below exist only inside ``TABLE.extended``: no other
module names them, so a field that round-trips here needs no edit outside
`app.model.fields` (the inspector's half is in tests/canvas/test_inspector_fields.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.export.csv_export import export_csv
from app.layout.cards import CardSignature
from app.model.csv_import import columns, import_csv
from app.model.edits import History, update_card
from app.model.errors import JourneyError
from app.model.fields import BOOL, CARD_FIELDS, CHOICE, INTEGER, NUMBER, TABLE, TEXT, Field
from app.model.fileformat import dumps, from_dict, load, save, to_dict
from app.model.journey import Card, ModelError
from app.model.templates import TEMPLATE_DIR
from tests.model.helpers import small_journey

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"

#: A plain text field and an enumerated one, as a later issue would add them.
MOOD = Field("mood", TEXT, "", "Mood", omit_default=True)
SIZE = Field("size", CHOICE, None, "Size", choices=("s", "m", "l"), nullable=True,
             names={None: "Not sized", "s": "Small", "m": "Medium", "l": "Large"},
             what="size", omit_default=True, menu="Si&ze")
#: The shapes of the next issues' fields (fail point, wait, impact, votes).
FLAG = Field("flag", BOOL, False, omit_default=True)
WAITING = Field("waiting", NUMBER, None, low=0, nullable=True, omit_default=True)
SCORE = Field("score", INTEGER, None, low=1, high=5, nullable=True, omit_default=True)
COUNT = Field("count", INTEGER, 0, low=0, omit_default=True)
THROWAWAY = (MOOD, SIZE, FLAG, WAITING, SCORE, COUNT)
#: A map field that is omitted while null, like ``based_on``.
ORIGIN = Field("origin", TEXT, None, nullable=True, omit_default=True, column=None)


@pytest.fixture
def extended():
    with TABLE.extended(*THROWAWAY, map_fields=(ORIGIN,)) as table:
        yield table


def files() -> list[Path]:
    return [SAMPLE, *sorted(TEMPLATE_DIR.glob("*.journey"))]


def test_a_new_card_has_every_field_at_its_default(extended):
    card = Card("c", "s", "l")
    assert (card.mood, card.size, card.flag, card.waiting, card.score, card.count) == (
        "", None, False, None, None, 0)


def test_the_throwaway_fields_leave_the_table_with_the_block():
    with TABLE.extended(*THROWAWAY):
        assert Card("c", "s", "l").count == 0
    assert not hasattr(Card("c", "s", "l"), "count")
    assert not {"mood", "size", "flag", "waiting", "score", "count"} & {f.name for f in TABLE.card}
    assert TABLE.card == CARD_FIELDS


@pytest.mark.parametrize("path", files(), ids=lambda p: p.name)
def test_fields_at_their_default_are_not_written(extended, path, tmp_path):
    """Old files save byte-identical when the table has grown."""
    out = tmp_path / path.name
    save(load(path), out)
    assert out.read_bytes() == path.read_bytes()


def test_set_fields_round_trip_through_the_file(extended, tmp_path):
    journey = small_journey()
    values = {"mood": "calm", "size": "m", "flag": True, "waiting": 2.5, "score": 4, "count": 3}
    History(journey).do(update_card("c1", **values))
    journey.origin = "Current state"
    save(journey, tmp_path / "m.journey")
    data = json.loads((tmp_path / "m.journey").read_text())
    assert {k: data["cards"][0][k] for k in values} == values
    assert "mood" not in data["cards"][1]  # c2 left at the defaults
    assert data["origin"] == "Current state"
    again = load(tmp_path / "m.journey")
    assert {k: getattr(again.card("c1"), k) for k in values} == values
    assert again.origin == "Current state"
    assert dumps(again) == dumps(journey)


def test_set_fields_round_trip_through_csv(extended, tmp_path):
    journey = small_journey()
    values = {"mood": "calm", "size": "l", "flag": True, "waiting": 0.5, "score": 1, "count": 7}
    History(journey).do(update_card("c3", **values))
    assert {"mood", "size", "flag", "waiting", "score", "count"} <= set(columns())
    export_csv(journey, tmp_path / "m.csv")
    again = import_csv(tmp_path / "m.csv")
    assert {k: getattr(again.card("c3"), k) for k in values} == values
    assert (again.card("c1").size, again.card("c1").count, again.card("c1").flag) == (
        None, 0, False)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("size", "xl", 'unknown size "xl"; expected one of s, m, l'),
    ("flag", 1, "expected true or false, got 1"),
    ("waiting", -1, "expected a number of 0 or more or null, got -1"),
    ("score", 6, "expected an integer from 1 to 5 or null, got 6"),
    ("count", None, "expected an integer of 0 or more, got null"),
    ("count", 1.5, "expected an integer of 0 or more, got 1.5"),
])
def test_a_bad_value_in_a_file_names_its_place(extended, key, value, message):
    data = to_dict(small_journey())
    data["cards"][1][key] = value
    with pytest.raises(JourneyError) as error:
        from_dict(data, "m.journey")
    assert str(error.value) == f"m.journey: cards[1].{key}: {message}"


@pytest.mark.parametrize(("column", "text", "message"), [
    ("size", "huge", 'expected one of s, m, l, got "huge"'),
    ("flag", "perhaps", 'expected true or false, got "perhaps"'),
    ("waiting", "-3", 'expected a number of 0 or more, got "-3"'),
    ("score", "2.5", 'expected an integer from 1 to 5, got "2.5"'),
    ("count", "-1", 'expected an integer of 0 or more, got "-1"'),
])
def test_a_bad_csv_cell_names_its_line_and_column(extended, tmp_path, column, text, message):
    path = tmp_path / "m.csv"
    path.write_text(f"stage,lane,title,{column}\nA,L,One,{text}\n", encoding="utf-8")
    with pytest.raises(JourneyError) as error:
        import_csv(path)
    assert str(error.value) == f'{path}: line 2, column "{column}": {message}'


@pytest.mark.parametrize(("key", "value", "message"), [
    ("size", "xl", "unknown size 'xl'; expected one of s, m, l"),
    ("flag", None, "flag must be true or false, not None"),
    ("waiting", -0.5, "waiting must be at least 0, not -0.5"),
    ("score", 0, "score must be between 1 and 5, not 0"),
    ("count", "3", "count must be an integer, not '3'"),
])
def test_the_model_refuses_what_the_field_does_not_allow(extended, key, value, message):
    journey = small_journey()
    with pytest.raises(ModelError) as error:
        History(journey).do(update_card("c1", **{key: value}))
    assert str(error.value) == message


def test_every_drawn_field_is_part_of_the_card_signature():
    drawn = {f.name for f in TABLE.drawn()}
    assert {"kind", "emotion", "evidence", "votes", "fail_point"} <= drawn
    assert drawn <= set(CardSignature.__dataclass_fields__)


def test_card_field_words_come_from_the_vocabulary():
    from app.model import vocabulary

    assert TABLE.card_field("evidence").names is vocabulary.EVIDENCE_NAMES
    assert TABLE.card_field("emotion").names is vocabulary.EMOTION_NAMES
    assert TABLE.card_field("kind").names is vocabulary.CARD_KIND_NAMES
