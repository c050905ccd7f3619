"""Dots drawn from the layout (canvas and PDF alike) and the Priorities page
of a PDF exported with insights."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QColor, QUndoStack

from app.canvas.scene import JourneyScene
from app.export.exporter import ExportOptions, export_map
from app.layout.dots import MAX_DOTS
from app.layout.style import DEFAULT_STYLE
from app.model.edits import update_card
from app.model.fileformat import load
from tests.canvas.test_canvas_render import close, render

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"
#: card id -> (votes, impact, effort)
VOTES = {"p1": (3, 5, 1), "o1": (12, 4, 2), "p2": (1, 3, 4), "o2": (0, 2, 5)}


def voted():
    journey = load(SAMPLE)
    for cid, (votes, impact, effort) in VOTES.items():
        update_card(cid, votes=votes, impact=impact, effort=effort).apply(journey)
    return journey


def test_the_layout_puts_one_dot_per_vote_inside_the_card_below_its_text(qapp):
    scene = JourneyScene(voted(), QUndoStack())
    boxes = scene.layout.cards
    assert boxes["p1"].dots is not None and len(boxes["p1"].dots.rects) == 3
    many = boxes["o1"].dots
    assert (len(many.rects), many.label) == (MAX_DOTS, "+2")
    assert not boxes["o2"].dots.rects and not boxes["t1"].dots.rects
    for cid in ("p1", "o1"):
        box = boxes[cid]
        text_bottom = max([*box.title_baselines, box.meta_baseline or 0])
        for r in box.dots.rects:
            assert box.rect.contains(r.x, r.y) and box.rect.contains(r.right, r.bottom)
            assert r.y > text_bottom


def test_the_canvas_draws_each_dot_where_the_layout_puts_it(qapp):
    scene = JourneyScene(voted(), QUndoStack())
    image = render(scene)
    ink = QColor(DEFAULT_STYLE.vote_dot_color)
    for cid in ("p1", "o1"):
        for r in scene.layout.cards[cid].dots.rects:
            assert close(image.pixelColor(int(r.cx), int(r.cy)), ink, 24), cid
    # No dot where a card has none: the fill there.
    plain = scene.layout.cards["o2"]
    first = scene.layout.cards["p1"].dots.rects[0]
    spot = image.pixelColor(int(plain.rect.x + first.cx - scene.layout.cards["p1"].rect.x),
                            int(plain.rect.bottom - (scene.layout.cards["p1"].rect.bottom
                                                     - first.cy)))
    assert not close(spot, ink, 24)


def test_a_pdf_with_insights_ends_with_the_priorities_page(tmp_path):
    out = tmp_path / "map.pdf"
    export_map(voted(), out, ExportOptions(insights=True))
    pages = PdfReader(out).pages
    map_text = pages[0].extract_text()
    assert "+2" in map_text  # the label after the tenth dot
    last = pages[-1].extract_text().replace("\n", " ")
    assert last.startswith("Priorities")
    assert "Ranked: 4" in last and "Quick wins: 2" in last
    assert "1. Fee calculator" in last  # 12 dots: first
    assert "Impact" in last and "Effort" in last
    plain = tmp_path / "plain.pdf"
    export_map(voted(), plain, ExportOptions())
    assert len(PdfReader(plain).pages) == 1


def test_no_priorities_page_without_pain_points_or_opportunities(tmp_path):
    journey = load(SAMPLE)
    for card in [c for c in journey.cards if c.kind in ("pain", "opportunity")]:
        update_card(card.id, kind="note").apply(journey)
    out = tmp_path / "map.pdf"
    export_map(journey, out, ExportOptions(insights=True))
    assert all("Priorities" not in p.extract_text()[:20] for p in PdfReader(out).pages)
