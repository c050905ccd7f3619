"""Test setup: Qt runs offscreen and never touches the user's settings."""

import os
import subprocess

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


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a tiny tmpfs with every byte taken (root only; skipped elsewhere)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        with open(folder / "filler", "wb") as fh:
            try:
                while True:
                    fh.write(b"x" * 1024)
                    fh.flush()
            except OSError:
                pass
    except OSError:
        pass
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
