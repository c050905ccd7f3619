"""Card notes printed under their titles: --notes in PDF, PNG and SVG, and the
Export dialog's checkbox (issue 14)."""

import pypdf
import pytest
from PIL import Image

from app.export.exporter import ExportOptions, export_map
from app.model import edits
from app.model.journey import Card, Journey, Lane, Stage

NOTE = "Seen in four of twelve interviews; the call centre logs agree"


def noted_map() -> Journey:
    j = Journey()
    steps = [edits.AddStage(Stage("s1", "Stage")), edits.AddLane(Lane("l1", "Lane")),
             edits.AddCard(Card("c1", "s1", "l1", 0, "Waits for the refund", notes=NOTE)),
             edits.AddCard(Card("c2", "s1", "l1", 1, "Calls again"))]
    edits.Compound(tuple(steps)).apply(j)
    return j


@pytest.fixture
def journey():
    j = noted_map()
    assert j.card("c1").notes == NOTE
    return j


def _text(path):
    return " ".join(pypdf.PdfReader(path).pages[0].extract_text().split())


def test_pdf_prints_notes_only_when_asked(journey, tmp_path):
    export_map(journey, tmp_path / "plain.pdf")
    export_map(journey, tmp_path / "notes.pdf", ExportOptions(notes=True))
    assert "interviews" not in _text(tmp_path / "plain.pdf")
    text = _text(tmp_path / "notes.pdf")
    # Wrapped under the title, every word in order.
    assert NOTE in text
    assert text.index("Waits for the refund") < text.index("Seen in four")


def test_notes_make_the_card_taller_in_png_and_svg(journey, tmp_path, qapp):
    for suffix in (".png", ".svg"):
        export_map(journey, tmp_path / f"plain{suffix}")
        export_map(journey, tmp_path / f"notes{suffix}", ExportOptions(notes=True))
    plain, noted = Image.open(tmp_path / "plain.png"), Image.open(tmp_path / "notes.png")
    assert noted.height > plain.height and noted.width == plain.width
    svg = (tmp_path / "notes.svg").read_text(encoding="utf-8")
    assert "interviews" in svg and "interviews" not in (tmp_path / "plain.svg").read_text(
        encoding="utf-8")


def test_cli_notes_option(tmp_path, journey, monkeypatch, capsys):
    from app.cli import main
    from app.model.fileformat import save

    save(journey, tmp_path / "m.journey")
    monkeypatch.chdir(tmp_path)
    assert main(["export", "m.journey", "-o", "m.pdf", "--notes"]) == 0
    assert "Seen in four" in _text(tmp_path / "m.pdf")


def test_export_dialog_has_a_notes_checkbox(qtbot, journey, tmp_path):
    from app.panels.export_dialog import ExportDialog

    dlg = ExportDialog(journey, str(tmp_path / "map.pdf"))
    qtbot.addWidget(dlg)
    assert dlg.options().notes is False
    dlg.notes_check.setChecked(True)
    assert dlg.options().notes is True
    dlg.start_export()
    qtbot.waitUntil(lambda: not dlg.running(), timeout=20000)
    assert "Seen in four" in _text(tmp_path / "map.pdf")
    dlg.path_edit.setText(str(tmp_path / "map.csv"))
    assert not dlg.notes_check.isEnabled()
