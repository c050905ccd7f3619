"""A quick loop for one figure of `bench/run.py`: drop and undo of a move
(and, with ``--drag``, drag frames), in one open editor, without the rest
of the interactive measurements.

    python -m bench.undo_probe MAP.journey [--runs 15] [--drag]

Prints the median and minimum of each, in milliseconds.  The same code
paths as `bench.qt_editor.interactive` (it calls its helpers).
"""

from __future__ import annotations

import argparse
import sys

from app.model import fileformat
from bench.qt_editor import Editor, _drag_frames, _undo_moves, app


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description="Time drop and undo of a move (and drag frames).")
    ap.add_argument("map", help="the .journey file (bench/generate.py writes them)")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--drag", action="store_true", help="also time drag frames")
    args = ap.parse_args(argv)
    app()
    editor = Editor(fileformat.load(args.map))
    editor.repaint()
    figures = {}
    if args.drag:
        figures["drag"] = _drag_frames(editor, args.runs)[0]
    figures["drop"], figures["undo"], figures["undo_paint"] = _undo_moves(editor, args.runs)
    for name, got in figures.items():
        print(f"{name:11} median {got['median'] * 1e3:7.2f} ms   min {got['min'] * 1e3:7.2f} ms"
              f"   (n={got['n']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
