"""The printed map puts every card where the screen does.

The PDF is rasterised with pdfium; the same page is painted with Qt (the
canvas's painting code), and the canvas scene itself is rendered.  For each
card fill colour, the centroid and area of its pixels must agree.
"""

import pypdfium2 as pdfium
import pytest
from PIL import Image

from app.export.drawing import build_drawing
from app.export.exporter import ExportOptions, export_map
from app.export.paper import plan_pages

DPI = 72  # one pixel per layout unit
TOLERANCE = 2  # per channel: anti-aliasing never reaches a card's interior


def rasterise_pdf(path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[0].render(scale=DPI / 72).to_pil().convert("RGB")
    finally:
        pdf.close()


def qimage_to_pil(img):
    rgb = img.convertToFormat(img.Format.Format_RGB888)
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()),
                            "raw", "RGB", rgb.bytesPerLine(), 1).copy()


def card_fills(drawing):
    """Fill colours of cards that no lane tint or header could be mistaken for."""
    layout = drawing.layout
    others = {h.tint for h in layout.lane_headers} | {h.fill for h in layout.lane_headers}
    others.add(drawing.style.background)

    def rgb(c):
        return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))

    def far(c):
        return all(max(abs(a - b) for a, b in zip(rgb(c), rgb(o), strict=True)) > 8
                   for o in others if o)

    return {rgb(c.fill): c.fill for c in layout.cards.values() if far(c.fill)}


def centroids(img, fills, offset=(0, 0)):
    """Colour -> (cx, cy, pixel count) of the pixels within TOLERANCE of it."""
    lookup = {}
    t = range(-TOLERANCE, TOLERANCE + 1)
    for r, g, b in fills:
        for dr in t:
            for dg in t:
                for db in t:
                    lookup[(r + dr, g + dg, b + db)] = (r, g, b)
    sums = {c: [0.0, 0.0, 0] for c in fills}
    w = img.width
    for i, px in enumerate(img.get_flattened_data()):
        c = lookup.get(px)
        if c is not None:
            s = sums[c]
            s[0] += i % w
            s[1] += i // w
            s[2] += 1
    return {c: (x / n + offset[0], y / n + offset[1], n) for c, (x, y, n) in sums.items() if n}


def fill_bounds(img, rect, fill, origin, reach=6):
    """Bounding box (page pixels) of ``fill`` pixels around ``rect``, or None.

    The window reaches ``reach`` pixels past the card, less than the gap to
    any other card, so it only sees this card's fill.
    """
    want = tuple(int(fill[i:i + 2], 16) for i in (1, 3, 5))
    x0, y0 = round(origin[0] + rect.x) - reach, round(origin[1] + rect.y) - reach
    box = img.crop((x0, y0, x0 + round(rect.w) + 2 * reach, y0 + round(rect.h) + 2 * reach))
    mask = Image.new("1", box.size)
    mask.putdata([max(abs(a - b) for a, b in zip(p, want, strict=True)) <= TOLERANCE
                  for p in box.get_flattened_data()])
    bounds = mask.getbbox()
    return None if bounds is None else (bounds[0] + x0, bounds[1] + y0,
                                        bounds[2] + x0, bounds[3] + y0)


def assert_same_places(a, b, fills, tol_px=1.0):
    assert set(a) == set(b) == set(fills)
    for c in fills:
        ax, ay, an = a[c]
        bx, by, bn = b[c]
        assert (ax, ay) == pytest.approx((bx, by), abs=tol_px), fills[c]
        assert an == pytest.approx(bn, rel=0.06), fills[c]


@pytest.fixture
def printed(sample, tmp_path):
    export_map(sample, tmp_path / "m.pdf", ExportOptions())
    drawing = build_drawing(sample)
    plan = plan_pages(drawing.width, drawing.height)
    return drawing, plan, rasterise_pdf(tmp_path / "m.pdf")


def test_pdf_cards_stand_where_the_layout_puts_them(printed):
    drawing, plan, pdf_img = printed
    ox, oy = plan.placement.x, plan.placement.y
    distinct = set(card_fills(drawing).values())
    checked = 0
    for card in drawing.layout.cards.values():
        if card.fill not in distinct:
            continue  # a pale assumption fill: too close to the lane's wash to tell apart
        checked += 1
        r = card.rect
        left = r.x + (card.stripe.w if card.stripe is not None else 0)
        expected = (ox + left, oy + r.y, ox + r.right, oy + r.bottom)
        found = fill_bounds(pdf_img, r, card.fill, (ox, oy))
        assert found == pytest.approx(expected, abs=3.0), card.id
    assert checked >= 7


def test_pdf_and_qt_image_agree(printed):
    from app.export.image import render_image

    drawing, plan, pdf_img = printed
    qt_img = qimage_to_pil(render_image(drawing, plan, DPI))
    assert qt_img.size == pdf_img.size
    fills = card_fills(drawing)
    assert_same_places(centroids(pdf_img, fills), centroids(qt_img, fills), fills)


def test_pdf_and_canvas_scene_agree(printed, qapp):
    # A broken import of the canvas is a failure here, never a skip.
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter, QUndoStack

    from app.canvas.scene import JourneyScene

    drawing, plan, pdf_img = printed
    layout = drawing.layout
    scene = JourneyScene(drawing.journey, QUndoStack())
    # The scene's map drawn where the PDF page has it, at the same scale.
    img = QImage(pdf_img.width, pdf_img.height, QImage.Format.Format_RGB32)
    img.fill(0xFFFFFFFF)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ox, oy = plan.placement.x, plan.placement.y
    scene.render(painter, QRectF(ox, oy, layout.width, layout.height),
                 QRectF(0, 0, layout.width, layout.height))
    painter.end()
    # The map only: the title block below it has swatches in the cards' colours.
    box = (int(ox), int(oy), int(ox + layout.width), int(oy + layout.height))
    fills = card_fills(drawing)
    assert_same_places(centroids(pdf_img.crop(box), fills),
                       centroids(qimage_to_pil(img).crop(box), fills), fills)
