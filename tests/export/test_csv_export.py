"""CSV export writes the import's columns: export then import gives the same map."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.export.csv_export import UNTITLED, export_csv, to_csv
from app.model.csv_import import COLUMNS, import_csv
from app.model.csv_values import clean
from app.model.edits import (
    AddCard,
    AddDepartment,
    AddFlow,
    AddLane,
    AddPersona,
    AddStage,
    RemoveCard,
    SetInfo,
    update,
    update_card,
)
from app.model.errors import JourneyError
from app.model.fileformat import dumps, load, to_dict
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
from app.model.templates import load_template, template_names

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


# ------------------------------------------------- CSV extensions (docs/csv.md)
# Export then import gives the same .journey file, byte for byte.
MAPS = ["sample", *template_names()]


def open_map(name: str) -> Journey:
    return load(ROOT / "resources" / "sample.journey") if name == "sample" else load_template(name)


def reimport(journey: Journey, tmp_path: Path, text: str | None = None) -> Journey:
    path = tmp_path / "map.csv"
    path.write_text(to_csv(journey) if text is None else text, encoding="utf-8")
    return import_csv(path)


@pytest.mark.parametrize("name", MAPS)
def test_every_sample_and_template_comes_back_byte_for_byte(tmp_path, name):
    journey = open_map(name)
    assert dumps(round_trip(journey, tmp_path)) == dumps(journey)


def test_declaration_rows_come_first_in_the_map_order(tmp_path):
    rows = to_csv(load_template("customer-support")).splitlines()
    kinds = [line.split(",", 1)[0] for line in rows[1:13]]
    assert kinds == ["map"] + ["stage"] * 6 + ["lane"] * 5
    assert rows[2].startswith("stage,notice,Notice the problem,")


def test_flow_ids_are_left_out_when_the_import_would_make_the_same(tmp_path):
    journey = Journey()
    AddStage(Stage("s", "S")).apply(journey)
    AddLane(Lane("l", "L")).apply(journey)
    for i in (1, 2):
        AddCard(Card(f"c{i}", "s", "l", i, f"Card {i}")).apply(journey)
    AddFlow(Flow("f1", "c1", "c2")).apply(journey)

    def cells(row: int) -> dict[str, str]:
        table = list(csv.DictReader(io.StringIO(to_csv(journey))))
        return {k: table[row][k] for k in ("next", "next_kinds", "next_labels", "next_ids")}

    assert cells(-2) == {"next": "c2", "next_kinds": "", "next_labels": "", "next_ids": ""}
    AddFlow(Flow("f9", "c2", "c1")).apply(journey)
    assert cells(-1) == {"next": "c1", "next_kinds": "", "next_labels": "", "next_ids": "f9"}


def test_stages_with_the_same_name_stay_apart(tmp_path):
    journey = load_template("online-store")
    update("stage", "ship", name="New stage").apply(journey)
    update("stage", "use", name="New stage").apply(journey)
    again = round_trip(journey, tmp_path)
    assert [c.stage for c in again.cards] == [c.stage for c in journey.cards]
    assert dumps(again) == dumps(journey)


def test_a_map_without_stages_keeps_its_title_and_description(tmp_path):
    journey = Journey()
    SetInfo("Ideas", "To sort out\nnext week").apply(journey)
    assert dumps(round_trip(journey, tmp_path)) == dumps(journey)


def test_a_nameless_lane_and_an_empty_stage_survive(tmp_path):
    journey = load_template("real-estate")
    update("lane", "pain", name="").apply(journey)
    AddStage(Stage("later", "Later", "nothing yet"), 2).apply(journey)
    assert dumps(round_trip(journey, tmp_path)) == dumps(journey)


def test_persona_export_keeps_all_stages_lanes_departments_and_personas(tmp_path):
    journey = load_template("real-estate")
    again = round_trip(journey, tmp_path, persona="seller")
    assert to_dict(again)["stages"] == to_dict(journey)["stages"]
    assert to_dict(again)["lanes"] == to_dict(journey)["lanes"]
    assert to_dict(again)["departments"] == to_dict(journey)["departments"]
    assert to_dict(again)["personas"] == to_dict(journey)["personas"]


# --------------------------------------- what a spreadsheet does when it saves
def resaved(text: str, line_end: str, bom: bool, spare_columns: int) -> str:
    """``text`` as a spreadsheet writes it: every field quoted, its own line ends,
    a BOM or none, and empty columns after the last one."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=line_end)
    for row in rows:
        writer.writerow(row + [""] * spare_columns)
    return ("\ufeff" if bom else "") + out.getvalue()


