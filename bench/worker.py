"""One measurement in its own process; `bench/run.py` starts these.

    python -m bench.worker TASK [options]      (from the project's root)

Prints one JSON object on stdout.  A fresh process per task keeps memory
peaks clean and makes every "open" start as cold as a user's.
"""

from __future__ import annotations

import argparse
import json
import sys

TASKS = ("prep", "open", "interactive", "base_open", "base_interactive", "exports",
         "baselines", "a1png")


def run(args: argparse.Namespace) -> dict:
    """Dispatch one task."""
    if args.task == "prep":
        from bench.baseline_qt import scene_data

        return scene_data(args.map, args.data)
    if args.task == "open":
        from bench.qt_editor import open_once

        return open_once(args.map)
    if args.task == "interactive":
        from bench.qt_editor import interactive

        return interactive(args.map, args.runs)
    if args.task == "base_open":
        from bench.baseline_qt import open_once

        return open_once(args.data, args.variant)
    if args.task == "base_interactive":
        from bench.baseline_qt import interactive

        return interactive(args.data, args.variant, args.runs, args.card, args.zoom)
    if args.task == "exports":
        from bench.exports import our_exports

        return our_exports(args.map, args.folder, args.runs, png=not args.no_png)
    if args.task == "baselines":
        from bench.baseline_qt import load_data
        from bench.exports import baselines

        return baselines(load_data(args.data), args.folder, args.runs)
    from bench.exports import poster_png_once

    return poster_png_once(args.map, args.folder)


def main(argv: list[str] | None = None) -> int:
    """Command line of a worker."""
    ap = argparse.ArgumentParser(description="Run one benchmark measurement.")
    ap.add_argument("task", choices=TASKS)
    ap.add_argument("--map", help="the .journey file")
    ap.add_argument("--data", help="the plain scene data file (see baseline_qt.scene_data)")
    ap.add_argument("--folder", help="where exports are written")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--variant", choices=("rects", "full"), default="full")
    ap.add_argument("--card", help="id of the card the baseline drags")
    ap.add_argument("--zoom", type=float, default=0.05, help="zoom of the fitted view")
    ap.add_argument("--no-png", action="store_true", help="skip the PNG export")
    args = ap.parse_args(argv)
    json.dump(run(args), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
