"""Build a journey from an ``.xlsx`` workbook (docs/xlsx.md).

The cards come from one sheet — ``--sheet NAME``, else the sheet called
``Cards``, else the first that is not one of the sheets below — read exactly
like a CSV file: a header row with
the CSV columns (docs/csv.md), any order, case-insensitive names.  The sheets
``Map``, ``Stages``, ``Lanes``, ``Departments``, ``Personas`` and ``Flows``,
which `app.export.xlsx_export` writes, are read when present: each row of the
first five declares what a CSV declaration row declares, and each row of
``Flows`` adds a flow to the ``next`` of its ``from`` card.

All of it becomes one stream of CSV records for
`app.model.csv_import.import_records`, so the two imports cannot disagree.
Cells are read as text the way a person sees them (`app.model.xlsx_read`).
Every error names the file, the sheet, the row and the column::

    map.xlsx: sheet "Cards", row 7, column "emotion" (H7): expected an integer ...

Plain Python; never imports Qt.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.model.csv_import import COLUMNS, REQUIRED_COLUMNS, import_records
from app.model.csv_source import Record
from app.model.csv_values import clean, escape, split_raw
from app.model.errors import JourneyError
from app.model.gcpause import paused_gc
from app.model.journey import FLOW_KINDS, Journey
from app.model.xlsx_read import Problem, Row, Workbook, open_workbook

CARD_SHEET = "Cards"

#: Declaration sheets: the ``row`` kind of their rows, and their columns
#: (sheet column -> CSV column; the CSV names are accepted as well).
DECLARATION_SHEETS: dict[str, tuple[str, dict[str, str]]] = {
    "Map": ("map", {"title": "title", "description": "description"}),
    "Stages": ("stage", {"id": "id", "name": "stage", "description": "description"}),
    "Lanes": ("lane", {"id": "id", "name": "lane", "kind": "lane_kind"}),
    "Departments": ("department", {"id": "id", "name": "owner", "color": "color"}),
    "Personas": (
        "persona",
        {"id": "id", "name": "personas", "description": "description", "goals": "goals",
         "color": "color"},
    ),
}
FLOW_SHEET = "Flows"
FLOW_COLUMNS = ("id", "from", "to", "kind", "label")
#: The CSV columns a flow of the Flows sheet fills on its ``from`` card's row.
_FLOW_CELLS = ("next", "next_kinds", "next_labels", "next_ids")

#: Stream lines are numbered from here, so that a line number in a message
#: of the CSV importer can be told from any other number and translated.
_FIRST_LINE = 1_000_001
_LINE_REF = re.compile(r"\b(lines?) (\d{7,})(?: and (\d{7,}))?")


@dataclass
class _Sheet:
    """One sheet's header: CSV column -> (its name on the sheet, 0-based column)."""

    name: str
    columns: dict[str, tuple[str, int]] = field(default_factory=dict)


