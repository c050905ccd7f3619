"""The blueprint's lines stand where the layout puts them: in the PDF (read back from
the drawing's own operators), in the Qt image and on the canvas (their pixels)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from app.export.drawing import build_drawing
from app.export.exporter import ExportOptions, export_map
from app.layout.geometry import compute_layout
from app.model import edits
from app.model.templates import load_template

SEGMENT = re.compile(
    r"([\d.]+) ([\d.]+) ([\d.]+) RG ([\d.]+) w \[([\d. ]*)\] 0 d [^\n]*?\n?"
    r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S")


def _rgb(hex_color: str) -> tuple[float, float, float]:
    return tuple(round(int(hex_color[i:i + 2], 16) / 255, 2) for i in (1, 3, 5))


def _pdf_lines(path, height):
    """(colour, dash, x0, y, x1) of every stroked straight segment of the map's form."""
    reader = PdfReader(str(path))
    forms = [x.get_object() for x in reader.pages[0]["/Resources"]["/XObject"].values()]
    text = "\n".join(f.get_data().decode("latin-1") for f in forms)
    found = []
    for m in SEGMENT.finditer(text):
        r, g, b, _w, dash, x0, y0, x1, y1 = m.groups()
        if y0 != y1:
            continue
        color = tuple(round(float(v), 2) for v in (r, g, b))
        found.append((color, tuple(float(d) for d in dash.split()), float(x0),
                      round(height - float(y0), 2), float(x1)))
    return found


@pytest.fixture(scope="module")
def blueprint():
    return load_template("service-blueprint")


def test_the_template_has_all_three_lines(blueprint):
    lines = compute_layout(blueprint).blueprint_lines
    assert [(line.name, line.label) for line in lines] == [
        ("interaction", "Line of interaction"), ("visibility", "Line of visibility"),
        ("internal", "Line of internal interaction")]
    rows = compute_layout(blueprint).rows
    assert [line.y for line in lines] == [rows["tp"][0], rows["bs"][0], rows["sp"][0]]


def test_pdf_lines_stand_where_the_layout_puts_them(blueprint, tmp_path):
    export_map(blueprint, tmp_path / "m.pdf", ExportOptions())
    drawing = build_drawing(blueprint)
    drawn = _pdf_lines(tmp_path / "m.pdf", drawing.height)
    for line in drawing.layout.blueprint_lines:
        want = (_rgb(line.color), line.dash, line.x0, round(line.y, 2), line.x1)
        assert any(got[0] == want[0] and got[1] == pytest.approx(want[1])
                   and got[2:] == pytest.approx(want[2:], abs=0.01) for got in drawn), line.name
    # and their labels, twice each, as text
    text = PdfReader(str(tmp_path / "m.pdf")).pages[0].extract_text()
    for name in ("Line of interaction", "Line of visibility", "Line of internal interaction"):
        assert text.count(name) == 2


def _row_hits(img, y: int, color: str, x0: int, x1: int) -> int:
    want = tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))
    hits = 0
    for x in range(x0, x1):
        px = img.pixelColor(x, y)
        if max(abs(px.red() - want[0]), abs(px.green() - want[1]),
               abs(px.blue() - want[2])) <= 40:
            hits += 1
    return hits


def test_canvas_draws_the_layouts_lines_at_their_pixels(blueprint, qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter, QUndoStack

    from app.canvas.scene import JourneyScene

    layout = compute_layout(blueprint)
    scene = JourneyScene(blueprint, QUndoStack())
    item = scene.blueprint_lines_item()
    assert item.lines == layout.blueprint_lines
    w, h = int(layout.width), int(layout.height)
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(0xFFFFFFFF)
    painter = QPainter(img)
    scene.render(painter, QRectF(0, 0, w, h), QRectF(0, 0, w, h))
    painter.end()
    for line in layout.blueprint_lines:
        y = int(line.y)
        # the solid line covers its row between the cards; the dashed ones half of it
        on = _row_hits(img, y, line.color, int(layout.lane_header_width), w)
        assert on > (0.3 if line.dash else 0.6) * (w - layout.lane_header_width), line.name
        # nothing of the kind a few pixels away from it
        assert _row_hits(img, y + 6, line.color, int(layout.lane_header_width), w) < 40
    item.setVisible(False)
    img.fill(0xFFFFFFFF)
    painter = QPainter(img)
    scene.render(painter, QRectF(0, 0, w, h), QRectF(0, 0, w, h))
    painter.end()
    line = layout.blueprint_lines[1]
    assert _row_hits(img, int(line.y), line.color, int(layout.lane_header_width), w) < 40


def test_lines_follow_lane_moves_and_vanish(blueprint):
    j = load_template("service-blueprint")
    history = edits.History(j)
    # support lane to the top: nothing is above it any more, so no internal line
    history.do(edits.MoveLane("sp", 0))
    lines = {line.name: line.lane_id for line in compute_layout(j).blueprint_lines}
    assert lines == {"interaction": "tp", "visibility": "bs"}
    history.undo()
    lines = {line.name: line.lane_id for line in compute_layout(j).blueprint_lines}
    assert lines == {"interaction": "tp", "visibility": "bs", "internal": "sp"}
