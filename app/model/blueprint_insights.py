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
from app.model.flowcycles import strong_components
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


def blueprint_insights(journey: Any, cards: Iterable[Any] | None = None) -> dict[str, Any]:
    """The `blueprint` object of the contract for ``journey``, counting only
    ``cards`` (a persona's: `app.model.analysis.analyse`; default: all) and
    the flows between them."""
    lane_kind = {lane.id: lane.kind for lane in journey.lanes}
    cards = list(journey.cards if cards is None else cards)
    zone = {c.id: ZONES.get(lane_kind[c.lane]) for c in cards}
    kind = {c.id: lane_kind[c.lane] for c in cards}
    pairs = [(f.source, f.target) for f in journey.flows
             if f.source in zone and f.target in zone]
    neighbours: dict[str, set[str]] = {cid: set() for cid in zone}
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    zones_used = {ZONES.get(k) for k in lane_kind.values()}

    def lonely(lane: str, wanted: frozenset[str], present: bool) -> list[str]:
        if not present:
            return []
        return sorted(cid for cid, k in kind.items()
                      if k == lane and not any(zone[n] in wanted for n in neighbours[cid]))

    return {
        "unanswered_actions": lonely("actions", frozenset({FRONTSTAGE}),
                                     FRONTSTAGE in zones_used),
        "unsupported_frontstage": lonely("frontstage", _HIDDEN, bool(zones_used & _HIDDEN)),
        "invisible_work": _invisible(zone, neighbours),
        "visibility_crossings": sorted(
            [a, b] for a, b in pairs
            if (zone[a] in _SEEN and zone[b] in _HIDDEN)
            or (zone[a] in _HIDDEN and zone[b] in _SEEN)),
        "unowned_fail_points": sorted(c.id for c in cards if c.fail_point and c.owner is None),
        "wait_by_stage": _wait_by_stage(journey, cards),
        "longest_wait": _longest_wait(cards, pairs),
    }


def _invisible(zone: dict[str, str | None], neighbours: dict[str, set[str]]) -> list[str]:
    """Hidden cards whose weakly connected component holds no seen card."""
    found: list[str] = []
    done: set[str] = set()
    for start, z in zone.items():
        if z not in _HIDDEN or start in done:
            continue
        component, todo = {start}, [start]
        while todo:
            for n in neighbours[todo.pop()]:
                if n not in component:
                    component.add(n)
                    todo.append(n)
        done |= component
        if not any(zone[c] in _SEEN for c in component):
            found += [c for c in component if zone[c] in _HIDDEN]
    return sorted(found)


def _wait_by_stage(journey: Any, cards: list[Any]) -> dict[str, float]:
    by_id = stage_totals(cards)
    out: dict[str, float] = {}
    for stage in journey.stages:  # stages sharing a name share one total
        out[stage.name] = out.get(stage.name, 0) + by_id.get(stage.id, 0)
    return out


def _longest_wait(cards: list[Any], pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The heaviest path through the condensation of the flow graph.

    Plain Python on card indices (networkx's condensation took half a
    second on 5,000 cards): Tarjan's components (`strong_components`) come
    out sinks first, so the heaviest path *from* each component is known
    before any component that reaches it.
    """
    ids = [c.id for c in cards]
    weight_of = [c.wait or 0 for c in cards]
    if not any(weight_of):
        return {"minutes": 0, "cards": []}
    index = {cid: i for i, cid in enumerate(ids)}
    succ: list[list[int]] = [[] for _ in ids]
    for a, b in pairs:
        succ[index[a]].append(index[b])
    comps = strong_components(succ, min_size=1)  # sinks first
    comp_of = [0] * len(ids)
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
        best.append(sum(weight_of[m] for m in members) + tail)
        after.append(nxt)
    # Ties: the component found last, the furthest upstream, so that a path
    # starts where the journey does rather than at its first wait.
    start = max(range(len(comps)), key=lambda c: (best[c], c))
    if not best[start]:
        return {"minutes": 0, "cards": []}
    path: list[str] = []
    c = start
    while c != -1:
        path += sorted(ids[m] for m in comps[c])
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
