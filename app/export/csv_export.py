"""Write a journey as a CSV that the import reads back as the same map.

The columns are the import's (DESIGN.md, "CSV import"), with the extensions
of docs/csv.md ("CSV extensions"): first a ``map`` row with the title and
description, then one declaration row per stage, lane, department and
persona, in the map's order and with their ids and details, then one row per
card in reading order.  Card rows name their stage, lane, owner and personas
by name (by id where a name is shared or empty) and carry personas, metrics,
and the kind, label and id of each flow.

So export then import gives the same map, with these exceptions (docs/csv.md
"What is kept"): values lose leading and trailing white space and carriage
returns, a card without a title comes back titled `UNTITLED`, and the keys
of a ``.journey`` file unknown to this version are not carried.  A map the
CSV cannot hold at all (a card id with ``;``, an id with surrounding white
space...) is refused with a `JourneyError` and nothing is written.

The file starts with a UTF-8 byte order mark, so that spreadsheet programs
read names such as Łódź correctly; the import accepts it.  Plain Python;
never imports Qt.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections import Counter
from typing import Any

from app.model.csv_import import columns
from app.model.csv_values import COLOR, clean, escape, format_number, join
from app.model.errors import JourneyError
from app.model.fields import METRICS, REF, REFS, TABLE, TEXT, Field
from app.model.fileformat import atomic_write
from app.model.journey import Card, Flow, Journey

#: Written for a card without a title, since the import requires one.
UNTITLED = TABLE.card_field("title").csv_blank


def export_csv(
    journey: Journey,
    path: str | os.PathLike[str],
    persona: str | None = None,
    delimiter: str = ",",
) -> None:
    """Write ``journey`` to ``path`` as CSV, atomically.

    Args:
        journey: the map.
        path: the CSV file to write (replaced if it exists).
        persona: a persona id: only the cards that persona sees (cards scoped
            to it or to nobody) and the flows between them.
        delimiter: ``,`` (the default), ``;`` or a tab, for spreadsheet
            programs that want another; the import finds it by itself.

    Raises:
        JourneyError: the map holds something a CSV cannot (see the module
            docstring), or the file cannot be written.
    """
    text = to_csv(journey, persona, os.fspath(path), delimiter)
    atomic_write(path, ("\ufeff" + text).encode("utf-8"))


def to_csv(
    journey: Journey, persona: str | None = None, source: str = "CSV", delimiter: str = ","
) -> str:
    """The CSV text (without byte order mark) that `export_csv` writes."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(
        csv_rows(journey, persona, source)
    )
    return buffer.getvalue()


def csv_rows(journey: Journey, persona: str | None = None, source: str = "CSV") -> list[list[str]]:
    """The rows of the CSV (header first), as lists of cells; see `export_csv`."""
    cards = [c for c in journey.cards if persona is None or not c.personas or persona in c.personas]
    shown = {c.id for c in cards}
    flows: dict[str, list[Flow]] = {}
    for flow in journey.flows:
        if flow.source in shown and flow.target in shown:
            flows.setdefault(flow.source, []).append(flow)
    _check_ids(journey, cards, flows, source)
    writer = _Writer(journey, source)
    writer.write_declarations()
    # Flow ids are written unless the import would make the very same ones.
    with_ids = _flow_ids_differ(cards, flows)
    for card in cards:
        writer.write_card(card, flows.get(card.id, []), with_ids)
    return writer.rows


def _check_ids(
    journey: Journey, cards: list[Card], flows: dict[str, list[Flow]], source: str
) -> None:
    """Refuse ids that the import would read differently."""
    for card in cards:
        if ";" in card.id or card.id != clean(card.id):
            raise JourneyError(
                f'{source}: card id "{card.id}" cannot be written to CSV: ids there cannot '
                'contain ";" or a carriage return, or start or end with a space'
            )
    lists: list[tuple[str, list[Any]]] = [
        ("stage", journey.stages), ("lane", journey.lanes),
        ("department", journey.departments), ("persona", journey.personas),
        ("flow", [flow for out in flows.values() for flow in out]),
    ]
    for what, items in lists:
        for item in items:
            if item.id != clean(item.id):
                raise JourneyError(
                    f'{source}: {what} id "{item.id}" cannot be written to CSV: ids there '
                    "cannot contain a carriage return, or start or end with a space"
                )


