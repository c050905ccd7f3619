"""Kill the real editor with SIGKILL: every edit comes back, and a save never breaks files.

Each test runs ``python -m app`` in a subprocess, drives it through the undo
stack from a test script (JOURNEYMAP_TEST_SCRIPT), kills it, and looks at
what is left on disk or starts it again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal

import pytest

from app.model import fileformat
from app.model.errors import JourneyError
from app.safety.recovery_store import read_session
from app.safety.safe_save import backup_path
from tests.workshop.editor_process import finish, start_editor, wait_for
from tests.workshop.helpers import SAMPLE

EDITS = """
from app.model.edits import AddCard, MoveCards, RemoveFlow, update, update_card
from app.model.journey import Card

journey = window.document.journey
first, second = journey.cards[0], journey.cards[1]
push_edit(update_card(first.id, title="Renamed during the workshop"))
push_edit(update("stage", journey.stages[0].id, name="Hear about us"))
push_edit(AddCard(Card("c-new", journey.stages[1].id, journey.lanes[0].id, 0,
                       "Sticky note added live", "action", emotion=-1)))
push_edit(MoveCards(((second.id, journey.stages[2].id, journey.lanes[1].id, 0),)))
push_edit(RemoveFlow(journey.flows[0].id))
push_edit(update_card(first.id, title="Renamed twice"))
window.document.undo_stack.undo()          # the second rename is undone
push_edit(update_card("c-new", notes="typed in the inspector"))
"""


def _snapshots(recovery):
    """The maps the recovery folder holds now, as file text."""
    maps = []
    for meta in recovery.glob("*/meta.json"):
        with contextlib.suppress(OSError, JourneyError):  # being written
            maps.append(fileformat.dumps(read_session(meta.parent)))
    return maps


@pytest.fixture
def map_file(tmp_path):
    path = tmp_path / "workshop.journey"
    shutil.copy(SAMPLE, path)
    return path


def test_every_edit_is_recovered_after_sigkill(tmp_path, map_file):
    recovery, expected = tmp_path / "recovery", tmp_path / "expected.journey"
    script = EDITS + f"""
from app.model import fileformat
fileformat.save(journey, {str(expected)!r})
"""
    editor = start_editor(tmp_path, script, [str(map_file)], recovery)
    try:
        # Nobody saves: the edits reach the recovery folder by themselves.
        wait_for(lambda: expected.exists() and _snapshots(recovery) == [expected.read_text()],
                 editor, "the edits to reach the recovery folder")
        os.kill(editor.pid, signal.SIGKILL)
    finally:
        editor.kill()
        editor.communicate()
    assert map_file.read_bytes() == SAMPLE.read_bytes()  # the user's file is untouched

    report = tmp_path / "report.json"
    restarted = start_editor(tmp_path, f"""
import json
from app.model import fileformat
from app.window.main_window import MainWindow
[win] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
doc = win.document
with open({str(report)!r}, "w") as out:
    json.dump({{"map": fileformat.dumps(doc.journey), "path": doc.path,
               "modified": doc.is_modified()}}, out)
app.exit(0)  # quit() would ask about the unsaved map
""", [], recovery, JOURNEYMAP_RECOVERY_CHOICE="recover")
    finish(restarted)

    got = json.loads(report.read_text())
    assert got["map"] == expected.read_text()
    assert got["path"] == str(map_file.resolve()) and got["modified"]


SAVE_AND_BLOCK = """
import os, time
from app.model.edits import update_card

target = os.path.realpath({target!r})
real_replace = os.replace

def replace(src, dst, *args, **kwargs):
    # Stand still at this step of the save until the test kills the editor.
    if os.path.realpath(dst) == target:
        with open({marker!r}, "w") as out:
            out.write(src)
        time.sleep(600)
    return real_replace(src, dst, *args, **kwargs)

journey = window.document.journey
card = journey.cards[0]
push_edit(update_card(card.id, title="Version A"))
assert window.files.save()
push_edit(update_card(card.id, title="Version B"))
os.replace = replace
window.files.save()
"""


@pytest.mark.parametrize("step", ["backup", "file"])
def test_kill_in_the_middle_of_a_save_leaves_file_and_backup_intact(tmp_path, map_file, step):
    marker = tmp_path / "blocked"
    target = backup_path(map_file) if step == "backup" else map_file
    script = SAVE_AND_BLOCK.format(target=str(target), marker=str(marker))
    editor = start_editor(tmp_path, script, [str(map_file)], tmp_path / "recovery")
    try:
        wait_for(marker.exists, editor, f"the save to reach the {step} step")
        os.kill(editor.pid, signal.SIGKILL)
    finally:
        editor.kill()
        editor.communicate()

    title = fileformat.load(map_file).cards[0].title
    backup_title = fileformat.load(backup_path(map_file)).cards[0].title
    original_title = fileformat.load(SAMPLE).cards[0].title
    # Killed before its rename, each file is still the complete previous version.
    assert title == "Version A"
    assert backup_title == (original_title if step == "backup" else "Version A")
