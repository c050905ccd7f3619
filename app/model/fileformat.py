"""Read, validate, migrate and write ``.journey`` files.

A ``.journey`` file is UTF-8 JSON with a stable key order and a 2-space
indent (DESIGN.md, "File format"), so that a git diff of two versions reads
well and save -> load -> save gives identical bytes.  Unknown keys, at the top
level and in every entity, are kept in the entities' ``extra`` dicts and
written back after the known keys.

Every problem with a file raises `JourneyError` with one line that names the
file and the JSON path of the offending value::

    map.journey: cards[12].owner: no department with id "x"

This module is plain Python; it must never import Qt.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from typing import Any

from app.model.atomic import atomic_write
from app.model.basedon import check_based_on
from app.model.errors import JourneyError
from app.model.fields import REF, REFS, TABLE, TEXT
from app.model.filecheck import (
    DEPARTMENT,
    FLOW,
    LANE,
    PERSONA,
    STAGE,
    Fail,
    InvalidValueError,
    card_spec,
    describe,
    read_list,
)
from app.model.gcpause import paused_gc
from app.model.journey import (
    DEFAULT_CARD_KIND,
    Card,
    Department,
    Flow,
    Journey,
    Lane,
    ModelError,
    Persona,
    Stage,
)
from app.model.reading import read_input
from app.model.textcheck import check_no_surrogates

FORMAT_NAME = "journeymap"
FORMAT_VERSION = 1

#: Migrations of the raw JSON dict: ``MIGRATIONS[n]`` turns a version ``n``
#: file into a version ``n + 1`` one.  Version 1 is the first, so there is none
#: yet; a future version 2 adds ``MIGRATIONS[1]`` here and nothing else changes.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

#: The top-level lists, in file order (after the map's own fields).
LIST_KEYS = ("personas", "departments", "stages", "lanes", "cards", "flows")


def top_keys() -> tuple[str, ...]:
    """Every top-level key this version knows, in file order."""
    return ("format", "version", *(f.key for f in TABLE.map), "based_on", *LIST_KEYS)


# ----------------------------------------------------------------- writing
def to_dict(journey: Journey) -> dict[str, Any]:
    """The journey as the JSON object of a ``.journey`` file, keys in file order."""
    data: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    _write_fields(data, journey, TABLE.map)
    data.update(_based_on_key(journey))
    data.update({
        "personas": [
            _with_extra(
                {"id": p.id, "name": p.name, "description": p.description,
                 "goals": p.goals, "color": p.color},
                p.extra,
            )
            for p in journey.personas
        ],
        "departments": [
            _with_extra({"id": d.id, "name": d.name, "color": d.color}, d.extra)
            for d in journey.departments
        ],
        "stages": [
            _with_extra({"id": s.id, "name": s.name, "description": s.description}, s.extra)
            for s in journey.stages
        ],
        "lanes": [
            _with_extra({"id": x.id, "name": x.name, "kind": x.kind}, x.extra)
            for x in journey.lanes
        ],
        "cards": [_card_dict(c) for c in journey.cards],
        "flows": [
            _with_extra(
                {"id": f.id, "from": f.source, "to": f.target, "kind": f.kind, "label": f.label},
                f.extra,
            )
            for f in journey.flows
        ],
    })
    return _with_extra(data, journey.extra)


def _based_on_key(journey: Journey) -> dict[str, Any]:
    # Absent when None: a map that is derived from nothing saves as before.
    if journey.based_on is None:
        return {}
    return {"based_on": copy.deepcopy(journey.based_on)}


def _card_dict(card: Card) -> dict[str, Any]:
    known = {"id": card.id, "stage": card.stage, "lane": card.lane, "order": card.order}
    _write_fields(known, card, TABLE.card)
    return _with_extra(known, card.extra)


def _write_fields(out: dict[str, Any], entity: Any, fields: tuple[Any, ...]) -> None:
    """The table's fields of a card (or of the map) into ``out``, in table order."""
    for f in fields:
        value = getattr(entity, f.name)
        if f.omit_default and f.is_default(value):
            continue  # an optional key at its default: old files stay byte-identical
        out[f.key] = value.copy() if isinstance(value, list | dict) else value


