"""Measure `compute_layout` on a large map: 5,000 cards in 12 stages x 8
lanes with realistic titles, and 5,000 flows (mostly to the next stages,
some backward and long); ``--generated`` uses `bench/generate.py`'s map
instead (the one `bench/run.py` measures, with labelled flows).

Prints the median of several runs of: a first compute (cold cache, font
metrics already loaded); the first layout of a map being opened, hurried
for a 1600x1000 view at its top left, and the pass that finishes it; after
moving one card, a recompute with a warm `LayoutCache` without and with the
journey's announcements (incremental), and hurried for the view (what an
undo costs on the canvas) with its finishing pass; and `diff_layouts`.

    python bench/layout_bench.py [--cards N] [--runs N] [--generated]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `app` and `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.layout.geometry import LayoutCache, Rect, compute_layout, diff_layouts
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


#: The view a hurried layout serves (the benchmark's window, at the top left).
VIEW = Rect(0.0, 0.0, 1600.0, 1000.0)


def main() -> None:
    """Build the map, time the layout steps, print the medians."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--generated", action="store_true",
                    help="the map bench/run.py measures (bench/generate.py)")
    args = ap.parse_args()
    t = time.perf_counter()
    metrics()
    print(f"font metrics load: {(time.perf_counter() - t) * 1000:.1f} ms")
    if args.generated:
        from bench.generate import build

        j = build(args.cards)
    else:
        j = big_journey(args.cards, args.cards)
    print(j)

    def cold() -> None:
        metrics()._faces[False].words.clear()  # noqa: SLF001 - measure real wrapping
        compute_layout(j)

    print(f"first compute (cold cache): {median_ms(cold, args.runs):.1f} ms")
    print(f"compute, no LayoutCache, warm word widths: "
          f"{median_ms(lambda: compute_layout(j), args.runs):.1f} ms")
    _opening(j, args.runs)
    _after_a_move(j, args.runs)


def _opening(j: Journey, runs: int) -> None:
    firsts, rests = [], []
    for _ in range(runs):
        cache = LayoutCache()
        t = time.perf_counter()
        compute_layout(j, cache=cache, hurry=VIEW)
        firsts.append(time.perf_counter() - t)
        t = time.perf_counter()
        compute_layout(j, cache=cache, changes=[])
        rests.append(time.perf_counter() - t)
    print(f"opening: first screen {statistics.median(firsts) * 1000:.1f} ms, "
          f"then the rest {statistics.median(rests) * 1000:.1f} ms")


def _after_a_move(j: Journey, runs: int) -> None:
    cache = LayoutCache()
    heard: list = []
    j.subscribe(heard.append)
    layouts = [compute_layout(j, cache=cache)]
    history = E.History(j)
    cards = [c.id for c in j.cards]
    rnd = random.Random(2)

    def move(how: str) -> None:
        card = j.card(rnd.choice(cards))
        history.do(E.move_card(card.id, card.stage, card.lane, 0))
        if how == "full":
            layouts.append(compute_layout(j, cache=cache))
        elif how == "incremental":
            layouts.append(compute_layout(j, cache=cache, changes=list(heard)))
        else:
            layouts.append(compute_layout(j, cache=cache, changes=list(heard), hurry=VIEW))
        heard.clear()
        del layouts[:-2]  # an editor keeps one layout, not a history of them

    for how, what in (("full", "recompute, warm LayoutCache, no announcements"),
                      ("incremental", "incremental recompute (announcements)")):
        print(f"after moving one card to the top of its cell: {what}: "
              f"{median_ms(lambda how=how: move(how), runs * 3):.2f} ms")
    hurried, finishing = [], []
    for _ in range(runs * 3):
        hurried.append(median_ms(lambda: move("hurried"), 1))
        finishing.append(median_ms(lambda: compute_layout(j, cache=cache, changes=[]), 1))
    print(f"after moving one card: hurried for a 1600x1000 view "
          f"{statistics.median(hurried):.2f} ms, "
          f"then finishing {statistics.median(finishing):.2f} ms")
    # A move whose effect is known: the 6th card of a cell to the top of it.
    before = compute_layout(j, cache=cache)
    key = max(before.cell_cards, key=lambda k: len(before.cell_cards[k]))
    moved = before.cell_cards[key][5]
    history.do(E.move_card(moved, key[0], key[1], 0))
    after = compute_layout(j, cache=cache)
    diff_ms = median_ms(lambda: diff_layouts(before, after), runs)
    d = diff_layouts(before, after)
    print(f"diff_layouts: {diff_ms:.1f} ms ({len(d.cards)} cards, {len(d.flows)} flows changed)")


if __name__ == "__main__":
    main()
