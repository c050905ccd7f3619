"""Test setup: Qt runs offscreen and never touches the user's settings."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("JOURNEYMAP_TEST", "1")

import pytest  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _qt_test_mode():
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:  # model-only environments
        yield
        return
    QStandardPaths.setTestModeEnabled(True)
    yield
