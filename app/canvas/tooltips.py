"""Tooltips over cards and flows: what the card does not show on its face.

A card's tooltip lists its fields as `app.model.fields.TABLE` says: the
title in bold, the notes as a paragraph, then one "Label: value" fact per
field that holds something (references by name, metrics one per line).
"""

from __future__ import annotations

from html import escape
from typing import Any

from app.model.fields import METRICS, REF, REFS, TABLE, Field
from app.model.journey import Card, Journey
from app.model.vocabulary import FLOW_KIND_NAMES


def card_tooltip(journey: Journey, card_id: str) -> str:
    """Rich text for a card: title, notes, then its facts (owner, channel...)."""
    card = journey.card(card_id)
    parts = []
    for f in TABLE.card:
        value = getattr(card, f.name)
        if f.tooltip == "title":
            parts.append(f"<b>{escape(value)}</b>")
        elif f.tooltip == "paragraph" and value:
            parts.append(escape(value).replace("\n", "<br>"))
    facts = []
    for f in sorted((f for f in TABLE.card if f.tooltip == "fact"), key=lambda f: f.tip_rank):
        facts += _facts(journey, card, f)
    if facts:
        parts.append("<span style='color:#5F6B7A'>" + "<br>".join(facts) + "</span>")
    conflicts = card.extra.get("conflict")  # left by `journeymap merge` (app.model.merge)
    if isinstance(conflicts, list) and conflicts:
        parts.append("<span style='color:#DC2626'><b>Merge conflict</b><br>"
                     + "<br>".join(escape(str(line)) for line in conflicts) + "</span>")
    return "<p style='white-space:pre-wrap; max-width:320px'>" + "<br><br>".join(parts) + "</p>"


def _facts(journey: Journey, card: Card, f: Field) -> list[str]:
    """The tooltip's lines for one field (none while it says nothing)."""
    value: Any = getattr(card, f.name)
    if f.kind == METRICS:
        return [f"{escape(name)}: {number:g}" for name, number in value.items()]
    if f.kind == REF:
        text = _ref_name(journey, f.ref, value) if value else ""
    elif f.kind == REFS:
        text = ", ".join(_ref_name(journey, f.ref, ref_id) for ref_id in value)
    elif value is None or value == "" or (f.omit_default and f.is_default(value)):
        text = ""
    else:
        text = f.display(value)
    return [f"{f.label}: {escape(text)}"] if text else []


def _ref_name(journey: Journey, what: str, ref_id: str) -> str:
    return getattr(journey, what)(ref_id).name


def flow_tooltip(journey: Journey, flow_id: str) -> str:
    """Rich text for a flow: from, to, kind and label."""
    flow = journey.flow(flow_id)
    text = (f"<b>{escape(journey.card(flow.source).title)}</b> → "
            f"<b>{escape(journey.card(flow.target).title)}</b>")
    if flow.kind != "normal":
        text += f"<br>{FLOW_KIND_NAMES[flow.kind]}"
    if flow.label:
        text += f"<br><i>{escape(flow.label)}</i>"
    return text
