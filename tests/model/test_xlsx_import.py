"""Workbook import: workbooks as people make them, and one clear line for each bad one."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.model.errors import JourneyError
from app.model.xlsx_import import import_xlsx


def workbook(tmp_path: Path, sheets: dict[str, list[list]], name: str = "map.xlsx") -> Path:
    """A workbook written by openpyxl with these sheets (name -> rows)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def error_of(path: Path, sheet: str | None = None) -> str:
    with pytest.raises(JourneyError) as info:
        import_xlsx(path, sheet)
    return str(info.value).removeprefix(f"{path}: ")


# ---------------------------------------------------------------- reading
def test_cells_are_read_as_a_person_sees_them(tmp_path):
    path = workbook(tmp_path, {"Research": [
        ["Title", "EMOTION", "Stage", "Lane", "Notes", "Channel"],
        [3.0, 2.0, "Find", "Customer", 0.1 + 0.2, True],
        [date(2024, 3, 5), -1, "Find", "Customer", datetime(2024, 3, 5, 14, 30), 1234567],
        ["Plain", None, 2024, "Customer", 1.5, 1e20],
    ]})
    journey = import_xlsx(path)
    got = [(c.title, c.emotion, c.notes, c.channel) for c in journey.cards]
    assert got == [
        ("3", 2, "0.3", "TRUE"),
        ("2024-03-05", -1, "2024-03-05 14:30", "1234567"),
        ("Plain", None, "1.5", "1E+20"),
    ]
    assert [s.name for s in journey.stages] == ["Find", "2024"]
    assert journey.title == "map"


def test_numeric_ids_and_next_link_cards(tmp_path):
    path = workbook(tmp_path, {"Cards": [
        ["id", "stage", "lane", "title", "next"],
        [1, "A", "L", "One", 2],
        [2, "B", "L", "Two", None],
    ]})
    journey = import_xlsx(path)
    assert [c.id for c in journey.cards] == ["1", "2"]
    assert [(f.source, f.target) for f in journey.flows] == [("1", "2")]


def test_the_cards_sheet_is_found_by_name_else_the_first(tmp_path):
    rows = [["stage", "lane", "title"], ["A", "L", "T"]]
    other = [["stage", "lane", "title"], ["A", "L", "Other"]]
    path = workbook(tmp_path, {"Notes": other, "cards": rows})
    assert [c.title for c in import_xlsx(path).cards] == ["T"]
    assert [c.title for c in import_xlsx(path, "NOTES").cards] == ["Other"]
    path = workbook(tmp_path, {"Sheet A": other, "Sheet B": rows}, "b.xlsx")
    assert [c.title for c in import_xlsx(path).cards] == ["Other"]
    assert [c.title for c in import_xlsx(path, "Sheet B").cards] == ["T"]


def test_declaration_and_flow_sheets_written_by_hand(tmp_path):
    path = workbook(tmp_path, {
        "Cards": [
            ["ID", "Stage", "Lane", "Title", "Owner", "Personas"],
            ["c1", "Find", "Customer", "Sees a poster", "Marketing", "Office manager"],
            ["c2", "Buy", "Customer", "Orders", None, None],
        ],
        "Stages": [["Name", "id", "Description"], ["Find", "find", "Where they meet us"],
                   ["Buy", None, None], ["Keep", None, "Nothing yet"]],
        "Lanes": [["id", "name", "kind"], ["cust", "Customer", "actions"],
                  [None, "Ideas", "opportunity"]],
        "Departments": [["name", "color"], ["Sales", "#112233"], ["Marketing", None]],
        "Personas": [["name", "goals", "color"], ["Office manager", "One invoice", "#2F6690"]],
        "Flows": [["from", "to", "kind", "label", "id"], ["c1", "c2", "Alternative", "a; b", None],
                  ["c2", "c1", None, None, "back"]],
        "Map": [["Title", "Description"], ["Coffee", "From first cup"]],
    })
    journey = import_xlsx(path)
    assert (journey.title, journey.description) == ("Coffee", "From first cup")
    assert [(s.id, s.name, s.description) for s in journey.stages] == [
        ("find", "Find", "Where they meet us"), ("s1", "Buy", ""), ("s2", "Keep", "Nothing yet")]
    assert [(x.id, x.name, x.kind) for x in journey.lanes] == [
        ("cust", "Customer", "actions"), ("l1", "Ideas", "opportunity")]
    assert [(d.name, d.color) for d in journey.departments] == [
        ("Sales", "#112233"), ("Marketing", "#F28E2B")]
    assert [(p.name, p.goals) for p in journey.personas] == [("Office manager", "One invoice")]
    assert journey.card("c1").personas == ["p1"]
    assert [(f.id, f.source, f.target, f.kind, f.label) for f in journey.flows] == [
        ("back", "c2", "c1", "normal", ""), ("f1", "c1", "c2", "alternative", "a; b")]


