"""The `blueprint` insights on hand-worked maps, the empty cases, and against networkx."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model.analysis import analyse, finding_groups, format_report, insights
from app.model.blueprint import ZONES
from app.model.journey import Card, Department, Flow, Journey, Lane, Persona, Stage

LANES = [("le", "evidence"), ("la", "actions"), ("lt", "touchpoints"), ("lf", "frontstage"),
         ("lb", "backstage"), ("ls", "support")]


def _blueprint() -> Journey:
    """Two stages; an order that is answered, supported and seen; a lonely support job."""
    j = Journey("Broadband")
    for i, name in enumerate(["Order", "Install"]):
        j.insert_stage(Stage(f"s{i + 1}", name), i)
    for i, (lid, kind) in enumerate(LANES):
        j.insert_lane(Lane(lid, kind.title(), kind), i)
    j.insert_department(Department("d1", "Sales"), 0)
    cards = [
        ("e1", "s1", "le", "Web page", {}),
        ("a1", "s1", "la", "Orders online", {"wait": 10}),
        ("a2", "s2", "la", "Waits at home", {"wait": 2880}),  # nobody answers
        ("f1", "s1", "lf", "Confirms order", {"owner": "d1", "fail_point": True}),
        ("f2", "s2", "lf", "Engineer visits", {"fail_point": True, "wait": 60}),  # unsupported
        ("b1", "s1", "lb", "Books slot", {"wait": 1440}),
        ("x1", "s2", "ls", "Reorders stock", {}),  # invisible
        ("x2", "s2", "ls", "Audits vans", {"wait": 30}),  # invisible
    ]
    for cid, stage, lane, title, more in cards:
        j.insert_card(Card(cid, stage, lane, len(j.cell(stage, lane)), title, **more))
    for n, (a, b) in enumerate([("a1", "f1"), ("f1", "b1"), ("b1", "a1"), ("a1", "f2"),
                                ("x1", "x2")]):
        j.insert_flow(Flow(f"w{n + 1}", a, b))
    return j


def test_every_finding_on_a_hand_worked_blueprint():
    found = insights(_blueprint())["blueprint"]
    assert found == {
        "unanswered_actions": ["a2"],
        "unsupported_frontstage": ["f2"],
        "invisible_work": ["x1", "x2"],
        "visibility_crossings": [["b1", "a1"], ["f1", "b1"]],
        "unowned_fail_points": ["f2"],
        "wait_by_stage": {"Order": 1450, "Install": 2970},
        # a1, f1 and b1 form a cycle: one component of 1450 minutes, then f2 (60)
        "longest_wait": {"minutes": 2880, "cards": ["a2"]},
    }


def test_longest_wait_goes_through_a_cycle_in_id_order():
    j = _blueprint()
    j.update_card("a2", {"wait": None})
    assert insights(j)["blueprint"]["longest_wait"] == {
        "minutes": 1510, "cards": ["a1", "b1", "f1", "f2"]}


def test_empty_cases():
    j = Journey("plain")
    j.insert_stage(Stage("s1", "Only"), 0)
    j.insert_lane(Lane("la", "Actions", "actions"), 0)
    j.insert_lane(Lane("lf", "Front", "frontstage"), 1)
    j.insert_card(Card("a", "s1", "la", 0, "Alone"))
    j.insert_card(Card("f", "s1", "lf", 0, "Also alone"))
    found = insights(j)["blueprint"]
    # a frontstage-zone lane exists: the action is unanswered; no backstage lane: the
    # frontstage card is not "unsupported"; no wait anywhere: no longest wait
    assert found["unanswered_actions"] == ["a"]
    assert found["unsupported_frontstage"] == []
    assert found["longest_wait"] == {"minutes": 0, "cards": []}
    assert found["wait_by_stage"] == {"Only": 0}
    j.update_entity("lane", "lf", {"kind": "thoughts"})
    # no frontstage-zone lane at all: no action is unanswered
    assert insights(j)["blueprint"]["unanswered_actions"] == []
    assert insights(Journey())["blueprint"] == {
        "unanswered_actions": [], "unsupported_frontstage": [], "invisible_work": [],
        "visibility_crossings": [], "unowned_fail_points": [], "wait_by_stage": {},
        "longest_wait": {"minutes": 0, "cards": []}}


def test_the_findings_are_in_the_text_report_and_clickable_groups():
    j = _blueprint()
    report = format_report(j)
    assert "Customer actions nobody answers: 1" in report
    assert '"Waits at home" (Install)' in report
    assert "Fail points without an owner: 1" in report
    assert "Flows across the line of visibility: 2" in report
    assert "Order: 1 d\n  Install: 2.1 d" in report
    assert 'Longest wait (2 d): 1\n  "Waits at home" (Install)' in report
    groups = {g.key: g for g in finding_groups(j, analyse(j))}
    assert groups["invisible_work"].card_ids == ("x1", "x2")
    assert groups["visibility_crossings"].flow_ids == ("w2", "w3")
    assert groups["longest_wait"].card_ids == ("a2",)


def test_a_map_that_is_no_blueprint_reports_as_before():
    j = Journey("plain")
    j.insert_stage(Stage("s1", "Only"), 0)
    j.insert_lane(Lane("la", "Actions", "actions"), 0)
    assert "Longest wait" not in format_report(j)
    assert not [g for g in finding_groups(j, analyse(j)) if g.key == "invisible_work"]


# ------------------------------------------------------ against networkx, random maps
@st.composite
def _maps(draw):
    j = Journey("random")
    for i in range(draw(st.integers(1, 3))):
        j.insert_stage(Stage(f"s{i}", f"S{i % 2}"), i)  # two stages may share a name
    kinds = draw(st.lists(st.sampled_from(sorted(ZONES) + ["pain", "notes"]), min_size=1,
                          max_size=5))
    for i, kind in enumerate(kinds):
        j.insert_lane(Lane(f"l{i}", kind, kind), i)
    j.insert_department(Department("d", "D"), 0)
    n = draw(st.integers(0, 12))
    for i in range(n):
        stage = f"s{draw(st.integers(0, len(j.stages) - 1))}"
        lane = f"l{draw(st.integers(0, len(kinds) - 1))}"
        j.insert_card(Card(f"c{i:02}", stage, lane, len(j.cell(stage, lane)), f"T{i}",
                           owner=draw(st.sampled_from([None, "d"])),
                           fail_point=draw(st.booleans()),
                           wait=draw(st.sampled_from([None, 0, 5, 60, 1.5]))))
    for k in range(draw(st.integers(0, 2 * n)) if n else 0):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        j.insert_flow(Flow(f"f{k}", f"c{a:02}", f"c{b:02}"))
    return j


def _expected(j: Journey) -> dict:
    zone = {c.id: ZONES.get(j.lane(c.lane).kind) for c in j.cards}
    kind = {c.id: j.lane(c.lane).kind for c in j.cards}
    g = nx.MultiDiGraph()
    g.add_nodes_from(zone)
    g.add_edges_from((f.source, f.target) for f in j.flows)
    u = nx.Graph(g.to_undirected())
    lanes = {ZONES.get(lane.kind) for lane in j.lanes}
    seen, hidden = {"customer", "frontstage"}, {"backstage", "support"}
    out = {
        "unanswered_actions": sorted(
            c for c in zone if kind[c] == "actions" and "frontstage" in lanes
            and not any(zone[n] == "frontstage" for n in u[c])),
        "unsupported_frontstage": sorted(
            c for c in zone if kind[c] == "frontstage" and lanes & hidden
            and not any(zone[n] in hidden for n in u[c])),
        "invisible_work": sorted(
            c for comp in nx.connected_components(u) for c in comp
            if zone[c] in hidden and not any(zone[x] in seen for x in comp)),
        "visibility_crossings": sorted(
            [a, b] for a, b in g.edges() if {zone[a] in seen, zone[b] in seen} == {True, False}
            and (zone[a] in hidden or zone[b] in hidden)),
        "unowned_fail_points": sorted(c.id for c in j.cards if c.fail_point and not c.owner),
    }
    by_name: dict = {}
    for s in j.stages:
        by_name[s.name] = by_name.get(s.name, 0) + sum(
            c.wait or 0 for c in j.cards if c.stage == s.id)
    out["wait_by_stage"] = by_name
    # heaviest path: networkx's dag_longest_path on the condensation, node weights
    # moved onto edges from a virtual source
    dag = nx.condensation(nx.DiGraph(g))
    weight = {n: sum(j.card(c).wait or 0 for c in dag.nodes[n]["members"]) for n in dag}
    h = nx.DiGraph()
    h.add_edges_from(("start", n, {"w": weight[n]}) for n in dag)
    h.add_edges_from((a, b, {"w": weight[b]}) for a, b in dag.edges)
    out["longest"] = nx.dag_longest_path_length(h, weight="w") if dag else 0
    return out


@settings(max_examples=150, deadline=None)
@given(_maps())
def test_agrees_with_networkx_on_random_maps(j):
    found = insights(j)["blueprint"]
    expected = _expected(j)
    longest = expected.pop("longest")
    assert {k: found[k] for k in expected} == expected
    got = found["longest_wait"]
    assert got["minutes"] == longest
    # the cards listed are a path of whole components weighing what it says
    cards = got["cards"]
    assert sum(j.card(c).wait or 0 for c in cards) == longest
    assert (cards == []) == (longest == 0)
    sccs = {c: frozenset(s) for s in nx.strongly_connected_components(j.graph) for c in s}
    comps = list(dict.fromkeys(sccs[c] for c in cards))
    assert set(cards) == set().union(*comps) if comps else True
    for a, b in zip(comps, comps[1:], strict=False):
        assert any(j.graph.has_edge(x, y) for x in a for y in b)


@settings(max_examples=200, deadline=None)
@given(_maps(), st.data())
def test_a_persona_counts_its_cards_and_the_flows_between_them_only(j, data):
    # Narrowed to a persona, the findings are those of the map without the
    # cards that persona does not see (and without their flows).
    j.insert_persona(Persona("p", "P"), 0)
    j.insert_persona(Persona("q", "Q"), 1)
    ids = sorted(c.id for c in j.cards)
    unseen = data.draw(st.sets(st.sampled_from(ids)) if ids else st.just(set()))
    for card in j.cards:
        card.personas = ["q"] if card.id in unseen else data.draw(
            st.sampled_from([[], ["p"], ["p", "q"]]))
    narrowed = insights(j, "p")["blueprint"]
    for flow in j.flows:
        if flow.source in unseen or flow.target in unseen:
            j.pop_flow(flow.id)
    for cid in unseen:
        j.pop_card(cid)
    assert narrowed == insights(j)["blueprint"]


def test_work_reached_only_through_another_personas_card_is_invisible_to_this_one():
    j = _blueprint()
    j.insert_persona(Persona("p", "P"), 0)
    j.insert_persona(Persona("q", "Q"), 1)
    j.insert_card(Card("q1", "s2", "lb", 1, "Checks the line", personas=["q"]))
    j.insert_flow(Flow("w9", "f2", "q1"))  # the engineer's visit ...
    j.insert_flow(Flow("w10", "q1", "x1"))  # ... reaches the stock through q1
    assert insights(j)["blueprint"]["invisible_work"] == []
    assert insights(j, "p")["blueprint"]["invisible_work"] == ["x1", "x2"]
    assert insights(j, "q")["blueprint"]["invisible_work"] == []
