"""Tooltips over cards and flows: what the card does not show on its face."""

from __future__ import annotations

from html import escape

from app.model.journey import Journey

_EVIDENCE = {"assumption": "Assumption", "anecdote": "Anecdote", "data": "Backed by data"}


def card_tooltip(journey: Journey, card_id: str) -> str:
    """Rich text for a card: title, notes, owner, channel, evidence, personas, metrics."""
    card = journey.card(card_id)
    parts = [f"<b>{escape(card.title)}</b>"]
    if card.notes:
        parts.append(escape(card.notes).replace("\n", "<br>"))
    facts = []
    if card.owner:
        facts.append(f"Owner: {escape(journey.department(card.owner).name)}")
    if card.channel:
        facts.append(f"Channel: {escape(card.channel)}")
    if card.evidence:
        facts.append(f"Evidence: {_EVIDENCE.get(card.evidence, card.evidence)}")
    if card.personas:
        names = ", ".join(escape(journey.persona(p).name) for p in card.personas)
        facts.append(f"Personas: {names}")
    for name, value in card.metrics.items():
        facts.append(f"{escape(name)}: {value:g}")
    if facts:
        parts.append("<span style='color:#5F6B7A'>" + "<br>".join(facts) + "</span>")
    conflicts = card.extra.get("conflict")  # left by `journeymap merge` (app.model.merge)
    if isinstance(conflicts, list) and conflicts:
        parts.append("<span style='color:#DC2626'><b>Merge conflict</b><br>"
                     + "<br>".join(escape(str(line)) for line in conflicts) + "</span>")
    return "<p style='white-space:pre-wrap; max-width:320px'>" + "<br><br>".join(parts) + "</p>"


def flow_tooltip(journey: Journey, flow_id: str) -> str:
    """Rich text for a flow: from, to, kind and label."""
    flow = journey.flow(flow_id)
    text = (f"<b>{escape(journey.card(flow.source).title)}</b> → "
            f"<b>{escape(journey.card(flow.target).title)}</b>")
    if flow.kind != "normal":
        text += f"<br>{flow.kind.capitalize()} path"
    if flow.label:
        text += f"<br><i>{escape(flow.label)}</i>"
    return text
