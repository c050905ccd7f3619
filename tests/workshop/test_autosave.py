"""Unsaved edits reach the recovery store without the user saving."""

from __future__ import annotations

import pytest

from app.canvas.undo import push_edit
from app.documents.document import Document
from app.model.edits import update_card
from app.safety.autosave import RecoveryRecorder
from app.safety.recovery_store import RecoveryStore, read_session
from tests.model.helpers import small_journey, state


def _edit(document, title="Edited"):
    push_edit(document.undo_stack, document.journey, update_card("c1", title=title))


def _edit_first(document):
    card = document.journey.cards[0]
    push_edit(document.undo_stack, document.journey, update_card(card.id, title="Edited"))


def _recorder(tmp_path):
    document = Document(small_journey(), None)
    store = RecoveryStore(tmp_path / "recovery")
    return document, RecoveryRecorder(document, store), store


def test_edit_is_on_disk_without_saving(qtbot, tmp_path):
    document, recorder, _ = _recorder(tmp_path)
    _edit(document)

    qtbot.waitUntil(lambda: recorder.session is not None and recorder.session.has_snapshot)
    snapshot = read_session(recorder.session.folder)
    assert state(snapshot) == state(document.journey)


def test_clean_map_writes_nothing(qtbot, tmp_path):
    document, recorder, _ = _recorder(tmp_path)
    recorder.flush()
    assert recorder.session is None


def test_saving_clears_the_snapshot(qtbot, tmp_path):
    document, recorder, _ = _recorder(tmp_path)
    _edit(document)
    recorder.flush()
    document.save_as(str(tmp_path / "map.journey"))

    assert not (recorder.session.folder / "snapshot.journey").exists()


def test_undo_to_the_saved_state_clears_the_snapshot(qtbot, tmp_path):
    document, recorder, _ = _recorder(tmp_path)
    _edit(document)
    recorder.flush()
    document.undo_stack.undo()

    assert not (recorder.session.folder / "snapshot.journey").exists()


def test_snapshot_follows_later_edits(qtbot, tmp_path):
    document, recorder, _ = _recorder(tmp_path)
    _edit(document, "first")
    recorder.flush()
    _edit(document, "second")
    recorder.flush()

    snapshot = read_session(recorder.session.folder)
    assert snapshot.card("c1").title == "second"


def test_close_removes_the_session(qtbot, tmp_path):
    document, recorder, _ = _recorder(tmp_path)
    _edit(document)
    recorder.flush()
    recorder.close()

    assert list((tmp_path / "recovery").iterdir()) == []


def test_unwritable_folder_does_not_break_editing(qtbot, tmp_path):
    (tmp_path / "recovery").write_text("a file where the folder should be")
    document, recorder, _ = _recorder(tmp_path)
    _edit(document)
    recorder.flush()

    assert recorder.failed
    assert document.journey.card("c1").title == "Edited"


@pytest.fixture
def store(tmp_path):
    """A recovery store in a place that cannot be a folder."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    return RecoveryStore(blocked)


def test_window_says_when_recovery_cannot_be_written(qtbot, window):
    _edit_first(window.document)
    window.safety.recorder.flush()

    assert "cannot be kept for recovery" in window.statusBar().currentMessage()
    box = window.safety.failure_box
    assert box is not None and box.isVisible() and "cannot be kept" in box.text()


def test_keystrokes_merged_into_one_undo_step_all_reach_the_snapshot(qtbot, tmp_path):
    document, recorder, _ = _recorder(tmp_path)
    push_edit(document.undo_stack, document.journey, update_card("c1", title="C"),
              merge_key="c1.title")
    recorder.flush()
    for text in ("Ca", "Cal"):
        push_edit(document.undo_stack, document.journey, update_card("c1", title=text),
                  merge_key="c1.title")
    qtbot.waitUntil(lambda: read_session(
        recorder.session.folder).card("c1").title == "Cal")