def _flow_ids_differ(cards: list[Card], flows: dict[str, list[Flow]]) -> bool:
    """Whether the flows, in row order, are not simply f1, f2, f3..."""
    n = 0
    for card in cards:
        for flow in flows.get(card.id, ()):
            n += 1
            if flow.id != f"f{n}":
                return True
    return False


class _Writer:
    """The rows of one export, and how card rows name stages, lanes and so on."""

    def __init__(self, journey: Journey, source: str) -> None:
        self.journey = journey
        self.source = source
        self.columns = columns()
        self.rows: list[list[str]] = [list(self.columns)]
        self.lists = {
            "stage": journey.stages, "lane": journey.lanes,
            "department": journey.departments, "persona": journey.personas,
        }
        # The import trims names, so two names that differ only there are one.
        self.names = {
            what: Counter(clean(item.name) for item in items) for what, items in self.lists.items()
        }
        self.refs: dict[tuple[str, str], str] = {}

    def row(self, **values: str) -> None:
        self.rows.append([values.get(column, "") for column in self.columns])

    def write_declarations(self) -> None:
        journey = self.journey
        self.row(row="map", title=journey.title, description=journey.description)
        for s in journey.stages:
            self.row(row="stage", id=s.id, stage=s.name, description=s.description)
        for x in journey.lanes:
            self.row(row="lane", id=x.id, lane=x.name, lane_kind=x.kind)
        for d in journey.departments:
            self.row(row="department", id=d.id, owner=d.name, color=self.color(d, "department"))
        for p in journey.personas:
            self.row(
                row="persona", id=p.id, personas=escape(p.name), description=p.description,
                goals=p.goals, color=self.color(p, "persona"),
            )

    def color(self, item: Any, what: str) -> str:
        if not COLOR.fullmatch(item.color):
            raise JourneyError(
                f'{self.source}: {what} "{item.name}" has the colour "{item.color}", '
                'which a CSV cannot hold; expected a colour like "#1f77b4"'
            )
        return item.color

    def ref(self, what: str, item_id: str) -> str:
        """How a card row names a stage (lane...): its name if that is unique, else its id."""
        key = (what, item_id)
        if key not in self.refs:
            item = next(i for i in self.lists[what] if i.id == item_id)
            name, names = clean(item.name), self.names[what]
            if name and names[name] == 1:
                self.refs[key] = name
            elif item_id not in names:
                self.refs[key] = item_id
            else:
                raise JourneyError(
                    f'{self.source}: {what} "{item.name}" cannot be written to CSV: other '
                    f'{what}s have its name, and its id "{item_id}" is the name of another '
                    f"{what}; rename one of them"
                )
        return self.refs[key]

    def write_card(self, card: Card, flows: list[Flow], with_ids: bool) -> None:
        labels = [flow.label for flow in flows]
        self.row(
            id=card.id,
            stage=self.ref("stage", card.stage),
            lane=self.ref("lane", card.lane),
            **{f.column: self.field_text(card, f) for f in TABLE.card if f.column is not None},
            next=";".join(flow.target for flow in flows),
            # The extra flow columns stay empty when they would say nothing new.
            next_kinds=";".join(f.kind for f in flows) if any(f.kind != "normal" for f in flows)
            else "",
            next_labels=join(labels) if any(clean(label) for label in labels) else "",
            next_ids=join([flow.id for flow in flows]) if with_ids else "",
        )

    def field_text(self, card: Card, f: Field) -> str:
        """One card field as its CSV cell (`app.model.fields` says how)."""
        value = getattr(card, f.name)
        if f.kind == REF:
            return self.ref(f.ref, value) if value else ""
        if f.kind == REFS:
            return join([self.ref(f.ref, ref_id) for ref_id in value])
        if f.kind == METRICS:
            return self.metrics(card, value)
        if f.kind == TEXT and f.csv_blank:
            return value.strip() or f.csv_blank  # the import requires a value
        return f.csv_text(value)

    def metrics(self, card: Card, metrics: dict[str, float]) -> str:
        entries = []
        for name, value in metrics.items():
            finite = isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
            if isinstance(value, bool) or not finite:
                raise JourneyError(
                    f'{self.source}: card "{card.id}": metric "{name}" is {value!r}, '
                    "not a finite number, and cannot be written to CSV"
                )
            entries.append(f"{escape(name, '=')}={format_number(value)}")
        if len({clean(name) for name in metrics}) != len(metrics):
            raise JourneyError(
                f'{self.source}: card "{card.id}": two metric names differ only in surrounding '
                "white space, which a CSV cannot keep apart"
            )
        return ";".join(entries)
