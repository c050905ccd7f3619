"""The .journey file: canonical writing, strict reading, atomic saving."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model import edits, fileformat
from app.model.errors import JourneyError
from app.model.fileformat import dumps, from_dict, journeys_equal, load, save, to_dict
from app.model.journey import (
    CARD_KINDS,
    EVIDENCE_LEVELS,
    FLOW_KINDS,
    LANE_KINDS,
    Card,
    Department,
    Flow,
    Journey,
    Lane,
    Persona,
    Stage,
)
from tests.model.helpers import refuse_to_open, small_journey

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"


def base() -> dict:
    """A valid file's JSON object to break in one place per test."""
    return to_dict(small_journey())


def error_of(data, source="map.journey") -> str:
    with pytest.raises(JourneyError) as info:
        from_dict(data, source)
    return str(info.value)


# ------------------------------------------------------------------ writing
def test_sample_file_is_written_canonically():
    assert dumps(load(SAMPLE)) == SAMPLE.read_text(encoding="utf-8")


def test_top_level_keys_come_in_design_order():
    assert list(base()) == [
        "format",
        "version",
        "title",
        "description",
        "personas",
        "departments",
        "stages",
        "lanes",
        "cards",
        "flows",
    ]


def test_entity_keys_come_in_design_order():
    data = base()
    assert list(data["cards"][0]) == [
        "id",
        "stage",
        "lane",
        "order",
        "title",
        "kind",
        "notes",
        "channel",
        "owner",
        "emotion",
        "evidence",
        "personas",
        "metrics",
    ]
    assert list(data["flows"][0]) == ["id", "from", "to", "kind", "label"]
    assert list(data["personas"][0]) == ["id", "name", "description", "goals", "color"]
    assert list(data["departments"][0]) == ["id", "name", "color"]
    assert list(data["stages"][0]) == ["id", "name", "description"]
    assert list(data["lanes"][0]) == ["id", "name", "kind"]


def test_text_is_two_space_json_with_unicode_and_final_newline():
    journey = small_journey()
    journey.set_info("Łódź für Jürgen", "")
    text = dumps(journey)
    assert text.endswith("}\n")
    assert '\n  "title": "Łódź für Jürgen",\n' in text


def test_unknown_keys_survive_a_round_trip_after_the_known_ones():
    data = base()
    data["zz_top"] = {"a": [1, 2]}
    data["cards"][0]["x_votes"] = 3
    data["flows"][0]["x_style"] = "bold"
    data["stages"][0]["x_color"] = "#ffffff"
    again = to_dict(from_dict(json.loads(json.dumps(data))))
    assert list(again)[-1] == "zz_top" and again["zz_top"] == {"a": [1, 2]}
    assert list(again["cards"][0].items())[-1] == ("x_votes", 3)
    assert again["flows"][0]["x_style"] == "bold"
    assert again["stages"][0]["x_color"] == "#ffffff"


def test_card_orders_are_renumbered_by_order_then_file_position():
    data = base()
    cell = [c for c in data["cards"] if c["stage"] == "s1" and c["lane"] == "l1"]
    extra = dict(cell[0], id="c9", title="Third")
    cell[0]["order"], cell[1]["order"], extra["order"] = 7, 3, 7
    data["cards"].append(extra)
    journey = from_dict(data)
    assert [c.id for c in journey.cell("s1", "l1")] == ["c2", "c1", "c9"]
    assert [c.order for c in journey.cell("s1", "l1")] == [0, 1, 2]


def test_optional_keys_take_defaults_and_card_kind_follows_its_lane():
    data = {
        "format": "journeymap",
        "version": 1,
        "stages": [{"id": "s", "name": "S"}],
        "lanes": [{"id": "l", "name": "Pain", "kind": "pain"}],
        "cards": [{"id": "c", "stage": "s", "lane": "l"}],
    }
    card = from_dict(data).card("c")
    assert (card.kind, card.title, card.owner, card.personas) == ("pain", "", None, [])


def test_journeys_equal_notices_one_changed_title():
    a, b = small_journey(), small_journey()
    assert journeys_equal(a, b)
    edits.update_card("c3", title="Pay").apply(b)
    assert not journeys_equal(a, b)