@pytest.mark.parametrize(
    ("line_end", "bom", "spare_columns"),
    [("\r\n", True, 0), ("\r\n", False, 3), ("\n", False, 1), ("\r\n", True, 2)],
)
def test_an_export_resaved_by_a_spreadsheet_imports_the_same(
    tmp_path, line_end, bom, spare_columns
):
    journey = open_map("sample")
    text = resaved(to_csv(journey), line_end, bom, spare_columns)
    path = tmp_path / "map.csv"
    path.write_bytes(text.encode("utf-8"))
    assert dumps(import_csv(path)) == dumps(journey)


# ---------------------------------------------- what the CSV cannot hold
def test_a_stage_id_with_surrounding_space_is_refused(tmp_path):
    journey = load_template("blank")
    AddStage(Stage(" s9", "Late")).apply(journey)
    with pytest.raises(JourneyError) as info:
        export_csv(journey, tmp_path / "map.csv")
    assert str(info.value) == (
        f'{tmp_path / "map.csv"}: stage id " s9" cannot be written to CSV: ids there cannot '
        "contain a carriage return, or start or end with a space"
    )
    assert not (tmp_path / "map.csv").exists()


def test_a_shared_name_whose_id_is_another_name_is_refused(tmp_path):
    journey = Journey()
    for stage in (Stage("x", "Same"), Stage("y", "Same"), Stage("z", "x")):
        AddStage(stage).apply(journey)
    AddLane(Lane("l", "L")).apply(journey)
    AddCard(Card("c1", "x", "l", 0, "One")).apply(journey)
    with pytest.raises(JourneyError) as info:
        to_csv(journey, source="m.csv")
    assert str(info.value) == (
        'm.csv: stage "Same" cannot be written to CSV: other stages have its name, and its id '
        '"x" is the name of another stage; rename one of them'
    )


def test_a_unique_name_wins_over_an_equal_id_of_another_stage(tmp_path):
    journey = Journey()
    for stage in (Stage("x", "Same"), Stage("y", "Same"), Stage("z", "y1")):
        AddStage(stage).apply(journey)
    AddLane(Lane("y1", "L")).apply(journey)
    AddStage(Stage("y1", "Other")).apply(journey)
    for i, stage in enumerate(("x", "y", "z", "y1")):
        AddCard(Card(f"c{i}", stage, "y1", 0, f"Card {i}")).apply(journey)
    assert dumps(reimport(journey, tmp_path)) == dumps(journey)


# ---------------------------------------------- any map the edits can make
TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\r"), max_size=8
).map(clean)
NAME = st.one_of(st.sampled_from(["", "New stage", "A", "a;b", "x\\;y", "k=v", "Łódź"]), TEXT)
ID = st.text("abs12;\\ =é,\"", min_size=1, max_size=4).map(clean).filter(bool)
CARD_ID = ID.filter(lambda text: ";" not in text)
COLOR_ = st.from_regex(r"#[0-9A-Fa-f]{6}", fullmatch=True)
NUMBER = st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=False, allow_infinity=False))


@st.composite
def journeys(draw) -> Journey:
    journey = Journey()
    edits = [SetInfo(draw(TEXT), draw(TEXT))]
    for i, sid in enumerate(draw(st.lists(ID, unique=True, min_size=1, max_size=4))):
        edits.append(AddStage(Stage(sid, draw(NAME), draw(TEXT)), draw(st.integers(-1, i))))
    for i, lid in enumerate(draw(st.lists(ID, unique=True, min_size=1, max_size=4))):
        lane = Lane(lid, draw(NAME), draw(st.sampled_from(LANE_KINDS)))
        edits.append(AddLane(lane, draw(st.integers(-1, i))))
    for did in draw(st.lists(ID, unique=True, max_size=3)):
        edits.append(AddDepartment(Department(did, draw(NAME), draw(COLOR_))))
    for pid in draw(st.lists(ID, unique=True, max_size=3)):
        persona = Persona(pid, draw(NAME), draw(TEXT), draw(TEXT), draw(COLOR_))
        edits.append(AddPersona(persona))
    for edit in edits:
        edit.apply(journey)
    _draw_cards(draw, journey)
    return journey


