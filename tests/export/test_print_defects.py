"""Print defects found on a map nobody here wrote (issue 14), one test each."""

from pathlib import Path

import pypdf
import pytest

from app.cli import main
from app.export.exporter import ExportOptions, export_map

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"


@pytest.fixture
def run(capsys, monkeypatch, tmp_path):
    """Run ``journeymap ARGS`` in tmp_path; returns (status, stderr)."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str]:
        status = main([str(a) for a in args])
        return status, capsys.readouterr().err

    return run


@pytest.mark.parametrize(("options", "message"), [
    (["--poster"], "--poster: tile the map over which paper? add --page A4 (or A0..A5, "
                   "Letter, Legal, Tabloid)"),
    (["--landscape"], "--landscape: the page is sized to the map; choose a paper with --page "
                      "to choose its orientation"),
    (["--portrait"], "--portrait: the page is sized to the map; choose a paper with --page "
                     "to choose its orientation"),
    (["--overlap", "5"], "--overlap: only poster sheets overlap; add --poster and --page"),
    (["--page", "A4", "--overlap", "5"],
     "--overlap: only poster sheets overlap; add --poster and --page"),
    (["--no-marks"], "--no-marks: only poster sheets have cut marks; add --poster and --page"),
    (["--page", "A4", "--poster", "--overlap", "120"],
     "--overlap: the overlap must be at least 0 and less than half the printable area "
     "(95 mm on this paper)"),
])
def test_options_that_would_do_nothing_are_errors(run, tmp_path, options, message):
    assert run("export", SAMPLE, "-o", "m.pdf", *options) == (
        2, f"journeymap: error: {message}\n")
    assert not (tmp_path / "m.pdf").exists()


def test_meaningful_combinations_still_export(run, tmp_path):
    assert run("export", SAMPLE, "-o", "a.pdf", "--page", "A3", "--landscape")[0] == 0
    assert run("export", SAMPLE, "-o", "b.pdf", "--page", "A4", "--poster", "--overlap", "0",
               "--no-marks")[0] == 0


def test_assembly_page_without_overlap_speaks_of_no_glue(tmp_path):
    from app.model.fileformat import load

    export_map(load(SAMPLE), tmp_path / "p.pdf",
               ExportOptions(page="A4", poster=True, overlap_mm=0))
    text = pypdf.PdfReader(tmp_path / "p.pdf").pages[0].extract_text()
    assert "glue" not in text
    assert "no overlap" in text
    export_map(load(SAMPLE), tmp_path / "q.pdf",
               ExportOptions(page="A4", poster=True, overlap_mm=8))
    assert "glue strip 8 mm" in pypdf.PdfReader(tmp_path / "q.pdf").pages[0].extract_text()


def test_pdf_author_is_empty_not_anonymous(tmp_path):
    from app.model.fileformat import load

    export_map(load(SAMPLE), tmp_path / "m.pdf")
    info = pypdf.PdfReader(tmp_path / "m.pdf").metadata
    assert info["/Author"] == ""
    assert info["/Title"] == load(SAMPLE).title


def test_poster_marks_and_labels_stay_inside_the_safe_margin(tmp_path):
    import pypdfium2 as pdfium

    from app.export.paper import MM
    from app.export.pdfposter import SAFE_MARGIN
    from app.model.fileformat import load

    export_map(load(SAMPLE), tmp_path / "p.pdf", ExportOptions(page="A4", poster=True))
    pdf = pdfium.PdfDocument(str(tmp_path / "p.pdf"))
    scale = 4  # px per pt
    band = round(SAFE_MARGIN * scale) - 1
    assert SAFE_MARGIN >= 5 * MM - 1e-9
    for i in range(1, len(pdf)):  # every sheet (page 0 is the assembly page)
        img = pdf[i].render(scale=scale).to_pil().convert("L")
        w, h = img.size
        for box in ((0, 0, w, band), (0, h - band, w, h), (0, 0, band, h), (w - band, 0, w, h)):
            assert img.crop(box).getextrema()[0] > 250, (i, box)  # white: no ink
        # ... yet the labels are there, in the margin.
        assert img.crop((0, h - round(10 * MM * scale), w, h - band)).getextrema()[0] < 128
    pdf.close()


def _ink_bottom(items):
    from app.export.titleblock import Box, Line, Text
    from app.layout.text import metrics

    bottoms = []
    for p in items:
        if isinstance(p, Text):
            bottoms.append(p.y + metrics().descent(p.size))
        elif isinstance(p, Box):
            bottoms.append(p.y + p.h)
        elif isinstance(p, Line):
            bottoms.extend(y for _, y in p.points)
    return max(bottoms)


def test_the_drawing_ends_where_the_legend_does():
    from app.export.drawing import build_drawing
    from app.export.paper import MM
    from app.model.fileformat import load

    drawing = build_drawing(load(SAMPLE))
    # Tiles cover the drawing: white space below the legend would cost sheets.
    assert drawing.height - _ink_bottom(drawing.block.items) < 1.5 * MM


def test_a_legend_group_is_split_into_even_columns():
    from app.export.titleblock import MAX_ROWS, _split

    assert [len(c) for c in _split(list(range(7)))] == [4, 3]
    assert [len(c) for c in _split(list(range(MAX_ROWS)))] == [MAX_ROWS]
    assert [len(c) for c in _split(list(range(13)))] == [5, 4, 4]


def test_a_map_shrunk_onto_paper_keeps_its_card_titles(qapp):
    from app.export.drawing import build_drawing
    from app.export.image import render_image
    from app.export.paper import plan_pages
    from app.model.fileformat import load

    drawing = build_drawing(load(SAMPLE))
    plan = plan_pages(drawing.width, drawing.height, "A5", None)
    dpi = 60  # the map is drawn at about a fifth of a pixel per unit: below the canvas's text LOD
    img = render_image(drawing, plan, dpi)
    k = dpi / 72 * plan.placement.scale
    assert k < 0.42
    ox, oy = plan.placement.x * dpi / 72, plan.placement.y * dpi / 72
    dark = 0
    for card in drawing.layout.cards.values():
        r = card.rect
        x0, y0 = ox + (r.x + 12) * k, oy + (r.y + 4) * k
        for y in range(int(y0), int(oy + (r.bottom - 4) * k)):
            # (the emotion mark, top right, left out)
            for x in range(int(x0), int(ox + (r.right - 24) * k)):
                if img.pixelColor(x, y).lightness() < 200:
                    dark += 1
    # Grey strokes of shrunk titles in the cards (without them: a few dozen pixels).
    assert dark > 10 * len(drawing.layout.cards)


def test_svg_page_is_the_paper_and_carries_its_font(tmp_path, qapp):
    import base64
    import io
    import re

    from fontTools import ttLib

    from app.model.fileformat import load

    export_map(load(SAMPLE), tmp_path / "m.svg", ExportOptions(page="A4", landscape=True))
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert '<svg width="297.000mm" height="210.000mm"' in svg
    fonts = re.findall(r'font-family: "DejaVu Sans"; font-weight: (\w+); '
                       r"src: url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)", svg)
    assert sorted(w for w, _ in fonts) == ["bold", "normal"]
    regular = ttLib.TTFont(io.BytesIO(base64.b64decode(dict(fonts)["normal"])))
    cmap = regular.getBestCmap()
    title_chars = set(load(SAMPLE).cards[0].title) - {" "}
    assert all(ord(c) in cmap for c in title_chars)


def test_a_tall_posters_assembly_page_sets_bands_of_rows_side_by_side(tmp_path):
    from app.export.drawing import build_drawing
    from app.export.paper import plan_pages
    from app.export.pdfposter import _assembly_paper
    from app.model import edits
    from app.model.journey import Card, Journey, Lane, Stage

    j = Journey()
    steps = [edits.AddStage(Stage("s1", "Only stage")), edits.AddLane(Lane("l1", "Lane"))]
    steps += [edits.AddCard(Card(f"c{i}", "s1", "l1", i, f"Card {i}")) for i in range(250)]
    edits.Compound(tuple(steps)).apply(j)
    drawing = build_drawing(j)
    grid = plan_pages(drawing.width, drawing.height, "A4", None, True).grid
    assert grid.rows > 4 * grid.columns  # a strip: far taller than wide
    page_w, page_h, scale, bands = _assembly_paper(grid, 46.0)
    assert bands > 1
    # Cutting it into bands shows it at least twice as large as one strip would.
    strip = min((page_h - 2 * grid.margin - 46.0) / (grid.rows * grid.printable_h),
                (page_w - 2 * grid.margin) / (grid.columns * grid.printable_w))
    assert scale > 2 * strip
    export_map(j, tmp_path / "p.pdf", ExportOptions(page="A4", poster=True))
    text = pypdf.PdfReader(tmp_path / "p.pdf").pages[0].extract_text()
    labels = [t.label for t in grid.tiles()]
    for label in labels:
        assert label in text.split() or label in text  # every sheet named on the overview
