"""How loading a file and computing the insights grow with the map's size.

    python -m bench.model_scaling [--sizes 5000,20000] [--runs 5] [--editor]

For each size it writes a map with `bench/generate.py`, then, in ``--runs``
fresh processes each (the sizes taking turns), times one `fileformat.load`
(cold, as the editor opens a file) and the median of five
`analysis.insights` calls on the loaded map.
With ``--editor`` the insights are computed with the map open in the
editor's scene, as `bench/run.py` measures them (the scene's many Python
objects are what the cyclic garbage collector has to walk); this needs Qt.
It prints the median of each figure per size and the growth from the
smallest size to each larger one beside the linear growth (issue 7: no worse
than linear).  The ``_cpu`` figures are the same operations in processor
time of the measuring thread: on a busy machine they leave out the time
spent waiting for a processor, which weighs more on the longer runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `app` importable
    sys.path.insert(0, str(ROOT))

INSIGHT_RUNS = 5


def measure_once(path: str, editor: bool) -> dict[str, float]:
    """One fresh process's figures: a cold load, then the median insights time."""
    from bench.measure import now, repeat

    if editor:
        from bench.qt_editor import app

        app()
    from app.model import fileformat
    from app.model.analysis import insights

    t0, c0 = now(), time.thread_time()
    journey = fileformat.load(path)
    load, load_cpu = now() - t0, time.thread_time() - c0
    keep = None
    if editor:
        from bench.qt_editor import Editor

        keep = Editor(journey)
    cpu: list[float] = []

    def timed() -> None:
        start = time.thread_time()
        insights(journey)
        cpu.append(time.thread_time() - start)

    times = repeat(timed, INSIGHT_RUNS)
    del keep
    return {"load": load, "insights": statistics.median(times),
            "load_cpu": load_cpu, "insights_cpu": statistics.median(cpu)}


def measure(path: str, editor: bool) -> dict[str, float]:
    """One fresh process's figures for one map."""
    cmd = [sys.executable, "-m", "bench.model_scaling", "--one", path]
    if editor:
        cmd.append("--editor")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("BENCH_QPA", "offscreen"))
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description="Growth of load and insights times with size.")
    ap.add_argument("--sizes", default="5000,20000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--editor", action="store_true", help="insights with the scene open")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # worker: measure this file once
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure_once(args.one, args.editor)))
        return 0
    from app.model import fileformat
    from bench.generate import build

    sizes = [int(s) for s in args.sizes.split(",")]
    samples: dict[int, dict[str, list[float]]] = {size: {} for size in sizes}
    with tempfile.TemporaryDirectory(prefix="jm-scaling-") as folder:
        paths = {}
        for size in sizes:
            paths[size] = os.path.join(folder, f"map-{size}.journey")
            fileformat.save(build(size), paths[size])
        # The sizes take turns, so that a change in the machine's load
        # while measuring weighs on every size alike.
        for _ in range(args.runs):
            for size in sizes:
                for key, value in measure(paths[size], args.editor).items():
                    samples[size].setdefault(key, []).append(value)
    medians = {size: {k: statistics.median(v) for k, v in samples[size].items()}
               for size in sizes}
    for size in sizes:
        spread = ", ".join(
            f"{k} min {min(v) * 1000:.1f} max {max(v) * 1000:.1f} ms"
            for k, v in samples[size].items()
            if not k.endswith("_cpu")
        )
        print(f"{size:>7,} cards: " + ", ".join(
            f"{k} {m * 1000:.1f} ms" for k, m in medians[size].items()
        ) + f"  ({spread})")
    base = sizes[0]
    for size in sizes[1:]:
        growth = ", ".join(
            f"{k} x{medians[size][k] / medians[base][k]:.2f}" for k in medians[size]
        )
        print(f"growth {base:,} -> {size:,} (linear x{size / base:.1f}): {growth}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
