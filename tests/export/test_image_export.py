"""PNG and SVG export: sizes follow the DPI, bands join seamlessly, text stays text."""

import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtGui import QImage

from app.export import image
from app.export.drawing import build_drawing
from app.export.exporter import ExportOptions, export_map
from app.export.paper import paper_size, plan_pages
from tests.export.export_sample import TITLES

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("dpi", [72, 144, 200])
def test_png_size_follows_the_dpi(sample, tmp_path, dpi):
    drawing = build_drawing(sample)
    plan = plan_pages(drawing.width, drawing.height)
    export_map(sample, tmp_path / "m.png", ExportOptions(dpi=dpi))
    with Image.open(tmp_path / "m.png") as png:
        assert png.size == (round(plan.page_w * dpi / 72), round(plan.page_h * dpi / 72))
        assert png.info["dpi"] == pytest.approx((dpi, dpi), abs=0.01)


def test_png_on_paper_is_the_paper_at_the_dpi(sample, tmp_path):
    export_map(sample, tmp_path / "m.png", ExportOptions(page="A4", landscape=False, dpi=100))
    w, h = paper_size("A4")
    with Image.open(tmp_path / "m.png") as png:
        assert png.size == (round(w * 100 / 72), round(h * 100 / 72))


def test_png_bands_join_without_a_seam(sample, tmp_path, monkeypatch):
    drawing = build_drawing(sample)
    plan = plan_pages(drawing.width, drawing.height)
    whole = image.render_image(drawing, plan, 60)
    # Bands of 37 rows: many seams, through cards, text and curves.
    monkeypatch.setattr(image, "BAND_BYTES", 4 * whole.width() * 37)
    image.write_png(drawing, plan, str(tmp_path / "m.png"), 60)
    rgb = whole.convertToFormat(whole.Format.Format_RGB888)
    expected = Image.frombuffer("RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()),
                                "raw", "RGB", rgb.bytesPerLine(), 1)
    with Image.open(tmp_path / "m.png") as png:
        diff = ImageChops.difference(png.convert("RGB"), expected)
    # Qt clips a dashed outline to the band before dashing, which moves a few
    # dashes, and anti-aliasing may round a step differently; a seam (a
    # skipped, doubled or unpainted row) would change whole rows.
    changed = sum(diff.convert("L").point(lambda v: 255 if v > 6 else 0).histogram()[255:])
    assert changed < 0.002 * whole.width() * whole.height()


def png_pixels(path):
    with Image.open(path) as png:
        return png.convert("RGB").tobytes()


def test_bands_leave_out_only_what_they_cannot_show(sample, tmp_path, monkeypatch):
    # Each band paints only the flows and cards that reach it: the image must
    # be the same as when every band paints everything.
    drawing = build_drawing(sample)
    plan = plan_pages(drawing.width, drawing.height)
    w, _ = image.image_size(plan, 60)
    monkeypatch.setattr(image, "BAND_BYTES", 4 * w * 37)
    image.write_png(drawing, plan, str(tmp_path / "culled.png"), 60)
    monkeypatch.setattr(image.BandIndex, "within", lambda self, top, bottom: self.layout)
    image.write_png(drawing, plan, str(tmp_path / "all.png"), 60)
    assert png_pixels(tmp_path / "culled.png") == png_pixels(tmp_path / "all.png")


def test_band_index_leaves_out_flows_far_from_the_band(sample):
    drawing = build_drawing(sample)
    index = image.BandIndex(drawing.layout)
    top_flow = min(drawing.layout.flows.values(), key=lambda f: f.bounds().bottom)
    below = index.within(top_flow.bounds().bottom + 200, drawing.layout.height)
    assert top_flow.id not in below.flows
    assert set(index.within(0, drawing.layout.height).flows) == set(drawing.layout.flows)


def test_png_in_one_band_is_the_whole_page_render(sample, tmp_path):
    drawing = build_drawing(sample)
    plan = plan_pages(drawing.width, drawing.height)
    whole = image.render_image(drawing, plan, 50).convertToFormat(QImage.Format.Format_RGB888)
    image.write_png(drawing, plan, str(tmp_path / "m.png"), 50)
    expected = Image.frombuffer("RGB", (whole.width(), whole.height()), bytes(whole.constBits()),
                                "raw", "RGB", whole.bytesPerLine(), 1)
    assert png_pixels(tmp_path / "m.png") == expected.tobytes()


def test_png_reports_progress_up_to_the_end(sample, tmp_path):
    seen = []
    export_map(sample, tmp_path / "m.png", ExportOptions(dpi=50), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_svg_parses_and_keeps_titles_as_text(sample, tmp_path):
    export_map(sample, tmp_path / "m.svg")
    root = ET.parse(tmp_path / "m.svg").getroot()
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for title in TITLES.values():
        assert title in texts
    fonts = {t.get("font-family") for t in root.iter(f"{SVG}text")}
    assert fonts == {"DejaVu Sans"}


def test_svg_user_units_are_points(sample, tmp_path):
    drawing = build_drawing(sample)
    plan = plan_pages(drawing.width, drawing.height)
    export_map(sample, tmp_path / "m.svg")
    root = ET.parse(tmp_path / "m.svg").getroot()
    assert [float(v) for v in root.get("viewBox").split()] == pytest.approx(
        [0, 0, plan.page_w, plan.page_h], abs=0.01)


@pytest.mark.slow
def test_a0_poster_at_300_dpi_stays_well_under_400_mb(tmp_path):
    # A subprocess, so that the peak memory measured is this export's alone.
    script = (
        "import sys\n"
        "from app.model.fileformat import load\n"
        "from app.export.exporter import export_map, ExportOptions\n"
        f"export_map(load('resources/sample.journey'), {str(tmp_path / 'a0.png')!r},\n"
        "           ExportOptions(page='A0', landscape=True, dpi=300))\n"
        # VmHWM belongs to this process's memory map alone; ru_maxrss would
        # carry over the pytest parent's peak through fork and exec.
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "print(int(peak.split()[1]) // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert int(done.stdout.split()[-1]) < 300  # one whole RGBA image would be 560 MB
    header = (tmp_path / "a0.png").read_bytes()[:24]  # the IHDR chunk holds the size
    assert struct.unpack(">II", header[16:24]) == (14043, 9933)



def test_a_png_export_leaves_the_svg_font_subsetter_unloaded(tmp_path):
    # fontTools' subsetter is for SVGs only; importing it cost every PNG ~0.07 s.
    script = (
        "import sys\n"
        "from app.model.fileformat import load\n"
        "from app.export.exporter import export_map, ExportOptions\n"
        "journey = load('resources/sample.journey')\n"
        f"export_map(journey, {str(tmp_path / 'm.png')!r}, ExportOptions(dpi=72))\n"
        "print('png', 'app.export.svgfont' in sys.modules)\n"
        f"export_map(journey, {str(tmp_path / 'm.svg')!r})\n"
        "print('svg', 'app.export.svgfont' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split() == ["png", "False", "svg", "True"]

def test_empty_map_exports(tmp_path):
    from app.model.journey import Journey

    for suffix in (".pdf", ".png", ".svg"):
        export_map(Journey(), tmp_path / f"m{suffix}")
        assert (tmp_path / f"m{suffix}").stat().st_size > 0
