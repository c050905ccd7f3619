"""Run the real editor (``python -m app``) in a subprocess, driven by a test script.

The editor runs offscreen with its own recovery folder; the script named by
``JOURNEYMAP_TEST_SCRIPT`` runs inside it after start (see app.workshop.hooks).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from tests.workshop.helpers import ROOT

#: Generous: two cores are shared with other test runs.
PATIENCE = 60.0


def start_editor(
    tmp_path: Path, script: str, args: list[str], recovery: Path, **env: str
) -> subprocess.Popen:
    """Start ``python -m app ARGS`` running ``script`` (Python source) once it is up."""
    path = tmp_path / f"script_{time.monotonic_ns()}.py"
    path.write_text(textwrap.dedent(script))
    # Only what this test sets: no recovery choice or script left from elsewhere.
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYMAP_")}
    environ.update(
        QT_QPA_PLATFORM="offscreen",
        JOURNEYMAP_RECOVERY_DIR=str(recovery),
        JOURNEYMAP_TEST_SCRIPT=str(path),
        # The editor's settings (recent files) stay inside the test's folder.
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path / "home"),
        **env,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(check: Callable[[], bool], process: subprocess.Popen, what: str) -> None:
    """Poll ``check`` until it holds; fail with the editor's output if it dies or hangs."""
    deadline = time.monotonic() + PATIENCE
    while not check():
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"editor exited ({process.returncode}) before {what}:\n{err}")
        if time.monotonic() > deadline:
            process.kill()
            out, err = process.communicate()
            raise AssertionError(f"timed out waiting for {what}:\n{err}")
        time.sleep(0.05)


def finish(process: subprocess.Popen) -> str:
    """Wait for the editor to exit by itself; returns its stderr (fails on a bad exit)."""
    try:
        out, err = process.communicate(timeout=PATIENCE)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"editor did not exit:\n{err}") from None
    assert process.returncode == 0, err
    return err
