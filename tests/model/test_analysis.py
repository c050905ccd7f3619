"""Insights: hand-worked answers, edge cases, and an independent reimplementation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model import analysis
from app.model.analysis import analyse, finding_groups, format_report, insights
from app.model.edits import (
    AddCard,
    AddDepartment,
    AddFlow,
    AddLane,
    AddPersona,
    AddStage,
    RemoveCard,
)
from app.model.errors import JourneyError
from app.model.fileformat import load
from app.model.journey import Card, Department, Flow, Journey, Lane, Persona, Stage

DATA = Path(__file__).parent / "data_analysis"
KEYS = [
    "counts", "handoffs", "unowned_touchpoints", "empty_stages", "dead_ends",
    "backward_flows", "cycles", "channel_switches", "responsibility",
    "priorities", "blueprint",
]


def build(stages="ABC", cards=(), flows=(), departments=(), personas=()) -> Journey:
    """A map with one lane; ``cards`` are ``(id, stage id, Card attributes)``."""
    journey = Journey("test")
    for sid in stages:
        AddStage(Stage(sid, f"Stage {sid}")).apply(journey)
    AddLane(Lane("L", "Lane")).apply(journey)
    for did, name in departments:
        AddDepartment(Department(did, name)).apply(journey)
    for pid in personas:
        AddPersona(Persona(pid, f"Persona {pid}")).apply(journey)
    for i, (cid, stage, attrs) in enumerate(cards):
        AddCard(Card(cid, stage, "L", order=i, title=f"Card {cid}", **attrs)).apply(journey)
    for i, (source, target) in enumerate(flows, start=1):
        AddFlow(Flow(f"f{i}", source, target)).apply(journey)
    return journey


def chain(stages: str, flows=()) -> Journey:
    """One plain touchpoint per stage: card ``a`` in stage ``A``, and so on."""
    cards = [(sid.lower(), sid, {}) for sid in stages]
    return build(stages, cards, flows)


# ------------------------------------------------------------ hand-worked map
def test_clinic_map_gives_the_hand_worked_answers():
    expected = json.loads((DATA / "clinic.expected.json").read_text())
    assert insights(load(DATA / "clinic.journey")) == expected


def test_clinic_map_for_one_persona_gives_the_hand_worked_answers():
    expected = json.loads((DATA / "clinic.p2.expected.json").read_text())
    assert insights(load(DATA / "clinic.journey"), "p2") == expected


def test_insights_has_exactly_the_contract_keys_in_order():
    assert list(insights(Journey())) == KEYS


def test_insights_is_json_serialisable_and_round_trips():
    result = insights(load(DATA / "clinic.journey"))
    assert json.loads(json.dumps(result)) == result


# ------------------------------------------------------------------ edge cases
def test_empty_map_has_no_findings():
    assert insights(Journey()) == {
        "counts": {"stages": 0, "lanes": 0, "cards": 0, "flows": 0},
        "handoffs": [], "unowned_touchpoints": [], "empty_stages": [], "dead_ends": [],
        "backward_flows": [], "cycles": [], "channel_switches": [], "responsibility": {},
        "priorities": {"ranked": [], "quick_wins": [], "votes_by_stage": {}},
        "blueprint": {
            "unanswered_actions": [], "unsupported_frontstage": [], "invisible_work": [],
            "visibility_crossings": [], "unowned_fail_points": [], "wait_by_stage": {},
            "longest_wait": {"minutes": 0, "cards": []},
        },
    }


def test_stages_without_cards_are_all_empty_stages():
    assert insights(build("AB"))["empty_stages"] == ["Stage A", "Stage B"]


def test_flow_between_cards_of_the_same_stage_is_not_backward():
    journey = build("AB", [("x", "B", {}), ("y", "B", {})], [("y", "x"), ("x", "y")])
    assert insights(journey)["backward_flows"] == []


def test_flow_to_an_earlier_stage_is_backward():
    journey = chain("ABC", [("a", "b"), ("c", "a")])
    assert insights(journey)["backward_flows"] == [["c", "a"]]


def test_two_cycles_sharing_cards_are_both_listed_from_their_first_card():
    # c -> b -> c and a -> b -> c -> a share b and c.
    journey = chain("ABC", [("c", "b"), ("b", "c"), ("c", "a"), ("a", "b")])
    assert insights(journey)["cycles"] == [["a", "b", "c"], ["b", "c"]]


def test_a_flow_from_a_card_to_itself_is_a_cycle_and_a_way_out():
    journey = chain("AB", [("b", "a"), ("a", "a")])
    result = insights(journey)
    assert result["cycles"] == [["a"]]
    assert result["dead_ends"] == []


def test_parallel_flows_give_one_cycle_but_two_backward_flows():
    journey = chain("AB", [("a", "b"), ("b", "a"), ("b", "a")])
    result = insights(journey)
    assert result["cycles"] == [["a", "b"]]
    assert result["backward_flows"] == [["b", "a"], ["b", "a"]]


def test_dead_end_needs_a_flow_in_and_a_stage_before_the_last():
    journey = chain("ABCD", [("a", "b"), ("c", "d")])
    # a: no flow in; b: dead end; c: no flow in; d: last stage.
    assert insights(journey)["dead_ends"] == ["b"]


def test_last_stage_is_the_last_column_even_when_it_is_empty():
    journey = build("ABC", [("a", "A", {}), ("b", "B", {})], [("a", "b")])
    assert insights(journey)["dead_ends"] == ["b"]


def test_cards_without_owner_or_channel_never_make_handoffs_or_switches():
    departments = [("d1", "Sales")]
    cards = [
        ("a", "A", {"owner": "d1", "channel": "Web"}),
        ("b", "B", {}),
        ("c", "C", {"owner": "d1", "channel": "Web"}),
    ]
    journey = build("ABC", cards, [("a", "b"), ("b", "c")], departments)
    result = insights(journey)
    assert (result["handoffs"], result["channel_switches"]) == ([], [])


def test_only_touchpoints_without_owner_are_unowned_touchpoints():
    cards = [("a", "A", {}), ("b", "A", {"kind": "action"}), ("c", "A", {"kind": "pain"})]
    assert insights(build("A", cards))["unowned_touchpoints"] == ["a"]


def test_stage_holding_only_non_touchpoints_is_empty():
    journey = build("AB", [("a", "A", {"kind": "thought"}), ("b", "B", {})])
    assert insights(journey)["empty_stages"] == ["Stage A"]


def test_departments_sharing_a_name_share_a_row():
    departments = [("d1", "Sales"), ("d2", "Sales")]
    cards = [("a", "A", {"owner": "d1"}), ("b", "A", {"owner": "d2"})]
    journey = build("A", cards, departments=departments)
    assert insights(journey)["responsibility"] == {"Sales": {"Stage A": 2}}


def test_persona_by_name_is_the_same_as_by_id():
    journey = load(DATA / "clinic.journey")
    assert insights(journey, "Returning patient") == insights(journey, "p2")


def test_unknown_persona_is_an_error_naming_the_personas_of_the_map():
    journey = load(DATA / "clinic.journey")
    known = ", ".join(p.name for p in journey.personas) or "none defined"
    with pytest.raises(JourneyError, match=re.escape(
            f"unknown persona 'nobody'; the map's personas are: {known}")):
        insights(journey, "nobody")


def test_cards_without_personas_are_seen_by_every_persona():
    cards = [("a", "A", {}), ("b", "A", {"personas": ["p"]}), ("c", "A", {"personas": ["q"]})]
    journey = build("A", cards, personas=["p", "q"])
    assert insights(journey, "p")["unowned_touchpoints"] == ["a", "b"]


# ----------------------------------------------------------- many cycles
def complete_graph_map() -> Journey:
    """Seven cards, a flow between every two of them."""
    cards = [(cid, "A", {}) for cid in "abcdefg"]
    return build("A", cards, [(s, t) for s in "abcdefg" for t in "abcdefg" if s != t])


def test_too_many_cycles_are_cut_at_the_limit_and_flagged():
    # 2,365 simple cycles in a complete graph of seven cards.
    result = analyse(complete_graph_map())
    assert len(result.cycles) == analysis.MAX_CYCLES
    assert result.cycles_truncated


def test_truncated_cycles_do_not_depend_on_editing_history():
    journey = complete_graph_map()
    first = insights(journey)["cycles"]
    # Removing card a and undoing that puts it back in place, but last in the graph.
    RemoveCard("a").apply(journey).apply(journey)
    assert list(journey.graph)[-1] == "a"
    assert insights(journey)["cycles"] == first


def test_report_says_when_cycles_were_cut():
    report = format_report(complete_graph_map())
    assert f"only the first {analysis.MAX_CYCLES} cycles are listed" in report


# ------------------------------------------------------------------- report
def test_report_names_cards_by_title_and_stage():
    report = format_report(load(DATA / "clinic.journey"))
    assert '"Sees the doctor" (Visit) -> "Books online" (Book): Visit -> Book' in report


def test_report_counts_each_group_and_says_none_when_empty():
    report = format_report(load(DATA / "clinic.journey"), "p2")
    assert "Hand-offs between departments: 5\n" in report
    assert "Touchpoints without an owner: 0\n  none\n" in report


def test_report_gives_owned_cards_per_department():
    report = format_report(load(DATA / "clinic.journey"))
    assert "  Front desk: 3 cards (Book: 2, Visit: 1)\n" in report
    assert "  Billing: 0 cards\n" in report


def test_report_names_the_persona():
    assert "as Returning patient sees it" in format_report(load(DATA / "clinic.journey"), "p2")


def test_cycle_finding_names_its_cards_and_flows():
    groups = {g.key: g for g in finding_groups(*_analysed("clinic.journey"))}
    first = groups["cycles"].findings[0]
    assert first.card_ids == ("t3", "t5", "t6")
    assert sorted(first.flow_ids) == ["f4", "f6", "f8"]


def _analysed(name: str):
    journey = load(DATA / name)
    return journey, analyse(journey)


# ------------------------------------------- an independent reimplementation
def reference(journey: Journey, persona: str | None) -> dict:
    """The definitions of docs/insights.md in plain Python, without networkx or Journey.cards."""
    stage_pos = {s.id: i for i, s in enumerate(journey.stages)}
    lane_pos = {x.id: i for i, x in enumerate(journey.lanes)}
    everyone = [journey.graph.nodes[n]["card"] for n in journey.graph.nodes]
    cards = sorted(everyone, key=lambda c: (stage_pos[c.stage], lane_pos[c.lane], c.order))
    cards = [c for c in cards if persona is None or not c.personas or persona in c.personas]
    pos = {c.id: i for i, c in enumerate(cards)}
    card = {c.id: c for c in cards}

    def natural(text):
        return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]

    flows = sorted((journey.flow(k) for _, _, k in journey.graph.edges(keys=True)),
                   key=lambda f: natural(f.id))
    flows = [f for f in flows if f.source in pos and f.target in pos]
    pairs = [(card[f.source], card[f.target]) for f in flows]
    out_of = {f.source for f in flows}
    into = {f.target for f in flows}
    with_touchpoint = {c.stage for c in cards if c.kind == "touchpoint"}
    dept = {d.id: d.name for d in journey.departments}
    table = {d.name: {s.name: 0 for s in journey.stages} for d in journey.departments}
    for c in cards:
        if c.owner:
            table[dept[c.owner]][journey.stage(c.stage).name] += 1
    return {
        "counts": {"stages": len(journey.stages), "lanes": len(journey.lanes),
                   "cards": len(cards), "flows": len(flows)},
        "handoffs": [[a.id, b.id] for a, b in pairs if a.owner and b.owner and a.owner != b.owner],
        "unowned_touchpoints": [c.id for c in cards if c.kind == "touchpoint" and not c.owner],
        "empty_stages": [s.name for s in journey.stages if s.id not in with_touchpoint],
        "dead_ends": [c.id for c in cards if c.id in into and c.id not in out_of
                      and stage_pos[c.stage] != len(journey.stages) - 1],
        "backward_flows": [[a.id, b.id] for a, b in pairs
                           if stage_pos[b.stage] < stage_pos[a.stage]],
        "cycles": reference_cycles(pos, {(f.source, f.target) for f in flows}),
        "channel_switches": [[a.id, b.id] for a, b in pairs
                             if a.channel and b.channel and a.channel != b.channel],
        "responsibility": table,
        "priorities": reference_priorities(journey, cards),
    }


def reference_priorities(journey: Journey, cards: list) -> dict:
    """DESIGN.md ``priorities`` of the cards seen (the ordering is tested in test_priorities)."""
    by_stage = {s.name: 0 for s in journey.stages}
    for c in cards:
        by_stage[journey.stage(c.stage).name] += c.votes
    ranked = [c for c in cards if c.kind in ("pain", "opportunity")
              and (c.votes or c.impact is not None)]
    ranked.sort(key=lambda c: (-c.votes, -(c.impact or 0), c.effort or 9, c.id))
    wins = [c.id for c in cards if (c.impact or 0) >= 4 and 0 < (c.effort or 9) <= 2]
    return {"ranked": [c.id for c in ranked], "quick_wins": sorted(wins),
            "votes_by_stage": by_stage}


def reference_cycles(pos: dict[str, int], edges: set[tuple[str, str]]) -> list[list[str]]:
    """Every simple cycle once, found from its first card by walking only later cards."""
    found = []

    def walk(path: list[str]) -> None:
        for a, b in sorted(edges):
            if a != path[-1]:
                continue
            if b == path[0]:
                found.append(list(path))
            elif pos[b] > pos[path[0]] and b not in path:
                walk([*path, b])

    for start in sorted(pos, key=pos.get):
        walk([start])
    return sorted(found, key=lambda cycle: [pos[c] for c in cycle])


@st.composite
def journeys(draw) -> tuple[Journey, str | None]:
    journey = Journey("random")
    for i in range(draw(st.integers(1, 4))):
        AddStage(Stage(f"s{i}", f"Stage {i}")).apply(journey)
    for i in range(draw(st.integers(1, 2))):
        AddLane(Lane(f"l{i}", f"Lane {i}")).apply(journey)
    for i, name in enumerate(draw(st.lists(st.sampled_from(["Ops", "Sales", "IT"]), max_size=3))):
        AddDepartment(Department(f"d{i}", name)).apply(journey)
    for i in range(draw(st.integers(0, 2))):
        AddPersona(Persona(f"p{i}", f"Persona {i}")).apply(journey)
    owners = [None] + [d.id for d in journey.departments]
    scopes = [[]] + [[p.id] for p in journey.personas]
    for i in range(draw(st.integers(0, 8))):
        AddCard(Card(
            f"c{i}",
            draw(st.sampled_from([s.id for s in journey.stages])),
            draw(st.sampled_from([x.id for x in journey.lanes])),
            order=draw(st.integers(0, 3)),
            kind=draw(st.sampled_from(["touchpoint", "action", "pain", "opportunity"])),
            votes=draw(st.integers(0, 3)),
            impact=draw(st.sampled_from([None, 1, 3, 4, 5])),
            effort=draw(st.sampled_from([None, 1, 2, 3, 5])),
            channel=draw(st.sampled_from(["", "Web", "Phone"])),
            owner=draw(st.sampled_from(owners)),
            personas=draw(st.sampled_from(scopes)),
        )).apply(journey)
    ids = sorted(journey.graph.nodes)
    if ids:
        for k in range(draw(st.integers(0, 14))):
            source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
            AddFlow(Flow(f"f{k}", source, target)).apply(journey)
    persona = draw(st.sampled_from([None] + [p.id for p in journey.personas]))
    return journey, persona


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_insights_agree_with_an_independent_reimplementation(case):
    journey, persona = case
    got = insights(journey, persona)
    got.pop("blueprint")  # checked against networkx in tests/blueprint/test_insights.py
    assert got == reference(journey, persona)
