"""The change map: NEW with the changes marked, as PDF (page, poster), PNG and SVG."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader

from app.export.changemap import ADDED, CHANGED, MOVED, REMOVED, change_drawing
from app.export.changeview import ghost_id
from app.export.exporter import ExportOptions, page_plan
from app.model import edits
from app.model.diff import diff_maps
from app.model.journey import Card
from tests.model.helpers import small_journey


@pytest.fixture
def diff():
    old, new = small_journey(), small_journey()
    edits.AddCard(Card("c9", "s2", "l1", 0, "Pays with a wallet", "action")).apply(new)
    edits.remove_cards(["c4"]).apply(new)
    edits.move_card("c1", "s2", "l2", 0).apply(new)
    edits.update_card("c3", title="Checkout page", emotion=-1).apply(new)
    edits.update("stage", "s2", name="Purchase").apply(new)
    return diff_maps(old, new)


def _export(diff, path, **options):
    from app.export.changemap import export_change_map

    export_change_map(diff, str(path), ExportOptions(**options))
    return path


def _rgb(color):
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _near(pixel, color, tolerance=40):
    return max(abs(a - b) for a, b in zip(pixel[:3], _rgb(color), strict=True)) <= tolerance


def test_pdf_text_names_added_and_removed_cards(diff, tmp_path):
    reader = PdfReader(_export(diff, tmp_path / "change.pdf"))
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")
    for title in ("Pays with a wallet", "Receipt", "Checkout page", "Added cards",
                  "Removed cards", "Moved", "was: Buy"):
        assert title.replace(" ", "") in text, title


def _raster_pdf(path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[0].render(scale=1).to_pil().convert("RGB")
    finally:
        pdf.close()


def _raster_png(path):
    return Image.open(path).convert("RGB")


@pytest.mark.parametrize(("suffix", "raster"), [(".pdf", _raster_pdf), (".png", _raster_png)])
def test_marks_colours_sit_where_the_cards_are(diff, tmp_path, suffix, raster):
    options = {"dpi": 72} if suffix == ".png" else {}
    image = raster(_export(diff, tmp_path / f"change{suffix}", **options))
    drawing = change_drawing(diff)
    place = page_plan("x.pdf", drawing, ExportOptions()).placement

    def pixel(x, y):
        return image.getpixel((round(place.x + x * place.scale),
                               round(place.y + y * place.scale)))

    cards = drawing.layout.cards
    for card_id, color in (("c9", ADDED), (ghost_id("c4"), REMOVED), ("c1", MOVED)):
        r = cards[card_id].rect
        left = pixel(r.x - 3, r.y + r.h / 2)
        assert _near(left, color), (card_id, left, color)
        inside = pixel(r.x + r.w / 2, r.y + 3)  # the card itself is not painted over
        assert not _near(inside, color, 20), (card_id, inside)
    badge = cards["c3"].rect  # the badge pill straddles the top-right corner
    assert _near(pixel(badge.right - 9 + 3, badge.y - 6 + 7.5), CHANGED)


def test_poster_and_svg(diff, tmp_path):
    reader = PdfReader(_export(diff, tmp_path / "poster.pdf", poster=True, page="A5"))
    assert len(reader.pages) >= 2
    svg = _export(diff, tmp_path / "change.svg").read_text(encoding="utf-8")
    assert "Pays with a wallet" in svg and "Receipt" in svg
