"""Waiting times: a card's ``wait`` is stored in minutes; people type and read units.

`parse_wait` turns what a user types ("90 min", "1.5 h", "2 d", "0", or a
plain number of minutes) into minutes; `wait_text` shows minutes in the
largest unit that reads well ("45 min", "1.5 h", "2 d"); `wait_label` is
the text drawn on a card ("◷ 2 d": DejaVu Sans, the bundled font, has no
stopwatch glyph, so a clock face stands in for it).

Plain Python; never imports Qt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

#: Unit word -> minutes per unit (lower case; singular and plural forms).
UNITS: dict[str, float] = {
    "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
    "d": 1440, "day": 1440, "days": 1440,
    "w": 10080, "wk": 10080, "week": 10080, "weeks": 10080,
}

#: The glyph before a wait on a card (a clock face).
CLOCK = "\u25f7"

_WAIT = re.compile(r"^\s*(\d+(?:[.,]\d*)?|[.,]\d+)\s*([a-z]*)\s*$")

EXPECTED = 'expected a duration such as "90 min", "2 h" or "3 d"'


class WaitError(ValueError):
    """Text that is no duration; the message says what was expected."""


def parse_wait(text: str) -> float | int | None:
    """Minutes for ``text``; None for blank text (no wait stated).

    A number without a unit is minutes.  Whole minutes come back as an int.
    Raises `WaitError` with what was expected.
    """
    if not text.strip():
        return None
    found = _WAIT.match(text.lower())
    unit = found.group(2) if found else ""
    if found is None or (unit and unit not in UNITS):
        raise WaitError(f'{EXPECTED}, got "{text.strip()}"')
    minutes = float(found.group(1).replace(",", ".")) * UNITS.get(unit, 1)
    if not math.isfinite(minutes):
        raise WaitError(f'{EXPECTED}, got "{text.strip()}"')
    return int(minutes) if minutes.is_integer() else minutes


def _number(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:g}" if rounded < 1e6 else f"{rounded:.0f}"


def wait_text(minutes: float | None) -> str:
    """Minutes in a readable unit: ``"0 min"``, ``"45 min"``, ``"1.5 h"``, ``"2 d"``."""
    if minutes is None:
        return ""
    if minutes < 60:
        return f"{_number(minutes)} min"
    if minutes < 1440:
        return f"{_number(minutes / 60)} h"
    return f"{_number(minutes / 1440)} d"


def stage_totals(cards: Iterable[Any]) -> dict[str, float]:
    """Stage id -> the total wait of these cards in it, for the stages with any wait."""
    totals: dict[str, float] = {}
    for card in cards:
        if card.wait:
            totals[card.stage] = totals.get(card.stage, 0) + card.wait
    return totals


def wait_label(minutes: float | None) -> str:
    """What a card shows for its wait (``"◷ 2 d"``); empty when it has none."""
    return "" if minutes is None else f"{CLOCK} {wait_text(minutes)}"
