"""At start, the maps of a dead session are offered, shown and recovered or discarded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.canvas.undo import push_edit
from app.model.edits import History, update_card
from app.safety import saving
from app.safety.net import offer_recovery
from app.safety.recovery_dialog import Choice, RecoveryDialog
from app.safety.safe_save import stamp
from app.safety.saving import Conflict
from tests.model.helpers import small_journey


def _dead_session(store, original=None, title="Lost in the crash", file_stamp=None):
    journey = small_journey()
    History(journey).do(update_card("c1", title=title))
    session = store.new_session()
    session.write(journey, original, file_stamp)
    session._lock.close()  # as if the process was killed
    return journey


def _choose(monkeypatch, choice):
    monkeypatch.setattr("app.safety.net.RecoveryDialog", _answering(Choice(choice)))


def _answering(choice):
    class Answered:
        def __init__(self, entries, parent=None):
            self.chosen, self.choice = entries, choice

        def exec(self):
            return 1

    return Answered


def test_recovered_map_replaces_the_blank_start_map(qtbot, window, store, monkeypatch):
    window.files.start_untitled()
    _dead_session(store)
    _choose(monkeypatch, "recover")

    assert offer_recovery(window) == [window]
    assert window.document.journey.card("c1").title == "Lost in the crash"
    assert window.document.is_modified() and window.document.path is None


def test_recovered_map_keeps_its_file_and_stays_unsaved(qtbot, window, store, monkeypatch,
                                                       sample_path):
    window.files.start_untitled()
    _dead_session(store, sample_path, file_stamp=stamp(sample_path))
    _choose(monkeypatch, "recover")

    offer_recovery(window)
    assert window.document.path == str(sample_path)
    assert window.document.is_modified()


def test_second_map_opens_in_its_own_window(qtbot, window, store, monkeypatch):
    window.files.start_untitled()
    _dead_session(store, title="first")
    _dead_session(store, title="second")
    _choose(monkeypatch, "recover")

    windows = offer_recovery(window)
    for win in windows[1:]:
        qtbot.addWidget(win)
    titles = [w.document.journey.card("c1").title for w in windows]
    assert titles == ["first", "second"] and windows[1] is not window


def test_map_with_unsaved_work_of_its_own_is_not_replaced(qtbot, window, store, monkeypatch):
    journey = window.document.journey
    push_edit(window.document.undo_stack, journey, update_card(journey.cards[0].id, title="mine"))
    _dead_session(store)
    _choose(monkeypatch, "recover")

    [other] = offer_recovery(window)
    qtbot.addWidget(other)
    assert other is not window
    assert window.document.journey.cards[0].title == "mine"


def test_recovered_map_opens_in_the_window_that_asked_not_beside_a_stale_one(
    qtbot, window, store, monkeypatch, sample_path
):
    # Restarted on the map that had unsaved changes when the editor died:
    # the window shows the file's stale version until the recovery comes in.
    _dead_session(store, sample_path, file_stamp=stamp(sample_path))
    _choose(monkeypatch, "recover")

    assert offer_recovery(window) == [window]
    assert window.document.journey.card("c1").title == "Lost in the crash"
    assert window.document.path == str(sample_path) and window.document.is_modified()


def test_recovered_session_is_not_offered_again(qtbot, window, store, monkeypatch):
    window.files.start_untitled()
    _dead_session(store)
    _choose(monkeypatch, "recover")
    offer_recovery(window)

    assert store.orphans() == []
    assert window.safety.recorder.session.has_snapshot  # safe in the new session


def test_discard_deletes_the_recovery_data(qtbot, window, store, monkeypatch):
    _dead_session(store)
    _choose(monkeypatch, "discard")
    assert offer_recovery(window) == []
    assert store.orphans() == []


def test_later_keeps_it_for_the_next_start(qtbot, window, store, monkeypatch):
    _dead_session(store)
    _choose(monkeypatch, "later")
    assert offer_recovery(window) == []
    assert len(store.orphans()) == 1


def test_dialog_shows_what_would_be_recovered(qtbot, store, sample_path):
    _dead_session(store, sample_path)
    dialog = RecoveryDialog(store.orphans())
    qtbot.addWidget(dialog)
    row = [dialog.tree.topLevelItem(0).text(i) for i in range(4)]
    assert row[0] == "Test map" and row[2] == "4" and row[3] == str(sample_path)
    assert row[1]  # the time of the last change


def test_dialog_recovers_only_the_ticked_maps(qtbot, store):
    _dead_session(store)
    _dead_session(store)
    entries = store.orphans()
    dialog = RecoveryDialog(entries)
    qtbot.addWidget(dialog)
    dialog.set_ticked(entries[1:])
    dialog.recover_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.choice, dialog.chosen) == (Choice.RECOVER, entries[1:])


def test_untitled_map_is_labelled_as_never_saved(qtbot, store):
    _dead_session(store, None)
    dialog = RecoveryDialog(store.orphans())
    qtbot.addWidget(dialog)
    assert "untitled" in dialog.tree.topLevelItem(0).text(3)


def test_recovered_map_still_notices_its_file_changed_since_the_crash(
    qtbot, window, store, monkeypatch, sample_path
):
    window.files.start_untitled()
    _dead_session(store, sample_path, file_stamp=stamp(sample_path))
    sample_path.write_text(sample_path.read_text().replace('"title": "', '"title": "New: ', 1))
    _choose(monkeypatch, "recover")
    offer_recovery(window)
    asked = []
    monkeypatch.setattr(saving, "ask_conflict", lambda win, path: asked.append(path) or
                        Conflict.CANCEL)

    assert not window.files.save()
    assert asked == [str(sample_path)]


def _edited_and_recorded(window):
    journey = window.document.journey
    push_edit(window.document.undo_stack, journey, update_card(journey.cards[0].id, title="x"))
    window.safety.recorder.flush()
    return window.safety.recorder.session.folder


def test_closing_and_discarding_removes_the_recovery_data(qtbot, window, dialogs):
    folder = _edited_and_recorded(window)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it later
    window.show()
    assert window.close()  # the unsaved-changes question is answered Discard
    assert not folder.exists()


def test_cancelled_close_keeps_the_recovery_data(qtbot, window, monkeypatch):
    folder = _edited_and_recorded(window)
    window.show()
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert (folder / "snapshot.journey").exists()
