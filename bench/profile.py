"""Profile one benchmark operation with pyinstrument (optional: ``pip install pyinstrument``).

    python -m bench.profile OPERATION [--cards 5000] [--repeat N] [--html out.html]

OPERATION is one of: load, open, repaint100, repaintfit, drag, undo, pdf,
poster, png, a1png, insights.  The map is generated in memory and saved to a
temporary file first; the operation is repeated ``--repeat`` times under
the profiler so that short ones collect enough samples.  Prints the call
tree (functions taking at least 1 % of the time) to stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OPERATIONS = ("load", "open", "repaint100", "repaintfit", "drag", "undo", "pdf", "poster", "png",
              "a1png", "insights")


def _editor_operation(name: str, path: str) -> Callable[[], object]:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.canvas.undo import push_edit
    from app.model import fileformat
    from app.model.edits import MoveCards
    from bench.qt_editor import Editor, app, drag_card, process_until_painted

    app()
    if name == "open":
        return lambda: Editor(fileformat.load(path))
    editor = Editor(fileformat.load(path))
    if name == "repaint100":
        return editor.repaint
    if name == "repaintfit":
        editor.view.zoom_to_fit()
        QApplication.processEvents()
        return editor.repaint
    cid, point = drag_card(editor)
    if name == "undo":
        card = editor.journey.card(cid)
        stages = [s.id for s in editor.journey.stages]
        there = stages[(stages.index(card.stage) + 1) % len(stages)]
        edit = MoveCards(((cid, there, card.lane, 0),), "Move card")

        def undo() -> None:
            push_edit(editor.stack, editor.journey, edit)
            editor.stack.undo()

        return undo
    viewport = editor.view.viewport()
    pos = editor.view.mapFromScene(point)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    state = {"pos": pos + QPoint(QApplication.startDragDistance() + 4, 0), "sign": 1}
    QTest.mouseMove(viewport, state["pos"])

    def frame() -> None:
        state["sign"] = -state["sign"]
        state["pos"] = state["pos"] + QPoint(3 * state["sign"], 0)
        before = editor.painted.count
        QTest.mouseMove(viewport, state["pos"])
        process_until_painted(editor.painted, before)

    return frame


def operation(name: str, path: str, folder: str) -> Callable[[], object]:
    """The function to profile (set up, untimed, before it is returned)."""
    from app.model import fileformat

    if name == "load":
        return lambda: fileformat.load(path)
    if name == "insights":
        from app.model.analysis import insights

        journey = fileformat.load(path)
        return lambda: insights(journey)
    if name in ("pdf", "poster", "png", "a1png"):
        from app.export.exporter import ExportOptions, export_map
        from app.layout.text import register_pdf_fonts

        register_pdf_fonts()
        journey = fileformat.load(path)
        options, suffix = {
            "pdf": (ExportOptions(), ".pdf"),
            "poster": (ExportOptions(page="A4", poster=True), ".pdf"),
            "png": (ExportOptions(dpi=150), ".png"),
            "a1png": (ExportOptions(page="A1", dpi=300), ".png"),
        }[name]
        target = os.path.join(folder, "out" + suffix)
        return lambda: export_map(journey, target, options)
    return _editor_operation(name, path)


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description="Profile one benchmark operation.")
    ap.add_argument("operation", choices=OPERATIONS)
    ap.add_argument("--cards", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--html", help="also write pyinstrument's HTML view here")
    args = ap.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        ap.error("pyinstrument is not installed: pip install pyinstrument")
    from app.model import fileformat
    from bench.generate import build

    with tempfile.TemporaryDirectory(prefix="jm-profile-") as folder:
        path = os.path.join(folder, "map.journey")
        fileformat.save(build(args.cards), path)
        fn = operation(args.operation, path, folder)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.repeat):
            fn()
        profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False,
                               time="percent_of_total"))
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
