"""Checking the entities of a parsed ``.journey`` file, one JSON object at a time.

Each entity kind has a `Spec`: its known keys in file order, how each value
is checked and what a missing optional key defaults to.  `read_list` checks
one top-level list (``cards``...) and returns, per entity, the checked known
values and the unknown keys to keep.  A bad value raises `JourneyError`
(through the caller's ``fail``) naming the JSON path of the value::

    cards[12].emotion: expected an integer from -2 to 2 or null, got 3

Loading a big map checks hundreds of thousands of values, so the common case
is kept cheap: a check is a one-argument function that returns the value (or
its canonical copy: a card kind is the very string of `CARD_KINDS`, so that a
map shares one string per kind), and the JSON path of a value is only
written out when something is wrong with it.

This module is plain Python; it must never import Qt.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from typing import Any

from app.model.fields import (
    METRICS,
    REF,
    REFS,
    TABLE,
    Field,
    FieldValueError,
    check_text,
    choice_check,
    describe,
)
from app.model.journey import FLOW_KINDS, LANE_KINDS

#: ``fail(path, message)`` raises the `JourneyError` naming the file.
Fail = Callable[[str, str], Any]
#: A check returns the value to keep or raises `InvalidValueError`.
Check = Callable[[Any], Any]
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


#: A value that fails its check: what was expected, and where below its key.
InvalidValueError = FieldValueError


# ------------------------------------------------------------ value checks
#: A string.
check_string = check_text


def check_id(value: Any) -> str:
    """A non-empty string."""
    if isinstance(value, str) and value:
        return value
    raise InvalidValueError(f"expected a non-empty string id, got {describe(value)}")


def _check_color(value: Any) -> str:
    if isinstance(value, str) and _COLOR.fullmatch(value):
        return value
    raise InvalidValueError(f'expected a colour like "#1f77b4", got {describe(value)}')


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_int(value: Any) -> int:
    if _is_int(value):
        return value
    raise InvalidValueError(f"expected an integer, got {describe(value)}")


def _nullable(check: Check) -> Check:
    def nullable(value: Any) -> Any:
        return None if value is None else check(value)

    return nullable


def _check_id_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise InvalidValueError(f"expected a list of ids, got {describe(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item:
            message = f"expected a non-empty string id, got {describe(item)}"
            raise InvalidValueError(message, f"[{i}]")
    return list(value)


def _check_metrics(value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise InvalidValueError(f"expected an object of name: number, got {describe(value)}")
    for name, number in value.items():
        if not (_is_int(number) or (isinstance(number, float) and math.isfinite(number))):
            raise InvalidValueError(f"expected a finite number, got {describe(number)}", f".{name}")
    return dict(value)


# ------------------------------------------------------------------ entities
class Spec:
    """The known keys of one kind of entity, in file order.

    Args:
        fields: ``(key, check, default, required)`` per key; a missing optional
            key takes a copy of its default.
    """

    def __init__(self, *fields: tuple[str, Check, Any, bool]) -> None:
        self.fields = fields
        self.known = frozenset(key for key, *_ in fields)
        #: The keys whose default is a list or a dict (each entity gets its own copy).
        self.fresh = frozenset(key for key, _, default, _ in fields
                               if isinstance(default, (list, dict)))


def _field(key: str, check: Check, default: Any = None) -> tuple[str, Check, Any, bool]:
    return (key, check, default, False)


def _required(key: str, check: Check) -> tuple[str, Check, Any, bool]:
    return (key, check, None, True)


PERSONA = Spec(
    _required("id", check_id),
    _required("name", check_string),
    _field("description", check_string, ""),
    _field("goals", check_string, ""),
    _field("color", _check_color, "#808080"),
)
DEPARTMENT = Spec(
    _required("id", check_id),
    _required("name", check_string),
    _field("color", _check_color, "#808080"),
)
STAGE = Spec(
    _required("id", check_id),
    _required("name", check_string),
    _field("description", check_string, ""),
)
LANE = Spec(
    _required("id", check_id),
    _required("name", check_string),
    _field("kind", choice_check(LANE_KINDS, "lane kind"), "touchpoints"),
)
_CARD_SPECS: dict[int, Spec] = {}


def card_spec() -> Spec:
    """The keys of a card: its placement, then the fields of `app.model.fields.TABLE`."""
    spec = _CARD_SPECS.get(TABLE.version)
    if spec is None:
        spec = _CARD_SPECS[TABLE.version] = Spec(
            _required("id", check_id),
            _required("stage", check_id),
            _required("lane", check_id),
            _field("order", _check_int),
            *(_field(f.key, _file_check(f), _file_default(f)) for f in TABLE.card),
        )
    return spec


def _file_default(f: Field) -> Any:
    # A field whose value comes from the lane is filled in later.
    return None if f.from_lane else f.default


def _file_check(f: Field) -> Check:
    """How a field's value in a file is checked (references are resolved later)."""
    if f.kind == REF:
        return _nullable(check_id)
    if f.kind == REFS:
        return _check_id_list
    if f.kind == METRICS:
        return _check_metrics
    return f.file_check()


FLOW = Spec(
    _required("id", check_id),
    _required("from", check_id),
    _required("to", check_id),
    _field("kind", choice_check(FLOW_KINDS, "flow kind"), "normal"),
    _field("label", check_string, ""),
)


def read_list(
    data: dict[str, Any], key: str, spec: Spec, fail: Fail, consume: bool = False
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Check the list ``data[key]`` (missing: empty): per entity (known values, unknown keys).

    Args:
        data: the parsed file.
        key: which list.
        spec: what its entities hold.
        fail: raises the error.
        consume: replace each entity of ``data[key]`` by None once read, so
            that its memory serves what is built next (for a caller that
            owns ``data`` and drops it afterwards: a fifth fewer pages
            touched when loading a big map).

    Raises:
        JourneyError: through ``fail``, for the first bad entity or duplicate id.
    """
    items = data.get(key, [])
    if not isinstance(items, list):
        fail(key, f"expected a list, got {describe(items)}")
    result = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        values, extra = _read_entity(item, key, i, spec, fail)
        first = seen.setdefault(values["id"], i)
        if first != i:
            fail(f"{key}[{i}].id", f"duplicate id {describe(values['id'])} (also {key}[{first}])")
        result.append((values, extra))
        if consume:
            items[i] = None
    return result


def _read_entity(
    item: Any, key: str, index: int, spec: Spec, fail: Fail
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check the JSON object ``data[key][index]``: (known values, unknown keys)."""
    if not isinstance(item, dict):
        fail(f"{key}[{index}]", f"expected an object, got {describe(item)}")
    values = {}
    present = 0
    fresh = spec.fresh
    for name, check, default, required in spec.fields:
        if name in item:
            present += 1
            try:
                values[name] = check(item[name])
            except InvalidValueError as bad:
                fail(f"{key}[{index}].{name}{bad.below}", bad.message)
        elif required:
            fail(f"{key}[{index}]", f'missing required key "{name}"')
        else:
            # The empty list and dict defaults must not be shared between entities.
            values[name] = default.copy() if name in fresh else default
    if len(item) == present:  # the usual case: no unknown keys to keep
        return values, {}
    known = spec.known
    return values, {k: copy.deepcopy(v) for k, v in item.items() if k not in known}
