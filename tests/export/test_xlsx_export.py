"""Workbook export: a workbook a person can read, and export then import gives the same map."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from openpyxl import load_workbook

from app.export.xlsx_export import CARD_COLUMNS, export_xlsx
from app.model.edits import AddCard, AddDepartment, SetInfo
from app.model.errors import JourneyError
from app.model.fileformat import dumps, load
from app.model.journey import CARD_KINDS, LANE_KINDS, Card, Department, Journey
from app.model.templates import load_template, template_names
from app.model.xlsx_import import import_xlsx
from tests.export.test_csv_export import ids_are_no_names, journeys, one_card_map

ROOT = Path(__file__).resolve().parents[2]
MAPS = ["sample", *template_names()]


def open_map(name: str) -> Journey:
    return load(ROOT / "resources" / "sample.journey") if name == "sample" else load_template(name)


def round_trip(journey: Journey, folder: Path, persona: str | None = None) -> Journey:
    path = folder / "map.xlsx"
    export_xlsx(journey, path, persona)
    return import_xlsx(path)


@pytest.mark.parametrize("name", MAPS)
def test_every_sample_and_template_comes_back_byte_for_byte(tmp_path, name):
    journey = open_map(name)
    assert dumps(round_trip(journey, tmp_path)) == dumps(journey)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_any_map_comes_back_the_same(journey):
    assume(ids_are_no_names(journey))
    with tempfile.TemporaryDirectory() as folder:
        again = round_trip(journey, Path(folder))
    assert dumps(again) == dumps(journey)


def test_text_that_looks_like_a_formula_or_a_number_stays_text(tmp_path):
    journey = one_card_map()
    journey.card("c1").title = "=SUM(A1:A3)"
    journey.card("c1").notes = "007\x01_x0041_"
    journey.card("c1").channel = "3.0"
    again = round_trip(journey, tmp_path).card("c1")
    assert (again.title, again.notes, again.channel) == ("=SUM(A1:A3)", "007\x01_x0041_", "3.0")


def test_the_workbook_has_a_sheet_per_part_of_the_map(tmp_path):
    journey = open_map("sample")
    export_xlsx(journey, tmp_path / "map.xlsx")
    book = load_workbook(tmp_path / "map.xlsx")
    assert book.sheetnames == [
        "Cards", "Flows", "Stages", "Lanes", "Departments", "Personas", "Map",
    ]
    cards = book["Cards"]
    assert [c.value for c in cards[1]] == list(CARD_COLUMNS)
    assert cards.max_row == 1 + len(journey.cards)
    assert cards.freeze_panes == "A2"
    assert all(cell.font.b for cell in cards[1])
    flows = book["Flows"]
    assert [c.value for c in flows[1]] == ["id", "from", "to", "kind", "label"]
    assert flows.max_row == 1 + len(journey.flows)
    assert [c.value for c in book["Stages"]["B"][1:]] == [s.name for s in journey.stages]
    assert book["Map"]["A2"].value == journey.title


def test_emotions_are_numbers_and_columns_fit_their_text(tmp_path):
    journey = open_map("sample")
    export_xlsx(journey, tmp_path / "map.xlsx")
    cards = load_workbook(tmp_path / "map.xlsx")["Cards"]
    column = CARD_COLUMNS.index("emotion")
    emotions = [row[column].value for row in cards.iter_rows(min_row=2)]
    assert emotions == [c.emotion for c in journey.cards]
    widths = {
        name: cards.column_dimensions[cards.cell(1, i + 1).column_letter].width
        for i, name in enumerate(CARD_COLUMNS)
    }
    longest_title = max(len(c.title) for c in journey.cards)
    assert widths["title"] == min(longest_title + 2, 60)
    assert widths["emotion"] < widths["title"]


def test_department_colours_are_cell_fills(tmp_path):
    journey = Journey()
    AddDepartment(Department("d1", "Sales", "#1F3A5F")).apply(journey)
    AddDepartment(Department("d2", "Care", "#F2E8CF")).apply(journey)
    export_xlsx(journey, tmp_path / "map.xlsx")
    sheet = load_workbook(tmp_path / "map.xlsx")["Departments"]
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ["#1F3A5F", "#F2E8CF"]
    assert [c.fill.fgColor.rgb[-6:] for c in cells] == ["1F3A5F", "F2E8CF"]
    # Light text on the dark fill, dark text on the light one.
    assert [c.font.color.rgb[-6:] for c in cells] == ["FFFFFF", "000000"]


def test_persona_export_keeps_only_that_personas_cards(tmp_path):
    journey = open_map("sample")
    persona = journey.personas[0].id
    again = round_trip(journey, tmp_path, persona)
    assert {c.id for c in again.cards} == {
        c.id for c in journey.cards if not c.personas or persona in c.personas
    }
    assert [p.id for p in again.personas] == [p.id for p in journey.personas]


def test_a_value_longer_than_a_cell_holds_is_refused_and_nothing_written(tmp_path):
    journey = one_card_map()
    AddCard(Card("c2", "s", "l", 1, "Long", notes="x" * 40000)).apply(journey)
    with pytest.raises(JourneyError) as info:
        export_xlsx(journey, tmp_path / "map.xlsx")
    assert str(info.value) == (
        f'{tmp_path / "map.xlsx"}: sheet "Cards", row 3, column "notes": 40,000 characters, '
        "more than the 32,767 a spreadsheet cell holds"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_map_the_csv_refuses_is_refused_too(tmp_path):
    journey = one_card_map()
    SetInfo("T", "").apply(journey)
    AddDepartment(Department("d1", "Sales", "red")).apply(journey)
    with pytest.raises(JourneyError, match='has the colour "red"'):
        export_xlsx(journey, tmp_path / "map.xlsx")
    assert not (tmp_path / "map.xlsx").exists()


def test_kind_columns_offer_the_kinds_the_import_accepts(tmp_path):
    export_xlsx(open_map("sample"), tmp_path / "map.xlsx")
    book = load_workbook(tmp_path / "map.xlsx")
    offered = {
        (name, book[name].cell(1, next(iter(check.sqref.ranges)).min_col).value): check.formula1
        for name in ("Cards", "Lanes", "Flows")
        for check in book[name].data_validations.dataValidation
    }
    assert offered == {
        ("Cards", "kind"): '"' + ",".join(CARD_KINDS) + '"',
        ("Cards", "evidence"): '"assumption,anecdote,data"',
        ("Lanes", "kind"): '"' + ",".join(LANE_KINDS) + '"',
        ("Flows", "kind"): '"normal,alternative,failure"',
    }
