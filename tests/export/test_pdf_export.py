"""PDF export: searchable embedded text, page sizes, poster sheets, personas."""

import math
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.export.drawing import build_drawing
from app.export.exporter import ExportOptions, export_map
from app.export.paper import MM, paper_size
from tests.export.export_sample import TITLES

ROOT = Path(__file__).resolve().parents[2]


def export(journey, tmp_path, name="map.pdf", **options):
    out = tmp_path / name
    export_map(journey, out, ExportOptions(**options))
    return PdfReader(out)


def page_text(reader):
    # pypdf may break a line at a glyph-subset switch; compare without spaces.
    return "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")


def squash(text):
    return text.replace(" ", "")


def sheets_for(length, printable, overlap):
    """Independent count: add sheets until they reach the end of the map."""
    n, covered = 1, printable
    while covered < length - 1e-6:
        n, covered = n + 1, covered + printable - overlap
    return n


def test_every_card_title_is_searchable_text(sample, tmp_path):
    text = page_text(export(sample, tmp_path))
    for title in TITLES.values():
        assert squash(title) in text


def test_title_block_names_the_map_and_the_legend(sample, tmp_path):
    text = page_text(export(sample, tmp_path))
    for words in ("Export sample: Łódź & Jürgen", "All personas", "Departments", "Sales",
                  "Evidence", "Assumption", "Alternative", "Failure"):
        assert squash(words) in text


def test_bundled_font_is_embedded(sample, tmp_path):
    reader = export(sample, tmp_path)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/XObject"].values():
            for f in font.get_object()["/Resources"]["/Font"].values():
                fonts.add(f.get_object()["/BaseFont"])
    descriptors = [n for n in fonts if "DejaVuSans" in n]
    assert descriptors, fonts
    assert not any("Helvetica" in n for n in fonts)


def test_default_page_is_the_map_plus_margins(sample, tmp_path):
    drawing = build_drawing(sample)
    box = export(sample, tmp_path).pages[0].mediabox
    assert float(box.width) == pytest.approx(drawing.width + 20 * MM, abs=0.01)
    assert float(box.height) == pytest.approx(drawing.height + 20 * MM, abs=0.01)


@pytest.mark.parametrize("paper, landscape", [("A4", False), ("A3", True), ("Letter", True),
                                              ("Tabloid", False)])
def test_map_scaled_onto_paper(sample, tmp_path, paper, landscape):
    reader = export(sample, tmp_path, page=paper, landscape=landscape)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(paper_size(paper, landscape),
                                                                   abs=0.01)


def test_wide_map_on_paper_turns_landscape_by_itself(sample, tmp_path):
    box = export(sample, tmp_path, page="A4").pages[0].mediabox
    assert float(box.width) > float(box.height)


@pytest.mark.parametrize("paper, landscape, overlap", [("A4", False, 10), ("A4", True, 0),
                                                       ("A5", False, 25), ("Letter", True, 10)])
def test_poster_sheet_count_and_size(sample, tmp_path, paper, landscape, overlap):
    drawing = build_drawing(sample)
    w, h = paper_size(paper, landscape)
    margin, glue = 10 * MM, overlap * MM
    expected = (sheets_for(drawing.width, w - 2 * margin, glue)
                * sheets_for(drawing.height, h - 2 * margin, glue))
    reader = export(sample, tmp_path, page=paper, landscape=landscape, poster=True,
                    overlap_mm=overlap)
    assert len(reader.pages) == 1 + expected  # the assembly page first
    for page in reader.pages[1:]:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((w, h))
    # The assembly page: the same paper, turned to show the poster larger.
    first = sorted((float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)))
    assert first == pytest.approx(sorted((w, h)))


def test_poster_sheets_are_labelled_with_grid_position_and_neighbours(sample, tmp_path):
    reader = export(sample, tmp_path, page="A5", landscape=True, poster=True)
    first_sheet = reader.pages[1].extract_text()
    assert "A1" in first_sheet and "→ B1" in first_sheet and "↓ A2" in first_sheet
    assert f"Sheet 1 of {len(reader.pages) - 1}" in first_sheet
    assembly = reader.pages[0].extract_text()
    assert "Assembly" in assembly and "B2" in assembly


def test_assembly_of_a_tall_poster_labels_every_tile_in_bands(tmp_path):
    from tests.export.test_export_notes import tall_map

    reader = export(tall_map(300), tmp_path, page="A5", poster=True)
    rows = (len(reader.pages) - 1) // 2  # two columns: the map is one stage wide
    assert rows > 20  # a strip: one column of bands would make the tiles too small to name
    words = set(reader.pages[0].extract_text().split())
    assert {f"{c}{r}" for c in "AB" for r in range(1, rows + 1)} <= words