def _with_extra(known: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    # Known keys win: an extra key that shadows one would not survive a load.
    for key, value in extra.items():
        if key not in known:
            known[key] = copy.deepcopy(value)
    return known


def dumps(journey: Journey) -> str:
    """The text of the journey's ``.journey`` file (ends with a newline)."""
    try:
        text = json.dumps(to_dict(journey), indent=2, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        # Only reachable through a programming error (a NaN metric, a set in extra).
        raise JourneyError(f"cannot write the map as JSON: {exc}") from None
    return text + "\n"


def save(journey: Journey, path: str | os.PathLike[str]) -> None:
    """Write the journey to ``path`` atomically (see `atomic_write`)."""
    atomic_write(path, dumps(journey).encode("utf-8"))


# ----------------------------------------------------------------- reading
def load(path: str | os.PathLike[str]) -> Journey:
    """Read and validate a ``.journey`` file.

    Raises:
        JourneyError: the file is missing, unreadable, not UTF-8, not JSON
            (with line and column) or not a valid journey (with JSON path).
    """
    source = os.fspath(path)
    text = read_text(source)
    # The parsed JSON is as big as the map it describes: see `paused_gc`.
    with paused_gc():
        # The parsed JSON is ours alone: its entities may go once read.
        return _from_parsed(_parse(text, source), source, consume=True, text=text)


def _parse(text: str, source: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise JourneyError(
            f"{source}: line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"
        ) from None
    except ValueError as exc:
        raise JourneyError(f"{source}: not valid JSON: {exc}") from None
    except RecursionError:
        raise JourneyError(f"{source}: not valid JSON: nested too deeply") from None


def read_bytes(source: str) -> bytes:
    """The bytes of a file: a regular file of a sane size, or a one-line
    `JourneyError` naming it (`app.model.reading.read_input`)."""
    return read_input(source)


def read_text(source: str) -> str:
    """The UTF-8 text of a file (a BOM is dropped); `JourneyError` if it cannot be had."""
    raw = read_bytes(source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        raise JourneyError(
            f"{source}: line {line}: not UTF-8 text (byte 0x{byte:02x}); "
            "save the file as UTF-8"
        ) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def from_dict(data: Any, source: str = "<map>") -> Journey:
    """Validate a parsed ``.journey`` object and build the `Journey` it describes.

    Args:
        data: what ``json.loads`` returned for the file.
        source: the file name used in error messages.

    Raises:
        JourneyError: naming ``source`` and the JSON path of the first problem.
    """
    return _from_parsed(data, source, consume=False)


def _from_parsed(data: Any, source: str, consume: bool, text: str | None = None) -> Journey:
    fail = _failer(source)
    check_no_surrogates(data, fail, text)
    if not isinstance(data, dict):
        fail("", f"not a Journeymap file (expected a JSON object, got {describe(data)})")
    if "format" not in data:
        fail("", 'not a Journeymap file (no "format": "journeymap")')
    if data["format"] != FORMAT_NAME:
        got = describe(data["format"])
        fail("format", f'not a Journeymap file (expected "journeymap", got {got})')
    data = migrate(data, source)
    journey = Journey()
    for f in TABLE.map:
        setattr(journey, f.name, _top_value(data, f, fail))
    known = top_keys()
    journey.extra = {k: copy.deepcopy(v) for k, v in data.items() if k not in known}
    journey.based_on = check_based_on(data.get("based_on"), fail)
    with paused_gc():  # many small objects that all stay alive
        try:
            _build(journey, data, fail, consume)
        except ModelError as exc:  # validation above should leave nothing for the model
            fail("", str(exc))
    return journey


def _top_value(data: dict[str, Any], f: Any, fail: Fail) -> Any:
    if f.key not in data:
        return f.fresh_default()
    try:
        return f.file_check()(data[f.key])
    except InvalidValueError as bad:
        return fail(f.key, bad.message)


def migrate(data: dict[str, Any], source: str = "<map>") -> dict[str, Any]:
    """Bring a parsed file of an older format version up to `FORMAT_VERSION`.

    Raises:
        JourneyError: the version is missing, not a positive integer, or newer
            than this program understands.
    """
    fail = _failer(source)
    if "version" not in data:
        fail("", 'missing required key "version"')
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        fail("version", f"expected a positive integer, got {describe(version)}")
    if version > FORMAT_VERSION:
        fail(
            "version",
            f"the file has format version {version}, but this Journeymap reads only up "
            f"to version {FORMAT_VERSION}; update Journeymap to open it",
        )
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](copy.deepcopy(data))
        version += 1
        data["version"] = version
    return data


def _failer(source: str) -> Fail:
    def fail(path: str, message: str) -> Any:
        place = f"{path}: " if path else ""
        raise JourneyError(f"{source}: {place}{message}")

    return fail


def _build(journey: Journey, data: dict[str, Any], fail: Fail, consume: bool) -> None:
    personas = read_list(data, "personas", PERSONA, fail)
    departments = read_list(data, "departments", DEPARTMENT, fail)
    stages = read_list(data, "stages", STAGE, fail)
    lanes = read_list(data, "lanes", LANE, fail)
    cards = read_list(data, "cards", card_spec(), fail, consume)
    flows = read_list(data, "flows", FLOW, fail, consume)
    for i, (values, extra) in enumerate(personas):
        journey.insert_persona(Persona(**values, extra=extra), i)
    for i, (values, extra) in enumerate(departments):
        journey.insert_department(Department(**values, extra=extra), i)
    for i, (values, extra) in enumerate(stages):
        journey.insert_stage(Stage(**values, extra=extra), i)
    for i, (values, extra) in enumerate(lanes):
        journey.insert_lane(Lane(**values, extra=extra), i)
    card_ids = _add_cards(journey, cards, fail)
    _add_flows(journey, flows, card_ids, fail)


# A reference is replaced by the very id string of what it refers to, and a
# repeated channel or flow label by its first occurrence: a big map then holds
# one string per stage, owner or channel rather than one per card, which
# saves memory and makes every later pass over the cards touch less of it.
def _own_ids(items: list[Any]) -> dict[str, str]:
    return {item.id: item.id for item in items}


def _side_by_side(ids: list[str]) -> list[str]:
    """Equal strings, made one after the other so that they lie together in memory.

    The ids the JSON parser made are scattered over all the memory the parsed
    file took.  Every look-up of a card or flow by id (graph, layout, scene,
    insights) reads its id's hash from the string, and on a map of 20,000
    cards those reads missed the processor's caches: looking ids up took
    three times as long per id as on a map of 5,000.
    """
    joined = "".join(ids)
    fresh, start = [], 0
    for text in ids:
        end = start + len(text)
        fresh.append(joined[start:end])  # a slice is a new string
        start = end
    return fresh


def _no_ref(fail: Fail, path: str, what: str, value: str) -> str:
    fail(path, f"no {what} with id {describe(value)}")
    raise AssertionError("fail() returned")  # pragma: no cover


def _add_cards(
    journey: Journey, cards: list[tuple[dict[str, Any], dict[str, Any]]], fail: Fail
) -> dict[str, str]:
    """Check the cards' references and add the cards; card id -> its own id string."""
    placed = _resolve_cards(journey, cards, fail)
    placed.sort(key=lambda entry: entry[0])
    fresh_ids = _side_by_side([values["id"] for _, values, _ in placed])
    card_ids: dict[str, str] = {}
    column, row, n = -1, -1, 0
    for k, card_id in enumerate(fresh_ids):
        (s, x, _, _), values, extra = placed[k]
        placed[k] = None  # what was read goes as it is built: see `read_list`'s consume
        # Each cell starts empty and is filled in order: a card's place is
        # the count of cards before it in its cell.
        n = n + 1 if (s, x) == (column, row) else 0
        column, row = s, x
        # Keyed by the new string too: the look-ups by the flows' ends then
        # compare with strings that lie together, not all over the file's.
        card_ids[card_id] = values["id"] = card_id
        journey.insert_card(Card(**values, order=n, extra=extra), checked=True)
    return card_ids


def _resolve_cards(
    journey: Journey, cards: list[tuple[dict[str, Any], dict[str, Any]]], fail: Fail
) -> list[Any]:
    """Per card: (sort key in reading order, values with references resolved, extra)."""
    stage_ids, lane_ids = _own_ids(journey.stages), _own_ids(journey.lanes)
    targets = {"department": _own_ids(journey.departments), "persona": _own_ids(journey.personas)}
    stage_pos = {s.id: i for i, s in enumerate(journey.stages)}
    lane_pos = {x.id: i for i, x in enumerate(journey.lanes)}
    lane_card_kind = {x.id: DEFAULT_CARD_KIND[x.kind] for x in journey.lanes}
    refs = [(f.key, f.ref, targets[f.ref]) for f in TABLE.card if f.kind == REF]
    ref_lists = [(f.key, f.ref, targets[f.ref]) for f in TABLE.card if f.kind == REFS]
    from_lane = [f.key for f in TABLE.card if f.from_lane]
    # Values that repeat from card to card (channels) are kept once: see `_own_ids`.
    repeated = [(f.key, {}) for f in TABLE.card if f.kind == TEXT and f.suggest]
    renamed = [(f.key, f.name) for f in TABLE.card if f.key != f.name]
    placed = []
    for i, (values, extra) in enumerate(cards):
        # ``x or _no_ref(...)`` writes the path out only for a missing id (ids are never "").
        stage = stage_ids.get(values["stage"]) or _no_ref(
            fail, f"cards[{i}].stage", "stage", values["stage"])
        lane = lane_ids.get(values["lane"]) or _no_ref(
            fail, f"cards[{i}].lane", "lane", values["lane"])
        for key, what, ids in refs:
            ref = values[key]
            if ref is not None:
                values[key] = ids.get(ref) or _no_ref(fail, f"cards[{i}].{key}", what, ref)
        for key, what, ids in ref_lists:
            if values[key]:
                values[key] = [
                    ids.get(p) or _no_ref(fail, f"cards[{i}].{key}[{j}]", what, p)
                    for j, p in enumerate(values[key])
                ]
        values["stage"], values["lane"] = stage, lane
        for key in from_lane:
            if values[key] is None:
                values[key] = lane_card_kind[lane]
        for key, seen in repeated:
            values[key] = seen.setdefault(values[key], values[key])
        for key, name in renamed:
            values[name] = values.pop(key)
        order = values.pop("order")
        # The model numbers each cell 0..n-1: sort by the file's order, then
        # by position in the file, and append in that sequence.
        key = (stage_pos[stage], lane_pos[lane], i if order is None else order, i)
        placed.append((key, values, extra))
    return placed


def _add_flows(
    journey: Journey,
    flows: list[tuple[dict[str, Any], dict[str, Any]]],
    card_ids: dict[str, str],
    fail: Fail,
) -> None:
    labels: dict[str, str] = {}
    fresh_ids = _side_by_side([values["id"] for values, _ in flows])
    for i, flow_id in enumerate(fresh_ids):
        values, extra = flows[i]
        flows[i] = None
        source = card_ids.get(values["from"]) or _no_ref(
            fail, f"flows[{i}].from", "card", values["from"])
        target = card_ids.get(values["to"]) or _no_ref(
            fail, f"flows[{i}].to", "card", values["to"])
        label = labels.setdefault(values["label"], values["label"])
        journey.insert_flow(Flow(flow_id, source, target, values["kind"], label, extra))


def journeys_equal(a: Journey, b: Journey) -> bool:
    """Whether two journeys would be saved as the same file."""
    return to_dict(a) == to_dict(b)
