"""The ``priorities`` insights of DESIGN.md: which pain points and
opportunities a workshop ranked highest, and the quick wins.

* ``ranked``: cards of kind ``pain`` or ``opportunity`` with votes > 0 or an
  impact, by votes (high first), then impact (high first, null last), then
  effort (low first, null last), then id.
* ``quick_wins``: cards (of any kind) with impact >= 4 and effort <= 2, by id.
* ``votes_by_stage``: stage name -> total votes of its cards, every stage
  listed (stages sharing a name share one entry, their votes add up).

Ids are compared as strings (the contract says "by id").  A persona narrows
the cards as the other insights do (`app.model.analysis`): ``cards`` is the
cards to count.

Plain Python; never imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.model.journey import Card, Journey

#: The card kinds that are ranked.
RANKED_KINDS = ("pain", "opportunity")

#: A quick win: impact at least this, effort at most that.
QUICK_WIN_IMPACT = 4
QUICK_WIN_EFFORT = 2


def rank_key(card: Card) -> tuple[int, int, int, int, int, str]:
    """The sort key of ``ranked``: votes, impact, effort, then id."""
    impact, effort = card.impact, card.effort
    return (-card.votes,
            impact is None, -(impact or 0),
            effort is None, effort or 0,
            card.id)


def is_ranked(card: Card) -> bool:
    """Whether ``card`` belongs in ``ranked``."""
    return card.kind in RANKED_KINDS and (card.votes > 0 or card.impact is not None)


def is_quick_win(card: Card) -> bool:
    """Whether ``card`` is a quick win (impact >= 4 and effort <= 2)."""
    return (card.impact is not None and card.impact >= QUICK_WIN_IMPACT
            and card.effort is not None and card.effort <= QUICK_WIN_EFFORT)


def priorities(journey: Journey, cards: Iterable[Card] | None = None) -> dict[str, Any]:
    """The ``priorities`` object of ``journey`` (``cards``: those counted,
    default every card)."""
    chosen = journey.cards if cards is None else cards
    # Every finding here is about cards with votes or an impact: one pass
    # picks them (a map of 5,000 cards mostly has a few), the rest reads those.
    rated = [c for c in chosen if c.votes or c.impact is not None]
    by_stage = {stage.name: 0 for stage in journey.stages}
    names = {stage.id: stage.name for stage in journey.stages}
    for card in rated:
        if card.votes:
            by_stage[names[card.stage]] += card.votes
    return {
        "ranked": [c.id for c in sorted(filter(is_ranked, rated), key=rank_key)],
        "quick_wins": sorted(c.id for c in rated if is_quick_win(c)),
        "votes_by_stage": by_stage,
    }


def report_lines(journey: Journey, result: dict[str, Any]) -> list[str]:
    """The priorities as lines of the text report (ASCII)."""
    cards = {c.id: c for c in journey.cards}

    def line(card_id: str) -> str:
        c = cards[card_id]
        rated = ", ".join(f"{name} {value}" for name, value in
                          (("impact", c.impact), ("effort", c.effort)) if value is not None)
        votes = f"{c.votes} vote{'' if c.votes == 1 else 's'}"
        return f"  {c.title or '(untitled)'} [{c.id}]: {votes}" + (f", {rated}" if rated else "")

    ranked, wins = result["ranked"], result["quick_wins"]
    lines = ["", f"Priorities (pain points and opportunities): {len(ranked)}"]
    lines += [line(i) for i in ranked] or ["  none"]
    lines += ["", f"Quick wins (impact >= 4, effort <= 2): {len(wins)}"]
    lines += [line(i) for i in wins] or ["  none"]
    total = sum(result["votes_by_stage"].values())
    lines += ["", f"Votes per stage: {total} in all"]
    lines += [f"  {name}: {n}" for name, n in result["votes_by_stage"].items()] or ["  none"]
    return lines
