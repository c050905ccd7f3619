"""Diff and merge of two 5,000-card maps that differ in 10 % of their cards,
and the change map of them laid out and drawn.

    python -m bench.compare_bench [--cards 5000] [--runs 5]

Each figure is in process, on maps already loaded (what ``journeymap diff``
and ``merge`` spend beyond reading the files), as median and minimum of
``--runs`` runs.  The changes: of every ten cards, one is edited (title and
emotion) on "ours", and one other is moved on "theirs"; 1 % of cards are
removed on ours and 1 % added on theirs.  "Compare overlay drawn" is the
change map: the ghost map, its layout, the marks, and one PNG page painted
at 20 dpi with the canvas's own painting code (offscreen Qt).  "Editor
compare overlay" is what compare mode does on an open map whose layout the
canvas already has: the diff, the marks with ghosts, and one paint of the
overlay over the whole map zoomed to fit a 1600 x 1000 view.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from collections.abc import Callable

from app.model import edits
from app.model.fileformat import from_dict, to_dict
from app.model.journey import Card, Journey
from bench.generate import build


def _clone(journey: Journey) -> Journey:
    return from_dict(copy.deepcopy(to_dict(journey)))


def branches(n: int) -> tuple[Journey, Journey, Journey]:
    """base, ours, theirs: 10 % of cards edited or moved on each side."""
    base = build(n)
    ours, theirs = _clone(base), _clone(base)
    cards = base.cards
    stages = [s.id for s in base.stages]
    for i, card in enumerate(cards):
        if i % 10 == 0:
            edits.update_card(card.id, title=card.title + " (new)", emotion=1).apply(ours)
        elif i % 10 == 5:
            target = stages[(stages.index(card.stage) + 1) % len(stages)]
            edits.move_card(card.id, target, card.lane, 0).apply(theirs)
    for card in cards[3::100]:
        edits.remove_cards([card.id]).apply(ours)
    for k, card in enumerate(cards[7::100]):
        edits.AddCard(Card(f"new{k}", card.stage, card.lane, 0, f"Added {k}")).apply(theirs)
    return base, ours, theirs


def _timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def _overlay(diff: object) -> None:
    from app.export import image
    from app.export.changemap import change_drawing
    from app.export.paper import plan_pages

    image.ensure_app()
    from PySide6.QtGui import QImage, QPainter

    drawing = change_drawing(diff)
    plan = plan_pages(drawing.width, drawing.height, None, None, False, 0.0)
    scale = 20 / 72
    img = QImage(int(plan.page_w * scale) + 1, int(plan.page_h * scale) + 1,
                 QImage.Format.Format_RGB32)
    painter = QPainter(img)
    painter.scale(scale, scale)
    image.paint_page(painter, drawing, plan)
    painter.end()


def _editor_overlay(old: Journey, layout: object, new: Journey) -> None:
    """What the editor's compare mode does after an edit: diff, marks, one paint
    of the overlay over the whole map zoomed to fit a 1600 x 1000 view."""
    from app.export import image
    from app.export.changemap import change_marks
    from app.model.diff import diff_maps
    from app.window.compare import ghost_rects

    image.ensure_app()
    from PySide6.QtGui import QImage, QPainter

    diff = diff_maps(old, new)
    marks = change_marks(diff, layout, ghost_rects(diff, layout))
    scale = min(1600 / layout.width, 1000 / layout.height)  # the view zoomed to fit
    img = QImage(1600, 1000, QImage.Format.Format_ARGB32)
    painter = QPainter(img)
    painter.scale(scale, scale)
    image.paint_primitives(painter, marks)
    painter.end()


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from app.model.diff import diff_maps
    from app.model.merge import merge_maps

    base, ours, theirs = branches(args.cards)
    result = merge_maps(base, ours, theirs)
    diff = diff_maps(base, result.journey)
    print(f"{args.cards} cards; merged diff: {len(diff.changed)} changed, "
          f"{len(diff.moved)} moved, {len(diff.added_cards)} added, "
          f"{len(diff.removed_cards)} removed; {len(result.conflicts)} conflicts")
    from app.layout.geometry import compute_layout

    layout = compute_layout(result.journey)  # the canvas has it already
    import tempfile

    from app.model.fileformat import load, save

    folder = tempfile.mkdtemp(prefix="jm-bench-")
    save(base, f"{folder}/base.journey")
    figures = {
        # For scale: the README's table has "Load the file" of the same map.
        "reference: load the base file": lambda: load(f"{folder}/base.journey"),
        "editor compare overlay (diff + marks + paint at fit)":
            lambda: _editor_overlay(base, layout, result.journey),
        "diff (with insights and emotion)": lambda: diff_maps(base, result.journey),
        "diff (changes only)": lambda: diff_maps(base, result.journey, derived=False),
        "merge": lambda: merge_maps(base, ours, theirs),
        "compare overlay drawn (change map, 20 dpi page)": lambda: _overlay(diff),
    }
    for name, fn in figures.items():
        median, low = _timed(fn, args.runs)
        print(f"{name}: median {median * 1000:.0f} ms (min {low * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
