"""Build a journey from a CSV file (DESIGN.md, "CSV import"; docs/csv.md).

One header row; the file's encoding and delimiter are found by
`app.model.csv_source` (UTF-8 by default; comma, semicolon or tab), which
feeds the rows to `import_records`, as the workbook import
(`app.model.xlsx_import`) does with a sheet's rows.  Column names are
case-insensitive and in any order; ``stage``, ``lane`` and ``title`` are
required.  Stages and lanes are ordered by first appearance, departments are
created from ``owner`` names on first appearance, and ``next`` lists the ids
(or, without an ``id`` column, the titles) of the cards each card flows to;
cycles are fine.  Columns the contract does not name are ignored, so a
spreadsheet may carry its own.

The optional columns of docs/csv.md ("CSV extensions") carry the rest of a
map: card personas and metrics; flow kinds, labels and ids; and declaration
rows (column ``row``) for the map's title and description and for stages,
lanes, departments and personas with their ids and details.  A CSV without
them imports exactly as before.

A bad row raises `JourneyError` naming its line and column::

    x.csv: line 7, column "emotion": expected an integer from -2 to 2, got "3"

Plain Python; never imports Qt.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from app.model.csv_entities import Catalog, Entity
from app.model.csv_source import Record, read_records
from app.model.csv_values import COLOR, clean, parse_number, split, split_raw, unescape
from app.model.errors import JourneyError
from app.model.fields import METRICS, REF, REFS, TABLE, Field, FieldValueError
from app.model.journey import (
    DEFAULT_CARD_KIND,
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

#: Where the columns that are not card fields go among the table's
#: (`app.model.fields.Field.csv_rank`): ``row`` first, so that a spreadsheet
#: shows at a glance which rows declare stages, lanes...; then the original
#: contract; the extensions of docs/csv.md follow.
OWN_COLUMNS = {
    "row": 0, "id": 10, "stage": 20, "lane": 30, "lane_kind": 40,
    "next": 120, "next_kinds": 130, "next_labels": 140, "next_ids": 150,
    "description": 180, "goals": 190, "color": 200,
}


def columns() -> tuple[str, ...]:
    """Every column the import reads, in the order the export writes them."""
    ranked = [(rank, i, name) for i, (name, rank) in enumerate(OWN_COLUMNS.items())]
    ranked += [(f.csv_rank, len(ranked) + i, f.column)
               for i, f in enumerate(TABLE.card) if f.column is not None]
    return tuple(name for _, _, name in sorted(ranked))


def required_columns() -> tuple[str, ...]:
    """The columns a CSV must have."""
    return ("stage", "lane", *(f.column for f in TABLE.card if f.csv_required))


#: The columns of this version's table (see `columns`).
COLUMNS = columns()
REQUIRED_COLUMNS = required_columns()

#: What the ``row`` column may say; empty means "card" too.
ROW_KINDS = ("card", "map", "stage", "lane", "department", "persona")

#: The columns a declaration row may fill, by its ``row`` value.
DECLARATION_COLUMNS = {
    "map": ("title", "description"),
    "stage": ("id", "stage", "description"),
    "lane": ("id", "lane", "lane_kind"),
    "department": ("id", "owner", "color"),
    "persona": ("id", "personas", "description", "goals", "color"),
}

#: The column that holds a declared entity's name (departments and personas:
#: the columns of the card fields that refer to them).
NAME_COLUMNS = {"stage": "stage", "lane": "lane", "department": "owner", "persona": "personas"}

#: Colours of departments created on import, in order of first appearance.
#: (A copy of the first colours of the theme's palette, so that the model
#: does not depend on app.layout.)
DEPARTMENT_COLORS = (
    "#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#B07AA1",
    "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F", "#BAB0AC",
)

#: Colours of personas created on import without one, in order.
PERSONA_COLORS = ("#2F6690", "#C05746", "#3A7D44", "#8E5572", "#D08C1E", "#5C6B73")



@dataclass
class _Row:
    """One data row: its first line in the file, its values, and what it names."""

    line: int
    values: dict[str, str]
    what: str = "card"
    card_id: str = ""
    stage: Entity | None = None
    lane: Entity | None = None
    #: Card field name -> what it refers to (`REF`: an Entity, `REFS`: a list).
    refs: dict[str, Any] = field(default_factory=dict)
    #: One ``(target card id, kind, label, flow id or "")`` per ``next`` entry.
    flows: list[tuple[str, str, str, str]] = field(default_factory=list)


class _Reader:
    """The state of one import: the file name for messages and what was built."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.journey = Journey(Path(source).stem)
        self.catalogs = {what: Catalog(what, self.fail) for what in NAME_COLUMNS}
        #: Lane -> (kind, line that gave it); the first one given wins.
        self.lane_kinds: dict[int, tuple[str, int]] = {}

    def fail(self, line: int, column: str | None, message: str) -> NoReturn:
        place = f'line {line}, column "{column}"' if column else f"line {line}"
        raise JourneyError(f"{self.source}: {place}: {message}")


