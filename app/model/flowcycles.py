"""The simple cycles of a flow graph whose cards are numbered in reading order.

`find_cycles` takes the flows as two parallel lists of card numbers (the
card's place in reading order, `Journey.cards`) and returns at most
``limit`` simple cycles, each as card numbers starting from its first card
in reading order, the list sorted.

How the work is kept linear in the size of the map:

* Only a card in a strongly connected component of two or more cards, or
  with a flow to itself, can lie on a cycle.  Cards that no flow enters, or
  only flows from such cards, are peeled off first (Kahn's topological
  sort: 19,000 of the 20,000 cards of the benchmark map); the components
  of the rest are found with Tarjan's algorithm on plain lists of numbers
  (`strong_components`).  Together that is several times faster than
  networkx's algorithm on the model's graph, which walks dict-of-dict
  views.  A journey mostly runs forward, so few cards remain (286 of 20,000
  on the benchmark map).
* A component that is a single loop (as many flows as cards) holds one
  cycle, read off directly: most of a journey's are (27 of the 29 of the
  5,000-card Latin benchmark map).  networkx's ``simple_cycles`` (Johnson's
  algorithm) runs on each other component alone.  As long as there are at
  most ``limit`` cycles in all, that lists every one, as networkx on the
  whole cyclic part would (the order is made canonical afterwards): the
  cycles of that map take 3.4 ms instead of 5.4 ms.
* With more than ``limit`` cycles, which ones are listed is left to
  networkx's ``simple_cycles`` on a graph of all the cyclic cards, as it
  always was.  Johnson's algorithm spends at most time linear in that
  graph between two cycles it finds, and it is stopped after ``limit + 1``
  cycles, so a map with billions of cycles costs about ``limit`` passes over
  its cyclic part.
* The nodes of that graph are numbers, not card ids: networkx picks where to
  start in a component by iterating a set, and the order of a set of strings
  changes from one run of Python to the next (hash randomisation), which made
  *which* cycles were listed for a map with too many of them differ between
  two runs of ``journeymap check``.  A set of small numbers always iterates
  in the same order.

This module is plain Python and networkx; it must never import Qt.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import networkx as nx


class FlowGraph:
    """The flows between ``count`` cards as card numbers, built once per analysis.

    The cycles (`find_cycles`) and the blueprint's longest wait
    (`app.model.blueprint_insights`) both walk it: the successor lists and,
    when both need them, the strongly connected components are made once.

    Args:
        count: the number of cards, numbered 0..count-1 in reading order.
        sources: ``sources[k]`` is the card flow ``k`` leaves, in the order
            of the flows (their ids in natural order).
        targets: ``targets[k]`` is the card flow ``k`` enters.
    """

    def __init__(self, count: int, sources: Sequence[int], targets: Sequence[int]) -> None:
        self.count = count
        self.sources = sources
        self.targets = targets
        #: ``successors[v]``: the cards v has a flow to, once per flow, in
        #: flow order; a flow from a card to itself is left out (it changes
        #: no component, no path) and marked in ``loops``.
        self.successors: list[list[int]] = [[] for _ in range(count)]
        self.loops = bytearray(count)
        self.inflow = [0] * count  # flows in from another card
        successors, inflow = self.successors, self.inflow
        for s, t in zip(sources, targets, strict=True):
            if s == t:
                self.loops[s] = 1
            else:
                successors[s].append(t)
                inflow[t] += 1
        self._components: list[list[int]] | None = None

    def components(self) -> list[list[int]]:
        """Every strongly connected component, single cards included, sinks
        first (`strong_components`); computed on the first call only."""
        if self._components is None:
            self._components = strong_components(self.successors, min_size=1)
        return self._components


def find_cycles(
    count: int, sources: Sequence[int], targets: Sequence[int], limit: int,
    graph: FlowGraph | None = None,
) -> tuple[list[list[int]], bool]:
    """Simple cycles of the graph of ``count`` cards, canonical and sorted.

    Args:
        count, sources, targets: the flows between the cards (see `FlowGraph`).
        limit: list at most this many cycles.
        graph: the `FlowGraph` of those flows when the caller has one.

    Returns:
        The cycles, each starting at its lowest-numbered card and sorted by
        their card numbers; and whether there were more than ``limit``.
        Parallel flows count once; a flow from a card to itself is a cycle
        of one card.
    """
    graph = graph or FlowGraph(count, sources, targets)
    components = _cyclic_components(graph)
    found = _all_cycles(graph, components, limit)
    if found is None:  # more than ``limit``: which ones are listed is networkx's choice
        on_cycle = bytearray(graph.loops)
        for component in components:
            for i in component:
                on_cycle[i] = 1
        cyclic = nx.DiGraph()
        cyclic.add_nodes_from(i for i in range(count) if on_cycle[i])
        cyclic.add_edges_from(
            (s, t) for s, t in zip(sources, targets, strict=True) if on_cycle[s] and on_cycle[t]
        )
        found = list(itertools.islice(nx.simple_cycles(cyclic), limit + 1))
    cycles = []
    for cycle in found[:limit]:
        start = cycle.index(min(cycle))
        cycles.append(cycle[start:] + cycle[:start])
    cycles.sort()
    return cycles, len(found) > limit


def _all_cycles(graph: FlowGraph, components: list[list[int]], limit: int
                ) -> list[list[int]] | None:
    """Every simple cycle, in no particular order; None if there are more than ``limit``.

    Every cycle lies within one strongly connected component, and most of a
    journey's components are a single loop (as many flows as cards): its one
    cycle is read off directly.  networkx's ``simple_cycles`` runs only on
    the other components, each alone.  When all the cycles number at most
    ``limit``, the set is the same whichever way it is found (the order is
    made canonical afterwards); when there are more, `find_cycles` leaves
    the choice of which ones to networkx on the whole cyclic part, as before.
    """
    found = [[v] for v in range(graph.count) if graph.loops[v]]
    successors = graph.successors
    comp_of: dict[int, int] = {v: c for c, members in enumerate(components) for v in members}
    tangled = []
    for c, members in enumerate(components):
        inside = {v: list(dict.fromkeys(w for w in successors[v] if comp_of.get(w) == c))
                  for v in members}
        if sum(map(len, inside.values())) == len(members):  # one loop
            first = min(members)
            cycle, v = [first], inside[first][0]
            while v != first:
                cycle.append(v)
                v = inside[v][0]
            found.append(cycle)
        else:
            tangled.append(inside)
        if len(found) > limit:
            return None
    for inside in tangled:
        sub = nx.DiGraph()
        sub.add_edges_from((v, w) for v, ws in inside.items() for w in ws)
        found += itertools.islice(nx.simple_cycles(sub), limit + 1 - len(found))
        if len(found) > limit:
            return None
    return found


def _cyclic_components(graph: FlowGraph) -> list[list[int]]:
    """The strongly connected components of two or more cards."""
    if graph._components is not None:  # known already (the longest wait's)
        return [c for c in graph._components if len(c) > 1]
    successors = graph.successors
    inflow = list(graph.inflow)
    # A card no flow enters is on no cycle, nor is one whose every flow in
    # comes from such cards: peeling those off (Kahn's topological sort)
    # leaves about one card in twenty of a journey for the costlier search,
    # which then runs on those cards alone, numbered afresh.
    peel = [v for v in range(graph.count) if not inflow[v]]
    while peel:
        for w in successors[peel.pop()]:
            left = inflow[w] - 1
            inflow[w] = left
            if not left:
                peel.append(w)
    alive = [v for v in range(graph.count) if inflow[v]]
    number = {v: i for i, v in enumerate(alive)}
    rest = [[number[w] for w in successors[v] if inflow[w]] for v in alive]
    return [[alive[i] for i in component] for component in strong_components(rest)]


def strong_components(successors: Sequence[Sequence[int]], min_size: int = 2
                      ) -> list[list[int]]:
    """The strongly connected components of ``min_size`` or more nodes
    (Tarjan, iterative), in the order found: each after every component it
    reaches.

    Args:
        successors: ``successors[v]`` lists the nodes that node ``v`` has an
            edge to; nodes are 0..len(successors)-1.
        min_size: 1 for every component, single nodes included.
    """
    index = [-1] * len(successors)  # order of discovery; -1: not reached yet
    low = [0] * len(successors)  # lowest index reachable through the DFS subtree
    on_stack = bytearray(len(successors))
    stack: list[int] = []
    components = []
    counter = 0
    for root in range(len(successors)):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        # The call stack of the depth-first search: a node and the iterator
        # over its successors, resumed when the search comes back to it.
        calls = [(root, iter(successors[root]))]
        while calls:
            v, rest = calls[-1]
            for w in rest:
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = 1
                    calls.append((w, iter(successors[w])))
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:  # every successor of v is done
                calls.pop()
                if calls and low[v] < low[calls[-1][0]]:
                    low[calls[-1][0]] = low[v]
                if low[v] == index[v]:
                    component = _pop_component(stack, on_stack, v)
                    if len(component) >= min_size:
                        components.append(component)
    return components


def _pop_component(stack: list[int], on_stack: bytearray, root: int) -> list[int]:
    component = []
    while True:
        w = stack.pop()
        on_stack[w] = 0
        component.append(w)
        if w == root:
            return component
