"""Copy in one editor window, paste in another: new cards with the flow between them."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.documents.recent_files import RecentFiles
from app.window.main_window import MainWindow
from tests.model.helpers import small_journey


@pytest.fixture
def two_windows(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda *a: QMessageBox.StandardButton.Discard)
    )
    recent = RecentFiles(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    windows = [MainWindow(small_journey(), None, recent) for _ in range(2)]
    for window in windows:
        qtbot.addWidget(window)
    return windows


def test_paste_in_another_window_creates_new_cards_with_their_flow(two_windows):
    source, target = two_windows
    source.scene.select_cards(["c1", "c2"])
    source.commands.copy.trigger()
    target.scene.select_cell(("s2", "l1"))
    target.commands.paste.trigger()
    journey = target.document.journey
    pasted = journey.cell("s2", "l1")
    assert [c.title for c in pasted] == ["Searches", "Reads reviews"]
    assert {c.id for c in pasted}.isdisjoint({"c1", "c2"})
    assert [(f.source, f.target) for f in journey.flows_of(pasted[0].id)] == [
        (pasted[0].id, pasted[1].id)
    ]
    assert target.scene.selected_card_ids() == [c.id for c in pasted]
    assert len(source.document.journey.cards) == 4


def test_paste_is_undone_in_one_step(two_windows):
    source, target = two_windows
    source.scene.select_cards(["c3"])
    source.commands.copy.trigger()
    target.commands.paste.trigger()
    assert len(target.document.journey.cards) == 5
    target.commands.undo.trigger()
    assert len(target.document.journey.cards) == 4