def import_csv(path: str | os.PathLike[str], encoding: str | None = None) -> Journey:
    """Read a CSV written to DESIGN.md's contract into a new `Journey`.

    Args:
        path: the CSV file.
        encoding: its encoding (a Python codec name); None reads UTF-8, or
            UTF-16/32 announced by a byte order mark.

    Raises:
        JourneyError: the file cannot be read or decoded (`EncodingError`), a
            required column is missing, or a row is bad (named by line and column).
    """
    source = os.fspath(path)
    return import_records(read_records(source, COLUMNS, REQUIRED_COLUMNS, encoding), source)


def import_records(
    records: Iterable[Record], source: str, next_by_id: bool | None = None
) -> Journey:
    """Build a `Journey` from ``(line, cells)`` records: a header, then data rows.

    Args:
        records: the rows of a CSV file or of a sheet, blank ones included.
        source: the file name for messages and for the map's default title.
        next_by_id: whether ``next`` names cards by id; None: when there is
            an ``id`` column (the contract), which a workbook may override.

    Raises:
        JourneyError: a required column is missing or a row is bad.
    """
    reader = _Reader(source)
    header, rows = _parse(records, reader)
    cards = _declare(rows, "row" in header, reader)
    _collect_cards(cards, reader)
    _assign_ids(cards, reader)
    _resolve_next(cards, "id" in header if next_by_id is None else next_by_id, reader)
    _add_entities(reader)
    for row in cards:
        _add_card(row, reader)
    _add_flows(cards, reader)
    return reader.journey


def _parse(records: Iterable[Record], reader: _Reader) -> tuple[dict[str, int], list[_Row]]:
    """Header (column -> index) and the non-blank data rows."""
    known = set(columns())
    header: dict[str, int] | None = None
    width = 0
    rows: list[_Row] = []
    for start, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header, width = _read_header(cells, start, known, reader), len(cells)
            continue
        if any(cell.strip() for cell in cells[width:]):
            reader.fail(
                start, None,
                f"{len(cells)} values but the header has {width} columns "
                "(a value with a comma needs double quotes)",
            )
        values = {name: clean(cells[i]) if i < len(cells) else "" for name, i in header.items()}
        rows.append(_Row(start, values))
    if header is None:
        raise JourneyError(
            f"{reader.source}: empty file; expected a header row with the columns "
            + ", ".join(required_columns())
        )
    return header, rows


def _read_header(
    cells: list[str], line: int, known: set[str], reader: _Reader
) -> dict[str, int]:
    header: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = cell.strip().lower()
        if name not in known:
            continue
        if name in header:
            reader.fail(line, name, "the column appears twice in the header")
        header[name] = i
    for name in required_columns():
        if name not in header:
            reader.fail(line, None, f'missing required column "{name}"')
    return header


# ---------------------------------------------------------- declaration rows
def _declare(rows: list[_Row], has_row_column: bool, reader: _Reader) -> list[_Row]:
    """Read the declaration rows (column ``row``); returns the card rows."""
    cards = []
    map_line = 0
    for row in rows:
        what = row.values["row"].lower() if has_row_column else ""
        if what in ("", "card"):
            cards.append(row)
            continue
        if what not in ROW_KINDS:
            reader.fail(row.line, "row", _expected(ROW_KINDS, row.values["row"]))
        row.what = what
        allowed = DECLARATION_COLUMNS[what]
        for column, value in row.values.items():
            if value and column != "row" and column not in allowed:
                reader.fail(row.line, column, f"a {what} row takes only {_and(allowed)}")
        if what != "map":
            _declare_entity(row, reader)
        elif map_line:
            reader.fail(row.line, "row", f"the map is already described on line {map_line}")
        else:
            map_line = row.line
            reader.journey.set_info(row.values["title"], row.values.get("description", ""))
    return cards


