"""Build a journey from a CSV file (DESIGN.md, "CSV import").

UTF-8 (a BOM is allowed), comma-separated, one header row.  Column names are
case-insensitive and in any order; ``stage``, ``lane`` and ``title`` are
required.  Stages and lanes are ordered by first appearance, departments are
created from ``owner`` names on first appearance, and ``next`` lists the ids
(or, without an ``id`` column, the titles) of the cards each card flows to;
cycles are fine.  Columns the contract does not name are ignored, so a
spreadsheet may carry its own.

A bad row raises `JourneyError` naming its line and column::

    x.csv: line 7, column "emotion": expected an integer from -2 to 2, got "3"

Plain Python; never imports Qt.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from app.model.errors import JourneyError
from app.model.fileformat import read_text
from app.model.journey import (
    CARD_KINDS,
    DEFAULT_CARD_KIND,
    EVIDENCE_LEVELS,
    LANE_KINDS,
    Card,
    Department,
    Flow,
    Journey,
    Lane,
    Stage,
)

COLUMNS = (
    "id", "stage", "lane", "lane_kind", "title", "kind",
    "channel", "owner", "emotion", "evidence", "notes", "next",
)
REQUIRED_COLUMNS = ("stage", "lane", "title")

#: Colours of departments created on import, in order of first appearance.
#: (A copy of the first colours of the theme's palette, so that the model
#: does not depend on app.layout.)
DEPARTMENT_COLORS = (
    "#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#B07AA1",
    "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F", "#BAB0AC",
)

_EMOTION = re.compile(r"[+-]?\d+")


@dataclass
class _Row:
    """One data row: its first line in the file and its values by column."""

    line: int
    values: dict[str, str]
    card_id: str = ""
    targets: list[str] = field(default_factory=list)


class _Reader:
    """The state of one import: the file name for messages and what was built."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.journey = Journey(Path(source).stem)
        self.stages: dict[str, str] = {}
        self.lanes: dict[str, str] = {}
        self.lane_kinds: dict[str, tuple[str, int]] = {}
        self.departments: dict[str, str] = {}

    def fail(self, line: int, column: str | None, message: str) -> NoReturn:
        place = f'line {line}, column "{column}"' if column else f"line {line}"
        raise JourneyError(f"{self.source}: {place}: {message}")


def import_csv(path: str | os.PathLike[str]) -> Journey:
    """Read a CSV written to DESIGN.md's contract into a new `Journey`.

    Raises:
        JourneyError: the file cannot be read or is not UTF-8, a required
            column is missing, or a row is bad (named by line and column).
    """
    reader = _Reader(os.fspath(path))
    header, rows = _parse(read_text(reader.source), reader)
    _collect_lanes(rows, reader)
    _assign_ids(rows, "id" in header, reader)
    _resolve_next(rows, "id" in header, reader)
    for row in rows:
        _add_card(row, reader)
    _add_flows(rows, reader.journey)
    return reader.journey


def _parse(text: str, reader: _Reader) -> tuple[dict[str, int], list[_Row]]:
    """Header (column -> index) and the non-blank data rows."""
    records = csv.reader(io.StringIO(text, newline=""))
    header: dict[str, int] | None = None
    width = 0
    rows: list[_Row] = []
    end = 0
    while True:
        start = end + 1
        try:
            cells = next(records)
        except StopIteration:
            break
        except csv.Error as exc:
            reader.fail(records.line_num or start, None, f"not valid CSV: {exc}")
        end = records.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header, width = _read_header(cells, start, reader), len(cells)
            continue
        if any(cell.strip() for cell in cells[width:]):
            reader.fail(
                start, None,
                f"{len(cells)} values but the header has {width} columns "
                "(a value with a comma needs double quotes)",
            )
        values = {name: _clean(cells[i]) if i < len(cells) else "" for name, i in header.items()}
        rows.append(_Row(start, values))
    if header is None:
        raise JourneyError(
            f"{reader.source}: empty file; expected a header row with the columns "
            + ", ".join(REQUIRED_COLUMNS)
        )
    return header, rows


def _clean(value: str) -> str:
    # A note typed on Windows keeps "\r\n" inside its quotes; the map wants "\n".
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _read_header(cells: list[str], line: int, reader: _Reader) -> dict[str, int]:
    header: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = cell.strip().lower()
        if name not in COLUMNS:
            continue
        if name in header:
            reader.fail(line, name, "the column appears twice in the header")
        header[name] = i
    for name in REQUIRED_COLUMNS:
        if name not in header:
            reader.fail(line, None, f'missing required column "{name}"')
    return header


