"""The map-level ``based_on`` key: read, validated with its JSON path, written."""

from __future__ import annotations

import json

import pytest

from app.model.basedon import base_status, make_based_on
from app.model.errors import JourneyError
from app.model.fileformat import dumps, from_dict, load, save, to_dict
from tests.model.helpers import small_journey

RECORD = {"title": "Today", "file": "today.journey", "sha256": "ab" * 32}


def _with(value):
    data = to_dict(small_journey())
    data["based_on"] = value
    return data


def test_based_on_loads_and_saves_after_the_description():
    journey = from_dict(_with(dict(RECORD)))
    assert journey.based_on == RECORD
    text = dumps(journey)
    keys = list(json.loads(text))
    assert keys[:5] == ["format", "version", "title", "description", "based_on"]
    assert dumps(from_dict(json.loads(text))) == text


def test_a_map_without_based_on_has_no_key():
    assert "based_on" not in dumps(small_journey())
    assert from_dict(_with(None)).based_on is None


@pytest.mark.parametrize(("value", "message"), [
    ("x", 'based_on: expected null or an object with title, file and sha256, got "x"'),
    ({"title": "T", "file": "a"}, 'based_on: missing required key "sha256"'),
    ({**RECORD, "file": 3}, "based_on.file: expected a string, got 3"),
    ({**RECORD, "file": ""}, "based_on.file: expected the path of the base map, got an "
                             "empty string"),
    ({**RECORD, "sha256": "xyz"}, 'based_on.sha256: expected 64 hexadecimal digits (a '
                                  'sha256), got "xyz"'),
])
def test_bad_based_on_names_its_json_path(value, message):
    with pytest.raises(JourneyError) as info:
        from_dict(_with(value), "f.journey")
    assert str(info.value) == f"f.journey: {message}"


def test_make_based_on_and_base_status(tmp_path):
    base_file = tmp_path / "maps" / "today.journey"
    base_file.parent.mkdir()
    save(small_journey(), base_file)
    future = tmp_path / "future" / "tomorrow.journey"
    record = make_based_on("Test map", base_file, future)
    assert record["file"] == "../maps/today.journey"
    assert len(record["sha256"]) == 64
    assert base_status(record, future) == "unchanged"
    journey = load(base_file)
    journey.title = "Changed"
    save(journey, base_file)
    assert base_status(record, future) == "changed"
    base_file.unlink()
    assert base_status(record, future) == "missing"