def test_flows_by_title_without_an_id_column(tmp_path):
    path = workbook(tmp_path, {
        "Cards": [["stage", "lane", "title", "next"], ["A", "L", "One", "Two"],
                  ["B", "L", "Two", None]],
        "Flows": [["from", "to", "label"], ["Two", "One", "again"]],
    })
    journey = import_xlsx(path)
    assert [(f.source, f.target, f.label) for f in journey.flows] == [
        ("c1", "c2", ""), ("c2", "c1", "again")]


def test_a_formula_with_a_saved_value_gives_that_value(tmp_path):
    path = workbook(tmp_path, {"Cards": [["stage", "lane", "title", "emotion"],
                                         ["A", "L", "T", "=1+1"]]})
    _rewrite_sheet(path, lambda xml: xml.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
                   .replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>"))
    assert import_xlsx(path).cards[0].emotion == 2


def test_control_characters_and_escapes_as_spreadsheets_store_them(tmp_path):
    path = workbook(tmp_path, {"Cards": [["stage", "lane", "title", "notes"],
                                         ["A", "L", "T", "PLACEHOLDER"]]})
    _rewrite_sheet(path, lambda xml: xml.replace(b"PLACEHOLDER", b"a_x0007_b _x005F_x0041_"))
    assert import_xlsx(path).cards[0].notes == "a\x07b _x0041_"


def _rewrite_sheet(path: Path, change) -> None:
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = change(parts[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for part, data in parts.items():
            new.writestr(part, data)
    path.write_bytes(buffer.getvalue())


# ------------------------------------------------------------- bad input
def test_a_missing_required_column_names_the_sheet_and_row(tmp_path):
    path = workbook(tmp_path, {"Cards": [[None], ["stage", "title"], ["A", "T"]]})
    assert error_of(path) == 'sheet "Cards", row 2: missing required column "lane"'


def test_an_empty_sheet(tmp_path):
    path = workbook(tmp_path, {"Cards": []})
    assert error_of(path) == (
        'sheet "Cards" is empty; expected a header row with the columns stage, lane, title'
    )


def test_an_unknown_sheet_lists_the_sheets(tmp_path):
    path = workbook(tmp_path, {"Cards": [["stage"]], "Notes": []})
    assert error_of(path, "Karten") == 'no sheet named "Karten"; the sheets are: "Cards", "Notes"'


def test_a_bad_value_names_sheet_row_column_and_cell(tmp_path):
    path = workbook(tmp_path, {"Cards": [["Stage", "Lane", "Title", "Emotion"],
                                         ["A", "L", "T", 1], ["A", "L", "U", 5]]})
    assert error_of(path) == (
        'sheet "Cards", row 3, column "Emotion" (D3): expected an integer from -2 to 2, got "5"'
    )


def test_a_formula_never_calculated(tmp_path):
    path = workbook(tmp_path, {"Cards": [["stage", "lane", "title"], ["A", "L", "=B1&C1"]]})
    assert error_of(path) == (
        'sheet "Cards", row 2, column "title" (C2): the formula "=B1&C1" has no saved value '
        "(it was never calculated); open the file in a spreadsheet program and save it again"
    )


def test_a_formula_in_a_column_that_is_not_read_is_no_error(tmp_path):
    path = workbook(tmp_path, {"Cards": [["stage", "lane", "title", "mine"],
                                         ["A", "L", "T", "=1"]]})
    assert [c.title for c in import_xlsx(path).cards] == ["T"]


def test_an_error_value(tmp_path):
    path = workbook(tmp_path, {"Cards": [["stage", "lane", "title"], ["A", "#REF!", "T"]]})
    assert error_of(path) == (
        'sheet "Cards", row 2, column "lane" (B2): the cell holds the error #REF!'
    )


def test_errors_across_sheets_name_both_places(tmp_path):
    path = workbook(tmp_path, {
        "Cards": [["stage", "lane", "title"], ["A", "L", "T"]],
        "Stages": [["id", "name"], ["s1", "A"], ["s1", "B"]],
    })
    assert error_of(path) == (
        'sheet "Stages", row 3, column "id" (A3): duplicate stage id "s1" '
        '(first on row 2 of sheet "Stages")'
    )


def test_a_declaration_sheet_without_its_name_column(tmp_path):
    path = workbook(tmp_path, {"Cards": [["stage", "lane", "title"], ["A", "L", "T"]],
                               "Lanes": [["id", "kind"], ["l", "pain"]]})
    assert error_of(path) == 'sheet "Lanes", row 1: missing required column "name"'


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["c1", "zz", None], 'row 2, column "to" (B2): no card with id "zz"'),
        (["c1", "c1", "fail"], 'row 2, column "kind" (C2): expected one of normal, '
                               'alternative, failure, got "fail"'),
        ([None, "c1", None], 'row 2, column "from" (A2): a value is required here'),
    ],
)
def test_a_bad_flow_names_its_row_on_the_flows_sheet(tmp_path, row, message):
    path = workbook(tmp_path, {"Cards": [["id", "stage", "lane", "title"], ["c1", "A", "L", "T"]],
                               "Flows": [["from", "to", "kind"], row]})
    assert error_of(path) == f'sheet "Flows", {message}'


