"""CSV export writes the import's columns: export then import gives the same map."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.export.csv_export import UNTITLED, export_csv
from app.model.csv_import import COLUMNS, import_csv
from app.model.edits import AddCard, AddLane, AddStage, RemoveCard, update_card
from app.model.errors import JourneyError
from app.model.fileformat import load
from app.model.journey import Card, Journey, Lane, Stage
from app.model.templates import load_template

ROOT = Path(__file__).resolve().parents[2]


def content(journey: Journey) -> dict:
    """What the CSV carries, by names rather than stage, lane and department ids."""
    owners = {d.id: d.name for d in journey.departments}
    return {
        "stages": [s.name for s in journey.stages],
        "lanes": [(x.name, x.kind) for x in journey.lanes],
        "cards": [
            (
                c.id,
                journey.stage(c.stage).name,
                journey.lane(c.lane).name,
                c.order,
                c.title,
                c.kind,
                c.channel,
                owners.get(c.owner),
                c.emotion,
                c.evidence,
                c.notes,
            )
            for c in journey.cards
        ],
        # Flow ids are not in the CSV, so the flows come back in row order.
        "flows": sorted((f.source, f.target) for f in journey.flows),
    }


def round_trip(journey: Journey, tmp_path: Path, **kwargs) -> Journey:
    path = tmp_path / "map.csv"
    export_csv(journey, path, **kwargs)
    return import_csv(path)


@pytest.mark.parametrize("name", ["sample", "real-estate", "online-store", "customer-support"])
def test_export_then_import_gives_the_same_map(tmp_path, name):
    if name == "sample":
        journey = load(ROOT / "resources" / "sample.journey")
    else:
        journey = load_template(name)
    assert content(round_trip(journey, tmp_path)) == content(journey)


def test_header_has_the_import_columns_after_a_bom(tmp_path):
    path = tmp_path / "map.csv"
    export_csv(load_template("real-estate"), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\n")


def test_lane_order_survives_when_a_stage_skips_a_lane(tmp_path):
    journey = load_template("customer-support")
    # In reading order "What they experience" would come before "How they reach us".
    assert {c.lane for c in journey.cards_in_stage("notice")} == {"does", "we", "feel", "improve"}
    assert [x.name for x in round_trip(journey, tmp_path).lanes] == [x.name for x in journey.lanes]


def test_stage_order_wins_when_the_first_cell_is_empty(tmp_path):
    journey = load_template("online-store")
    RemoveCard("a0").apply(journey)
    again = round_trip(journey, tmp_path)
    assert [s.name for s in again.stages] == [s.name for s in journey.stages]
    assert {c.id: c.title for c in again.cards} == {c.id: c.title for c in journey.cards}


def test_persona_export_keeps_only_that_personas_cards(tmp_path):
    journey = load_template("real-estate")
    imported = round_trip(journey, tmp_path, persona="seller")
    ids = {c.id for c in imported.cards}
    assert "t2" in ids and "a1" not in ids and "t1" in ids


def test_untitled_card_is_written_with_a_placeholder_title(tmp_path):
    journey = load_template("online-store")
    update_card("t1", title="").apply(journey)
    assert round_trip(journey, tmp_path).card("t1").title == UNTITLED


def test_an_id_with_a_semicolon_is_refused_and_nothing_written(tmp_path):
    journey = Journey()
    AddStage(Stage("s", "S")).apply(journey)
    AddLane(Lane("l", "L")).apply(journey)
    AddCard(Card("a;b", "s", "l", 0, "One")).apply(journey)
    with pytest.raises(JourneyError, match=r'card id "a;b" cannot be written to CSV'):
        export_csv(journey, tmp_path / "map.csv")
    assert not (tmp_path / "map.csv").exists()
