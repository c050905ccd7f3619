"""Measure `compute_layout` on a large map: 5,000 cards in 12 stages x 8
lanes with realistic titles, and 5,000 flows (mostly to the next stages,
some backward and long).

Prints the median of several runs of: a first compute (cold cache, font
metrics already loaded), a recompute with a warm `LayoutCache` after moving
one card, and `diff_layouts` of the two.

    python bench/layout_bench.py [--cards N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from app.layout.geometry import LayoutCache, compute_layout, diff_layouts
from app.layout.text import metrics
from app.model import edits as E  # noqa: N812
from app.model.journey import Card, Flow, Journey, Lane, Stage

_TEXT = """customer opens app checks order status calls support waits e-mail receives
invoice compares prices website store visit delivery slot payment refund return form chat agent
confirms account login password reset newsletter offer discount review rating survey onboarding
tutorial upgrade plan contract signs reads terms asks question"""
WORDS = tuple(_TEXT.split())
LANE_KINDS = ("touchpoints", "actions", "thoughts", "emotion", "pain", "opportunity",
              "backstage", "partner")
CHANNELS = ("Website", "Phone", "E-mail", "In person", "App", "", "", "")


def big_journey(n_cards: int = 5000, n_flows: int = 5000, seed: int = 1) -> Journey:
    """A 12 x 8 map with ``n_cards`` cards and ``n_flows`` flows, built through edits."""
    rnd = random.Random(seed)
    j = Journey("Benchmark")
    edits: list[E.Edit] = [E.AddStage(Stage(f"s{i}", f"Stage {i + 1}")) for i in range(12)]
    edits += [E.AddLane(Lane(f"l{i}", f"Lane {k}", k)) for i, k in enumerate(LANE_KINDS)]
    for i in range(n_cards):
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 12))).capitalize()
        edits.append(E.AddCard(Card(
            f"c{i}", f"s{rnd.randrange(12)}", f"l{rnd.randrange(8)}", 10**6, title,
            channel=rnd.choice(CHANNELS),
            emotion=rnd.choice((None, None, -2, -1, 0, 1, 2)),
            evidence=rnd.choice((None, "assumption", "anecdote", "data")),
        )))
    E.Compound(tuple(edits)).apply(j)
    stage_of = {c.id: int(c.stage[1:]) for c in j.cards}
    by_stage: dict[int, list[str]] = {}
    for cid, s in stage_of.items():
        by_stage.setdefault(s, []).append(cid)
    flows = []
    for i in range(n_flows):
        a = f"c{rnd.randrange(n_cards)}"
        step = rnd.choice((1, 1, 1, 2, 0, -1)) if rnd.random() > 0.02 else rnd.randint(-11, 11)
        target_stage = min(11, max(0, stage_of[a] + step))
        b = rnd.choice(by_stage[target_stage])
        flows.append(E.AddFlow(Flow(f"f{i}", a, b, rnd.choice(("normal", "normal",
                                                                "alternative", "failure")))))
    E.Compound(tuple(flows)).apply(j)
    return j


def median_ms(fn, runs: int) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    """Build the map, time the layout steps, print the medians."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    t = time.perf_counter()
    metrics()
    print(f"font metrics load: {(time.perf_counter() - t) * 1000:.1f} ms")
    j = big_journey(args.cards, args.cards)
    print(j)

    def cold() -> None:
        metrics()._faces[False].words.clear()  # noqa: SLF001 - measure real wrapping
        compute_layout(j)

    print(f"first compute (cold cache): {median_ms(cold, args.runs):.1f} ms")
    print(f"compute, no LayoutCache, warm word widths: "
          f"{median_ms(lambda: compute_layout(j), args.runs):.1f} ms")

    cache = LayoutCache()
    layouts = [compute_layout(j, cache=cache)]
    history = E.History(j)
    cards = [c.id for c in j.cards]
    rnd = random.Random(2)

    def move_one() -> None:
        card = j.card(rnd.choice(cards))
        history.do(E.move_card(card.id, card.stage, card.lane, 0))
        layouts.append(compute_layout(j, cache=cache))
        del layouts[:-2]  # an editor keeps one layout, not a history of them

    print(f"recompute after moving one card (warm LayoutCache): "
          f"{median_ms(move_one, args.runs * 3):.1f} ms")
    # A move whose effect is known: the 6th card of a cell to the top of it.
    before = compute_layout(j, cache=cache)
    key = max(before.cell_cards, key=lambda k: len(before.cell_cards[k]))
    moved = before.cell_cards[key][5]
    history.do(E.move_card(moved, key[0], key[1], 0))
    after = compute_layout(j, cache=cache)
    diff_ms = median_ms(lambda: diff_layouts(before, after), args.runs)
    d = diff_layouts(before, after)
    print(f"diff_layouts: {diff_ms:.1f} ms ({len(d.cards)} cards, {len(d.flows)} flows changed)")


if __name__ == "__main__":
    main()
