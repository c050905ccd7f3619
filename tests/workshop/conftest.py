"""A real editor window on a copy of the sample map, with the workshop features."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.documents.recent_files import RecentFiles
from app.window.main_window import MainWindow
from app.workshop import install_workshop_features
from tests.workshop.helpers import SAMPLE


@pytest.fixture
def dialogs(monkeypatch):
    """Replaces the blocking message boxes; records what they said."""
    shown: list[tuple[str, str]] = []

    def box(kind, answer):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return answer

        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "critical", box("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", box("warning", QMessageBox.StandardButton.Discard))
    monkeypatch.setattr(
        QMessageBox, "question", box("question", QMessageBox.StandardButton.Discard)
    )
    return shown


@pytest.fixture
def sample_path(tmp_path) -> Path:
    path = tmp_path / "sample.journey"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def window(qtbot, tmp_path, dialogs, sample_path):
    recent = RecentFiles(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(recent=recent)
    install_workshop_features(win)  # no-op once MainWindow installs them itself
    qtbot.addWidget(win)
    assert win.files.open_path(str(sample_path))
    return win
