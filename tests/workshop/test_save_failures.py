"""A save or an autosave that fails always reaches the user; saving never blocks the window."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from app.canvas.undo import push_edit
from app.model import fileformat
from app.model.edits import SetInfo, update_card
from app.safety import saving
from app.safety.recovery_store import read_session
from app.safety.saving import Conflict


def _edit(win, title="Edited in the room"):
    card = win.document.journey.cards[0]
    push_edit(win.document.undo_stack, win.document.journey, update_card(card.id, title=title))
    return card.id


def test_full_disk_on_save_shows_a_dialog_and_the_status_bar(window, writer, dialogs):
    _edit(window)
    writer.fail = OSError(28, "No space left on device")

    assert not window.files.save()
    assert [kind for kind, _ in dialogs] == ["critical"]
    assert "No space left on device" in dialogs[0][1]
    assert "No space left on device" in window.statusBar().currentMessage()
    assert window.document.is_modified()


def test_a_writer_that_breaks_unexpectedly_is_reported_not_only_printed(window, writer, dialogs):
    _edit(window)
    writer.fail = RuntimeError("the writer broke")

    assert not window.files.save()
    assert dialogs and "the writer broke" in dialogs[-1][1]
    assert window.document.is_modified()


def test_text_that_cannot_be_encoded_is_reported_on_save_and_autosave(window, dialogs):
    window.files.start_untitled()  # no file to copy: recovery must serialise the map
    journey = window.document.journey
    push_edit(window.document.undo_stack, journey, SetInfo("Broken \ud800", ""))

    window.safety.recorder.flush()  # must not raise into the event loop
    assert "cannot be kept for recovery" in window.statusBar().currentMessage()
    box = window.safety.failure_box
    assert box is not None and box.isVisible() and "cannot be kept" in box.text()
    window.document.replace(journey, "/nowhere/map.journey")  # as if it had a file
    push_edit(window.document.undo_stack, journey, SetInfo("Broken \ud800 again", ""))
    assert not window.files.save()
    assert dialogs and "not saved" in dialogs[-1][1]
    assert "not saved" in window.statusBar().currentMessage()


def test_a_file_backed_map_with_such_text_still_reaches_recovery(qtbot, window):
    journey = window.document.journey
    push_edit(window.document.undo_stack, journey, SetInfo("Broken \ud800", ""))
    window.safety.recorder.flush()
    assert window.safety.recorder.failed is None
    assert read_session(window.safety.recorder.session.folder).title == "Broken \ud800"


def test_cancel_when_the_file_changed_on_disk_is_quiet(window, sample_path, dialogs,
                                                       monkeypatch):
    monkeypatch.setattr(saving, "ask_conflict", lambda win, path: Conflict.CANCEL)
    _edit(window)
    sample_path.write_text(sample_path.read_text().replace('"title": "', '"title": "X: ', 1))

    assert not window.files.save()
    assert dialogs == []  # no error: the user chose this
    assert "not saved" in window.statusBar().currentMessage()
    assert window.document.is_modified()


def test_the_window_takes_edits_while_the_file_is_written_and_keeps_them(
    qtbot, window, writer, sample_path
):
    card_id = window.document.journey.cards[0].id
    edited = threading.Event()
    seen: list[bool] = []

    def slow(data, path, known, check):
        seen.append(edited.wait(10))  # the UI thread goes on meanwhile

    writer.before = slow
    _edit(window, "saved")

    def edit_during_save():
        _edit(window, "typed while saving")
        edited.set()

    QTimer.singleShot(50, edit_during_save)
    assert window.files.save()
    assert seen == [True]
    assert fileformat.load(sample_path).card(card_id).title == "saved"
    assert window.document.journey.card(card_id).title == "typed while saving"
    assert window.document.is_modified()  # the file does not hold the last edit yet


def test_a_second_save_or_open_while_saving_waits_and_says_so(qtbot, window, writer,
                                                              sample_path):
    answers: list = []
    release = threading.Event()

    def slow(data, path, known, check):
        release.wait(10)

    writer.before = slow
    _edit(window)

    def meanwhile():
        answers.append(window.files.save())
        answers.append(window.files.open_path(str(sample_path)))
        answers.append(window.statusBar().currentMessage())
        release.set()

    QTimer.singleShot(50, meanwhile)
    assert window.files.save()
    assert answers[:2] == [False, False] and "Still saving" in answers[2]
    assert not window.document.is_modified()