# ------------------------------------------------------------------ reading errors
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.__setitem__("format", "mindmap"),
            'format: not a Journeymap file (expected "journeymap", got "mindmap")',
        ),
        (lambda d: d.pop("format"), 'not a Journeymap file (no "format": "journeymap")'),
        (
            lambda d: d.__setitem__("version", 2),
            "version: the file has format version 2, but this Journeymap reads only up to "
            "version 1; update Journeymap to open it",
        ),
        (lambda d: d.__setitem__("version", "1"), 'version: expected a positive integer, got "1"'),
        (lambda d: d["cards"][1].pop("lane"), 'cards[1]: missing required key "lane"'),
        (lambda d: d["stages"][0].pop("id"), 'stages[0]: missing required key "id"'),
        (
            lambda d: d["stages"][1].__setitem__("name", 5),
            "stages[1].name: expected a string, got 5",
        ),
        (lambda d: d.__setitem__("cards", {}), "cards: expected a list, got {}"),
        (lambda d: d["cards"].__setitem__(0, "c1"), 'cards[0]: expected an object, got "c1"'),
        (
            lambda d: d["cards"][0].__setitem__("order", 1.5),
            "cards[0].order: expected an integer, got 1.5",
        ),
        (
            lambda d: d["cards"][3].__setitem__("id", "c1"),
            'cards[3].id: duplicate id "c1" (also cards[0])',
        ),
        (
            lambda d: d["lanes"][1].__setitem__("id", "l1"),
            'lanes[1].id: duplicate id "l1" (also lanes[0])',
        ),
        (
            lambda d: d["cards"][2].__setitem__("owner", "x"),
            'cards[2].owner: no department with id "x"',
        ),
        (
            lambda d: d["cards"][2].__setitem__("stage", "s9"),
            'cards[2].stage: no stage with id "s9"',
        ),
        (lambda d: d["cards"][2].__setitem__("lane", "l9"), 'cards[2].lane: no lane with id "l9"'),
        (
            lambda d: d["cards"][1].__setitem__("personas", ["p1", "p7"]),
            'cards[1].personas[1]: no persona with id "p7"',
        ),
        (lambda d: d["flows"][2].__setitem__("to", "c99"), 'flows[2].to: no card with id "c99"'),
        (
            lambda d: d["cards"][2].__setitem__("emotion", 3),
            "cards[2].emotion: expected an integer from -2 to 2 or null, got 3",
        ),
        (
            lambda d: d["cards"][2].__setitem__("emotion", True),
            "cards[2].emotion: expected an integer from -2 to 2 or null, got true",
        ),
        (
            lambda d: d["lanes"][0].__setitem__("kind", "swim"),
            'lanes[0].kind: unknown lane kind "swim"; expected one of ' + ", ".join(LANE_KINDS),
        ),
        (
            lambda d: d["cards"][0].__setitem__("kind", "idea"),
            'cards[0].kind: unknown card kind "idea"; expected one of ' + ", ".join(CARD_KINDS),
        ),
        (
            lambda d: d["flows"][0].__setitem__("kind", "dotted"),
            'flows[0].kind: unknown flow kind "dotted"; expected one of ' + ", ".join(FLOW_KINDS),
        ),
        (
            lambda d: d["cards"][0].__setitem__("evidence", "hunch"),
            'cards[0].evidence: unknown evidence level "hunch"; expected one of '
            + ", ".join(EVIDENCE_LEVELS),
        ),
        (
            lambda d: d["departments"][0].__setitem__("color", "blue"),
            'departments[0].color: expected a colour like "#1f77b4", got "blue"',
        ),
        (
            lambda d: d["cards"][0].__setitem__("metrics", {"CSAT": "high"}),
            'cards[0].metrics.CSAT: expected a finite number, got "high"',
        ),
    ],
)
def test_bad_content_is_named_by_its_json_path(change, message):
    data = base()
    change(data)
    assert error_of(data) == f"map.journey: {message}"


def test_a_json_list_is_not_a_journey_file():
    assert (
        error_of([1, 2])
        == "map.journey: not a Journeymap file (expected a JSON object, got [1, 2])"
    )


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(JourneyError, match=r"nope\.journey: no such file$"):
        load(tmp_path / "nope.journey")


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(JourneyError, match=r": is a folder, not a file$"):
        load(tmp_path)


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "locked.journey"
    path.write_text("{}")

    refuse_to_open(monkeypatch, "locked.journey")
    with pytest.raises(JourneyError, match=r"locked\.journey: cannot read: Permission denied$"):
        load(path)


def test_not_json_names_line_and_column(tmp_path):
    path = tmp_path / "broken.journey"
    path.write_text('{\n  "format": "journeymap",\n  "version": 1,\n}\n')
    with pytest.raises(JourneyError) as info:
        load(path)
    assert str(info.value) == (
        f"{path}: line 4, column 1: not valid JSON: Expecting property name enclosed "
        "in double quotes"
    )


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.journey"
    path.write_bytes('{\n"title": "Łódź"}'.encode()[:3] + '\n"Jürgen"'.encode("latin-1"))
    with pytest.raises(JourneyError) as info:
        load(path)
    assert str(info.value) == f"{path}: line 3: not UTF-8 text (byte 0xfc); save the file as UTF-8"


def test_nan_is_not_a_number_json_allows(tmp_path):
    path = tmp_path / "nan.journey"
    path.write_text('{"format": "journeymap", "version": 1, "x": NaN}')
    with pytest.raises(JourneyError, match=r"not valid JSON: NaN is not a number JSON allows$"):
        load(path)


