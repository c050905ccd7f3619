"""Words the panels show for the model's kinds and levels (the model keeps the ids)."""

from __future__ import annotations

CARD_KIND_NAMES = {
    "touchpoint": "Touchpoint",
    "action": "Action",
    "thought": "Thought",
    "pain": "Pain point",
    "opportunity": "Opportunity",
    "partner": "Partner",
    "note": "Note",
}

LANE_KIND_NAMES = {
    "actions": "Actions",
    "touchpoints": "Touchpoints",
    "thoughts": "Thoughts",
    "emotion": "Emotion",
    "pain": "Pain points",
    "opportunity": "Opportunities",
    "backstage": "Backstage",
    "partner": "Partners",
    "notes": "Notes",
}

FLOW_KIND_NAMES = {
    "normal": "Normal",
    "alternative": "Alternative path",
    "failure": "Failure",
}

EVIDENCE_NAMES = {
    None: "Not stated",
    "assumption": "Assumption",
    "anecdote": "Anecdote",
    "data": "Data",
}

EMOTION_NAMES = {
    None: "No emotion",
    -2: "Very negative",
    -1: "Negative",
    0: "Neutral",
    1: "Positive",
    2: "Very positive",
}