def test_a_password_protected_workbook(tmp_path):
    # What Excel writes for a workbook with a password: an OLE compound file
    # holding the encrypted package beside an "EncryptionInfo" stream.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(_ole(["EncryptionInfo", "EncryptedPackage"]))
    assert error_of(path) == (
        "the workbook is protected by a password (encrypted); "
        "save a copy without the password and import that"
    )


def test_an_old_xls_workbook(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(_ole(["Workbook"]))
    assert error_of(path) == "an old .xls workbook, not .xlsx; save it as .xlsx (Excel Workbook)"


def _ole(streams: list[str]) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entries = b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in streams)
    return header + entries


@pytest.mark.parametrize(
    ("case", "data"),
    [
        ("text", b"stage,lane,title\nA,L,T\n"),
        ("empty", b""),
        ("cut short", None),
    ],
)
def test_a_damaged_file(tmp_path, case, data):
    path = tmp_path / "bad.xlsx"
    if data is None:
        good = workbook(tmp_path, {"Cards": [["stage", "lane", "title"]] * 50}, "good.xlsx")
        data = good.read_bytes()[:-300]
    path.write_bytes(data)
    assert error_of(path) == "not an .xlsx workbook (the file is damaged, or of another kind)"


def test_a_sheet_with_damaged_xml(tmp_path):
    path = workbook(tmp_path, {"Cards": [["stage", "lane", "title"], ["A", "L", "T"]]})
    _rewrite_sheet(path, lambda xml: xml[: len(xml) // 2])
    assert error_of(path).startswith('sheet "Cards": damaged workbook (xl/worksheets/sheet1.xml: ')


def test_no_such_file(tmp_path):
    assert error_of(tmp_path / "gone.xlsx") == "no such file"


# ------------------------------------------- a workbook as Excel writes it
# openpyxl writes every string inline; Excel keeps them in a shared table, rich text
# as runs (with phonetic guides), dates as numbers in a date style, and formulas with
# the value they were last calculated to.
EXCEL_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
    'org/package/2006/content-types"/>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org'
    '/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>",
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Journey" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    'sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>',
    "xl/sharedStrings.xml": '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><si><t>Stage</t></si><si><t>Lane</t></si><si><t>Title</t></si>'
    '<si><t>Notes</t></si><si><t>Emotion</t></si><si><t>Find</t></si><si><t>Customer</t></si>'
    '<si><r><t>Sees </t></r><r><rPr><b/></rPr><t xml:space="preserve">a poster</t></r>'
    "<rPh><t>ignored</t></rPh></si></sst>",
    "xl/styles.xml": '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy '
    'hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/>'
    '<xf numFmtId="164"/></cellXfs></styleSheet>',
    "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v>'
    '</c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>6</v></c><c r="C2" t="s"><v>7</v>'
    '</c><c r="D2" s="1"><v>45356</v></c><c r="E2"><f>1+0</f><v>1</v></c></row>'
    '<row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4" t="s"><v>6</v></c><c r="C4" t="str">'
    '<f>UPPER("done")</f><v>DONE</v></c><c r="D4" s="2"><v>45356.75</v></c><c r="E4">'
    '<f t="shared" ref="E2:E4" si="0"/><v>-2</v></c></row>'
    "</sheetData></worksheet>",
}


def test_a_workbook_as_excel_writes_it(tmp_path):
    path = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for part, text in EXCEL_PARTS.items():
            archive.writestr(part, text)
    journey = import_xlsx(path)
    got = [(c.title, c.notes, c.emotion) for c in journey.cards]
    assert got == [("Sees a poster", "2024-03-05", 1), ("DONE", "2024-03-05 18:00", -2)]
    assert [s.name for s in journey.stages] == ["Find"]


def test_a_sheet_too_big_to_hold_whole_is_streamed_with_the_same_result(tmp_path, monkeypatch):
    from app.export.xlsx_export import export_xlsx
    from app.model import xlsx_read
    from app.model.fileformat import dumps, load

    sample = load(Path(__file__).resolve().parents[2] / "resources" / "sample.journey")
    export_xlsx(sample, tmp_path / "map.xlsx")
    monkeypatch.setattr(xlsx_read, "WHOLE_SHEET_BYTES", 0)
    assert dumps(import_xlsx(tmp_path / "map.xlsx")) == dumps(sample)
    path = workbook(tmp_path, {"Cards": [["stage", "lane", "title"], ["A", "L", "=1+1"]]}, "f.xlsx")
    assert error_of(path).startswith('sheet "Cards", row 2, column "title" (C2): the formula')


def test_a_map_sheet_with_an_empty_row_means_no_title_and_an_empty_one_is_ignored(tmp_path):
    cards = [["stage", "lane", "title"], ["A", "L", "T"]]
    path = workbook(tmp_path, {"Cards": cards, "Map": [["title", "description"]]})
    assert import_xlsx(path).title == ""
    path = workbook(tmp_path, {"Cards": cards, "Map": []}, "trip.xlsx")
    assert import_xlsx(path).title == "trip"
