"""Pathological text (megabytes in one label or title) is drawn shortened; the data stays whole."""

from __future__ import annotations

from dataclasses import replace

from pypdf import PdfReader

from app.export.drawing import build_drawing, drawn_view
from app.export.exporter import ExportOptions, export_map
from app.layout.clamp import ELLIPSIS, MAX_DRAWN_CHARS, MAX_LINE_CHARS, drawn_text
from app.layout.geometry import compute_layout
from app.layout.style import DEFAULT_STYLE
from app.model import edits
from app.model.fileformat import load, save, to_dict
from app.model.templates import load_template

HUGE = 5_000_000


def long_map():
    journey = load_template("online-store")
    flow = journey.flows[0]
    card = journey.cards[0]
    edits.Compound((
        edits.SetInfo("Checkout " * (HUGE // 9), journey.description),
        edits.RemoveFlow(flow.id),
        edits.AddFlow(replace(flow, label="label " * (HUGE // 6))),
    )).apply(journey)
    journey.card(card.id).notes = "n" * HUGE
    return journey


def test_the_drawing_gets_short_text_and_the_map_keeps_it_whole(tmp_path):
    journey = long_map()
    before = to_dict(journey)
    drawing = build_drawing(journey)
    shown = drawing.journey
    assert len(shown.title) == MAX_DRAWN_CHARS and shown.title.endswith(ELLIPSIS)
    assert all(len(f.label) <= MAX_DRAWN_CHARS for f in shown.flows)
    assert len(shown.card(journey.cards[0].id).notes) == MAX_DRAWN_CHARS
    assert to_dict(journey) == before
    save(journey, tmp_path / "m.journey")
    assert to_dict(load(tmp_path / "m.journey")) == before


def test_the_layout_the_canvas_draws_gets_short_text_too():
    journey = long_map()
    card = journey.cards[1]
    journey.card(card.id).title = "word " * (HUGE // 5)
    stage = journey.stages[0].id
    edits.UpdateEntity("stage", stage, (("name", "stage " * 100_000),)).apply(journey)
    layout = compute_layout(journey, DEFAULT_STYLE)  # what the canvas shows
    long_flow = next(f for f in journey.flows if len(f.label) > MAX_DRAWN_CHARS)
    label = layout.flows[long_flow.id].label
    assert label.startswith("label label") and len(label) == MAX_LINE_CHARS
    assert sum(map(len, layout.cards[card.id].title_lines)) < MAX_DRAWN_CHARS
    assert sum(map(len, layout.corner.lines)) < MAX_DRAWN_CHARS
    header = next(h for h in layout.stage_headers if h.id == stage)
    assert sum(map(len, header.lines)) < MAX_DRAWN_CHARS
    assert len(long_flow.label) == 6 * (HUGE // 6)  # the map keeps it whole


def test_the_pdf_shows_the_start_of_a_huge_title(tmp_path):
    export_map(long_map(), tmp_path / "m.pdf", ExportOptions(insights=True))
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "m.pdf").pages)
    assert "Checkout Checkout" in text
    assert text.count("Checkout") < MAX_DRAWN_CHARS  # not five million characters of it
    assert len(text) < 100 * MAX_DRAWN_CHARS


def test_a_map_without_long_text_is_drawn_as_it_is():
    journey = load_template("online-store")
    assert drawn_view(journey) is journey
    assert drawn_text("short") == "short"
    assert drawn_text("x" * (MAX_DRAWN_CHARS + 1)) == "x" * (MAX_DRAWN_CHARS - 1) + ELLIPSIS


def test_the_shortened_copy_keeps_every_card_in_its_place():
    journey = load_template("online-store")
    journey.card(journey.cards[-1].id).title = "t" * (MAX_DRAWN_CHARS * 3)
    view = drawn_view(journey)
    assert view is not journey
    assert [(c.id, c.stage, c.lane, c.order) for c in view.cards] == [
        (c.id, c.stage, c.lane, c.order) for c in journey.cards]
    assert [(f.id, f.source, f.target) for f in view.flows] == [
        (f.id, f.source, f.target) for f in journey.flows]
