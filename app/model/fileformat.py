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

import contextlib
import copy
import gc
import json
import math
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.model.errors import JourneyError
from app.model.journey import (
    CARD_KINDS,
    DEFAULT_CARD_KIND,
    EVIDENCE_LEVELS,
    FLOW_KINDS,
    LANE_KINDS,
    Card,
    Department,
    Flow,
    Journey,
    Lane,
    ModelError,
    Persona,
    Stage,
)

FORMAT_NAME = "journeymap"
FORMAT_VERSION = 1

#: Migrations of the raw JSON dict: ``MIGRATIONS[n]`` turns a version ``n``
#: file into a version ``n + 1`` one.  Version 1 is the first, so there is none
#: yet; a future version 2 adds ``MIGRATIONS[1]`` here and nothing else changes.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

TOP_KEYS = (
    "format", "version", "title", "description",
    "personas", "departments", "stages", "lanes", "cards", "flows",
)

# ------------------------------------------------------------ value checks
# A check takes (value, JSON path, fail) and returns the value to keep;
# ``fail(path, message)`` raises the JourneyError.
Fail = Callable[[str, str], Any]
Check = Callable[[Any, str, Fail], Any]
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def _describe(value: Any) -> str:
    """A value as JSON, cut short, for an error message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_string(value: Any, path: str, fail: Fail) -> str:
    if not isinstance(value, str):
        fail(path, f"expected a string, got {_describe(value)}")
    return value


def _check_id(value: Any, path: str, fail: Fail) -> str:
    if not isinstance(value, str) or not value:
        fail(path, f"expected a non-empty string id, got {_describe(value)}")
    return value


def _check_color(value: Any, path: str, fail: Fail) -> str:
    if not isinstance(value, str) or not _COLOR.fullmatch(value):
        fail(path, f'expected a colour like "#1f77b4", got {_describe(value)}')
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_int(value: Any, path: str, fail: Fail) -> int:
    if not _is_int(value):
        fail(path, f"expected an integer, got {_describe(value)}")
    return value


def _check_emotion(value: Any, path: str, fail: Fail) -> int | None:
    if value is not None and not (_is_int(value) and -2 <= value <= 2):
        fail(path, f"expected an integer from -2 to 2 or null, got {_describe(value)}")
    return value


def _choice(choices: tuple[str, ...], what: str) -> Check:
    def check(value: Any, path: str, fail: Fail) -> str:
        if not isinstance(value, str):
            fail(path, f"expected a string, got {_describe(value)}")
        if value not in choices:
            fail(path, f"unknown {what} {_describe(value)}; expected one of {', '.join(choices)}")
        return value

    return check


def _nullable(check: Check) -> Check:
    def nullable(value: Any, path: str, fail: Fail) -> Any:
        return None if value is None else check(value, path, fail)

    return nullable


def _check_id_list(value: Any, path: str, fail: Fail) -> list[str]:
    if not isinstance(value, list):
        fail(path, f"expected a list of ids, got {_describe(value)}")
    return [_check_id(item, f"{path}[{i}]", fail) for i, item in enumerate(value)]


def _check_metrics(value: Any, path: str, fail: Fail) -> dict[str, float]:
    if not isinstance(value, dict):
        fail(path, f"expected an object of name: number, got {_describe(value)}")
    for name, number in value.items():
        if not (_is_int(number) or (isinstance(number, float) and math.isfinite(number))):
            fail(f"{path}.{name}", f"expected a finite number, got {_describe(number)}")
    return dict(value)


@dataclass(frozen=True)
class _Field:
    """One known key of an entity: how to check it and its default."""

    key: str
    check: Check
    default: Any = None
    required: bool = False


def _read_entity(
    item: Any, path: str, spec: tuple[_Field, ...], fail: Fail
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check one JSON object against ``spec``: (known values, unknown keys)."""
    if not isinstance(item, dict):
        fail(path, f"expected an object, got {_describe(item)}")
    values = {}
    for field in spec:
        if field.key in item:
            values[field.key] = field.check(item[field.key], f"{path}.{field.key}", fail)
        elif field.required:
            fail(path, f'missing required key "{field.key}"')
        else:
            values[field.key] = copy.deepcopy(field.default)
    known = {field.key for field in spec}
    extra = {k: copy.deepcopy(v) for k, v in item.items() if k not in known}
    return values, extra


