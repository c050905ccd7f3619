"""The export registry: one `register_format` call and the format is everywhere."""

from __future__ import annotations

import pytest

from app.cli import main
from app.export import formats
from app.export.formats import ExportFormat, export_formats, format_for
from app.model.errors import JourneyError
from app.model.journey import Journey

ROWS = "tests.export.test_export_formats:tsv_bytes"


def tsv_bytes(journey: Journey, persona: str | None, out: str, options: object) -> bytes:
    """A test-only table format: one card title per line."""
    return "".join(f"{card.id}\t{card.title}\n" for card in journey.cards).encode("utf-8")


@pytest.fixture
def tsv(monkeypatch):
    monkeypatch.setattr(formats, "_FORMATS", dict(formats._FORMATS))
    return formats.register_format(ExportFormat("TSV", ".tsv", "a TSV table", ROWS, drawn=False))


def test_the_built_in_formats():
    assert [(f.name, f.suffix) for f in export_formats()] == [
        ("PDF", ".pdf"), ("PNG", ".png"), ("SVG", ".svg"), ("CSV", ".csv"), ("XLSX", ".xlsx")]
    assert format_for("Map.PDF").name == "PDF"
    with pytest.raises(JourneyError, match=r'^m\.doc: unknown export format "\.doc"; '
                                           r"expected \.pdf, \.png, \.svg, \.csv or \.xlsx$"):
        format_for("m.doc")


def test_a_registered_format_is_written_listed_and_named_in_errors(tsv, tmp_path, capsys,
                                                                   monkeypatch, sample):
    from app.model.fileformat import save

    monkeypatch.chdir(tmp_path)
    save(sample, tmp_path / "m.journey")
    assert main(["export", "m.journey", "-o", "m.tsv"]) == 0
    lines = (tmp_path / "m.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"{sample.cards[0].id}\t{sample.cards[0].title}"
    assert len(lines) == len(sample.cards)
    assert main(["export", "m.journey", "-o", "m.doc"]) == 2
    assert capsys.readouterr().err == ('journeymap: error: m.doc: unknown export format ".doc"; '
                                       "expected .pdf, .png, .svg, .csv, .xlsx or .tsv\n")
    assert main(["export", "m.journey", "-o", "m.tsv", "--poster"]) == 2
    assert "poster tiling is for PDF" in capsys.readouterr().err
    assert main(["--help"]) == 0
    assert "write the map as PDF, PNG, SVG, CSV, XLSX or TSV" in " ".join(
        capsys.readouterr().out.split())
    assert main(["export", "--help"]) == 0
    assert "(.pdf, .png, .svg, .csv, .xlsx or .tsv)" in " ".join(capsys.readouterr().out.split())


def test_the_export_dialog_offers_a_registered_format(tsv, qtbot, sample, tmp_path):
    from app.panels.export_dialog import ExportDialog

    dialog = ExportDialog(sample, str(tmp_path / "map.pdf"))
    qtbot.addWidget(dialog)
    offered = [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())]
    assert offered == ["PDF", "PNG", "SVG", "CSV", "XLSX", "TSV"]
    dialog.format_combo.setCurrentText("TSV")
    assert dialog.path() == str(tmp_path / "map.tsv")
    assert not dialog.paper_combo.isEnabled()
    assert dialog.paper_combo.toolTip() == "A TSV table is a table of cards: it has no page."
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert (tmp_path / "map.tsv").read_text(encoding="utf-8").count("\n") == len(sample.cards)


@pytest.mark.parametrize("suffix", [".svg", ".csv"])
def test_the_export_dialog_reports_a_full_disk_and_leaves_no_file(qtbot, sample, full_disk,
                                                                   suffix):
    from app.panels.export_dialog import ExportDialog

    out = full_disk / f"map{suffix}"
    dialog = ExportDialog(sample, str(out))
    qtbot.addWidget(dialog)
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=20_000)
    assert dialog.status_label.text() == f"{out}: cannot write: No space left on device"
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]
