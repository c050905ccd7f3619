"""The `blueprint` insights of ``journeymap check --json`` (contract in DESIGN.md).

`blueprint_insights` returns the JSON object (lists sorted); `blueprint_groups`
describes its lists for people (the text report, the Insights dock, the PDF
insights page) as `app.model.analysis.FindingGroup` values.

Details the contract leaves open, decided here:

* A card's zone is its lane's zone (`app.model.blueprint.ZONES`).
* `visibility_crossings` lists one pair per flow (two parallel flows: two
  equal pairs), as the other flow findings do; a flow from a card to itself
  crosses nothing.
* `longest_wait` is ``{"minutes": 0, "cards": []}`` whenever the heaviest
  path weighs 0 (every wait null or 0).  Among paths of equal weight, the
  one that starts furthest upstream wins (it starts where the journey does).
* With a persona, only the cards that persona sees and the flows between
  them count (as for every insight).

Plain Python; never imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.model.blueprint import BACKSTAGE, CUSTOMER, FRONTSTAGE, SUPPORT, ZONES
from app.model.flowcycles import FlowGraph
from app.model.waits import stage_totals, wait_text

#: The lists of the `blueprint` object in report order: key, heading, what entries name.
BLUEPRINT_FINDINGS = (
    ("unanswered_actions", "Customer actions nobody answers", "cards"),
    ("unsupported_frontstage", "Frontstage steps without support", "cards"),
    ("invisible_work", "Backstage work the customer never reaches", "cards"),
    ("visibility_crossings", "Flows across the line of visibility", "flows"),
    ("unowned_fail_points", "Fail points without an owner", "cards"),
)

_SEEN = frozenset({CUSTOMER, FRONTSTAGE})
_HIDDEN = frozenset({BACKSTAGE, SUPPORT})


def blueprint_insights(journey: Any, cards: Iterable[Any] | None = None,
                       flows: FlowGraph | None = None,
                       place: dict[str, int] | None = None,
                       marked: Iterable[Any] | None = None) -> dict[str, Any]:
    """The `blueprint` object of the contract for ``journey``, counting only
    ``cards`` (a persona's: `app.model.analysis.analyse`; default: all) and
    the flows between them.

    A caller that has them already passes ``place`` (card id -> place in
    ``cards``) and ``flows`` (the `FlowGraph` of the flows between them,
    cards numbered by those places): the longest wait then shares its
    successor lists and components with the cycles; and ``marked``, some
    of ``cards`` among which are all those with a fail point or a wait.
    """
    cards = list(journey.cards if cards is None else cards)
    if place is None:
        place = {c.id: i for i, c in enumerate(cards)}
    everyone = len(place) == len(journey.graph)
    kinds = {lane.kind for lane in journey.lanes}
    zones_used = {ZONES.get(k) for k in kinds}

    def lane_cards(wanted: Iterable[str]) -> list[str]:
        # The ids of the cards (those counted) in lanes of these kinds, read
        # off the cells: the findings look at a few lanes' cards, not at all.
        found = [cid for lane in journey.lanes if lane.kind in wanted
                 for stage in journey.stages for cid in journey.cell_ids(stage.id, lane.id)]
        return found if everyone else [cid for cid in found if cid in place]

    def zone_kinds(zones: frozenset[str]) -> list[str]:
        return [k for k in kinds if ZONES.get(k) in zones]

    # networkx's own adjacency dicts: its views cost a Python call per look-up.
    succ, pred = journey.graph._succ, journey.graph._pred
    hidden = lane_cards(zone_kinds(_HIDDEN))
    shown = set(lane_cards(zone_kinds(_SEEN)))
    crossings, invisible = _hidden_work(hidden, shown, succ, pred, None if everyone else place)

    def lonely(lane: str, wanted: frozenset[str], present: bool) -> list[str]:
        if not present:
            return []
        candidates = lane_cards((lane,))
        if not candidates:
            return []
        # Every card next to one of the wanted zones, at C speed.
        near = lane_cards(zone_kinds(wanted))
        touched = set().union(*[succ[n] for n in near], *[pred[n] for n in near])
        return sorted([cid for cid in candidates if cid not in touched])

    marked = [c for c in (cards if marked is None else marked) if c.fail_point or c.wait]
    return {
        "unanswered_actions": lonely("actions", frozenset({FRONTSTAGE}),
                                     FRONTSTAGE in zones_used),
        "unsupported_frontstage": lonely("frontstage", _HIDDEN, bool(zones_used & _HIDDEN)),
        "invisible_work": invisible,
        "visibility_crossings": crossings,
        "unowned_fail_points": sorted(c.id for c in marked if c.fail_point and c.owner is None),
        "wait_by_stage": _wait_by_stage(journey, marked),
        "longest_wait": _longest_wait(journey, cards, marked, place, flows),
    }


def _hidden_work(hidden: list[str], shown: set[str], succ: Any, pred: Any,
                 counted: dict[str, int] | None) -> tuple[list[list[str]], list[str]]:
    """What the hidden cards' flows show: one ``[from, to]`` pair per flow
    between a hidden and a seen card (either way), sorted; and the hidden
    cards whose weakly connected component holds no seen card, sorted.

    ``shown``: the seen cards; ``counted``: the cards counted (None: all).
    One walk over the hidden cards finds both.  A search from a hidden card
    stops at the first card known to share a component with a seen one:
    the rest of its component need not be walked.
    """
    pairs: list[list[str]] = []
    invisible: list[str] = []
    reaching = set(shown)  # seen cards, and cards in a component with one
    done: set[str] = set()  # cards in a component without any
    hidden_set: set[str] = set()  # made when first needed
    for start in hidden:
        out, into = succ[start], pred[start]
        if not (shown.isdisjoint(out) and shown.isdisjoint(into)):
            for n in shown.intersection(out):
                pairs += [[start, n] for _ in out[n]]  # one per parallel flow
            for n in shown.intersection(into):
                pairs += [[n, start] for _ in into[n]]
            reaching.add(start)
        if start in reaching or start in done:
            continue
        # Breadth first: a seen card is mostly a few flows away.
        component, todo, reached = {start}, [start], False
        for v in todo:  # grows while read
            for near in (succ[v], pred[v]):
                if not reaching.isdisjoint(near):
                    reached = True
                    break
                for n in near:
                    if n not in component and (counted is None or n in counted):
                        component.add(n)
                        todo.append(n)
            if reached:
                break
        if reached:
            reaching |= component
        else:
            done |= component
            hidden_set = hidden_set or set(hidden)
            invisible += [c for c in component if c in hidden_set]
    return sorted(pairs), sorted(invisible)


def _wait_by_stage(journey: Any, cards: list[Any]) -> dict[str, float]:
    by_id = stage_totals(cards)
    out: dict[str, float] = {}
    for stage in journey.stages:  # stages sharing a name share one total
        out[stage.name] = out.get(stage.name, 0) + by_id.get(stage.id, 0)
    return out


def _longest_wait(journey: Any, cards: list[Any], marked: list[Any], place: dict[str, int],
                  flows: FlowGraph | None) -> dict[str, Any]:
    """The heaviest path through the condensation of the flow graph.

    ``marked``: the cards with a wait or a fail point.  Plain Python on card
    indices (networkx's condensation took half a second on 5,000 cards):
    Tarjan's components (`FlowGraph.components`) come out sinks first, so
    the heaviest path *from* each component is known before any component
    that reaches it.
    """
    if not any(c.wait for c in marked):
        return {"minutes": 0, "cards": []}
    weight_of = [0] * len(cards)
    for c in marked:
        weight_of[place[c.id]] = c.wait or 0
    if flows is None:
        ends = [(place[f.source], place[f.target]) for f in journey.flows
                if f.source in place and f.target in place]
        flows = FlowGraph(len(cards), [s for s, _ in ends], [t for _, t in ends])
    comps = flows.components()  # sinks first
    succ = flows.successors
    comp_of = [0] * len(cards)
    for c, members in enumerate(comps):
        for m in members:
            comp_of[m] = c
    best: list[float] = []
    after: list[int] = []
    for c, members in enumerate(comps):  # sinks first
        nxt, tail = -1, 0  # an int stays an int: minutes as the cards give them
        for m in members:
            for t in succ[m]:
                d = comp_of[t]
                if d != c and best[d] > tail:
                    nxt, tail = d, best[d]
        # (Most components are one card: its weight is the sum, 0 + weight.)
        own = weight_of[members[0]] if len(members) == 1 else sum(weight_of[m] for m in members)
        best.append(own + tail)
        after.append(nxt)
    # Ties: the component found last, the furthest upstream, so that a path
    # starts where the journey does rather than at its first wait.
    start = len(best) - 1 - best[::-1].index(max(best))
    if not best[start]:
        return {"minutes": 0, "cards": []}
    path: list[str] = []
    c = start
    while c != -1:
        path += sorted(cards[m].id for m in comps[c])
        c = after[c]
    return {"minutes": best[start], "cards": path}


def blueprint_text(found: dict[str, Any]) -> list[str]:
    """The text report's lines for the waits per stage (the lists come as finding groups)."""
    lines = ["", "Waiting time per stage"]
    waits = [f"  {name}: {wait_text(total)}" for name, total in found["wait_by_stage"].items()
             if total]
    return lines + (waits or ["  none"])


def pair_cards(pairs: Iterable[list[str]]) -> tuple[str, ...]:
    """Every card of a list of ``[from, to]`` pairs, each once."""
    return tuple(dict.fromkeys(cid for pair in pairs for cid in pair))


def is_blueprint(journey: Any) -> bool:
    """Whether the map uses a blueprint's own lanes or fields (then its findings are shown)."""
    return (any(lane.kind in ("evidence", "frontstage", "support") for lane in journey.lanes)
            or any(c.fail_point or c.wait is not None for c in journey.cards))


def blueprint_groups(journey: Any, found: dict[str, Any], card: Any, title: Any,
                     limit: int | None) -> list[Any]:
    """The blueprint's finding lists for people (empty for a map that is no blueprint).

    ``card`` and ``title`` describe a card id (``"Title" (Stage)`` and
    ``Title``); ``limit`` caps the entries described per list.
    """
    from app.model.analysis import ARROW, Finding, FindingGroup  # analysis imports this module

    if not found or not is_blueprint(journey):
        return []
    groups = []
    for key, heading, names in BLUEPRINT_FINDINGS:
        entries = found[key]
        if names == "flows":
            crossing = {tuple(p) for p in entries}
            flows = [f for f in journey.flows if (f.source, f.target) in crossing]
            findings = [Finding(f"{card(f.source)} -> {card(f.target)}",
                                f"{title(f.source)} {ARROW} {title(f.target)}",
                                (f.source, f.target), (f.id,)) for f in flows[:limit]]
            groups.append(FindingGroup(key, heading, names, tuple(findings), len(entries),
                                       pair_cards(entries), tuple(f.id for f in flows)))
            continue
        findings = [Finding(card(cid), title(cid), (cid,)) for cid in entries[:limit]]
        groups.append(FindingGroup(key, heading, names, tuple(findings), len(entries),
                                   tuple(entries)))
    longest = found["longest_wait"]
    path = longest["cards"]
    flow_ids = path_flows(journey, path)
    findings = [Finding(" -> ".join(card(c) for c in path),
                        f" {ARROW} ".join(title(c) for c in path), tuple(path), flow_ids)]
    groups.append(FindingGroup("longest_wait", f"Longest wait ({wait_text(longest['minutes'])})",
                               "cards", tuple(findings[:limit] if path else ()), 1 if path else 0,
                               tuple(path), flow_ids))
    return groups


def path_flows(journey: Any, path: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The flows of the longest wait path: every flow between two of its cards.

    Not only consecutive ones: within a loop (a strongly connected component)
    the path lists the cards by id, and the loop's flows belong to the path.
    """
    on_path = set(path)
    return tuple(f.id for f in journey.flows if f.source in on_path and f.target in on_path)