def test_older_versions_go_through_the_migration_hook(monkeypatch):
    version_1 = base()
    monkeypatch.setattr(fileformat, "FORMAT_VERSION", 2)
    monkeypatch.setattr(fileformat, "MIGRATIONS", {1: lambda d: {**d, "title": "migrated"}})
    journey = from_dict(version_1)
    assert journey.title == "migrated"
    assert to_dict(journey)["version"] == 2


# ------------------------------------------------------------------ saving
def test_save_leaves_only_the_file(tmp_path):
    save(small_journey(), tmp_path / "m.journey")
    assert [p.name for p in tmp_path.iterdir()] == ["m.journey"]


def test_save_keeps_the_file_mode(tmp_path):
    path = tmp_path / "m.journey"
    path.write_text("old")
    path.chmod(0o640)
    save(small_journey(), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_crash_while_saving_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "m.journey"
    path.write_text("old contents")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(JourneyError, match="cannot write: No space left on device"):
        save(small_journey(), path)
    assert path.read_text() == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["m.journey"]


def test_saving_into_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(JourneyError, match=r"cannot write: No such file or directory$"):
        save(small_journey(), tmp_path / "no" / "m.journey")


# ------------------------------------------------------------------ round trips
_text = st.text(max_size=12)
_ids = st.text(min_size=1, max_size=6)
_extra = st.dictionaries(
    st.sampled_from(["x_note", "x_votes", "zz"]), st.none() | st.integers() | _text, max_size=2
)


def _unique(data, taken, strategy=_ids):
    return data.draw(strategy.filter(lambda value: value not in taken))


def random_journey(data) -> Journey:
    """A journey built through edits, with every kind of content."""
    journey = Journey(data.draw(_text), data.draw(_text))
    journey.extra = data.draw(_extra)
    steps = [
        edits.AddPersona(
            Persona(f"p{i}", data.draw(_text), goals=data.draw(_text), extra=data.draw(_extra))
        )
        for i in range(data.draw(st.integers(0, 2)))
    ]
    steps += [
        edits.AddDepartment(Department(f"d{i}", data.draw(_text), "#A0b1C2"))
        for i in range(data.draw(st.integers(0, 3)))
    ]
    steps += [
        edits.AddStage(Stage(f"s{i}", data.draw(_text), extra=data.draw(_extra)), 0)
        for i in range(data.draw(st.integers(1, 3)))
    ]
    steps += [
        edits.AddLane(Lane(f"l{i}", data.draw(_text), data.draw(st.sampled_from(LANE_KINDS))))
        for i in range(data.draw(st.integers(1, 3)))
    ]
    for step in steps:
        step.apply(journey)
    for _ in range(data.draw(st.integers(0, 8))):
        edits.AddCard(_random_card(data, journey)).apply(journey)
    cards = [c.id for c in journey.cards]
    for _ in range(data.draw(st.integers(0, 6)) if cards else 0):
        flow = Flow(
            _unique(data, {f.id for f in journey.flows}),
            data.draw(st.sampled_from(cards)),
            data.draw(st.sampled_from(cards)),
            data.draw(st.sampled_from(FLOW_KINDS)),
            data.draw(_text),
            data.draw(_extra),
        )
        edits.AddFlow(flow).apply(journey)
    return journey


def _random_card(data, journey: Journey) -> Card:
    pick = lambda items: data.draw(st.sampled_from(items))  # noqa: E731
    return Card(
        _unique(data, set(journey.graph.nodes)),
        pick([s.id for s in journey.stages]),
        pick([x.id for x in journey.lanes]),
        data.draw(st.integers(0, 4)),
        data.draw(_text),
        pick(CARD_KINDS),
        data.draw(_text),
        data.draw(_text),
        pick([None] + [d.id for d in journey.departments]),
        data.draw(st.none() | st.integers(-2, 2)),
        pick((None, *EVIDENCE_LEVELS)),
        data.draw(st.lists(st.sampled_from([p.id for p in journey.personas]), max_size=2))
        if journey.personas
        else [],
        data.draw(
            st.dictionaries(_text, st.integers() | st.floats(allow_nan=False, allow_infinity=False))
        ),
        extra=data.draw(_extra),
        votes=data.draw(st.integers(0, 30)),
        impact=data.draw(st.none() | st.integers(1, 5)),
        effort=data.draw(st.none() | st.integers(1, 5)),
        fail_point=data.draw(st.booleans()),  # blueprint fields (issue 12)
        wait=data.draw(st.none() | st.integers(0, 10**6) | st.floats(0, 1e6)),
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_journeys_load_back_equal_and_resave_identically(tmp_path_factory, data):
    journey = random_journey(data)
    path = tmp_path_factory.mktemp("rt") / "m.journey"
    save(journey, path)
    first = path.read_bytes()
    loaded = load(path)
    assert journeys_equal(loaded, journey)
    save(loaded, path)
    assert path.read_bytes() == first
