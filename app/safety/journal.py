"""The recovery journal: model edits as lines of JSON, appended as they happen.

An edit (`app.model.edits`) is a plain value - frozen dataclasses of
strings, numbers, tuples and the model's entities - so it can be written
down and applied again later.  The recovery data of a map is a base snapshot
plus the edits applied since, in order (an undo is the inverse edit it
applied), so recording an edit costs the size of the edit, not of the map.

Each line is ``{"seq": N, "edit": ...}``; a line cut short by a kill is the
last one and is ignored when reading.  Lines are ASCII (``ensure_ascii``), so
any text the model holds, even a lone surrogate, round-trips.

This module is plain Python.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from app.model import edits as edits_module
from app.model.edits import Edit
from app.model.errors import JourneyError
from app.model.journey import Journey

_TYPE, _TUPLE, _DICT = "$type", "$tuple", "$dict"


def _registry() -> dict[str, type]:
    """The dataclasses an edit may hold: every edit and entity the edits module knows."""
    return {
        name: value
        for name, value in vars(edits_module).items()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    }


_CLASSES = _registry()


def encode(value: Any) -> Any:
    """``value`` (an edit and what it holds) as JSON-ready data."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise TypeError(f"cannot journal a {name}")
        data = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {_TYPE: name, **data}
    if isinstance(value, tuple):
        return {_TUPLE: [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {_DICT: [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot journal a {type(value).__name__}")


def decode(data: Any) -> Any:
    """The value `encode` wrote."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if _TUPLE in data:
        return tuple(decode(v) for v in data[_TUPLE])
    if _DICT in data:
        return {decode(k): decode(v) for k, v in data[_DICT]}
    cls = _CLASSES.get(data.get(_TYPE, ""))
    if cls is None:
        raise ValueError(f"unknown journal entry {data.get(_TYPE)!r}")
    return cls(**{k: decode(v) for k, v in data.items() if k != _TYPE})


def line(seq: int, edit: Edit) -> bytes:
    """One journal line (with its newline) for the ``seq``-th edit."""
    return encoded_line(seq, encode(edit))


def encoded_line(seq: int, encoded: Any) -> bytes:
    """One journal line for an edit already passed through `encode`."""
    text = json.dumps({"seq": seq, "edit": encoded}, ensure_ascii=True)
    return (text + "\n").encode("ascii")


def read(paths: Iterable[Path]) -> Iterator[tuple[int, Edit]]:
    """The ``(seq, edit)`` entries of these journal files, in file and line order.

    A line that cannot be read ends its file: it was being written when the
    process died.
    """
    for path in paths:
        try:
            text = path.read_bytes().decode("ascii", errors="replace")
        except FileNotFoundError:
            continue
        for raw in text.split("\n"):
            if not raw:
                continue
            try:
                entry = json.loads(raw)
                yield int(entry["seq"]), decode(entry["edit"])
            except (ValueError, KeyError, TypeError):
                break


def replay(journey: Journey, entries: Iterable[tuple[int, Edit]], after: int) -> int:
    """Apply the entries numbered above ``after`` to ``journey``; returns the last number.

    Raises:
        JourneyError: an entry does not apply (the recovery data is damaged).
    """
    last = after
    for seq, edit in entries:
        if seq <= last:
            continue
        if seq != last + 1:
            break  # a gap: what follows was made on a state we do not have
        try:
            edit.apply(journey)
        except Exception as exc:  # noqa: BLE001 - any failure means damaged data
            raise JourneyError(f"recovery journal entry {seq} does not apply: {exc}") from None
        last = seq
    return last