def _collect_lanes(rows: list[_Row], reader: _Reader) -> None:
    """Check required values, and fix each lane's kind (first one given wins)."""
    for row in rows:
        for name in REQUIRED_COLUMNS:
            if not row.values[name]:
                reader.fail(row.line, name, "a value is required here")
        kind = row.values.get("lane_kind", "").lower()
        if not kind:
            continue
        if kind not in LANE_KINDS:
            reader.fail(row.line, "lane_kind", _expected(LANE_KINDS, row.values["lane_kind"]))
        lane = row.values["lane"]
        first = reader.lane_kinds.setdefault(lane, (kind, row.line))
        if first[0] != kind:
            reader.fail(
                row.line, "lane_kind",
                f'lane "{lane}" already has kind "{first[0]}" (line {first[1]}), got "{kind}"',
            )


def _assign_ids(rows: list[_Row], has_ids: bool, reader: _Reader) -> None:
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
    """Turn each row's ``next`` into card ids: by id, or by title without an id column."""
    keys: dict[str, list[_Row]] = {}
    for row in rows:
        keys.setdefault(row.card_id if by_id else row.values["title"], []).append(row)
    what = "id" if by_id else "title"
    for row in rows:
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
            row.targets.append(found[0].card_id)


def _add_card(row: _Row, reader: _Reader) -> None:
    values = row.values
    journey = reader.journey
    stage_id = _stage_id(values["stage"], reader)
    lane_id = _lane_id(values["lane"], reader)
    kind = values.get("kind", "").lower()
    if not kind:
        kind = DEFAULT_CARD_KIND[journey.lane(lane_id).kind]
    elif kind not in CARD_KINDS:
        reader.fail(row.line, "kind", _expected(CARD_KINDS, values["kind"]))
    evidence = values.get("evidence", "").lower() or None
    if evidence is not None and evidence not in EVIDENCE_LEVELS:
        reader.fail(row.line, "evidence", _expected(EVIDENCE_LEVELS, values["evidence"]))
    journey.insert_card(
        Card(
            id=row.card_id,
            stage=stage_id,
            lane=lane_id,
            order=len(journey.cell_ids(stage_id, lane_id)),
            title=values["title"],
            kind=kind,
            notes=values.get("notes", ""),
            channel=values.get("channel", ""),
            owner=_department_id(values.get("owner", ""), reader),
            emotion=_emotion(row, reader),
            evidence=evidence,
        )
    )


def _stage_id(name: str, reader: _Reader) -> str:
    if name not in reader.stages:
        stage = Stage(f"s{len(reader.stages) + 1}", name)
        reader.journey.insert_stage(stage, len(reader.stages))
        reader.stages[name] = stage.id
    return reader.stages[name]


def _lane_id(name: str, reader: _Reader) -> str:
    if name not in reader.lanes:
        kind = reader.lane_kinds.get(name, ("touchpoints", 0))[0]
        lane = Lane(f"l{len(reader.lanes) + 1}", name, kind)
        reader.journey.insert_lane(lane, len(reader.lanes))
        reader.lanes[name] = lane.id
    return reader.lanes[name]


def _department_id(name: str, reader: _Reader) -> str | None:
    if not name:
        return None
    if name not in reader.departments:
        n = len(reader.departments)
        department = Department(f"d{n + 1}", name, DEPARTMENT_COLORS[n % len(DEPARTMENT_COLORS)])
        reader.journey.insert_department(department, n)
        reader.departments[name] = department.id
    return reader.departments[name]


def _emotion(row: _Row, reader: _Reader) -> int | None:
    # Spreadsheets like to write a typographic minus sign.
    text = row.values.get("emotion", "").replace("\u2212", "-")
    if not text:
        return None
    if not _EMOTION.fullmatch(text) or not -2 <= int(text) <= 2:
        reader.fail(
            row.line, "emotion",
            f'expected an integer from -2 to 2, got "{row.values["emotion"]}"',
        )
    return int(text)


def _add_flows(rows: list[_Row], journey: Journey) -> None:
    n = 0
    for row in rows:
        for target in row.targets:
            n += 1
            journey.insert_flow(Flow(f"f{n}", row.card_id, target))


def _expected(choices: tuple[str, ...], got: str) -> str:
    return f'expected one of {", ".join(choices)}, got "{got}"'
