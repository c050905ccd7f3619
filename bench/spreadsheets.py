"""Spreadsheet import and export against the CSV of the same map (issue 17).

    python -m bench.spreadsheets [--cards 5000] [--runs 7] [--json]

Writes a generated map (`bench/generate.py`) as CSV and as an ``.xlsx``
workbook, then times, in this one process and taking turns so that a busy
machine slows both alike: importing each file, and writing each.  The target
is that a workbook imports within 3x the time of the CSV of the same map; the
report says PASS or FAIL.  Both imports must give the very same map.  Wall
clock medians (minimum) of ``--runs`` samples, the garbage collector run
between samples; for the imports also the processor time, which a shared
machine disturbs less.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `app` importable
    sys.path.insert(0, str(ROOT))

from app.export.csv_export import export_csv  # noqa: E402
from app.export.xlsx_export import export_xlsx  # noqa: E402
from app.model.csv_import import import_csv  # noqa: E402
from app.model.fileformat import dumps  # noqa: E402
from app.model.xlsx_import import import_xlsx  # noqa: E402
from bench.generate import build  # noqa: E402
from bench.measure import file_mb, now, repeat, summary  # noqa: E402

#: A workbook may take this many times as long to import as the CSV.
TARGET_RATIO = 3.0


def measure(cards: int, runs: int) -> dict:
    """Time both imports and both exports of a map of ``cards`` cards."""
    journey = build(cards)
    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = Path(folder) / "map.csv", Path(folder) / "map.xlsx"
        export_csv(journey, csv_path)
        export_xlsx(journey, xlsx_path)
        if dumps(import_xlsx(xlsx_path)) != dumps(import_csv(csv_path)):
            raise RuntimeError("the workbook and the CSV import as different maps")
        times: dict[str, list[float]] = {key: [] for key in
                                         ("import_csv", "import_xlsx", "export_csv", "export_xlsx")}
        cpu: dict[str, list[float]] = {"import_csv": [], "import_xlsx": []}
        for _ in range(runs):  # taking turns: noise falls on both alike
            for key, read in (("import_csv", lambda: import_csv(csv_path)),
                              ("import_xlsx", lambda: import_xlsx(xlsx_path))):
                wall, used = _timed(read)
                times[key].append(wall)
                cpu[key].append(used)
            times["export_csv"] += repeat(lambda: export_csv(journey, csv_path), 1)
            times["export_xlsx"] += repeat(lambda: export_xlsx(journey, xlsx_path), 1)
        sizes = {"csv_mb": file_mb(csv_path), "xlsx_mb": file_mb(xlsx_path)}
    figures = {key: summary(samples) for key, samples in times.items()}
    figures |= {f"{key}_cpu": summary(samples) for key, samples in cpu.items()}
    ratio = figures["import_xlsx"]["median"] / figures["import_csv"]["median"]
    return {
        "cards": len(journey.cards), "flows": len(journey.flows), **sizes, **figures,
        "ratio": ratio, "pass": ratio <= TARGET_RATIO,
        "cpu_ratio": figures["import_xlsx_cpu"]["median"] / figures["import_csv_cpu"]["median"],
        "load": os.getloadavg(),
    }


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and processor time of ``fn()`` (the processor's is steadier on a busy machine)."""
    gc.collect()
    wall, used = now(), time.process_time()
    fn()
    return now() - wall, time.process_time() - used


def _ms(figure: dict) -> str:
    return f"{figure['median'] * 1000:.0f} ms ({figure['min'] * 1000:.0f} ms)"


def report(result: dict) -> str:
    """The figures as a Markdown table."""
    verdict = "PASS" if result["pass"] else "FAIL"
    return "\n".join([
        f"#### {result['cards']:,} cards, {result['flows']:,} flows; CSV "
        f"{result['csv_mb']:.1f} MB, workbook {result['xlsx_mb']:.1f} MB",
        "",
        "| figure | median (min) |",
        "|---|---|",
        f"| Import the CSV | {_ms(result['import_csv'])} |",
        f"| Import the workbook | {_ms(result['import_xlsx'])} |",
        f"| Export the CSV | {_ms(result['export_csv'])} |",
        f"| Export the workbook | {_ms(result['export_xlsx'])} |",
        f"| Import the CSV, processor time | {_ms(result['import_csv_cpu'])} |",
        f"| Import the workbook, processor time | {_ms(result['import_xlsx_cpu'])} |",
        "",
        f"Workbook import / CSV import: {result['ratio']:.2f}x "
        f"(target <= {TARGET_RATIO:g}x): {verdict}; in processor time "
        f"{result['cpu_ratio']:.2f}x. Load average "
        + " ".join(f"{n:.1f}" for n in result["load"]) + ".",
    ])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 when the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = measure(args.cards, args.runs)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
