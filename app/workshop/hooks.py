"""Test hooks: drive a real editor process from a test, as a user would.

These are read from the environment once the first window is up; none of
them is set in normal use.

``JOURNEYMAP_TEST_SCRIPT``
    A Python file run inside the editor after start (and after the recovery
    offer).  Its globals hold ``window`` (the first `MainWindow`), ``app``
    (the QApplication) and ``push_edit`` (``push_edit(edit)`` pushes a model
    edit through the window's undo stack, exactly like a gesture does).  An
    exception in it prints the traceback and ends the editor with status 3.

``JOURNEYMAP_RECOVERY_CHOICE``
    ``recover``, ``discard`` or ``later``: answer the startup recovery offer
    without showing the dialog (for every map offered).

``JOURNEYMAP_LOCKED_CHOICE``
    ``read-only``, ``anyway`` or ``cancel``: answer "this map is open in
    another window" without showing the question.

``JOURNEYMAP_RECOVERY_DIR``
    The recovery folder (see `app.safety.recovery_store`).

The editor's entry point (`app.window.main_window.run_editor`) reads these
and passes what they choose into the window it builds; nothing else in the
program looks at the environment for tests.
"""

from __future__ import annotations

import os
import runpy
import sys
import traceback
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from app.canvas.undo import push_edit
from app.model.edits import Edit

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

TEST_SCRIPT_ENV = "JOURNEYMAP_TEST_SCRIPT"
RECOVERY_CHOICE_ENV = "JOURNEYMAP_RECOVERY_CHOICE"
LOCKED_CHOICE_ENV = "JOURNEYMAP_LOCKED_CHOICE"
#: Exit status of an editor whose test script raised.
SCRIPT_FAILED = 3


def recovery_choice() -> str | None:
    """The recovery answer set for tests, or None (ask the user)."""
    choice = os.environ.get(RECOVERY_CHOICE_ENV, "").strip().lower()
    return choice if choice in ("recover", "discard", "later") else None


def locked_choice() -> str | None:
    """The answer set for tests to "this map is open elsewhere", or None (ask)."""
    choice = os.environ.get(LOCKED_CHOICE_ENV, "").strip().lower()
    return choice if choice in ("read-only", "anyway", "cancel") else None


def run_test_script(window: MainWindow) -> None:
    """Run ``$JOURNEYMAP_TEST_SCRIPT`` (if set) against ``window``."""
    script = os.environ.get(TEST_SCRIPT_ENV)
    if not script:
        return

    def push(edit: Edit) -> None:
        push_edit(window.document.undo_stack, window.document.journey, edit)

    scope = {"window": window, "app": QApplication.instance(), "push_edit": push}
    try:
        runpy.run_path(script, init_globals=scope, run_name="__journeymap_test__")
    except SystemExit:
        raise
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        QApplication.exit(SCRIPT_FAILED)