class _Stream:
    """The CSV records built from the workbook, and where each came from."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.records: list[Record] = []
        self.places: dict[int, tuple[_Sheet, int]] = {}

    def add(self, sheet: _Sheet, row: int, cells: list[str]) -> list[str]:
        line = _FIRST_LINE + len(self.records)
        self.records.append((line, cells))
        self.places[line] = (sheet, row)
        return cells

    def fail(self, sheet: _Sheet | str, row: int, column: str | None, message: str) -> Exception:
        """The error for a cell (or a row, without ``column``), to raise."""
        return JourneyError(f"{self.source}: {_place(sheet, row, column)}: {message}")

    def translate(self, exc: JourneyError) -> JourneyError:
        """An error of the CSV importer, its line numbers turned into sheets and rows."""
        text = str(exc)
        head = re.match(rf'{re.escape(self.source)}: line (\d+)(?:, column "([^"]*)")?: ', text)
        if head and int(head.group(1)) in self.places:
            sheet, row = self.places[int(head.group(1))]
            place = _place(sheet, row, head.group(2))
            text = f"{self.source}: {place}: {text[head.end():]}"
        return JourneyError(_LINE_REF.sub(self._refer, text))

    def _refer(self, match: re.Match[str]) -> str:
        lines = [int(n) for n in match.group(2, 3) if n]
        if not all(n in self.places for n in lines):
            return match.group(0)
        places = [self.places[n] for n in lines]
        sheets = {sheet.name for sheet, _ in places}
        if len(sheets) == 1:
            rows = " and ".join(str(row) for _, row in places)
            word = "rows" if len(places) > 1 else "row"
            return f'{word} {rows} of sheet "{places[0][0].name}"'
        return " and ".join(f'row {row} of sheet "{sheet.name}"' for sheet, row in places)


def _place(sheet: _Sheet | str, row: int, column: str | None) -> str:
    if isinstance(sheet, str):
        return f'sheet "{sheet}", row {row}'
    if column is None:
        return f'sheet "{sheet.name}", row {row}'
    name, index = sheet.columns.get(column, (column, -1))
    cell = f" ({column_letter(index)}{row})" if index >= 0 else ""
    return f'sheet "{sheet.name}", row {row}, column "{name}"{cell}'


def column_letter(index: int) -> str:
    """``A`` for 0, ``Z`` for 25, ``AA`` for 26..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def import_xlsx(path: str | os.PathLike[str], sheet: str | None = None) -> Journey:
    """Read a workbook into a new `Journey` (see the module docstring).

    Args:
        path: the ``.xlsx`` file.
        sheet: the name of the sheet with the cards; None: ``Cards``, else the first.

    Raises:
        JourneyError: the file is no readable workbook, has no such sheet, a
            sheet lacks a required column, or a cell is bad (named by sheet,
            row and column).
    """
    source = os.fspath(path)
    book = open_workbook(source)
    stream = _Stream(source)
    # A sheet's XML tree and the rows are many small objects that all stay
    # alive while they are read: see `paused_gc`.
    with paused_gc():
        try:
            by_id = _build(book, _card_sheet(book, sheet), stream)
        finally:
            book.close()
        try:
            return import_records(stream.records, source, next_by_id=by_id)
        except JourneyError as exc:
            raise stream.translate(exc) from None


def _card_sheet(book: Workbook, wanted: str | None) -> str:
    names = list(book.sheets)
    if not names:
        raise JourneyError(f"{book.source}: the workbook has no sheets")
    if wanted is None:
        return _find(names, CARD_SHEET) or next(iter(card_sheet_candidates(names)), names[0])
    found = wanted if wanted in names else _find(names, wanted)
    if found is None:
        known = ", ".join(f'"{name}"' for name in names)
        raise JourneyError(f'{book.source}: no sheet named "{wanted}"; the sheets are: {known}')
    return found


def card_sheet_candidates(names: list[str]) -> list[str]:
    """The sheets that may hold the cards: all but the declaration and flow sheets."""
    special = {name.casefold() for name in (*DECLARATION_SHEETS, FLOW_SHEET)}
    return [name for name in names if name.casefold() not in special]


def sheet_choices(path: str | os.PathLike[str]) -> list[str]:
    """The sheets to ask a person to choose from for the cards; empty when the
    import's own choice is clear (a ``Cards`` sheet, or only one candidate) or
    the file is no workbook (the import will say why)."""
    try:
        book = open_workbook(os.fspath(path))
    except JourneyError:
        return []
    names = list(book.sheets)
    book.close()
    candidates = card_sheet_candidates(names)
    return [] if _find(names, CARD_SHEET) or len(candidates) < 2 else candidates


def _find(names: list[str], wanted: str) -> str | None:
    return next((name for name in names if name.casefold() == wanted.casefold()), None)


