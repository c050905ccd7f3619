"""The Export dialog: the preview's sheet count is the file's, exports run off the GUI thread."""

import pytest
from pypdf import PdfReader

from app.export.paper import PAPER_NAMES
from app.panels.export_dialog import ExportDialog


@pytest.fixture
def dialog(qtbot, sample, tmp_path):
    dlg = ExportDialog(sample, str(tmp_path / "map.pdf"))
    qtbot.addWidget(dlg)
    return dlg


def run_export(qtbot, dlg):
    dlg.start_export()
    assert dlg.running()  # the export is on its thread; the GUI thread is free
    qtbot.waitUntil(lambda: not dlg.running(), timeout=20000)


def test_offers_every_paper_and_persona(dialog):
    papers = [dialog.paper_combo.itemText(i) for i in range(dialog.paper_combo.count())]
    assert papers[1:] == list(PAPER_NAMES)
    personas = [dialog.persona_combo.itemText(i) for i in range(dialog.persona_combo.count())]
    assert personas == ["All personas", "Buyer", "Investor"]


def test_preview_counts_the_sheets_the_file_gets(qtbot, dialog, tmp_path):
    dialog.paper_combo.setCurrentText("A5")
    dialog.poster_check.setChecked(True)
    grid = dialog.preview._plan.grid
    assert f"{grid.count} sheets of A5" in dialog.summary_label.text()
    run_export(qtbot, dialog)
    assert len(PdfReader(tmp_path / "map.pdf").pages) == 1 + grid.count
    assert "Wrote" in dialog.status_label.text()


def test_more_overlap_means_more_sheets_in_the_preview(dialog):
    dialog.paper_combo.setCurrentText("A5")
    dialog.poster_check.setChecked(True)
    dialog.orientation_combo.setCurrentText("Portrait")
    dialog.overlap_spin.setValue(0)
    few = dialog.preview._plan.grid.count
    dialog.overlap_spin.setValue(60)
    assert dialog.preview._plan.grid.count > few


def test_choosing_png_changes_the_suffix_and_enables_the_resolution(dialog, tmp_path):
    assert not dialog.dpi_spin.isEnabled()
    dialog.format_combo.setCurrentText("PNG")
    assert dialog.path() == str(tmp_path / "map.png")
    assert dialog.dpi_spin.isEnabled()
    assert not dialog.poster_check.isEnabled() and not dialog.insights_check.isEnabled()


def test_typed_suffix_picks_the_format(dialog, tmp_path):
    dialog.path_edit.setText(str(tmp_path / "wall.svg"))
    assert dialog.format_combo.currentText() == "SVG"


def test_impossible_overlap_is_shown_and_export_disabled(dialog):
    dialog.paper_combo.setCurrentText("A5")
    dialog.poster_check.setChecked(True)
    dialog.overlap_spin.setValue(100)
    dialog.orientation_combo.setCurrentText("Portrait")
    assert "less than half the printable" in dialog.summary_label.text()
    assert not dialog.export_button.isEnabled()


def test_unwritable_folder_reports_and_writes_nothing(qtbot, dialog, tmp_path):
    dialog.path_edit.setText(str(tmp_path / "missing" / "map.pdf"))
    run_export(qtbot, dialog)
    assert "cannot write" in dialog.status_label.text()
    assert list(tmp_path.iterdir()) == []


def test_persona_export_from_the_dialog(qtbot, dialog, tmp_path):
    dialog.persona_combo.setCurrentText("Investor")
    assert dialog.options().persona == "p2"
    run_export(qtbot, dialog)
    text = PdfReader(tmp_path / "map.pdf").pages[0].extract_text()
    assert "Investor" in text


