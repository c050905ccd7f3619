"""The printed PDF and the canvas draw no flow through a card's title
(issue 14): the flows of `stacked_map` are all failure flows, drawn in a
red nothing else on the map has; no red pixel may fall in the title of a
card that is not one of the flow's ends, in the PDF rasterised or in the
canvas scene rendered at the same scale."""

import pypdfium2 as pdfium
from PIL import Image

from app.export.drawing import build_drawing
from app.export.exporter import ExportOptions, export_map
from app.export.paper import plan_pages
from app.layout.boxes import title_rect
from app.layout.style import DEFAULT_STYLE
from tests.layout.test_flow_titles import stacked_map

RED = tuple(int(DEFAULT_STYLE.flow_colors["failure"][i:i + 2], 16) for i in (1, 3, 5))


def reddish(px) -> bool:
    """A pixel of the failure red, or of its anti-aliased edge on a pale card."""
    r, g, b = px[:3]
    return r > 150 and r - g > 60 and r - b > 60


def red_in_titles(img: Image.Image, layout, origin, ends: set[str]) -> dict[str, int]:
    """Card id -> red pixels inside its title (a pixel in from each edge)."""
    out = {}
    for cid, card in layout.cards.items():
        if cid in ends:
            continue
        t = title_rect(card)
        box = (round(origin[0] + t.x) + 1, round(origin[1] + t.y) + 1,
               round(origin[0] + t.right) - 1, round(origin[1] + t.bottom) - 1)
        n = sum(reddish(px) for px in img.crop(box).get_flattened_data())
        if n:
            out[cid] = n
    return out


def red_count(img: Image.Image) -> int:
    return sum(reddish(px) for px in img.get_flattened_data())


def test_pdf_and_canvas_draw_no_flow_through_a_title(tmp_path, qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter, QUndoStack

    from app.canvas.scene import JourneyScene
    from tests.export.test_print_matches_screen import qimage_to_pil

    journey = stacked_map()
    export_map(journey, tmp_path / "m.pdf", ExportOptions())
    drawing = build_drawing(journey)
    layout = drawing.layout
    plan = plan_pages(drawing.width, drawing.height)
    pdf = pdfium.PdfDocument(str(tmp_path / "m.pdf"))
    try:
        pdf_img = pdf[0].render(scale=1.0).to_pil().convert("RGB")
    finally:
        pdf.close()
    origin = (plan.placement.x, plan.placement.y)
    # The cards that are no flow's end: no red may show in their titles
    # (on the old routes, back_far crossed t02 and t32, back_lanes a10 and a11).
    ends = {cid for p in layout.flows.values() for cid in (p.source, p.target)}
    assert {"t02", "t32", "a10", "a11"}.isdisjoint(ends)
    assert red_count(pdf_img) > 500  # the flows are drawn
    assert red_in_titles(pdf_img, layout, origin, ends) == {}
    scene = JourneyScene(journey, QUndoStack())
    img = QImage(pdf_img.width, pdf_img.height, QImage.Format.Format_RGB32)
    img.fill(0xFFFFFFFF)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(*origin, layout.width, layout.height),
                 QRectF(0, 0, layout.width, layout.height))
    painter.end()
    canvas_img = qimage_to_pil(img)
    assert red_count(canvas_img) > 500
    assert red_in_titles(canvas_img, layout, origin, ends) == {}


def test_a_label_with_room_only_on_a_card_shows_over_it_on_screen_as_in_print(qapp):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QUndoStack

    from app.canvas.items import CardItem, FlowItem
    from app.canvas.scene import JourneyScene
    from bench.generate import build

    journey = build(400, 1)
    scene = JourneyScene(journey, QUndoStack())
    over = [p for p in scene.layout.flows.values() if p.label_over]
    assert over  # a crowded map: some labels sit on a card (never on its title)
    for path in over:
        r = path.label_rect
        point = QPointF(r.x + r.w / 2, r.y + r.h / 2)
        top = [i for i in scene.items(point) if isinstance(i, (CardItem, FlowItem))]
        # No card hides it (another raised flow may share the spot).
        assert isinstance(top[0], FlowItem) and path.id in {
            i.flow_id for i in top if isinstance(i, FlowItem)}, path.id
