"""Test setup: Qt runs offscreen and never touches the user's settings or recovery data.

A window built without a recovery store of its own (``Services``) uses
``$JOURNEYMAP_RECOVERY_DIR``: a private folder of this test run, so that tests
never touch the user's recovery data.  Tests about recovery pass a store in a
folder of their own.
"""

import atexit
import os
import shutil
import subprocess
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if not os.environ.get("JOURNEYMAP_RECOVERY_DIR"):
    _RECOVERY = tempfile.mkdtemp(prefix="journeymap-test-recovery-")
    atexit.register(shutil.rmtree, _RECOVERY, True)
    os.environ["JOURNEYMAP_RECOVERY_DIR"] = _RECOVERY

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