def _declare_entity(row: _Row, reader: _Reader) -> None:
    what, values, line = row.what, row.values, row.line
    if what == "persona":
        # One name, written like an entry of a card's personas list.
        names = [name for name in split(values.get("personas", "")) if name]
        if len(names) > 1:
            reader.fail(
                line, "personas", f"a persona row declares one persona, got {len(names)} names"
            )
        name = names[0] if names else ""
    else:
        name = values.get(NAME_COLUMNS[what], "")
    color = values.get("color", "")
    if color and not COLOR.fullmatch(color):
        reader.fail(line, "color", f'expected a colour like "#1f77b4", got "{color}"')
    kind = values.get("lane_kind", "").lower() if what == "lane" else ""
    if kind and kind not in LANE_KINDS:
        reader.fail(line, "lane_kind", _expected(LANE_KINDS, values["lane_kind"]))
    details = {k: values.get(k, "") for k in ("description", "goals", "color")}
    entity = reader.catalogs[what].declare(name, values.get("id", ""), line, details)
    if kind:
        reader.lane_kinds[entity] = (kind, line)


# ----------------------------------------------------------------- card rows
def _collect_cards(rows: list[_Row], reader: _Reader) -> None:
    """Check required values, and find each row's stage, lane, owner and personas."""
    catalogs = reader.catalogs
    required = required_columns()
    refs = [f for f in TABLE.card if f.kind in (REF, REFS) and f.column is not None]
    for row in rows:
        values, line = row.values, row.line
        for name in required:
            if not values[name]:
                reader.fail(line, name, "a value is required here")
        kind = values.get("lane_kind", "").lower()
        if kind and kind not in LANE_KINDS:
            reader.fail(line, "lane_kind", _expected(LANE_KINDS, values["lane_kind"]))
        row.lane = catalogs["lane"].refer(values["lane"], line, "lane")
        if kind:
            _set_lane_kind(row.lane, kind, line, reader)
        row.stage = catalogs["stage"].refer(values["stage"], line, "stage")
        for f in refs:
            _collect_refs(row, f, catalogs[f.ref])


def _collect_refs(row: _Row, f: Field, catalog: Catalog) -> None:
    """What a card row's reference column names (an owner, personas...)."""
    text = row.values.get(f.column, "")
    if f.kind == REF:
        if text:
            row.refs[f.name] = catalog.refer(text, row.line, f.column)
        return
    names = [name for name in split(text) if name]
    row.refs[f.name] = [catalog.refer(n, row.line, f.column, i) for i, n in enumerate(names)]


def _set_lane_kind(lane: Entity, kind: str, line: int, reader: _Reader) -> None:
    """A lane's kind is the first one given (its declaration's, else a card row's)."""
    first = reader.lane_kinds.setdefault(lane, (kind, line))
    if first[0] != kind:
        reader.fail(
            line, "lane_kind",
            f'lane "{lane.name}" already has kind "{first[0]}" (line {first[1]}), got "{kind}"',
        )


def _assign_ids(rows: list[_Row], reader: _Reader) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        card_id = row.values.get("id", "")
        if not card_id:
            continue
        if card_id in seen:
            reader.fail(row.line, "id", f'duplicate id "{card_id}" (first on line {seen[card_id]})')
        seen[card_id] = row.line
        row.card_id = card_id
    n = 0
    for row in rows:
        while not row.card_id:
            n += 1
            if f"c{n}" not in seen:
                row.card_id = f"c{n}"
                seen[row.card_id] = row.line


def _resolve_next(rows: list[_Row], by_id: bool, reader: _Reader) -> None:
    """Turn each row's ``next`` into flows: targets by id (or by title without
    an id column), with the kinds, labels and ids of the aligned columns."""
    keys: dict[str, list[_Row]] = {}
    for row in rows:
        keys.setdefault(row.card_id if by_id else row.values["title"], []).append(row)
    what = "id" if by_id else "title"
    flow_lines: dict[str, int] = {}
    for row in rows:
        targets = []
        for name in (part.strip() for part in row.values.get("next", "").split(";")):
            if not name:
                continue
            found = keys.get(name, [])
            if not found:
                reader.fail(row.line, "next", f'no card with {what} "{name}"')
            if len(found) > 1:
                lines = " and ".join(str(r.line) for r in found[:2])
                reader.fail(
                    row.line, "next",
                    f'the title "{name}" is ambiguous (lines {lines}); add an id column',
                )
            targets.append(found[0].card_id)
        _add_flow_details(row, targets, flow_lines, reader)


def _add_flow_details(
    row: _Row, targets: list[str], flow_lines: dict[str, int], reader: _Reader
) -> None:
    kinds = _aligned(row, "next_kinds", len(targets), reader)
    labels = _aligned(row, "next_labels", len(targets), reader)
    ids = _aligned(row, "next_ids", len(targets), reader)
    for target, kind, label, flow_id in zip(targets, kinds, labels, ids, strict=True):
        if kind.lower() not in ("", *FLOW_KINDS):
            reader.fail(row.line, "next_kinds", _expected(FLOW_KINDS, kind))
        if flow_id in flow_lines:
            reader.fail(
                row.line, "next_ids",
                f'duplicate flow id "{flow_id}" (first on line {flow_lines[flow_id]})',
            )
        if flow_id:
            flow_lines[flow_id] = row.line
        row.flows.append((target, kind.lower() or "normal", label, flow_id))


