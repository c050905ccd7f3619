"""The legend reads the same on the canvas, in the PDF and in the images: its
words come from one vocabulary (app/model/vocabulary.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QSize
from PySide6.QtSvg import QSvgGenerator

from app.canvas.legend_bar import LegendBar
from app.export.exporter import export_map
from app.export.titleblock import Text, title_block
from app.layout.style import DEFAULT_STYLE
from app.model import vocabulary as words
from tests.export.test_pdf_export import export, page_text, squash

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def canvas_legend_texts(departments, tmp_path) -> list[str]:
    """What the canvas's legend band draws, recorded as SVG text."""
    bar = LegendBar()
    bar.set_departments(departments)
    bar.resize(2000, bar.heightForWidth(2000))
    path = tmp_path / "legend.svg"
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(bar.width(), bar.height()))
    bar.render(generator)
    del generator  # finishes the file
    return svg_texts(path)


def test_the_pdf_and_the_svg_legend_say_the_vocabularys_words(sample, tmp_path, qapp):
    block = title_block(sample, DEFAULT_STYLE, 2000.0)
    labels = [item.text for item in block.items if isinstance(item, Text)]
    # Every evidence level is listed; the kinds, flows and emotions the map uses.
    assert [n for k, n in words.EVIDENCE_NAMES.items() if k is not None] == [
        label for label in labels if label in words.EVIDENCE_NAMES.values()]
    used = {c.kind for c in sample.cards}
    assert {words.CARD_KIND_NAMES[k] for k in used} <= set(labels)
    assert {words.FLOW_KIND_NAMES[f.kind] for f in sample.flows} <= set(labels)
    assert {words.EMOTION_NAMES[c.emotion] for c in sample.cards if c.emotion is not None} <= set(
        labels)
    # Every heading but the blueprint's (the sample has no fail point or wait:
    # tests/blueprint/test_legend.py).
    assert {h for k, h in words.LEGEND_HEADINGS.items() if k != "blueprint"} <= set(labels)
    pdf = page_text(export(sample, tmp_path))
    export_map(sample, tmp_path / "m.svg")
    svg = set(svg_texts(tmp_path / "m.svg"))
    vocabulary = {name for names in (words.CARD_KIND_NAMES, words.FLOW_KIND_NAMES,
                                     words.EVIDENCE_NAMES, words.EMOTION_NAMES,
                                     words.LEGEND_HEADINGS) for name in names.values()}
    legend = [label for label in labels if label in vocabulary]
    assert len(legend) >= 12
    for label in legend:
        assert squash(label) in pdf, label
        assert label in svg, label


def test_the_canvas_legend_and_the_pdf_name_the_departments_alike(sample, tmp_path, qapp):
    drawn = canvas_legend_texts(sample.departments, tmp_path)
    heading = words.LEGEND_HEADINGS["departments"]
    assert drawn[0].casefold() == heading.casefold()
    pdf = page_text(export(sample, tmp_path)).casefold()
    for text in drawn:
        assert squash(text).casefold() in pdf, text
    # Each name after the short code its cards carry (app.layout.marks).
    assert [t.split("  ", 1)[-1] for t in drawn[1:]] == [d.name for d in sample.departments]