PERSONA_FIELDS = (
    _Field("id", _check_id, required=True),
    _Field("name", _check_string, required=True),
    _Field("description", _check_string, ""),
    _Field("goals", _check_string, ""),
    _Field("color", _check_color, "#808080"),
)
DEPARTMENT_FIELDS = (
    _Field("id", _check_id, required=True),
    _Field("name", _check_string, required=True),
    _Field("color", _check_color, "#808080"),
)
STAGE_FIELDS = (
    _Field("id", _check_id, required=True),
    _Field("name", _check_string, required=True),
    _Field("description", _check_string, ""),
)
LANE_FIELDS = (
    _Field("id", _check_id, required=True),
    _Field("name", _check_string, required=True),
    _Field("kind", _choice(LANE_KINDS, "lane kind"), "touchpoints"),
)
CARD_FIELDS = (
    _Field("id", _check_id, required=True),
    _Field("stage", _check_id, required=True),
    _Field("lane", _check_id, required=True),
    _Field("order", _check_int, None),
    _Field("title", _check_string, ""),
    # Without a kind the card takes its lane's default kind (filled in later).
    _Field("kind", _choice(CARD_KINDS, "card kind"), None),
    _Field("notes", _check_string, ""),
    _Field("channel", _check_string, ""),
    _Field("owner", _nullable(_check_id), None),
    _Field("emotion", _check_emotion, None),
    _Field("evidence", _nullable(_choice(EVIDENCE_LEVELS, "evidence level")), None),
    _Field("personas", _check_id_list, []),
    _Field("metrics", _check_metrics, {}),
)
FLOW_FIELDS = (
    _Field("id", _check_id, required=True),
    _Field("from", _check_id, required=True),
    _Field("to", _check_id, required=True),
    _Field("kind", _choice(FLOW_KINDS, "flow kind"), "normal"),
    _Field("label", _check_string, ""),
)


# ----------------------------------------------------------------- writing
def to_dict(journey: Journey) -> dict[str, Any]:
    """The journey as the JSON object of a ``.journey`` file, keys in file order."""
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": journey.title,
        "description": journey.description,
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
    }
    return _with_extra(data, journey.extra)


