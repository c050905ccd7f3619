"""Write a journey as an ``.xlsx`` workbook that the import reads back as the same map.

The workbook has a sheet per thing a map holds (docs/xlsx.md):

- **Cards**: one row per card in reading order, in the CSV's card columns
  (docs/csv.md), the emotion as a number;
- **Flows**: ``id``, ``from``, ``to`` (card ids), ``kind``, ``label``;
- **Stages**, **Lanes**, **Departments**, **Personas**: the declarations of
  the CSV (``id``, ``name`` and their details), in the map's order, colours
  written as ``#RRGGBB`` and shown as the cell's fill;
- **Map**: the title and description.

Every sheet has a bold, frozen header row and columns as wide as their text
(up to a limit).  The values are the CSV export's (`csv_rows`), so the two
exports refuse the same maps and name things the same way; characters that
XML cannot hold are written the way spreadsheet programs write them
(``_x0001_``) and read back by `app.model.xlsx_read`.  Plain Python (openpyxl);
never imports Qt.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from app.export.csv_export import csv_rows
from app.model.csv_import import COLUMNS
from app.model.csv_values import unescape
from app.model.errors import JourneyError
from app.model.fileformat import atomic_write
from app.model.journey import CARD_KINDS, EVIDENCE_LEVELS, FLOW_KINDS, LANE_KINDS, Journey
from app.model.xlsx_import import DECLARATION_SHEETS, FLOW_COLUMNS, column_letter

#: CSV columns that a card row leaves empty: the workbook has sheets for them.
_NOT_ON_CARDS = frozenset({
    "row", "lane_kind", "next", "next_kinds", "next_labels", "next_ids",
    "description", "goals", "color",
})
CARD_COLUMNS = tuple(column for column in COLUMNS if column not in _NOT_ON_CARDS)
#: Card columns written as numbers, so that a spreadsheet can sum and chart them.
_NUMBER_COLUMNS = frozenset({"emotion"})
#: Per declaration (``row`` kind): its sheet, and the sheet's columns with the CSV column of each.
DECLARATIONS = {kind: (sheet, columns) for sheet, (kind, columns) in DECLARATION_SHEETS.items()}
SHEET_ORDER = ("Cards", "Flows", "Stages", "Lanes", "Departments", "Personas", "Map")

#: Columns whose cells offer a drop-down list of what the import accepts
#: (a typed value outside the list is still allowed, and then the import says why).
CHOICES = {
    ("Cards", "kind"): CARD_KINDS, ("Cards", "evidence"): EVIDENCE_LEVELS,
    ("Lanes", "kind"): LANE_KINDS, ("Flows", "kind"): FLOW_KINDS,
}

#: The most a spreadsheet cell holds (Excel's limit).
MAX_CELL = 32767
_MAX_WIDTH, _MIN_WIDTH = 60, 6
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")

Table = tuple[tuple[str, ...], list[list[str]]]


def export_xlsx(
    journey: Journey, path: str | os.PathLike[str], persona: str | None = None
) -> None:
    """Write ``journey`` to ``path`` as a workbook, atomically.

    Args:
        journey: the map.
        path: the ``.xlsx`` file to write (replaced if it exists).
        persona: a persona id: only the cards that persona sees and the flows
            between them (as the CSV export).

    Raises:
        JourneyError: the map holds something the CSV export refuses, a value
            is longer than a cell holds, or the file cannot be written.
    """
    atomic_write(path, to_xlsx(journey, persona, os.fspath(path)))


def to_xlsx(journey: Journey, persona: str | None = None, source: str = "XLSX") -> bytes:
    """The bytes of the workbook `export_xlsx` writes."""
    tables = sheet_tables(journey, persona, source)
    for name, (header, rows) in tables.items():
        _check_lengths(name, header, rows, source)
    book = Workbook(write_only=True)
    for name in SHEET_ORDER:
        header, rows = tables[name]
        _write_sheet(book.create_sheet(name), name, header, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_tables(journey: Journey, persona: str | None, source: str) -> dict[str, Table]:
    """Sheet name -> (header, rows of text): what each sheet of the workbook holds."""
    rows = csv_rows(journey, persona, source)
    index = {column: i for i, column in enumerate(rows[0])}
    tables: dict[str, Table] = {
        sheet: (tuple(columns), []) for sheet, columns in DECLARATIONS.values()
    }
    cards: list[list[str]] = []
    for row in rows[1:]:
        what = row[index["row"]]
        if not what:
            cards.append([row[index[column]] for column in CARD_COLUMNS])
            continue
        sheet, columns = DECLARATIONS[what]
        cells = [row[index[column]] for column in columns.values()]
        if what == "persona":
            cells[1] = unescape(cells[1])  # one entry of a list cell: show the plain name
        tables[sheet][1].append(cells)
    tables["Cards"] = (CARD_COLUMNS, cards)
    # Flow ids are written unless the import would make the very same ones (as in the CSV).
    with_ids = any(row[index["next_ids"]] for row in rows[1:])
    tables["Flows"] = (FLOW_COLUMNS, _flow_rows(journey, persona, with_ids))
    return tables


def _flow_rows(journey: Journey, persona: str | None, with_ids: bool) -> list[list[str]]:
    """The flows between shown cards, grouped by source card in reading order (as the CSV)."""
    shown = [c.id for c in journey.cards if persona is None or not c.personas
             or persona in c.personas]
    position = {card_id: n for n, card_id in enumerate(shown)}
    flows = [f for f in journey.flows if f.source in position and f.target in position]
    flows.sort(key=lambda f: position[f.source])  # stable: id order within a card
    return [[f.id if with_ids else "", f.source, f.target, f.kind, f.label] for f in flows]


def _check_lengths(name: str, header: tuple[str, ...], rows: list[list[str]], source: str) -> None:
    for n, row in enumerate(rows, start=2):
        for text, column in zip(row, header, strict=True):
            if len(text) > MAX_CELL:
                raise JourneyError(
                    f'{source}: sheet "{name}", row {n}, column "{column}": {len(text):,} '
                    f"characters, more than the {MAX_CELL:,} a spreadsheet cell holds"
                )


def _write_sheet(
    sheet: WriteOnlyWorksheet, name: str, header: tuple[str, ...], rows: list[list[str]]
) -> None:
    sheet.freeze_panes = "A2"
    for i, width in enumerate(_widths(header, rows)):
        sheet.column_dimensions[column_letter(i)].width = width
    for i, column in enumerate(header):
        if (name, column) in CHOICES:
            _offer_choices(sheet, column_letter(i), CHOICES[name, column])
    cells = []
    for column in header:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cells.append(cell)
    sheet.append(cells)
    makers = [_maker(sheet, name, column) for column in header]
    for row in rows:
        sheet.append([make(text) for make, text in zip(makers, row, strict=True)])


def _offer_choices(sheet: WriteOnlyWorksheet, letter: str, choices: tuple[str, ...]) -> None:
    """A drop-down of ``choices`` on the whole column below the header."""
    check = DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
        showErrorMessage=False,
    )
    check.add(f"{letter}2:{letter}1048576")
    sheet.data_validations.append(check)


def _maker(sheet: WriteOnlyWorksheet, name: str, column: str) -> Callable:
    """How the cells of one column are made from their text."""
    if name == "Cards" and column in _NUMBER_COLUMNS:
        return lambda text: int(text) if text else None
    if column == "color":
        return lambda text: _color_cell(sheet, text)
    return lambda text: _text_cell(sheet, text)


def _text_cell(sheet: WriteOnlyWorksheet, text: str) -> object:
    if not text:
        return None
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub("_x005F_", text)
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if text[0] != "=":
        return text
    # A text that starts with "=" stays text, not a formula.
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _color_cell(sheet: WriteOnlyWorksheet, color: str) -> object:
    if not color:
        return None
    cell = WriteOnlyCell(sheet, value=color)
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    dark = 0.299 * red + 0.587 * green + 0.114 * blue < 140
    cell.fill = PatternFill("solid", fgColor=color[1:].upper())
    cell.font = Font(color="FFFFFF" if dark else "000000")
    return cell


def _widths(header: tuple[str, ...], rows: list[list[str]]) -> list[float]:
    """Column widths in characters: the longest line of the first rows, within limits."""
    widths = [len(column) + 2 for column in header]
    for row in rows[:500]:
        for i, text in enumerate(row):
            if text:
                longest = max(len(line) for line in text.split("\n"))
                widths[i] = max(widths[i], min(longest + 2, _MAX_WIDTH))
    return [max(width, _MIN_WIDTH) for width in widths]