def _build(book: Workbook, card_sheet: str, stream: _Stream) -> bool:
    """Fill ``stream``: header, declaration rows, card rows; returns next_by_id."""
    rows = book.rows(card_sheet)
    first = next(rows, None)
    if first is None:
        raise JourneyError(
            f'{book.source}: sheet "{card_sheet}" is empty; expected a header row with the '
            f"columns {', '.join(REQUIRED_COLUMNS)}"
        )
    sheet = _Sheet(card_sheet)
    header = _header(first, sheet, set(COLUMNS), {}, stream)
    declared = _declarations(book, card_sheet, stream)
    flows = _flow_rows(book, card_sheet, stream)
    by_id = "id" in sheet.columns
    # Declarations and flows need columns the card sheet may lack; they go at the end.
    extra = [c for c in dict.fromkeys(("row", *COLUMNS)) if c not in header and (declared or flows)]
    width = len(header)
    stream.add(sheet, first[0], header + extra)
    out = [*header, *extra]
    for kind, decl_sheet, row, values in declared:
        stream.add(decl_sheet, row, [kind if c == "row" else values.get(c, "") for c in out])
    blank = [""] * len(extra)
    cards = [
        (data[0], stream.add(sheet, data[0], _cells(data, sheet, width, stream) + blank))
        for data in rows
    ]
    if flows:
        _attach_flows(flows, cards, out, by_id, stream)
    return by_id


def _header(
    first: Row, sheet: _Sheet, known: set[str], aliases: dict[str, str], stream: _Stream
) -> list[str]:
    """The header's names (trimmed, lower case); notes where the known ones are."""
    row, cells, _ = first
    names = []
    for index, cell in enumerate(cells):
        if isinstance(cell, Problem):
            letter = column_letter(index)
            raise stream.fail(sheet.name, row, None, f"column {letter}: {cell.message}")
        name = cell.strip().lower()
        column = aliases.get(name, name)
        if column in known and column not in sheet.columns:
            sheet.columns[column] = (cell.strip(), index)
        names.append(name)
    return names


def _cells(data: Row, sheet: _Sheet, width: int, stream: _Stream) -> list[str]:
    """A row's values as text, ``width`` of them; a `Problem` in a read column is an error."""
    row, cells, problem = data
    out = cells[:width]
    if len(out) < width:
        out.extend([""] * (width - len(out)))
    if problem:
        for index, cell in enumerate(out):
            if isinstance(cell, Problem):
                column = next((c for c, (_, i) in sheet.columns.items() if i == index), None)
                if column is not None:
                    raise stream.fail(sheet, row, column, cell.message)
                out[index] = ""
    return out  # type: ignore[return-value]  # no Problem is left in it


def _sheet_rows(
    book: Workbook, name: str, columns: dict[str, str], required: str, stream: _Stream
) -> Iterator[tuple[_Sheet, int, dict[str, str]]]:
    """The data rows of a declaration or flow sheet: CSV column -> value."""
    sheet = _Sheet(name)
    rows = book.rows(name)
    first = next(rows, None)
    if first is None:
        return
    known = set(columns.values())
    aliases = {**{c: c for c in known}, **columns}
    _header(first, sheet, known, aliases, stream)
    if required not in sheet.columns:
        wanted = next(k for k, v in columns.items() if v == required)
        raise stream.fail(name, first[0], None, f'missing required column "{wanted}"')
    width = max(i for _, i in sheet.columns.values()) + 1
    where = [(column, index) for column, (_, index) in sheet.columns.items()]
    for data in rows:
        values = _cells(data, sheet, width, stream)
        picked = {column: clean(values[index]) for column, index in where}
        if any(picked.values()):
            yield sheet, data[0], picked


def _declarations(
    book: Workbook, card_sheet: str, stream: _Stream
) -> list[tuple[str, _Sheet, int, dict[str, str]]]:
    """The rows of the declaration sheets, in the order the export writes them."""
    out = []
    for title, (kind, columns) in DECLARATION_SHEETS.items():
        name = _find(list(book.sheets), title)
        if name is None or name == card_sheet:
            continue
        required = "title" if kind == "map" else columns["name"]
        for sheet, row, values in _sheet_rows(book, name, columns, required, stream):
            if kind == "persona":
                # The CSV's personas cell is a list; a persona's name is one entry of it.
                values["personas"] = escape(values.get("personas", ""))
            out.append((kind, sheet, row, values))
        if kind == "map" and not any(d[0] == "map" for d in out) and _has_rows(book, name):
            # A map without title and description leaves its row empty; the
            # sheet's header still says so (else the map is named after the file).
            out.append(("map", _Sheet(name), 2, {}))
    return out