def _card_dict(card: Card) -> dict[str, Any]:
    known = {
        "id": card.id,
        "stage": card.stage,
        "lane": card.lane,
        "order": card.order,
        "title": card.title,
        "kind": card.kind,
        "notes": card.notes,
        "channel": card.channel,
        "owner": card.owner,
        "emotion": card.emotion,
        "evidence": card.evidence,
        "personas": list(card.personas),
        "metrics": dict(card.metrics),
    }
    return _with_extra(known, card.extra)


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


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` so that a crash never leaves half a file.

    The bytes go to a temporary file in the same folder, which is flushed,
    fsynced and then renamed over the target.  An existing file keeps its
    permission bits; a new one gets the usual mode for the user's umask.

    Raises:
        JourneyError: the folder does not exist or cannot be written.
    """
    target = os.path.realpath(os.fspath(path))
    folder, name = os.path.split(target)
    temp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        mode = None
    try:
        # 0o666 through os.open lets the umask decide, as for any new file.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(temp, mode)
            os.replace(temp, target)
        except BaseException:
            _remove_quietly(temp)
            raise
    except OSError as exc:
        raise JourneyError(f"{os.fspath(path)}: cannot write: {exc.strerror or exc}") from None
    _sync_folder(folder)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_folder(folder: str) -> None:
    # Makes the rename itself durable; not possible on every platform.
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ----------------------------------------------------------------- reading
def load(path: str | os.PathLike[str]) -> Journey:
    """Read and validate a ``.journey`` file.

    Raises:
        JourneyError: the file is missing, unreadable, not UTF-8, not JSON
            (with line and column) or not a valid journey (with JSON path).
    """
    source = os.fspath(path)
    text = read_text(source)
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise JourneyError(
            f"{source}: line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"
        ) from None
    except ValueError as exc:
        raise JourneyError(f"{source}: not valid JSON: {exc}") from None
    except RecursionError:
        raise JourneyError(f"{source}: not valid JSON: nested too deeply") from None
    return from_dict(data, source)


def read_text(source: str) -> str:
    """The UTF-8 text of a file (a BOM is dropped); `JourneyError` if it cannot be had."""
    try:
        raw = Path(source).read_bytes()
    except FileNotFoundError:
        raise JourneyError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise JourneyError(f"{source}: is a folder, not a file") from None
    except OSError as exc:
        raise JourneyError(f"{source}: cannot read: {exc.strerror or exc}") from None
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
    fail = _failer(source)
    if not isinstance(data, dict):
        fail("", f"not a Journeymap file (expected a JSON object, got {_describe(data)})")
    if "format" not in data:
        fail("", 'not a Journeymap file (no "format": "journeymap")')
    if data["format"] != FORMAT_NAME:
        got = _describe(data["format"])
        fail("format", f'not a Journeymap file (expected "journeymap", got {got})')
    data = migrate(data, source)
    journey = Journey(
        _check_string(data.get("title", ""), "title", fail),
        _check_string(data.get("description", ""), "description", fail),
    )
    journey.extra = {k: copy.deepcopy(v) for k, v in data.items() if k not in TOP_KEYS}
    # Building allocates many small objects that all stay alive: the cycle
    # collector's passes over them cost a third of the load time of a big map.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        _build(journey, data, fail)
    except ModelError as exc:  # validation above should leave nothing for the model
        fail("", str(exc))
    finally:
        if gc_was_enabled:
            gc.enable()
    return journey


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
        fail("version", f"expected a positive integer, got {_describe(version)}")
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


def _build(journey: Journey, data: dict[str, Any], fail: Fail) -> None:
    personas = _read_list(data, "personas", PERSONA_FIELDS, fail)
    departments = _read_list(data, "departments", DEPARTMENT_FIELDS, fail)
    stages = _read_list(data, "stages", STAGE_FIELDS, fail)
    lanes = _read_list(data, "lanes", LANE_FIELDS, fail)
    cards = _read_list(data, "cards", CARD_FIELDS, fail)
    flows = _read_list(data, "flows", FLOW_FIELDS, fail)
    for i, (values, extra) in enumerate(personas):
        journey.insert_persona(Persona(**values, extra=extra), i)
    for i, (values, extra) in enumerate(departments):
        journey.insert_department(Department(**values, extra=extra), i)
    for i, (values, extra) in enumerate(stages):
        journey.insert_stage(Stage(**values, extra=extra), i)
    for i, (values, extra) in enumerate(lanes):
        journey.insert_lane(Lane(**values, extra=extra), i)
    _add_cards(journey, cards, fail)
    _add_flows(journey, flows, fail)


def _read_list(
    data: dict[str, Any], key: str, spec: tuple[_Field, ...], fail: Fail
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    items = data.get(key, [])
    if not isinstance(items, list):
        fail(key, f"expected a list, got {_describe(items)}")
    result = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        path = f"{key}[{i}]"
        values, extra = _read_entity(item, path, spec, fail)
        first = seen.setdefault(values["id"], i)
        if first != i:
            fail(f"{path}.id", f"duplicate id {_describe(values['id'])} (also {key}[{first}])")
        result.append((values, extra))
    return result


def _add_cards(
    journey: Journey, cards: list[tuple[dict[str, Any], dict[str, Any]]], fail: Fail
) -> None:
    stage_pos = {s.id: i for i, s in enumerate(journey.stages)}
    lane_pos = {x.id: i for i, x in enumerate(journey.lanes)}
    departments = {d.id for d in journey.departments}
    personas = {p.id for p in journey.personas}
    placed = []
    for i, (values, extra) in enumerate(cards):
        path = f"cards[{i}]"
        _check_ref(values["stage"], stage_pos, f"{path}.stage", "stage", fail)
        _check_ref(values["lane"], lane_pos, f"{path}.lane", "lane", fail)
        if values["owner"] is not None:
            _check_ref(values["owner"], departments, f"{path}.owner", "department", fail)
        for j, persona in enumerate(values["personas"]):
            _check_ref(persona, personas, f"{path}.personas[{j}]", "persona", fail)
        if values["kind"] is None:
            values["kind"] = DEFAULT_CARD_KIND[journey.lane(values["lane"]).kind]
        order = values.pop("order")
        # The model numbers each cell 0..n-1: sort by the file's order, then
        # by position in the file, and append in that sequence.
        cell = (stage_pos[values["stage"]], lane_pos[values["lane"]])
        key = (*cell, i if order is None else order, i)
        placed.append((key, values, extra))
    placed.sort(key=lambda entry: entry[0])
    for _, values, extra in placed:
        cell = journey.cell_ids(values["stage"], values["lane"])
        journey.insert_card(Card(**values, order=len(cell), extra=extra))


def _add_flows(
    journey: Journey, flows: list[tuple[dict[str, Any], dict[str, Any]]], fail: Fail
) -> None:
    for i, (values, extra) in enumerate(flows):
        path = f"flows[{i}]"
        _check_ref(values["from"], journey.graph, f"{path}.from", "card", fail)
        _check_ref(values["to"], journey.graph, f"{path}.to", "card", fail)
        journey.insert_flow(
            Flow(values["id"], values["from"], values["to"], values["kind"], values["label"], extra)
        )


def _check_ref(value: str, known: Any, path: str, what: str, fail: Fail) -> None:
    if value not in known:
        fail(path, f"no {what} with id {_describe(value)}")


def journeys_equal(a: Journey, b: Journey) -> bool:
    """Whether two journeys would be saved as the same file."""
    return to_dict(a) == to_dict(b)
