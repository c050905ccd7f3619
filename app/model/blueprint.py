"""Service blueprint zones and lines (contract: "Blueprint zones and lines").

Each lane kind belongs to a zone (customer, frontstage, backstage, support,
or none); the three lines of a blueprint are placed at the top edge of a
lane by `blueprint_lines`, a pure function of the lanes' kinds in order, so
that the layout, both renderers and the tests share one rule.

Plain Python; never imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

CUSTOMER, FRONTSTAGE, BACKSTAGE, SUPPORT = "customer", "frontstage", "backstage", "support"

#: Lane kind -> its zone; kinds not listed (pain, opportunity, notes) have none.
ZONES: dict[str, str] = {
    "evidence": CUSTOMER,
    "actions": CUSTOMER,
    "thoughts": CUSTOMER,
    "emotion": CUSTOMER,
    "touchpoints": FRONTSTAGE,
    "frontstage": FRONTSTAGE,
    "backstage": BACKSTAGE,
    "support": SUPPORT,
    "partner": SUPPORT,
}

#: The lines in drawing order: (name, zones that may lie below it, zones one
#: of which must lie above the lane it is drawn over).
LINE_RULES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("interaction", frozenset({FRONTSTAGE, BACKSTAGE, SUPPORT}), frozenset({CUSTOMER})),
    ("visibility", frozenset({BACKSTAGE, SUPPORT}), frozenset({CUSTOMER, FRONTSTAGE})),
    ("internal", frozenset({SUPPORT}), frozenset({BACKSTAGE})),
)


def zone_of(lane_kind: str) -> str | None:
    """The zone of a lane kind (None: pain, opportunity, notes)."""
    return ZONES.get(lane_kind)


def blueprint_lines(lane_kinds: Sequence[str]) -> dict[str, int]:
    """Line name -> index of the lane whose top edge it runs along.

    A line is absent when its condition fails: the first lane of a zone
    below the line that has a lane of a zone above the line before it.
    """
    lines: dict[str, int] = {}
    for name, below, above in LINE_RULES:
        seen_above = False
        for index, kind in enumerate(lane_kinds):
            zone = ZONES.get(kind)
            if zone in below and seen_above:
                lines[name] = index
                break
            if zone in above:
                seen_above = True
    return lines
