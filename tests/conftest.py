"""Test setup: Qt runs offscreen and never touches the user's settings or recovery data.

A window built without a recovery store of its own (``Services``) uses
``$JOURNEYMAP_RECOVERY_DIR``: a private folder of this test run, so that tests
never touch the user's recovery data.  Tests about recovery pass a store in a
folder of their own.
"""

import atexit
import os
import shutil
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