def _has_rows(book: Workbook, name: str) -> bool:
    return next(book.rows(name), None) is not None


def _flow_rows(book: Workbook, card_sheet: str, stream: _Stream) -> list[tuple[_Sheet, int, dict]]:
    name = _find(list(book.sheets), FLOW_SHEET)
    if name is None or name == card_sheet:
        return []
    columns = {c: c for c in FLOW_COLUMNS}
    rows = list(_sheet_rows(book, name, columns, "from", stream))
    if rows and "to" not in rows[0][0].columns:
        raise stream.fail(name, 1, None, 'missing required column "to"')
    ids: dict[str, int] = {}
    for sheet, row, values in rows:
        for column in ("from", "to"):
            if not values.get(column):
                raise stream.fail(sheet, row, column, "a value is required here")
        kind = values.get("kind", "")
        if kind.lower() not in ("", *FLOW_KINDS):
            raise stream.fail(
                sheet, row, "kind", f'expected one of {", ".join(FLOW_KINDS)}, got "{kind}"'
            )
        flow_id = values.get("id", "")
        if flow_id in ids:
            raise stream.fail(
                sheet, row, "id", f'duplicate flow id "{flow_id}" (first on row {ids[flow_id]})'
            )
        if flow_id:
            ids[flow_id] = row
    return rows


def _attach_flows(
    flows: list[tuple[_Sheet, int, dict]], cards: list[tuple[int, list[str]]], out: list[str],
    by_id: bool, stream: _Stream,
) -> None:
    """Add each flow to the ``next`` (and the aligned columns) of its ``from`` card."""
    key = out.index("id" if by_id else "title")
    found: dict[str, list[list[str]]] = {}
    for _, cells in cards:
        if cells[key]:
            found.setdefault(clean(cells[key]), []).append(cells)
    what = "id" if by_id else "title"
    added: dict[int, tuple[list[str], list[tuple[str, str, str, str]]]] = {}
    for sheet, row, values in flows:
        for column in ("from", "to"):
            name = values[column]
            matches = found.get(name, ())
            if len(matches) != 1 or ";" in name:
                problem = (
                    f'no card with {what} "{name}"' if not matches else
                    f'the title "{name}" is on {len(matches)} cards; give the cards ids'
                    if len(matches) > 1 else f'a card named in a flow cannot contain ";": "{name}"'
                )
                raise stream.fail(sheet, row, column, problem)
        source = found[values["from"]][0]
        get = values.get
        entry = (values["to"], get("kind", ""), get("label", ""), get("id", ""))
        added.setdefault(id(source), (source, []))[1].append(entry)
    indices = [out.index(column) for column in _FLOW_CELLS]
    for cells, entries in added.values():
        _append_flows(cells, indices, entries)


def _append_flows(
    cells: list[str], indices: list[int], entries: list[tuple[str, str, str, str]]
) -> None:
    """Append the flows to a card row's ``next`` and aligned columns (empty when all default)."""
    targets = [part.strip() for part in cells[indices[0]].split(";") if part.strip()]
    count = len(targets)
    cells[indices[0]] = ";".join(targets + [entry[0] for entry in entries])
    for n, index in enumerate(indices[1:], start=1):
        # Kinds have no escapes; labels and ids are list entries.
        new = [entry[n] if n == 1 else escape(entry[n]) for entry in entries]
        old = cells[index]
        if not old and not any(new):
            continue  # every flow of the row takes the default
        kept = split_raw(old) if old else [""] * count
        cells[index] = ";".join(kept + new)
