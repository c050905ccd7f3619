"""`journeymap check --json` on a 5,000-card service blueprint (issue 12: under 0.2 s).

    python -m bench.blueprint_check [--cards 5000] [--runs 7]

Builds `bench/generate.py`'s map, turns its lanes into a blueprint's
(evidence, actions, touchpoints, frontstage, backstage, support, thoughts,
pain) and gives a third of the cards a wait and a tenth a fail point, then
prints the medians of: loading the file, all insights (`analysis.insights`,
what ``check --json`` prints) and a whole ``journeymap check --json`` process.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BLUEPRINT_KINDS = ("evidence", "actions", "touchpoints", "frontstage", "backstage", "support",
                   "thoughts", "pain")


def blueprint_map(n_cards: int):
    """The benchmark map with a blueprint's lanes, waits and fail points."""
    from bench.generate import build

    journey = build(n_cards)
    rnd = random.Random(12)
    for lane, kind in zip(journey.lanes, BLUEPRINT_KINDS, strict=False):
        journey.update_entity("lane", lane.id, {"kind": kind})
    for card in journey.cards:
        changes = {}
        if rnd.random() < 0.33:
            changes["wait"] = rnd.choice((5, 30, 90, 1440))
        if rnd.random() < 0.1:
            changes["fail_point"] = True
        if changes:
            journey.update_card(card.id, changes)
    return journey


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    from app.model.analysis import insights
    from app.model.fileformat import load, save

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "blueprint.journey"
        save(blueprint_map(args.cards), path)
        loads, found, found_cpu = [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            journey = load(path)
            t1, c1 = time.perf_counter(), time.process_time()
            json.dumps(insights(journey))
            found.append(time.perf_counter() - t1)
            found_cpu.append(time.process_time() - c1)
            loads.append(t1 - t0)
        procs = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "app", "check", str(path), "--json"],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            procs.append(time.perf_counter() - t0)
    print(f"{args.cards} cards, median of {args.runs}:")
    print(f"  load:                      {statistics.median(loads) * 1000:7.1f} ms")
    print(f"  insights (check --json):   {statistics.median(found) * 1000:7.1f} ms")
    # On a shared machine the processor time is the figure that does not wait its turn.
    print(f"  insights, processor time:  {statistics.median(found_cpu) * 1000:7.1f} ms")
    print(f"  whole check --json process:{statistics.median(procs) * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
