"""Insights: where a journey breaks, computed with networkx on the flow graph.

`insights()` returns the JSON object of docs/insights.md (the
contract of ``journeymap check --json``); `format_report()` is the same
findings as readable text; `analyse()` returns them as an `Analysis` that also
keeps what the editor needs to select them (the flow ids behind each entry,
the cards behind each responsibility number).

The details the contract leaves open, decided here:

* Order.  Card lists follow the map's reading order (`Journey.cards`: stage,
  then lane, then place in the cell).  Flow lists follow `Journey.flows` (the
  flows' ids in natural order).  Stage names follow the columns.
* One entry per flow.  `handoffs`, `backward_flows` and `channel_switches`
  list every flow that qualifies, so two flows between the same two cards (say
  a normal and a failure path) give two identical ``[from, to]`` entries: the
  length of each list is the number of arrows concerned.
* A flow between two cards of the same stage is not backward; a flow from a
  card to itself is never a hand-off, backward flow or channel switch, but it
  is a cycle of one card, and it counts as a flow out of that card.
* `dead_ends`: cards with at least one flow in and none out, outside the last
  column of the map (the last stage, whether or not it holds cards).
* `empty_stages`: stages without a card of kind ``touchpoint`` (a stage with
  only thoughts or pains in it is listed).
* `cycles`: the simple cycles of the flow graph as lists of card ids, parallel
  flows counting once.  Each cycle starts at its card that comes first in
  reading order; the list is sorted by the reading positions of its cards.  A
  map can hold exponentially many cycles (a dense random graph of 5,000 cards
  has billions), so at most `MAX_CYCLES` are listed; then
  `Analysis.cycles_truncated` is true, the text report says so, and which
  cycles are listed is the same each time for the same map (in every run of
  Python: `app.model.flowcycles` says how) but otherwise not meaningful.
  (networkx's ``length_bound`` was no help: bounded search took 15-25 s on
  such a map, unbounded search stopped after 1,000 cycles took 0.1 s.)
* `responsibility`: the full table, every department (in the map's order)
  against every stage (in column order), zeros included, so that a script can
  print it as a table without knowing the names in advance.  Cards without an
  owner are not counted.  Departments (or stages) sharing a name share one
  row (or column) and their counts add up.
* `persona` narrows everything to the cards that persona sees (its own cards
  and cards with no personas, which are for everyone) and the flows between
  them; `counts.cards` and `counts.flows` are then those of the narrowed map,
  `counts.stages` and `counts.lanes` are unchanged.

This module is Qt-free.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.model.blueprint_insights import (
    blueprint_groups,
    blueprint_insights,
    blueprint_text,
    is_blueprint,
)
from app.model.errors import JourneyError
from app.model.flowcycles import FlowGraph, find_cycles
from app.model.gcpause import paused_gc
from app.model.journey import Card, Journey
from app.model.priorities import priorities as priorities_of
from app.model.priorities import report_lines as priorities_report

#: At most this many cycles are listed (see the module docstring).
MAX_CYCLES = 100

#: The finding lists in report order: key, heading, what an entry names.
FINDINGS = (
    ("handoffs", "Hand-offs between departments", "flows"),
    ("unowned_touchpoints", "Touchpoints without an owner", "cards"),
    ("empty_stages", "Stages without a touchpoint", "stages"),
    ("dead_ends", "Dead ends", "cards"),
    ("backward_flows", "Backward flows", "flows"),
    ("cycles", "Cycles", "cycles"),
    ("channel_switches", "Channel switches", "flows"),
)


@dataclass
class Analysis:
    """All findings of one map (optionally narrowed to one persona).

    The list attributes are those of the JSON contract; the flow findings also
    keep their flow ids (``handoff_flows[i]`` is the flow of ``handoffs[i]``).
    """

    counts: dict[str, int]
    handoffs: list[list[str]] = field(default_factory=list)
    handoff_flows: list[str] = field(default_factory=list)
    unowned_touchpoints: list[str] = field(default_factory=list)
    empty_stages: list[str] = field(default_factory=list)
    empty_stage_ids: list[str] = field(default_factory=list)
    dead_ends: list[str] = field(default_factory=list)
    backward_flows: list[list[str]] = field(default_factory=list)
    backward_flow_ids: list[str] = field(default_factory=list)
    cycles: list[list[str]] = field(default_factory=list)
    cycles_truncated: bool = False
    channel_switches: list[list[str]] = field(default_factory=list)
    channel_switch_flows: list[str] = field(default_factory=list)
    #: department name -> stage name -> ids of the cards it owns there.
    responsibility_cards: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    persona: str | None = None
    #: DESIGN.md ``priorities`` (`app.model.priorities`).
    priorities: dict[str, Any] = field(default_factory=dict)
    #: The contract's `blueprint` object (app.model.blueprint_insights).
    blueprint: dict[str, Any] = field(default_factory=dict)

    @property
    def responsibility(self) -> dict[str, dict[str, int]]:
        """Department name -> stage name -> number of cards owned there."""
        return {
            dept: {stage: len(ids) for stage, ids in row.items()}
            for dept, row in self.responsibility_cards.items()
        }

    def _contract(self) -> dict[str, Any]:
        # Shares this analysis's inner lists: the one caller drops the
        # analysis (copying 20,000 pairs is a tenth of the work).
        return {
            "counts": dict(self.counts),
            "handoffs": list(self.handoffs),
            "unowned_touchpoints": list(self.unowned_touchpoints),
            "empty_stages": list(self.empty_stages),
            "dead_ends": list(self.dead_ends),
            "backward_flows": list(self.backward_flows),
            "cycles": list(self.cycles),
            "channel_switches": list(self.channel_switches),
            "responsibility": self.responsibility,
            "priorities": self.priorities,
            "blueprint": self.blueprint,
        }


def insights(journey: Journey, persona: str | None = None) -> dict[str, Any]:
    """The insights of ``journey`` as the JSON object of docs/insights.md.

    Args:
        journey: the map.
        persona: a persona id (or, failing that, a persona name) to narrow the
            findings to that persona's cards; None or "" for the whole map.

    Raises:
        JourneyError: no persona has that id or name.
    """
    return analyse(journey, persona)._contract()


def resolve_persona(journey: Journey, persona: str | None) -> str | None:
    """The id of the persona given by id (preferred) or by name; None for none.

    The one reading of a ``persona`` argument for the insights, the
    responsibility table and every export.

    Raises:
        JourneyError: no persona has that id or name (naming the map's personas).
    """
    if not persona:
        return None
    found = journey.persona_named(persona)
    if found is not None:
        return found.id
    known = ", ".join(p.name for p in journey.personas) or "none defined"
    raise JourneyError(f"unknown persona {persona!r}; the map's personas are: {known}")


def analyse(journey: Journey, persona: str | None = None) -> Analysis:
    """All findings of ``journey`` (see `insights` for ``persona``)."""
    persona_id = resolve_persona(journey, persona)
    # The findings of a big map are tens of thousands of small lists that
    # all stay alive: see `paused_gc`.
    with paused_gc():
        result = Analysis(counts={}, persona=persona_id)
        _fill(journey, result)
        # _fill's working lists are freed by now: the collection that the
        # end of the pause starts walks only what the result holds.
    return result


def _fill(journey: Journey, result: Analysis) -> None:
    """Every finding of ``journey`` (narrowed to ``result.persona``) into ``result``."""
    table = _CardTable(journey, result.persona)
    _card_findings(journey, table, result)
    sources, targets = _flow_findings(journey, table, result)
    result.counts = {
        "stages": len(journey.stages),
        "lanes": len(journey.lanes),
        "cards": len(table.ids),
        "flows": len(sources),
    }
    # One graph of card numbers for the longest wait and the cycles (the
    # wait first: the cycles then reuse its components, if it made them).
    flows = FlowGraph(len(table.ids), sources, targets)
    # The priorities and the blueprint's fail points and waits are about
    # the few cards with votes, an impact, a fail point or a wait: one pass
    # over the cards picks them for both (what they find is that of every
    # card: the others add nothing to any of their findings).
    notable = [c for c in table.cards
               if c.votes or c.impact is not None or c.fail_point or c.wait]
    result.blueprint = blueprint_insights(journey, table.cards, flows, table.place, notable)
    found, result.cycles_truncated = find_cycles(
        len(table.ids), sources, targets, MAX_CYCLES, flows
    )
    result.cycles = [[table.ids[i] for i in cycle] for cycle in found]
    result.responsibility_cards = _responsibility(journey, table)
    result.priorities = priorities_of(journey, notable)


def responsibility_cards(
    journey: Journey, persona: str | None = None
) -> dict[str, dict[str, list[str]]]:
    """Just `Analysis.responsibility_cards`, without the cost of the other findings."""
    return _responsibility(journey, _CardTable(journey, resolve_persona(journey, persona)))


def _sees(card: Card, persona_id: str) -> bool:
    # A card with no personas is part of everybody's journey.
    return not card.personas or persona_id in card.personas


class _CardTable:
    """What the findings need of the cards (those the persona sees), in reading order.

    The cards' attributes are read once, into one list per attribute that
    all findings share (``ids[i]``, ``owners[i]``... of the ``i``-th card),
    so that a flow can find what it needs of its cards by their places.
    """

    def __init__(self, journey: Journey, persona_id: str | None) -> None:
        cards = journey.cards
        if persona_id is not None:
            cards = [c for c in cards if _sees(c, persona_id)]
        self.cards = cards
        # One comprehension per attribute: twice as fast as transposing
        # tuples of all five.
        self.ids = [c.id for c in cards]
        self.stages = [c.stage for c in cards]
        self.kinds = [c.kind for c in cards]
        self.owners = [c.owner for c in cards]
        self.channels = [c.channel for c in cards]

    @cached_property
    def place(self) -> dict[str, int]:
        """Card id -> its place in the table."""
        return dict(zip(self.ids, range(len(self.ids)), strict=True))


def _card_findings(journey: Journey, table: _CardTable, out: Analysis) -> None:
    out.unowned_touchpoints = [
        cid
        for cid, kind, owner in zip(table.ids, table.kinds, table.owners, strict=True)
        if kind == "touchpoint" and owner is None
    ]
    with_touchpoint = {
        stage for stage, kind in zip(table.stages, table.kinds, strict=True) if kind == "touchpoint"
    }
    empty = [s for s in journey.stages if s.id not in with_touchpoint]
    out.empty_stages = [s.name for s in empty]
    out.empty_stage_ids = [s.id for s in empty]


def _flow_findings(
    journey: Journey, table: _CardTable, out: Analysis
) -> tuple[list[int], list[int]]:
    """The flow findings and dead ends; the flows between the cards as card numbers.

    Every flow is visited once, and what it needs of its two cards is read
    from the table by the cards' places in it.
    """
    place = table.place
    column_of = {s.id: i for i, s in enumerate(journey.stages)}
    column = [column_of[stage] for stage in table.stages]
    owner, channel = table.owners, table.channels
    sources: list[int] = []
    targets: list[int] = []
    for flow in journey.flows:
        s = place.get(flow.source)
        t = place.get(flow.target)
        if s is None or t is None:  # a card the persona does not see
            continue
        sources.append(s)
        targets.append(t)
        if owner[s] is not None and owner[t] is not None and owner[s] != owner[t]:
            out.handoffs.append([flow.source, flow.target])
            out.handoff_flows.append(flow.id)
        if column[t] < column[s]:
            out.backward_flows.append([flow.source, flow.target])
            out.backward_flow_ids.append(flow.id)
        if channel[s] and channel[t] and channel[s] != channel[t]:
            out.channel_switches.append([flow.source, flow.target])
            out.channel_switch_flows.append(flow.id)
    has_in, has_out = set(targets), set(sources)
    last = len(journey.stages) - 1
    out.dead_ends = [
        cid
        for i, cid in enumerate(table.ids)
        if i in has_in and i not in has_out and column[i] != last
    ]
    return sources, targets


def _responsibility(journey: Journey, table: _CardTable) -> dict[str, dict[str, list[str]]]:
    stage_names = [s.name for s in journey.stages]
    result: dict[str, dict[str, list[str]]] = {}
    for department in journey.departments:
        result.setdefault(department.name, {name: [] for name in stage_names})
    dept_name = {d.id: d.name for d in journey.departments}
    stage_name = {s.id: s.name for s in journey.stages}
    for cid, stage, owner in zip(table.ids, table.stages, table.owners, strict=True):
        if owner is not None:
            result[dept_name[owner]][stage_name[stage]].append(cid)
    return result


# ------------------------------------------------------------------ as text
@dataclass(frozen=True)
class Finding:
    """One entry of a finding list, described for a person.

    ``text`` is the full description of the text report; ``label`` a shorter
    one for a narrow panel (titles without stages, the arrows drawn as such).
    ``card_ids`` are the cards it concerns (for a stage without touchpoints,
    the other cards it holds); ``flow_ids`` the flows (for a flow finding,
    the flow; for a cycle, every flow along it).
    """

    text: str
    label: str
    card_ids: tuple[str, ...] = ()
    flow_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class FindingGroup:
    """One finding list of `FINDINGS`, described for a person.

    ``findings`` may be only the first few entries (see `finding_groups`);
    ``count``, ``card_ids`` and ``flow_ids`` are always those of the whole
    list, so that a heading can say how many there are and select them all.
    """

    key: str
    title: str
    names: str  # "cards", "flows", "stages" or "cycles"
    findings: tuple[Finding, ...]
    count: int
    card_ids: tuple[str, ...] = ()
    flow_ids: tuple[str, ...] = ()
    truncated: bool = False  # more cycles exist than are listed


def finding_groups(
    journey: Journey, analysis: Analysis, limit: int | None = None
) -> list[FindingGroup]:
    """The finding lists of ``analysis`` in report order, with titles and stage names.

    Args:
        journey: the map analysed.
        analysis: its findings (`analyse`).
        limit: describe at most this many entries per list (None: all);
            describing 10,000 flows takes a tenth of a second.
    """
    describe = _Describer(journey, analysis)
    groups = []
    for key, title, names in FINDINGS:
        findings = tuple(itertools.islice(getattr(describe, key)(), limit))
        card_ids, flow_ids = _group_ids(journey, analysis, key)
        truncated = key == "cycles" and analysis.cycles_truncated
        count = len(getattr(analysis, key))
        groups.append(
            FindingGroup(key, title, names, findings, count, card_ids, flow_ids, truncated)
        )
    return groups + blueprint_groups(journey, analysis.blueprint, describe.card,
                                     describe.title, limit)


def _group_ids(
    journey: Journey, analysis: Analysis, key: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every card and flow a finding list names, each once."""
    flows = {
        "handoffs": analysis.handoff_flows,
        "backward_flows": analysis.backward_flow_ids,
        "channel_switches": analysis.channel_switch_flows,
    }.get(key, [])
    if key == "empty_stages":
        stages = set(analysis.empty_stage_ids)
        persona = analysis.persona
        cards: Iterable[str] = (
            c.id
            for c in journey.cards
            if c.stage in stages and (persona is None or _sees(c, persona))
        )
    elif key in ("unowned_touchpoints", "dead_ends"):
        cards = getattr(analysis, key)
    else:
        cards = (cid for entry in getattr(analysis, key) for cid in entry)
    return tuple(dict.fromkeys(cards)), tuple(dict.fromkeys(flows))


ARROW = "\u2192"  # the panel's labels; the text report keeps to ASCII "->"


class _Describer:
    """Turns ids into words, one method per finding list."""

    CYCLE_SHOWN = 8  # cards written out for a long cycle

    def __init__(self, journey: Journey, analysis: Analysis) -> None:
        self.journey = journey
        self.analysis = analysis
        self.stage_name = {s.id: s.name for s in journey.stages}
        self.dept_name = {d.id: d.name for d in journey.departments}

    def title(self, card_id: str) -> str:
        return " ".join(self.journey.card(card_id).title.split()) or f"[{card_id}]"

    def card(self, card_id: str) -> str:
        """``"Title" (Stage)``."""
        return f'"{self.title(card_id)}" ({self.stage_name[self.journey.card(card_id).stage]})'

    def _pairs(self, pairs: list[list[str]], flow_ids: list[str], what: str) -> Iterable[Finding]:
        for (source, target), flow_id in zip(pairs, flow_ids, strict=True):
            a, b = self.journey.card(source), self.journey.card(target)
            if what == "owner":
                ends = (self.dept_name[a.owner], self.dept_name[b.owner])
            elif what == "channel":
                ends = (a.channel, b.channel)
            else:
                ends = (self.stage_name[a.stage], self.stage_name[b.stage])
            text = f"{self.card(source)} -> {self.card(target)}: {ends[0]} -> {ends[1]}"
            titles = f"{self.title(source)} {ARROW} {self.title(target)}"
            label = f"{titles}  ({ends[0]} {ARROW} {ends[1]})"
            yield Finding(text, label, (source, target), (flow_id,))

    def handoffs(self) -> Iterable[Finding]:
        a = self.analysis
        return self._pairs(a.handoffs, a.handoff_flows, "owner")

    def backward_flows(self) -> Iterable[Finding]:
        a = self.analysis
        return self._pairs(a.backward_flows, a.backward_flow_ids, "stage")

    def channel_switches(self) -> Iterable[Finding]:
        a = self.analysis
        return self._pairs(a.channel_switches, a.channel_switch_flows, "channel")

    def _cards(self, card_ids: list[str]) -> Iterable[Finding]:
        for cid in card_ids:
            stage = self.stage_name[self.journey.card(cid).stage]
            yield Finding(self.card(cid), f"{self.title(cid)} ({stage})", (cid,))

    def unowned_touchpoints(self) -> Iterable[Finding]:
        return self._cards(self.analysis.unowned_touchpoints)

    def dead_ends(self) -> Iterable[Finding]:
        return self._cards(self.analysis.dead_ends)

    def empty_stages(self) -> Iterable[Finding]:
        # A stage without touchpoints may still hold other cards: naming them
        # lets the editor bring the stage into view by selecting them.
        persona = self.analysis.persona
        for name, stage_id in zip(
            self.analysis.empty_stages, self.analysis.empty_stage_ids, strict=True
        ):
            cards = self.journey.cards_in_stage(stage_id)
            seen = [c.id for c in cards if persona is None or _sees(c, persona)]
            yield Finding(name, name, tuple(seen))

    def cycles(self) -> Iterable[Finding]:
        for cycle in self.analysis.cycles:
            shown = cycle[: self.CYCLE_SHOWN]
            texts = [self.card(cid) for cid in shown]
            titles = [self.title(cid) for cid in shown]
            if len(cycle) > self.CYCLE_SHOWN:
                more = f"... {len(cycle) - self.CYCLE_SHOWN} more cards"
                texts.append(more)
                titles.append(more)
            text = " -> ".join([*texts, self.card(cycle[0])])
            label = f" {ARROW} ".join([*titles, self.title(cycle[0])])
            yield Finding(text, label, tuple(cycle), tuple(self._cycle_flows(cycle)))

    def _cycle_flows(self, cycle: list[str]) -> list[str]:
        graph = self.journey.graph
        steps = zip(cycle, cycle[1:] + cycle[:1], strict=True)
        return [key for a, b in steps for key in graph.get_edge_data(a, b, default={})]


def format_report(journey: Journey, persona: str | None = None) -> str:
    """The insights as a readable text report, one section per finding list.

    Raises:
        JourneyError: no persona has that id or name (see `insights`).
    """
    analysis = analyse(journey, persona)
    c = analysis.counts
    heading = f"Insights: {journey.title or 'untitled map'}"
    if analysis.persona is not None:
        heading += f" (as {journey.persona(analysis.persona).name} sees it)"
    lines = [
        heading,
        f"{c['stages']} stages, {c['lanes']} lanes, {c['cards']} cards, {c['flows']} flows",
    ]
    for group in finding_groups(journey, analysis):
        lines += ["", f"{group.title}: {group.count}"]
        if group.truncated:
            lines.append(f"  (only the first {MAX_CYCLES} cycles are listed; there are more)")
        lines += [f"  {f.text}" for f in group.findings] or ["  none"]
    lines += ["", "Cards owned per department and stage"]
    lines += _responsibility_lines(analysis.responsibility) or ["  none"]
    lines += priorities_report(journey, analysis.priorities)
    if analysis.blueprint and is_blueprint(journey):
        lines += blueprint_text(analysis.blueprint)
    return "\n".join(lines) + "\n"


def _responsibility_lines(table: dict[str, dict[str, int]]) -> list[str]:
    lines = []
    for dept, row in table.items():
        cells = [f"{stage}: {n}" for stage, n in row.items() if n]
        total = sum(row.values())
        detail = f" ({', '.join(cells)})" if cells else ""
        lines.append(f"  {dept}: {total} card{'' if total == 1 else 's'}{detail}")
    return lines