def _aligned(row: _Row, column: str, count: int, reader: _Reader) -> list[str]:
    """The entries of a column that has one per ``next`` target (empty: defaults)."""
    text = row.values.get(column, "")
    if not text:
        return [""] * count
    entries = split(text)
    if len(entries) != count:
        reader.fail(
            row.line, column,
            f'expected {count} {"entry" if count == 1 else "entries"} separated by ";", '
            f'one per card in "next", got {len(entries)}',
        )
    return entries


# ------------------------------------------------------------------ building
def _add_entities(reader: _Reader) -> None:
    """Put the stages, lanes, departments and personas into the journey, in order."""
    journey, catalogs = reader.journey, reader.catalogs
    for n, e in enumerate(catalogs["persona"].finish()):
        color = e.details.get("color") or PERSONA_COLORS[n % len(PERSONA_COLORS)]
        description, goals = e.details.get("description", ""), e.details.get("goals", "")
        journey.insert_persona(Persona(e.id, e.name, description, goals, color), n)
    for n, e in enumerate(catalogs["department"].finish()):
        color = e.details.get("color") or DEPARTMENT_COLORS[n % len(DEPARTMENT_COLORS)]
        journey.insert_department(Department(e.id, e.name, color), n)
    for n, e in enumerate(catalogs["stage"].finish()):
        journey.insert_stage(Stage(e.id, e.name, e.details.get("description", "")), n)
    for n, e in enumerate(catalogs["lane"].finish()):
        journey.insert_lane(Lane(e.id, e.name, reader.lane_kinds.get(e, ("touchpoints", 0))[0]), n)


def _add_card(row: _Row, reader: _Reader) -> None:
    journey = reader.journey
    assert row.stage is not None and row.lane is not None  # set by _collect_cards
    lane_kind = journey.lane(row.lane.id).kind
    values = {f.name: _card_value(row, f, lane_kind, reader)
              for f in TABLE.card if f.column is not None}
    journey.insert_card(
        Card(
            id=row.card_id,
            stage=row.stage.id,
            lane=row.lane.id,
            order=len(journey.cell_ids(row.stage.id, row.lane.id)),
            **values,
        )
    )


def _card_value(row: _Row, f: Field, lane_kind: str, reader: _Reader) -> Any:
    """The value of one card field from its column (`app.model.fields` checks it)."""
    if f.kind == REF:
        entity = row.refs.get(f.name)
        return entity.id if entity is not None else None
    if f.kind == REFS:
        return [entity.id for entity in row.refs.get(f.name, ())]
    if f.kind == METRICS:
        return _metrics(row, f.column, reader)
    text = row.values.get(f.column, "")
    if f.from_lane and not text:
        return DEFAULT_CARD_KIND[lane_kind]
    try:
        return f.csv_value(text)
    except FieldValueError as bad:
        reader.fail(row.line, f.column, bad.message)


def _metrics(row: _Row, column: str, reader: _Reader) -> dict[str, float]:
    """``name=value;name=value`` (``\\;`` and ``\\=`` inside a name)."""
    metrics: dict[str, float] = {}
    text = row.values.get(column, "")
    for raw in split_raw(text) if text else []:
        if not raw.strip():
            continue
        parts = split_raw(raw, "=", limit=1)
        if len(parts) != 2:
            reader.fail(row.line, column, f'expected name=number, got "{unescape(raw)}"')
        name, value = unescape(parts[0]), unescape(parts[1])
        number = parse_number(value)
        if number is None:
            reader.fail(row.line, column, f'expected a number for "{name}", got "{value}"')
        if name in metrics:
            reader.fail(row.line, column, f'the metric "{name}" is given twice')
        metrics[name] = number
    return metrics


def _add_flows(rows: list[_Row], reader: _Reader) -> None:
    # Flows without an id get f1, f2... in row order, as before, skipping given ids.
    taken = {flow[3] for row in rows for flow in row.flows if flow[3]}
    n = 0
    for row in rows:
        for target, kind, label, given in row.flows:
            flow_id = given
            while not flow_id:
                n += 1
                if f"f{n}" not in taken:
                    flow_id = f"f{n}"
            reader.journey.insert_flow(Flow(flow_id, row.card_id, target, kind, label))


def _expected(choices: tuple[str, ...], got: str) -> str:
    return f'expected one of {", ".join(choices)}, got "{got}"'


def _and(names: tuple[str, ...]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
