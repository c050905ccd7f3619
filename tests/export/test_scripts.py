"""Text in every script prints as the screen shows it, and reads back.

Needs the fonts `.ci/run` installs (fonts-noto-core, fonts-droid-fallback,
fonts-nanum, fonts-symbola): the real fallback chain is exercised.
"""

import dataclasses
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from app.export.drawing import build_drawing
from app.export.exporter import ExportOptions, export_map
from app.export.paper import plan_pages
from app.layout.fonts import chain
from app.layout.style import DEFAULT_STYLE
from app.model.fileformat import save
from tests.export.scripts_sample import TITLES, scripts_map

ROOT = Path(__file__).resolve().parents[2]
WIDE = dataclasses.replace(DEFAULT_STYLE, card_width=560.0)
SCALE = 2  # raster pixels per point: 1 pt = 2 px


def _installed(text):
    fb = chain(False)
    return all(fb.face_for(ord(ch)) is not None for ch in text
               if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Mc", "Cf"))


pytestmark = pytest.mark.skipif(
    not all(_installed(t) for t in TITLES.values()),
    reason="the fonts .ci/run installs are missing (fonts-noto-core, fonts-droid-fallback, "
           "fonts-nanum, fonts-symbola)")


@pytest.fixture(scope="module")
def wide_pdf(tmp_path_factory):
    """Every title on one line of its own card (wide cards), one card per row."""
    path = tmp_path_factory.mktemp("scripts") / "scripts.pdf"
    export_map(scripts_map(), path, ExportOptions(style=WIDE))
    return path


@pytest.mark.parametrize("script", list(TITLES))
def test_extracted_text_is_the_title_in_logical_order(wide_pdf, script):
    lines = pypdf.PdfReader(wide_pdf).pages[0].extract_text().splitlines()
    assert TITLES[script] in lines


#: Titles whose direction changes inside the line: right-to-left and
#: left-to-right paragraphs, Hebrew, digits.
MIXED = {
    "arabic_iphone": "العميل يفتح تطبيق iPhone الجديد",
    "latin_arabic": "Call مركز الاتصال today",
    "hebrew_gmail": "הלקוח פותח את Gmail במחשב",
    "arabic_digits": "تطبيق iPhone 15 Pro الجديد",
}
BIDI_CONTROLS = dict.fromkeys(range(0x202A, 0x202F), " ")  # embeddings bound words too


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    export_map(scripts_map(MIXED), path, ExportOptions(style=WIDE))
    return path


@pytest.mark.parametrize("name", list(MIXED))
def test_mixed_direction_titles_read_back_with_their_spaces(mixed_pdf, name):
    title = MIXED[name]
    # In reading order, the spaces where the direction changes included.
    assert title in pypdf.PdfReader(mixed_pdf).pages[0].extract_text().splitlines()
    # pdftotext lays a line out by position (right-to-left pieces between
    # bidi embedding marks): no two words run together either.
    out = subprocess.run(["pdftotext", str(mixed_pdf), "-"], capture_output=True, text=True,
                         check=True).stdout.translate(BIDI_CONTROLS)
    assert set(title.split()) <= set(out.split())


def test_emoji_copy_as_themselves(wide_pdf):
    maps = b"".join(f["/ToUnicode"].get_object().get_data()
                    for f in _type0_fonts(wide_pdf).values())
    # U+1F600 as its UTF-16 surrogate pair, not the truncated <1F60>.
    assert b"<D83DDE00>" in maps


def _type0_fonts(path):
    reader = pypdf.PdfReader(path)
    seen = {}
    for i in range(1, 2000):
        try:
            obj = reader.get_object(i)
        except Exception:  # noqa: BLE001 - sparse object numbers
            continue
        if isinstance(obj, pypdf.generic.DictionaryObject) and obj.get("/Subtype") == "/Type0":
            seen[str(obj["/BaseFont"])] = obj
    return seen


def test_every_font_used_is_embedded_and_no_glyph_is_notdef(wide_pdf):
    fonts = _type0_fonts(wide_pdf)
    names = " ".join(fonts)
    # The fallback chain really ran: scripts the bundled font lacks came from others.
    assert len(fonts) >= 4, names
    for name, font in fonts.items():
        cid_font = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in cid_font["/FontDescriptor"].get_object(), name
        gid_map = cid_font["/CIDToGIDMap"].get_object().get_data()
        gids = [int.from_bytes(gid_map[i:i + 2], "big") for i in range(2, len(gid_map), 2)]
        assert gids and 0 not in gids, f"{name} draws .notdef"


def test_rtl_titles_are_flush_right():
    drawing = build_drawing(scripts_map(), style=WIDE)
    for script in ("arabic", "hebrew", "mixed"):
        card = drawing.layout.cards[script]
        assert card.title_rtl
        from app.layout.text import metrics

        w = metrics().width(card.title_lines[0], card.title_size)
        right = card.rect.right - WIDE.card_pad_x
        assert card.title_xs[0] + w == pytest.approx(right, abs=0.5)
    assert not drawing.layout.cards["greek"].title_rtl
    assert not drawing.layout.cards["greek"].title_xs


# ------------------------------------------------------- screen and paper agree
def _ink_box(img, rect, origin):
    """Bounding box (pt) of the text ink inside a card (its border left out)."""
    x0 = round((origin[0] + rect.x + 3) * SCALE)
    y0 = round((origin[1] + rect.y + 3) * SCALE)
    x1 = round((origin[0] + rect.right - 3) * SCALE)
    y1 = round((origin[1] + rect.bottom - 3) * SCALE)
    box = img.crop((x0, y0, x1, y1)).convert("L").point(lambda v: 255 if v < 140 else 0)
    b = box.getbbox()
    assert b is not None, "no text drawn"
    return tuple(v / SCALE for v in (b[0] + x0, b[1] + y0, b[2] + x0, b[3] + y0))


def test_pdf_and_canvas_draw_the_same_text_in_the_same_boxes(tmp_path, qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter, QUndoStack

    from app.canvas.scene import JourneyScene

    journey = scripts_map()
    export_map(journey, tmp_path / "m.pdf", ExportOptions())
    drawing = build_drawing(journey)
    plan = plan_pages(drawing.width, drawing.height)
    pdf = pdfium.PdfDocument(str(tmp_path / "m.pdf"))
    pdf_img = pdf[0].render(scale=SCALE).to_pil().convert("RGB")
    pdf.close()
    layout = drawing.layout
    scene = JourneyScene(drawing.journey, QUndoStack())
    img = QImage(pdf_img.width, pdf_img.height, QImage.Format.Format_RGB32)
    img.fill(0xFFFFFFFF)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ox, oy = plan.placement.x, plan.placement.y
    scene.render(painter, QRectF(ox * SCALE, oy * SCALE, layout.width * SCALE,
                                 layout.height * SCALE),
                 QRectF(0, 0, layout.width, layout.height))
    painter.end()
    rgb = img.convertToFormat(QImage.Format.Format_RGB888)
    canvas_img = Image.frombuffer("RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()),
                                  "raw", "RGB", rgb.bytesPerLine(), 1).copy()
    for script in TITLES:
        card = layout.cards[script]
        on_paper = _ink_box(pdf_img, card.rect, (ox, oy))
        on_screen = _ink_box(canvas_img, card.rect, (ox, oy))
        assert on_paper == pytest.approx(on_screen, abs=1.0), script
        # ... and the text stays inside its card.
        assert ox + card.rect.x < on_paper[0] and on_paper[2] < ox + card.rect.right, script


# ------------------------------------------------------------ missing fonts
def test_characters_no_font_has_are_named_with_their_cards(tmp_path):
    save(scripts_map({"zh": "客户通过电话", "fine": "All good"}), tmp_path / "m.journey")
    env = {**os.environ, "JOURNEYMAP_NO_SYSTEM_FONTS": "1"}
    out = subprocess.run([sys.executable, "-m", "app", "export", str(tmp_path / "m.journey"),
                          "-o", str(tmp_path / "m.pdf")], capture_output=True, text=True,
                         cwd=ROOT, env=env, check=False)
    assert out.returncode == 0, out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1
    assert "客 (U+5BA2)" in lines[0] and "used on card zh;" in lines[0]
    assert "fine" not in lines[0]


def test_a_map_every_font_covers_exports_without_a_note(tmp_path):
    notes = export_map(scripts_map(), tmp_path / "m.pdf", ExportOptions())
    assert notes == []


def test_export_dialog_names_characters_no_font_has(qtbot, tmp_path):
    from app.panels.export_dialog import ExportDialog

    odd = "\U0010fffd"  # private use, plane 16: no font maps it
    assert chain(False).face_for(ord(odd)) is None
    dlg = ExportDialog(scripts_map({"odd": f"Sign {odd} here", "ok": "Fine"}),
                       str(tmp_path / "m.pdf"))
    qtbot.addWidget(dlg)
    dlg.start_export()
    qtbot.waitUntil(lambda: not dlg.running(), timeout=20000)
    status = dlg.status_label.text()
    assert status.startswith("Wrote ") and "U+10FFFD" in status and "card odd" in status
