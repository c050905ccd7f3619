"""Benchmark Journeymap on large generated maps, beside raw Qt and reportlab.

    ./dev.sh bench [--sizes 500,5000,20000] [--runs 5] [--json]
    python bench/run.py ...                      (the same, in the venv)

For each size it writes a map with `bench/generate.py`, then measures in
fresh processes (`bench/worker.py`): opening the file in the editor (load,
scene, first paint of a 1600x1000 view) once per process, so that every
open is cold and its memory peak clean; repaints, drag frames, undo and
insights in one open editor; PDF, poster PDF and PNG exports; the PNG of an
A1 poster at 300 dpi (5,000 cards only) once per process for its memory
peak; and the raw baselines.  It prints one Markdown table per size, our
figure beside its baseline, and the targets of issue 7 with PASS/FAIL
(``--json``: everything as JSON instead).  Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `app` importable
    sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.generate import build  # noqa: E402
from bench.measure import file_mb, summary  # noqa: E402

#: The A1 poster PNG is measured at this size only (the issue's target size).
A1_SIZE = 5000


def log(message: str) -> None:
    """Progress on stderr (stdout carries the report)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def worker(task: str, **options: object) -> dict:
    """Run ``python -m bench.worker TASK`` in a fresh process; its JSON answer."""
    cmd = [sys.executable, "-m", "bench.worker", task]
    for key, value in options.items():
        if value is True:
            cmd.append(f"--{key.replace('_', '-')}")
        elif value is not None and value is not False:
            cmd += [f"--{key.replace('_', '-')}", str(value)]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("BENCH_QPA", "offscreen"))
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"worker {task} failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fresh(task: str, runs: int, **options: object) -> list[dict]:
    """The same task in ``runs`` fresh processes."""
    return [worker(task, **options) for _ in range(runs)]


def measure_size(cards: int, runs: int, folder: str) -> dict:
    """Every figure for one map size."""
    path = os.path.join(folder, f"bench-{cards}.journey")
    data = os.path.join(folder, f"bench-{cards}.json")
    log(f"{cards:,} cards: generating")
    journey = build(cards)
    from app.model import fileformat

    fileformat.save(journey, path)
    result: dict = {"map": {"cards": cards, "flows": len(journey.flows), "mb": file_mb(path)}}
    del journey
    result["map"].update(worker("prep", map=path, data=data))
    ours: dict = {}
    log(f"{cards:,} cards: opening in the editor, {runs} fresh processes")
    opens = fresh("open", runs, map=path)
    for key in ("load", "build_paint", "open"):
        ours[key] = summary([o[key] for o in opens])
    ours["peak_mb"] = max(o["peak_mb"] for o in opens)
    ours["startup_mb"] = statistics.median(o["startup_mb"] for o in opens)
    if any(o["blank"] for o in opens):
        raise RuntimeError("the editor painted nothing: the open figures would be meaningless")
    log(f"{cards:,} cards: repaints, drag, undo, insights")
    ours.update(worker("interactive", map=path, runs=runs))
    ours.update(_exports(cards, path, runs, folder))
    result["ours"] = ours
    result["base"] = _baselines(cards, data, runs, folder, ours)
    return result


def _exports(cards: int, path: str, runs: int, folder: str) -> dict:
    log(f"{cards:,} cards: exports (PDF, poster on A4, PNG at 150 dpi), {runs} runs each")
    out = worker("exports", map=path, folder=folder, runs=runs)
    if cards == A1_SIZE:
        log(f"{cards:,} cards: PNG of an A1 poster at 300 dpi, {runs} fresh processes")
        a1 = fresh("a1png", runs, map=path, folder=folder)
        out["a1png"] = {**summary([x["time"] for x in a1]), "mb": a1[0]["mb"],
                        "pixels": a1[0]["pixels"]}
        out["a1png_peak_mb"] = max(x["peak_mb"] for x in a1)
    return out


def _baselines(cards: int, data: str, runs: int, folder: str, ours: dict) -> dict:
    base: dict = {}
    log(f"{cards:,} cards: raw Qt baselines")
    for variant in ("rects", "full"):
        opens = fresh("base_open", runs, data=data, variant=variant)
        base[f"qt_{variant}_open"] = summary([o["build_paint"] for o in opens])
        base[f"qt_{variant}_peak_mb"] = max(o["peak_mb"] for o in opens)
    inter = worker("base_interactive", data=data, variant="full", runs=runs,
                   card=ours.get("drag_info", {}).get("card"), zoom=ours.get("fit_zoom", 0.05))
    base.update({f"qt_{k}": v for k, v in inter.items()})
    log(f"{cards:,} cards: raw reportlab baselines")
    base.update(worker("baselines", data=data, folder=folder, runs=runs))
    return base


def _machine() -> str:
    cpus = os.cpu_count()
    import PySide6
    import reportlab

    return (f"{cpus} CPU cores, Python {platform.python_version()}, PySide6 "
            f"{PySide6.__version__}, reportlab {reportlab.Version}, offscreen Qt")


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    ap = argparse.ArgumentParser(description="Benchmark Journeymap on large generated maps.")
    ap.add_argument("--sizes", default="500,5000,20000",
                    help="comma-separated card counts (default 500,5000,20000)")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes must be numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1 or args.runs < 1:
        ap.error("--sizes and --runs must be positive")
    started = time.perf_counter()
    results: dict = {"meta": {
        "command": "./dev.sh bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "date": datetime.date.today().isoformat(), "machine": _machine(),
        "runs": args.runs, "load_before": _load(),
    }, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="jm-bench-") as folder:
        for cards in sizes:
            results["sizes"][str(cards)] = measure_size(cards, args.runs, folder)
    results["meta"]["load_after"] = _load()
    results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    results["targets"] = [vars(v) for v in report.verdicts(results)]
    log(f"done in {results['meta']['seconds']:.0f} s")
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