def test_cancel_stops_a_long_export_without_a_file(qtbot, dialog, tmp_path):
    dialog.format_combo.setCurrentText("PNG")
    dialog.dpi_spin.setValue(1200)
    dialog.start_export()
    dialog.reject()  # Cancel while running: stops the export, keeps the dialog
    qtbot.waitUntil(lambda: not dialog.running(), timeout=30000)
    assert "cancelled" in dialog.status_label.text()
    assert list(tmp_path.iterdir()) == []


def test_close_frees_the_dialog(qtbot, sample, tmp_path):
    dlg = ExportDialog(sample, str(tmp_path / "map.pdf"))
    destroyed = []
    dlg.destroyed.connect(lambda: destroyed.append(True))
    dlg.show()
    dlg.close_button.click()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=10_000)


def test_preview_follows_edits_made_while_open(qtbot, dialog):
    from app.model import edits
    from app.model.journey import Stage

    dialog.paper_combo.setCurrentText("A5")
    dialog.poster_check.setChecked(True)
    dialog.orientation_combo.setCurrentText("Landscape")
    before = dialog.preview._plan.grid.columns
    for i in range(6):
        edits.AddStage(Stage(f"extra{i}", f"Extra {i}")).apply(dialog.journey)
    qtbot.waitUntil(lambda: dialog.preview._plan.grid.columns > before, timeout=10_000)


def test_closed_dialog_stops_listening_to_the_map(qtbot, sample, tmp_path):
    dlg = ExportDialog(sample, str(tmp_path / "map.pdf"))
    dlg.show()
    dlg.close_button.click()
    assert sample._observers == []


def test_offers_every_registered_format(dialog):
    from app.export.formats import export_formats

    offered = [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())]
    assert offered == ["PDF", "PNG", "SVG", "CSV", "XLSX"]
    assert offered == [fmt.name for fmt in export_formats()]


def test_csv_disables_the_page_options_and_says_why(dialog, tmp_path):
    dialog.format_combo.setCurrentText("CSV")
    assert dialog.path() == str(tmp_path / "map.csv")
    for widget in (dialog.paper_combo, dialog.orientation_combo, dialog.poster_check,
                   dialog.overlap_spin, dialog.marks_check, dialog.dpi_spin,
                   dialog.insights_check):
        assert not widget.isEnabled()
        assert widget.toolTip()
    assert "table" in dialog.paper_combo.toolTip()
    assert dialog.persona_combo.isEnabled()
    assert "10 cards" in dialog.summary_label.text()
    assert "CSV" in dialog.preview.note()


def test_enabled_options_carry_no_reason(dialog):
    dialog.poster_check.setChecked(True)
    assert dialog.overlap_spin.isEnabled() and dialog.overlap_spin.toolTip() == ""
    assert not dialog.dpi_spin.isEnabled() and "PNG" in dialog.dpi_spin.toolTip()


def test_csv_export_from_the_dialog_keeps_the_persona(qtbot, dialog, tmp_path):
    import csv

    from tests.export.export_sample import TITLES

    dialog.path_edit.setText(str(tmp_path / "cards.csv"))
    assert dialog.format_combo.currentText() == "CSV"
    dialog.persona_combo.setCurrentText("Investor")
    run_export(qtbot, dialog)
    assert "Wrote" in dialog.status_label.text()
    with open(tmp_path / "cards.csv", encoding="utf-8-sig", newline="") as fh:
        titles = {row["title"] for row in csv.DictReader(fh)}
    assert TITLES["c10"] in titles and TITLES["c1"] in titles  # the investor's, everyone's
    assert TITLES["c6"] not in titles  # the buyer's own card


def test_summary_says_when_the_map_is_shrunk_to_fit_one_page(qtbot, tmp_path):
    from tests.export.test_export_notes import tall_map

    dlg = ExportDialog(tall_map(), str(tmp_path / "map.png"))
    qtbot.addWidget(dlg)
    assert "shrunk to" in dlg.summary_label.text() and "200 inches" in dlg.summary_label.text()
    dlg.paper_combo.setCurrentText("A0")
    assert "shrunk" not in dlg.summary_label.text()