def test_assembly_of_many_small_tiles_names_columns_and_rows_instead(tmp_path):
    import math

    from tests.export.test_export_notes import tall_map

    reader = export(tall_map(1500), tmp_path, page="A5", poster=True)
    runs = []
    reader.pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: runs.append((size, text.strip())))
    rows = (len(reader.pages) - 1) // 2  # two columns: the map is one stage wide
    headings = [text for size, text in runs if size == 7.0 and text]
    # Bands of rows side by side, each headed by the column letters and its row numbers.
    bands = headings.count("A")
    assert bands > 1 and headings.count("B") == bands
    per = math.ceil(rows / bands)
    expected = []
    for b in range(bands):
        expected += ["A", "B", *(str(n) for n in range(b * per + 1, min(rows, (b + 1) * per) + 1))]
    assert headings == expected
    assert f"B{rows}" not in {text for _, text in runs}


def test_poster_sheets_name_the_map(sample, tmp_path):
    reader = export(sample, tmp_path, page="A5", landscape=True, poster=True, marks=False)
    for page in reader.pages[1:3]:
        assert squash("Export sample: Łódź & Jürgen") in squash(page.extract_text())


def test_poster_is_hardly_larger_than_the_single_page(sample, tmp_path):
    export(sample, tmp_path, "single.pdf")
    reader = export(sample, tmp_path, "poster.pdf", page="A5", poster=True)
    assert len(reader.pages) >= 7
    single = (tmp_path / "single.pdf").stat().st_size
    assert (tmp_path / "poster.pdf").stat().st_size <= 1.3 * single


@pytest.mark.slow
def test_poster_of_hundreds_of_sheets_is_hardly_larger_than_the_single_page(tmp_path):
    # The benchmark's 5,000-card map (about 3 s): its A4 poster has 288 sheets,
    # so what each sheet costs on its own weighs here, not only the map.
    from bench.generate import build

    journey = build(5000)
    export_map(journey, tmp_path / "single.pdf")
    export_map(journey, tmp_path / "poster.pdf", ExportOptions(page="A4", poster=True))
    assert len(PdfReader(tmp_path / "poster.pdf").pages) > 200
    single = (tmp_path / "single.pdf").stat().st_size
    assert (tmp_path / "poster.pdf").stat().st_size <= 1.3 * single


def test_each_sheet_shows_its_own_tile(sample, tmp_path):
    # The map is one form drawn on every sheet: the sheet moves it so that
    # its tile lands in the printable area.
    reader = export(sample, tmp_path, page="A5", landscape=True, poster=True, overlap_mm=0)
    contents = [p.get_contents().get_data() for p in reader.pages[1:3]]
    assert contents[0] != contents[1]
    assert all(b"Do" in c for c in contents)


def test_persona_export_leaves_out_other_personas_cards(sample, tmp_path):
    text = page_text(export(sample, tmp_path, persona="p1"))
    assert squash(TITLES["c6"]) in text  # the buyer's own card
    assert squash(TITLES["c1"]) in text  # a card for everyone
    assert squash(TITLES["c10"]) not in text  # the investor's card
    assert "briefed" not in text  # and the flow from it
    assert "Persona:Buyer" in text


def test_persona_can_be_named(sample, tmp_path):
    text = page_text(export(sample, tmp_path, persona="Investor"))
    assert squash(TITLES["c10"]) in text and squash(TITLES["c6"]) not in text


def test_insights_page_is_added(sample, tmp_path):
    reader = export(sample, tmp_path, insights=True)
    assert len(reader.pages) == 3  # the map, the insights, the priorities (it has pains)
    text = reader.pages[1].extract_text()
    assert "Insights" in text and "Hand-offs" in text
    assert reader.pages[2].extract_text().startswith("Priorities")


def test_pdf_export_does_not_import_qt(tmp_path):
    script = (
        "import sys\n"
        "from tests.export.export_sample import build_sample\n"
        "from app.export.exporter import export_map, ExportOptions\n"
        f"export_map(build_sample(), {str(tmp_path / 'x.pdf')!r}, ExportOptions(poster=True))\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
    assert (tmp_path / "x.pdf").stat().st_size > 1000


def test_sheets_needed_agrees_with_the_independent_count():
    from app.export.paper import sheets_needed

    for length in (100, 538, 539, 1000, 4000):
        assert sheets_needed(length, 538.6, 28.3) == sheets_for(length, 538.6, 28.3)
    assert math.isclose(MM, 72 / 25.4)
