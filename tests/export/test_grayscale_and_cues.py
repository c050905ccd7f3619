"""Every meaning colour carries has a second cue, and ``--grayscale`` exports prove it:
a grey-scale PDF, PNG or SVG holds no colour at all, yet kinds, evidence, emotions
and flow kinds still read."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader

from app.cli import main
from app.export.exporter import ExportOptions, export_map
from app.export.faces import face_geometry
from app.layout.marks import KIND_MARKS, department_codes, flow_dash
from app.layout.style import DEFAULT_STYLE, card_border
from app.model.fileformat import save
from app.model.journey import CARD_KINDS, EVIDENCE_LEVELS, FLOW_KINDS


def _coloured_pixels(image: Image.Image) -> int:
    rgb = image.convert("RGB")
    return sum(1 for r, g, b in rgb.get_flattened_data() if max(r, g, b) - min(r, g, b) > 2)


def _pdf_image(path) -> Image.Image:
    page = pypdfium2.PdfDocument(str(path))[0]
    return page.render(scale=0.6).to_pil()


@pytest.mark.parametrize("grey", (False, True))
def test_png_and_pdf_in_grey_hold_no_colour(sample, tmp_path, grey):
    png, pdf = tmp_path / "m.png", tmp_path / "m.pdf"
    export_map(sample, png, ExportOptions(dpi=40, grayscale=grey))
    export_map(sample, pdf, ExportOptions(grayscale=grey, insights=True))
    for image in (Image.open(png), _pdf_image(pdf)):
        assert (_coloured_pixels(image) == 0) is grey


def test_svg_in_grey_names_only_greys(sample, tmp_path):
    svg = tmp_path / "m.svg"
    export_map(sample, svg, ExportOptions(grayscale=True))
    colours = set(re.findall(r'(?:fill|stroke)="#([0-9a-fA-F]{6})"', svg.read_text()))
    assert colours
    assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), sorted(colours)


def test_grey_poster_cut_marks_too(sample, tmp_path):
    out = tmp_path / "poster.pdf"
    save(sample, tmp_path / "m.journey")
    assert main(["export", str(tmp_path / "m.journey"), "-o", str(out), "--poster",
                 "--page", "A5", "--grayscale"]) == 0
    document = pypdfium2.PdfDocument(str(out))
    for index in range(min(3, len(document))):
        assert _coloured_pixels(document[index].render(scale=0.4).to_pil()) == 0


def test_every_card_kind_has_its_own_letter_on_the_cards_and_in_the_legend(sample, tmp_path):
    assert set(CARD_KINDS) <= set(KIND_MARKS)
    assert len(set(KIND_MARKS.values())) == len(KIND_MARKS)
    out = tmp_path / "m.pdf"
    export_map(sample, out, ExportOptions(grayscale=True))
    words = PdfReader(out).pages[0].extract_text().split()
    for card in sample.cards:
        assert KIND_MARKS[card.kind] in words
    assert words.count("!") >= 1 + sum(c.kind == "pain" for c in sample.cards)  # + legend


def test_every_evidence_level_has_its_own_border():
    looks = {e: (card_border(DEFAULT_STYLE, e), e == "data") for e in EVIDENCE_LEVELS}
    assert len(set(looks.values())) == len(EVIDENCE_LEVELS)


def test_every_flow_kind_has_its_own_line_pattern():
    patterns = [flow_dash(DEFAULT_STYLE, kind) for kind in FLOW_KINDS]
    assert len(set(patterns)) == len(FLOW_KINDS)


def test_every_emotion_has_its_own_mouth():
    mouths = {face_geometry(0, 0, 20, e).mouth for e in range(-2, 3)}
    assert len(mouths) == 5


def test_department_codes_are_short_unique_and_on_the_cards(sample, tmp_path):
    from app.model.journey import Department

    made = department_codes([Department("a", "Customer care"), Department("b", "Marketing"),
                             Department("c", "CardWorks (card partner)"),
                             Department("d", "Customer credit")])
    assert made == {"a": "CC", "b": "MA", "c": "CC2", "d": "CC3"}
    out = tmp_path / "m.pdf"
    export_map(sample, out, ExportOptions(grayscale=True))
    words = PdfReader(out).pages[0].extract_text().split()
    codes = department_codes(sample.departments)
    owned = [c for c in sample.cards if c.owner]
    assert owned
    for code in {codes[c.owner] for c in owned}:
        # On each card it owns, and once more in the legend.
        assert words.count(code) >= 1 + sum(codes[c.owner] == code for c in owned)


def test_change_map_marks_differ_by_pattern_too():
    from app.export import changemap

    patterns = {(), changemap.REMOVED_DASH, changemap.MOVED_DASH, changemap.CHANGED_DASH}
    assert len(patterns) == 4  # added solid; removed, moved, changed each their own