def _draw_cards(draw, journey: Journey) -> None:
    departments = [None, *(d.id for d in journey.departments)]
    personas = [p.id for p in journey.personas]
    for cid in draw(st.lists(CARD_ID, unique=True, max_size=8)):
        card = Card(
            cid,
            draw(st.sampled_from([s.id for s in journey.stages])),
            draw(st.sampled_from([x.id for x in journey.lanes])),
            draw(st.integers(0, 3)),
            draw(TEXT.filter(bool)),
            draw(st.sampled_from(CARD_KINDS)),
            draw(TEXT),
            draw(TEXT),
            draw(st.sampled_from(departments)),
            draw(st.none() | st.integers(-2, 2)),
            draw(st.none() | st.sampled_from(EVIDENCE_LEVELS)),
            draw(st.lists(st.sampled_from(personas), max_size=3)) if personas else [],
            draw(st.dictionaries(TEXT, NUMBER, max_size=3)),
        )
        AddCard(card).apply(journey)
    cards = [c.id for c in journey.cards]
    if not cards:
        return
    for fid in draw(st.lists(ID, unique=True, max_size=8)):
        flow = Flow(
            fid, draw(st.sampled_from(cards)), draw(st.sampled_from(cards)),
            draw(st.sampled_from(FLOW_KINDS)), draw(TEXT),
        )
        AddFlow(flow).apply(journey)


def ids_are_no_names(journey: Journey) -> bool:
    """Whether no id is also a name in its list (where the export may refuse a map)."""
    lists = (journey.stages, journey.lanes, journey.departments, journey.personas)
    return all(not {i.id for i in items} & {clean(i.name) for i in items} for items in lists)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_any_map_comes_back_the_same(journey):
    assume(ids_are_no_names(journey))
    with tempfile.TemporaryDirectory() as folder:
        again = reimport(journey, Path(folder))
    assert to_dict(again) == to_dict(journey)
    assert dumps(again) == dumps(journey)


def one_card_map() -> Journey:
    journey = Journey()
    AddStage(Stage("s", "S")).apply(journey)
    AddLane(Lane("l", "L")).apply(journey)
    AddCard(Card("c1", "s", "l", 0, "One")).apply(journey)
    return journey


def export_error(journey: Journey) -> str:
    with pytest.raises(JourneyError) as info:
        to_csv(journey, source="m.csv")
    return str(info.value)


def test_a_flow_id_with_surrounding_space_is_refused():
    journey = one_card_map()
    AddFlow(Flow("f1 ", "c1", "c1")).apply(journey)
    assert export_error(journey) == (
        'm.csv: flow id "f1 " cannot be written to CSV: ids there cannot contain a carriage '
        "return, or start or end with a space"
    )


def test_a_colour_a_csv_cannot_hold_is_refused():
    journey = one_card_map()
    AddDepartment(Department("d", "Sales", "red")).apply(journey)
    assert export_error(journey) == (
        'm.csv: department "Sales" has the colour "red", which a CSV cannot hold; '
        'expected a colour like "#1f77b4"'
    )


def test_a_metric_that_is_not_a_finite_number_is_refused():
    journey = one_card_map()
    update_card("c1", metrics={"m": float("nan")}).apply(journey)
    assert export_error(journey) == (
        'm.csv: card "c1": metric "m" is nan, not a finite number, and cannot be written to CSV'
    )


def test_metric_names_that_differ_only_in_surrounding_space_are_refused():
    journey = one_card_map()
    update_card("c1", metrics={"m": 1, "m ": 2}).apply(journey)
    assert export_error(journey) == (
        'm.csv: card "c1": two metric names differ only in surrounding white space, '
        "which a CSV cannot keep apart"
    )
