"""The command line with spreadsheets: .xlsx in and out, CSV in any dialect and encoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from app.model.fileformat import load

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"


def test_export_then_import_a_workbook_gives_the_same_file(run, tmp_path):
    assert run("export", SAMPLE, "-o", "map.xlsx")[0] == 0
    status, out, err = run("import", "map.xlsx", "-o", "map.journey")
    assert (status, err) == (0, "")
    assert out.startswith("wrote map.journey: 7 stages, 8 lanes, 44 cards, 23 flows")
    assert (tmp_path / "map.journey").read_bytes() == SAMPLE.read_bytes()


def test_import_takes_the_sheet_named(run, tmp_path):
    book = Workbook()
    book.active.title = "Old"
    book.active.append(["stage", "lane", "title"])
    book.create_sheet("New").append(["Stage", "Lane", "Title"])
    book["New"].append(["A", "L", "Fresh"])
    book.save(tmp_path / "w.xlsx")
    assert run("import", "w.xlsx", "-o", "m.journey", "--sheet", "New")[0] == 0
    assert [c.title for c in load(tmp_path / "m.journey").cards] == ["Fresh"]


BAD_WORKBOOKS = [
    ("no such sheet", ["--sheet", "Nope"],
     'w.xlsx: no sheet named "Nope"; the sheets are: "Cards"'),
    ("missing column", [], 'w.xlsx: sheet "Cards", row 1: missing required column "title"'),
    ("encoding", ["--encoding", "cp1252"],
     "--encoding: only for CSV files; a workbook knows its encoding"),
]


@pytest.mark.parametrize(("case", "options", "message"), BAD_WORKBOOKS,
                         ids=[c[0] for c in BAD_WORKBOOKS])
def test_a_bad_workbook_is_one_line_exit_2_and_nothing_written(run, tmp_path, case, options,
                                                               message):
    book = Workbook()
    book.active.title = "Cards"
    book.active.append(["stage", "lane"])
    book.save(tmp_path / "w.xlsx")
    assert run("import", "w.xlsx", "-o", "out.journey", *options) == (
        2, "", f"journeymap: error: {message}\n")
    assert not (tmp_path / "out.journey").exists()


def test_a_damaged_workbook_writes_nothing(run, tmp_path):
    (tmp_path / "w.xlsx").write_bytes(b"PK\x03\x04 not really")
    assert run("import", "w.xlsx", "-o", "out.journey") == (
        2, "", "journeymap: error: w.xlsx: not an .xlsx workbook (the file is damaged, "
        "or of another kind)\n")
    assert not (tmp_path / "out.journey").exists()


def test_a_cp1252_csv_reads_with_encoding(run, tmp_path):
    (tmp_path / "in.csv").write_bytes("stage;lane;title\nKöln;L;Café\n".encode("cp1252"))
    status, _, err = run("import", "in.csv", "-o", "out.journey")
    assert status == 2 and "--encoding cp1252" in err
    assert run("import", "in.csv", "-o", "out.journey", "--encoding", "cp1252")[0] == 0
    journey = load(tmp_path / "out.journey")
    assert ([s.name for s in journey.stages], journey.cards[0].title) == (["Köln"], "Café")


def test_sheet_is_only_for_workbooks(run, tmp_path):
    (tmp_path / "in.csv").write_text("stage,lane,title\nA,L,T\n")
    assert run("import", "in.csv", "-o", "o.journey", "--sheet", "Cards") == (
        2, "", "journeymap: error: --sheet: only for .xlsx workbooks\n")


@pytest.mark.parametrize(("option", "separator"), [(";", ";"), ("tab", "\t"), (",", ",")])
def test_csv_export_with_a_delimiter_imports_back_the_same(run, tmp_path, option, separator):
    assert run("export", SAMPLE, "-o", "m.csv", "--delimiter", option)[0] == 0
    text = (tmp_path / "m.csv").read_text(encoding="utf-8-sig")
    assert text.startswith(separator.join(["row", "id", "stage", "lane"]))
    assert run("import", "m.csv", "-o", "m.journey")[0] == 0
    assert (tmp_path / "m.journey").read_bytes() == SAMPLE.read_bytes()


def test_delimiter_is_only_for_csv(run, tmp_path):
    assert run("export", SAMPLE, "-o", "m.xlsx", "--delimiter", ";") == (
        2, "", "journeymap: error: --delimiter: only for .csv output\n")
    assert not (tmp_path / "m.xlsx").exists()


def test_an_old_xls_file_says_to_save_it_as_xlsx(run, tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert run("import", "old.xls", "-o", "o.journey") == (
        2, "", "journeymap: error: old.xls: an old .xls workbook, not .xlsx; save it as .xlsx "
        "(Excel Workbook)\n")
