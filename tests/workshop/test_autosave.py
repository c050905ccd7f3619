"""Unsaved edits reach the recovery store without the user saving."""

from __future__ import annotations

from app.canvas.undo import push_edit
from app.documents.document import Document
from app.model import fileformat
from app.model.edits import update_card
from app.safety.autosave import RecoveryRecorder
from app.safety.recovery_store import RecoveryStore
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
    snapshot = fileformat.load(recorder.session.folder / "snapshot.journey")
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

    snapshot = fileformat.load(recorder.session.folder / "snapshot.journey")
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


def test_window_says_when_recovery_cannot_be_written(qtbot, window, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(window.workshop.recorder, "_store", RecoveryStore(blocked))
    _edit_first(window.document)
    window.workshop.recorder.flush()

    assert "cannot be kept for recovery" in window.statusBar().currentMessage()


def test_keystrokes_merged_into_one_undo_step_all_reach_the_snapshot(qtbot, tmp_path):
    document, recorder, _ = _recorder(tmp_path)
    push_edit(document.undo_stack, document.journey, update_card("c1", title="C"),
              merge_key="c1.title")
    recorder.flush()
    for text in ("Ca", "Cal"):
        push_edit(document.undo_stack, document.journey, update_card("c1", title=text),
                  merge_key="c1.title")
    qtbot.waitUntil(lambda: fileformat.load(
        recorder.session.folder / "snapshot.journey").card("c1").title == "Cal")
