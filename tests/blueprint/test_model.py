"""Blueprint model: lane kinds and zones, the three lines' placement, the new card fields."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.export.csv_export import export_csv
from app.model.blueprint import blueprint_lines, zone_of
from app.model.csv_import import import_csv
from app.model.fileformat import dumps, from_dict
from app.model.journey import DEFAULT_CARD_KIND, LANE_KINDS, Card, Journey, Lane, Stage
from app.model.waits import WaitError, parse_wait, wait_label, wait_text

# Hand-worked: lane kinds top to bottom -> line name -> index of the lane it is drawn above.
LINE_TABLE = [
    # the classic blueprint: every line
    (["evidence", "actions", "touchpoints", "frontstage", "backstage", "support"],
     {"interaction": 2, "visibility": 4, "internal": 5}),
    # a journey map with no blueprint lanes below the customer: none
    (["actions", "thoughts", "emotion"], {}),
    # frontstage lanes only under the customer: interaction only
    (["actions", "frontstage"], {"interaction": 1}),
    # backstage straight under the customer: interaction and visibility on one edge
    (["actions", "backstage"], {"interaction": 1, "visibility": 1}),
    # support right after frontstage: visibility, no internal (no backstage above)
    (["actions", "touchpoints", "support"], {"interaction": 1, "visibility": 2}),
    # partner is support-zone: all three
    (["actions", "touchpoints", "backstage", "partner"],
     {"interaction": 1, "visibility": 2, "internal": 3}),
    # no customer lane: no interaction, but visibility under frontstage
    (["frontstage", "backstage", "support"], {"visibility": 1, "internal": 2}),
    # upside down: support above backstage above customer: nothing qualifies
    (["support", "backstage", "frontstage", "actions"], {}),
    # zone-less lanes in between are skipped but do not break the conditions
    (["actions", "pain", "touchpoints", "notes", "backstage", "opportunity", "support"],
     {"interaction": 2, "visibility": 4, "internal": 6}),
    # a customer lane below frontstage: interaction at the first frontstage lane after it
    (["touchpoints", "actions", "frontstage"], {"interaction": 2}),
    # backstage first, then customer then support: interaction/visibility at support,
    # internal too (a backstage lane is above it)
    (["backstage", "actions", "support"], {"interaction": 2, "visibility": 2, "internal": 2}),
    # only backstage lanes: nothing
    (["backstage", "backstage"], {}),
    ([], {}),
]


@pytest.mark.parametrize(("kinds", "lines"), LINE_TABLE)
def test_lines_are_placed_as_the_contract_says(kinds, lines):
    assert blueprint_lines(kinds) == lines


def test_zones_of_every_lane_kind():
    assert {k: zone_of(k) for k in LANE_KINDS} == {
        "actions": "customer", "touchpoints": "frontstage", "thoughts": "customer",
        "emotion": "customer", "pain": None, "opportunity": None, "backstage": "backstage",
        "partner": "support", "notes": None, "evidence": "customer",
        "frontstage": "frontstage", "support": "support"}


def test_new_lane_kinds_give_new_cards_their_kind():
    assert DEFAULT_CARD_KIND["evidence"] == "evidence"
    assert DEFAULT_CARD_KIND["frontstage"] == "action"
    assert DEFAULT_CARD_KIND["support"] == "action"


@pytest.mark.parametrize(("text", "minutes"), [
    ("90 min", 90), ("1.5 h", 90), ("2 d", 2880), ("0", 0), ("45", 45), ("2h", 120),
    ("3 days", 4320), ("1 week", 10080), ("0,5 h", 30), (" 10 minutes ", 10), ("2.25 min", 2.25),
    ("", None), ("   ", None),
])
def test_wait_parsing(text, minutes):
    got = parse_wait(text)
    assert got == minutes and type(got) is type(minutes)


@pytest.mark.parametrize("text", ["soon", "2 fortnights", "-5", "h", "1.5.2 h", "nan"])
def test_bad_wait_says_what_was_expected(text):
    with pytest.raises(WaitError) as bad:
        parse_wait(text)
    assert str(bad.value) == (
        f'expected a duration such as "90 min", "2 h" or "3 d", got "{text.strip()}"')


@pytest.mark.parametrize(("minutes", "text"), [
    (0, "0 min"), (45, "45 min"), (90, "1.5 h"), (60, "1 h"), (2880, "2 d"), (1500, "1 d"),
    (2.5, "2.5 min"), (None, ""),
])
def test_wait_display(minutes, text):
    assert wait_text(minutes) == text


def test_wait_label_on_a_card():
    assert wait_label(2880) == "\u25f7 2 d"
    assert wait_label(None) == ""


@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_displayed_wait_reads_back_close(minutes):
    back = parse_wait(wait_text(minutes))
    assert abs(back - minutes) <= max(0.05 * minutes, 0.05)


def _map() -> Journey:
    j = Journey("Blueprint")
    j.insert_stage(Stage("s1", "Order"), 0)
    j.insert_lane(Lane("l1", "Actions", "actions"), 0)
    j.insert_lane(Lane("l2", "Support", "support"), 1)
    j.insert_card(Card("c1", "s1", "l1", 0, "Orders", kind="action"))
    j.insert_card(Card("c2", "s1", "l2", 0, "Checks stock", kind="action", fail_point=True,
                       wait=90))
    j.insert_card(Card("c3", "s1", "l2", 1, "Books van", kind="action", wait=1.5))
    return j


def test_old_map_saves_byte_identical_without_the_new_keys():
    j = _map()
    for cid in ("c2", "c3"):
        j.update_card(cid, {"fail_point": False, "wait": None})
    text = dumps(j)
    assert "fail_point" not in text and '"wait"' not in text
    assert dumps(from_dict(json.loads(text))) == text


def test_fail_point_and_wait_round_trip_through_the_file():
    j = _map()
    text = dumps(j)
    assert '"fail_point": true' in text and '"wait": 90' in text
    back = from_dict(json.loads(text))
    assert (back.card("c2").fail_point, back.card("c2").wait) == (True, 90)
    assert (back.card("c3").fail_point, back.card("c3").wait) == (False, 1.5)
    assert dumps(back) == text


def test_fail_point_and_wait_round_trip_through_csv(tmp_path):
    j = _map()
    export_csv(j, tmp_path / "m.csv")
    head = (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "fail_point" in head and "wait" in head
    back = import_csv(tmp_path / "m.csv")
    assert ([(c.id, c.fail_point, c.wait) for c in back.cards]
            == [("c1", False, None), ("c2", True, 90), ("c3", False, 1.5)])


def test_csv_wait_accepts_units_and_names_the_bad_cell(tmp_path):
    from app.model.errors import JourneyError

    path = tmp_path / "m.csv"
    path.write_text("stage,lane,title,wait\nA,L,One,2 h\nA,L,Two,3 d\n", encoding="utf-8")
    assert [c.wait for c in import_csv(path).cards] == [120, 4320]
    path.write_text("stage,lane,title,wait\nA,L,One,later\n", encoding="utf-8")
    with pytest.raises(JourneyError) as bad:
        import_csv(path)
    assert "line 2" in str(bad.value) and "wait" in str(bad.value)
    assert 'expected a duration such as "90 min"' in str(bad.value)


def test_a_bad_wait_in_a_file_is_an_error_naming_its_place():
    from app.model.errors import JourneyError

    text = dumps(_map()).replace('"wait": 90', '"wait": -1')
    with pytest.raises(JourneyError) as bad:
        from_dict(json.loads(text), "m.journey")
    assert "cards[1].wait" in str(bad.value)
