"""CSV as spreadsheet programs write it: delimiters, encodings and byte order marks."""

from __future__ import annotations

import pytest

from app.model.csv_import import import_csv
from app.model.csv_source import EncodingError
from app.model.errors import JourneyError
from app.model.fileformat import dumps

ROWS = [
    ["Stage", "Lane", "Title", "Owner", "Emotion", "Notes"],
    ["Find", "Customer", "Sees a poster", "Marketing", "1", "on the tram; twice"],
    ["Buy", "Customer", "Pays, at last", "Straße & Café", "-2", "€ 3,50"],
]


def text(delimiter: str) -> str:
    def cell(value: str) -> str:
        quote = any(ch in value for ch in (delimiter, '"', ","))
        return f'"{value}"' if quote else value

    return "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in ROWS)


def error_of(path, **options) -> str:
    with pytest.raises(JourneyError) as info:
        import_csv(path, **options)
    return str(info.value)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32"],
)
def test_each_dialect_and_encoding_gives_the_same_map(tmp_path, delimiter, encoding):
    (tmp_path / "ref").mkdir()
    (tmp_path / "ref" / "map.csv").write_text(text(","), encoding="utf-8")
    reference = import_csv(tmp_path / "ref" / "map.csv")
    data = text(delimiter).encode("utf-16-be" if encoding == "utf-16-be-bom" else encoding)
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + data
    (tmp_path / "map.csv").write_bytes(data)
    journey = import_csv(tmp_path / "map.csv")
    assert [c.title for c in journey.cards] == ["Sees a poster", "Pays, at last"]
    assert [d.name for d in journey.departments] == ["Marketing", "Straße & Café"]
    assert [c.notes for c in journey.cards] == ["on the tram; twice", "€ 3,50"]
    assert dumps(journey) == dumps(reference)


def test_cp1252_needs_its_name_and_then_reads(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(text(";").encode("cp1252"))
    with pytest.raises(EncodingError):
        import_csv(path)
    assert error_of(path) == f"{path}: line 3: not UTF-8 text (byte 0xdf); save the file as UTF-8"
    journey = import_csv(path, encoding="cp1252")
    assert [d.name for d in journey.departments] == ["Marketing", "Straße & Café"]
    assert journey.cards[1].notes == "€ 3,50"


def test_a_named_encoding_that_does_not_fit_names_it(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("stage,lane,title\nA,L,\u20ac\n".encode())
    assert error_of(path, encoding="ascii") == (
        f"{path}: line 2: not ascii text (byte 0xe2); check the file's encoding"
    )


def test_an_unknown_encoding_is_a_clear_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("stage,lane,title\nA,L,T\n", encoding="utf-8")
    with pytest.raises(JourneyError, match='^--encoding: unknown encoding "klingon"$'):
        import_csv(path, encoding="klingon")


def test_utf8_named_explicitly_still_drops_the_bom(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbfstage;lane;title\nA;L;T\n")
    assert [c.title for c in import_csv(path, encoding="UTF-8").cards] == ["T"]


def test_excel_sep_line_picks_the_delimiter(tmp_path):
    path = tmp_path / "x.csv"
    # The header alone would look comma-separated (one column per name).
    path.write_text("sep=;\nstage;lane;title;notes\nA;L;One, two;x,y\nB;L;Three;\n")
    journey = import_csv(path)
    assert [c.title for c in journey.cards] == ["One, two", "Three"]
    assert [s.name for s in journey.stages] == ["A", "B"]


def test_errors_after_a_sep_line_name_the_file_line(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("sep=;\nstage;lane;title;emotion\nA;L;One;9\n")
    assert error_of(path) == (
        f'{path}: line 3, column "emotion": expected an integer from -2 to 2, got "9"'
    )


def test_a_semicolon_file_without_required_columns_still_says_which(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("stage;lane;name\nA;L;One\n")
    assert error_of(path) == f'{path}: line 1: missing required column "title"'


def test_commas_inside_a_semicolon_header_do_not_fool_the_sniffer(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('stage;lane;title;"Notes, long"\nA;L;T;a,b\n')
    assert import_csv(path).cards[0].title == "T"
