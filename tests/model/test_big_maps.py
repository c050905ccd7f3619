"""Big maps: the fast load and insights give the answers of the straightforward way."""

from __future__ import annotations

import gc
import itertools
import json
import os
import subprocess
import sys
import weakref
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import analysis
from app.model.analysis import analyse, insights
from app.model.errors import JourneyError
from app.model.fileformat import dumps, from_dict, load, save, to_dict
from app.model.flowcycles import FlowGraph, find_cycles, strong_components
from app.model.gcpause import paused_gc
from bench.generate import build
from tests.model.helpers import small_journey
from tests.model.test_analysis import complete_graph_map

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A generated map of 3,000 cards, saved and loaded back."""
    path = tmp_path_factory.mktemp("big") / "big.journey"
    save(build(3000), path)
    return path, load(path)


def cycles_the_old_way(journey, persona=None) -> list[list[str]]:
    """Every simple cycle by networkx on the whole flow graph, canonical and sorted."""
    visible = [c for c in journey.cards
               if persona is None or not c.personas or persona in c.personas]
    position = {c.id: i for i, c in enumerate(visible)}
    graph = nx.DiGraph()
    graph.add_nodes_from(position)
    graph.add_edges_from((f.source, f.target) for f in journey.flows
                         if f.source in position and f.target in position)
    found = []
    for cycle in nx.simple_cycles(graph):
        start = cycle.index(min(cycle, key=position.get))
        found.append(cycle[start:] + cycle[:start])
    return sorted(found, key=lambda cycle: [position[c] for c in cycle])


# --------------------------------------------------------------- loading
def test_big_map_loads_back_as_it_was_saved(big):
    path, journey = big
    assert dumps(journey) == path.read_text(encoding="utf-8")


def test_from_dict_leaves_the_callers_object_unchanged():
    data = to_dict(small_journey())
    before = json.dumps(data)
    from_dict(data)
    assert json.dumps(data) == before


def test_load_names_a_bad_reference_as_from_dict_does(tmp_path):
    data = to_dict(small_journey())
    data["flows"][2]["to"] = "nowhere"
    path = tmp_path / "map.journey"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(JourneyError) as loaded:
        load(path)
    with pytest.raises(JourneyError) as built:
        from_dict(json.loads(path.read_text(encoding="utf-8")), str(path))
    expected = f'{path}: flows[2].to: no card with id "nowhere"'
    assert str(loaded.value) == str(built.value) == expected


# -------------------------------------------------------------- insights
def test_cycles_of_a_big_map_are_all_those_networkx_finds(big):
    _, journey = big
    result = analyse(journey)
    assert not result.cycles_truncated
    assert result.cycles == cycles_the_old_way(journey)
    assert len(result.cycles) > 5  # the map does have cycles to find


def test_cycles_seen_by_one_persona_are_all_those_networkx_finds(big):
    _, journey = big
    assert analyse(journey, "p1").cycles == cycles_the_old_way(journey, "p1")


def test_truncated_cycles_are_cycles_of_the_map_each_once():
    journey = complete_graph_map()
    cycles = analyse(journey).cycles
    assert len({tuple(c) for c in cycles}) == analysis.MAX_CYCLES
    for cycle in cycles:
        assert cycle[0] == min(cycle)  # starts at its first card in reading order
        steps = zip(cycle, cycle[1:] + cycle[:1], strict=True)
        assert all(journey.graph.has_edge(a, b) for a, b in steps)


def test_truncated_cycles_are_the_same_in_every_run_of_python():
    # String hashes change from one run to the next; which cycles are listed must not.
    script = (
        "import json\n"
        "from app.model.analysis import insights\n"
        "from tests.model.test_analysis import complete_graph_map\n"
        "print(json.dumps(insights(complete_graph_map())['cycles']))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
            check=True, env=dict(os.environ, PYTHONHASHSEED=seed),
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert runs[0] == runs[1] == runs[2]
    assert json.loads(runs[0]) == insights(complete_graph_map())["cycles"]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30).flatmap(
    lambda n: st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60)
    .map(lambda edges: (n, edges))
))
def test_strong_components_are_those_of_networkx(case):
    n, edges = case
    successors = [[] for _ in range(n)]
    for s, t in edges:
        successors[s].append(t)
    graph = nx.DiGraph(edges)
    expected = {frozenset(c) for c in nx.strongly_connected_components(graph) if len(c) > 1}
    assert {frozenset(c) for c in strong_components(successors)} == expected


def _cycles_as_networkx_lists_them(n, edges, limit):
    """find_cycles as it was: networkx's simple_cycles on the whole graph, stopped
    after ``limit + 1`` (the choice of cycles when there are more than ``limit``)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted({v for edge in edges for v in edge}))
    graph.add_edges_from(edges)
    found = list(itertools.islice(nx.simple_cycles(graph), limit + 1))
    cycles = []
    for cycle in found[:limit]:
        start = cycle.index(min(cycle))
        cycles.append(cycle[start:] + cycle[:start])
    return sorted(cycles), len(found) > limit


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 12).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1),
                                                       st.integers(0, n - 1)), max_size=30),
                        st.integers(1, 6), st.booleans())
))
def test_cycles_are_those_networkx_lists_with_or_without_known_components(case):
    # Loops read off directly and networkx on the tangled components only give
    # the same cycles as networkx on everything; past the limit, the same choice.
    n, edges, limit, components_known = case
    sources, targets = [s for s, _ in edges], [t for _, t in edges]
    on_cycle = {v for c in nx.simple_cycles(nx.DiGraph(edges)) for v in c}
    cyclic = [(s, t) for s, t in edges if s in on_cycle and t in on_cycle]
    graph = FlowGraph(n, sources, targets)
    if components_known:
        graph.components()
    assert find_cycles(n, sources, targets, limit, graph) == \
        _cycles_as_networkx_lists_them(n, cyclic, limit)


# ------------------------------------------------------------ paused GC
def test_paused_gc_nests_and_turns_the_collector_back_on():
    assert gc.isenabled()
    with paused_gc():
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_cycles_of_garbage_made_while_paused_are_still_collected():
    class Node:
        pass

    with paused_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a
    watch = weakref.ref(a)
    del a, b
    gc.collect()
    assert watch() is None


def test_the_pause_leaves_the_rest_of_the_program_young():
    """Garbage cycles made elsewhere (Qt wrappers in the editor) still go in quick collections.

    Ageing them all into the oldest generation kept such garbage until a
    full collection, which crashed the editor's test run at exit.
    """

    class Node:
        pass

    gc.collect()
    elsewhere = Node()
    elsewhere.me = elsewhere
    watch = weakref.ref(elsewhere)
    with paused_gc():
        pass
    del elsewhere
    gc.collect(1)  # the young generations only
    assert watch() is None
