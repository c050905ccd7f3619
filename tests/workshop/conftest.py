"""A real editor window on a copy of the sample map, built with a recovery store
and a map writer of the test's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.documents.recent_files import RecentFiles
from app.safety.recovery_store import RecoveryStore
from app.safety.safe_save import write_with_backup
from app.window.main_window import MainWindow
from app.window.services import Services
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
def store(tmp_path) -> RecoveryStore:
    """The recovery store of this test's windows."""
    return RecoveryStore(tmp_path / "recovery")


@pytest.fixture
def writer():
    """The map writer of this test's windows.

    ``writer.fail = exc`` makes it raise; ``writer.before(data, path, known,
    check)`` runs first (in the save's worker thread).
    """

    def write(data, path, known, check):
        write.before(data, path, known, check)
        if write.fail is not None:
            raise write.fail
        return write_with_backup(data, path, known, check)

    write.fail = None
    write.before = lambda *args: None
    return write


@pytest.fixture
def services(tmp_path, store, writer) -> Services:
    recent = RecentFiles(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    return Services(recent, store, writer)


@pytest.fixture
def window(qtbot, dialogs, sample_path, services):
    win = MainWindow(services=services)
    qtbot.addWidget(win)
    assert win.files.open_path(str(sample_path))
    return win
