"""The words the program shows for the model's kinds and levels: one wording per value.

The model keeps ids (``"pain"``, ``"data"``, ``-2``); everything a user reads
(the palette, the inspector, the context menu, tooltips, the legend of the
canvas and of the exports, the title block) takes its words from here, so
that a value reads the same everywhere.  The ids themselves, in their order,
are defined here too: the model's kind tuples are these dicts' keys.

Plain Python; never imports Qt.
"""

from __future__ import annotations

#: Card kind -> its name.
CARD_KIND_NAMES: dict[str, str] = {
    "touchpoint": "Touchpoint",
    "action": "Action",
    "thought": "Thought",
    "pain": "Pain point",
    "opportunity": "Opportunity",
    "partner": "Partner",
    "note": "Note",
    # --- service blueprint (issue 12) ---
    "evidence": "Evidence",
}

#: Lane kind -> its name.
LANE_KIND_NAMES: dict[str, str] = {
    "actions": "Actions",
    "touchpoints": "Touchpoints",
    "thoughts": "Thoughts",
    "emotion": "Emotion",
    "pain": "Pain points",
    "opportunity": "Opportunities",
    "backstage": "Backstage",
    "partner": "Partners",
    "notes": "Notes",
    # --- service blueprint (issue 12) ---
    "evidence": "Physical evidence",
    "frontstage": "Frontstage",
    "support": "Support processes",
}

#: Flow kind -> its name.
FLOW_KIND_NAMES: dict[str, str] = {
    "normal": "Normal",
    "alternative": "Alternative path",
    "failure": "Failure",
}

#: Evidence level -> its name (None: the card does not say).
EVIDENCE_NAMES: dict[str | None, str] = {
    None: "Not stated",
    "assumption": "Assumption",
    "anecdote": "Anecdote",
    "data": "Backed by data",
}

#: Emotion -2..2 -> its name (None: the card has none).
EMOTION_NAMES: dict[int | None, str] = {
    None: "No emotion",
    -2: "Very negative",
    -1: "Negative",
    0: "Neutral",
    1: "Positive",
    2: "Very positive",
}

#: Headings of the legend's groups (canvas and exports).
LEGEND_HEADINGS: dict[str, str] = {
    "departments": "Departments",
    "card_kinds": "Card kinds",
    "evidence": "Evidence",
    "flows": "Flows",
    "emotion": "Emotion",
    "blueprint": "Blueprint",
}

#: The blueprint marks' names in the legend (`fail_point`, `wait`).
BLUEPRINT_MARK_NAMES: dict[str, str] = {
    "fail_point": "Fail point",
    "wait": "Wait (total per stage in its header)",
}

#: Blueprint line -> its label (drawn at both ends of the line).
BLUEPRINT_LINE_NAMES: dict[str, str] = {
    "interaction": "Line of interaction",
    "visibility": "Line of visibility",
    "internal": "Line of internal interaction",
}


# ---- priorities (issue 13: dot votes, impact and effort) ----------------
#: Impact 1..5 -> its name (None: not rated).
IMPACT_NAMES: dict[int | None, str] = {
    None: "Not rated",
    1: "1 (very low)",
    2: "2 (low)",
    3: "3 (medium)",
    4: "4 (high)",
    5: "5 (very high)",
}

#: Effort 1..5 -> its name (None: not rated).
EFFORT_NAMES: dict[int | None, str] = {
    None: "Not rated",
    1: "1 (very small)",
    2: "2 (small)",
    3: "3 (medium)",
    4: "4 (large)",
    5: "5 (very large)",
}
# ---- end of priorities ----------------------------------------------------


def name_of(names: dict, value: object) -> str:
    """The name of ``value`` in ``names``; the value itself, as text, when it has none."""
    found = names.get(value)
    return found if found is not None else str(value)
