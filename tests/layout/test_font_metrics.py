"""The bundled fonts' metrics files say what reportlab reads from the fonts,
and the text metrics start without importing reportlab."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from app.layout import fontmetrics
from app.layout.text import FONT_FILES, TextMetrics


@pytest.mark.parametrize("weight", sorted(FONT_FILES))
def test_the_metrics_file_holds_what_reportlab_reads_from_the_font(weight):
    font = FONT_FILES[weight]
    assert fontmetrics.metrics_path(font).exists()
    # (Run `python -m app.layout.fontmetrics` after changing a bundled font.)
    assert fontmetrics.read_face(font) == fontmetrics.from_reportlab(font)


def test_a_metrics_file_of_another_font_is_ignored(tmp_path):
    font = tmp_path / "Face.ttf"
    shutil.copyfile(FONT_FILES["regular"], font)
    fontmetrics.write_metrics(font)
    with open(font, "ab") as fh:
        fh.write(b"\0" * 4)  # another font now: the numbers must come from it
    text = fontmetrics.metrics_path(font).read_text()
    fontmetrics.metrics_path(font).write_text(text.replace('"ascent":', '"ascent":1', 1))
    assert fontmetrics.read_face(font) == fontmetrics.from_reportlab(font)


def test_measuring_text_does_not_import_reportlab():
    code = ("import sys; from app.layout.text import metrics; "
            "w = metrics().width('Parcel collected', 12); "
            "print(w > 0, any(m.startswith('reportlab') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True", "False"]


def test_widths_are_the_same_as_reportlabs():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.layout.text import register_pdf_fonts

    names = register_pdf_fonts()
    m = TextMetrics()
    for text in ("Parcel collected and tracked", "Ünïcödé — “quotes” …", "WAVE 0123"):
        for bold in (False, True):
            want = stringWidth(text, names["bold" if bold else "regular"], 11)
            assert m.width(text, 11, bold) == pytest.approx(want, abs=1e-9)
