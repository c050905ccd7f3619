"""The editor window never loses work: backups, changed files, bad files, shortcuts."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from PySide6.QtGui import QKeySequence

from app.canvas.undo import push_edit
from app.model import fileformat
from app.model.edits import update_card
from app.safety import saving
from app.safety.safe_save import backup_path
from app.safety.saving import Conflict
from app.workshop.shortcuts_help import collect_shortcuts
from tests.workshop.helpers import SAMPLE


def _edit(win, title="Edited in the room"):
    card = win.document.journey.cards[0]
    push_edit(win.document.undo_stack, win.document.journey, update_card(card.id, title=title))
    return card.id


def _changed_elsewhere(path):
    path.write_text(path.read_text().replace('"title": "', '"title": "Elsewhere: ', 1))


def test_save_keeps_the_previous_version_as_backup(window, sample_path):
    before = sample_path.read_bytes()
    card_id = _edit(window)
    assert window.files.save()
    assert backup_path(sample_path).read_bytes() == before
    assert fileformat.load(sample_path).card(card_id).title == "Edited in the room"


@pytest.fixture
def answer(monkeypatch):
    """Answers the changed-on-disk question; records that it was asked."""
    asked = []

    def ask(window, path):
        asked.append(path)
        return asked_answer[0]

    asked_answer = [Conflict.CANCEL]
    monkeypatch.setattr(saving, "ask_conflict", ask)
    return asked, asked_answer


def test_file_changed_on_disk_is_not_overwritten_when_the_user_cancels(
    window, sample_path, answer, dialogs
):
    asked, _ = answer
    _edit(window)
    _changed_elsewhere(sample_path)

    assert not window.files.save()
    assert asked == [str(sample_path)]
    assert "Elsewhere:" in sample_path.read_text()
    assert window.document.is_modified()


def test_overwrite_replaces_the_changed_file_and_keeps_it_as_backup(
    window, sample_path, answer
):
    _, reply = answer
    reply[0] = Conflict.OVERWRITE
    card_id = _edit(window)
    _changed_elsewhere(sample_path)

    assert window.files.save()
    assert fileformat.load(sample_path).card(card_id).title == "Edited in the room"
    assert "Elsewhere:" in backup_path(sample_path).read_text()


def test_save_as_keeps_both_versions(window, sample_path, answer, monkeypatch, tmp_path):
    _, reply = answer
    reply[0] = Conflict.SAVE_AS
    other = tmp_path / "mine.journey"
    monkeypatch.setattr(
        "app.documents.file_commands.QFileDialog.getSaveFileName", lambda *a, **k: (str(other), "")
    )
    card_id = _edit(window)
    _changed_elsewhere(sample_path)

    assert window.files.save()
    assert "Elsewhere:" in sample_path.read_text()
    assert fileformat.load(other).card(card_id).title == "Edited in the room"
    assert window.document.path == str(other)


def test_a_second_save_after_saving_is_not_a_conflict(window, sample_path, answer):
    asked, _ = answer
    _edit(window, "one")
    assert window.files.save()
    _edit(window, "two")
    assert window.files.save()
    assert asked == []


# ------------------------------------------------------------- bad files
def _bad_journeys():
    valid = json.loads(SAMPLE.read_text(encoding="utf-8"))

    def broken(change):
        data = json.loads(json.dumps(valid))
        change(data)
        return json.dumps(data).encode()

    return {
        "not JSON": b'{"format": "journeymap", "version": 1,',
        "not a journey file": b'{"hello": "world"}',
        "a JSON list": b"[1, 2, 3]",
        "newer version": broken(lambda d: d.__setitem__("version", 99)),
        "missing required key": broken(lambda d: d["cards"][0].pop("stage")),
        "wrong type": broken(lambda d: d["stages"][0].__setitem__("name", 7)),
        "duplicate id": broken(lambda d: d["cards"][1].__setitem__("id", d["cards"][0]["id"])),
        "dangling reference": broken(lambda d: d["cards"][0].__setitem__("owner", "nobody")),
        "emotion out of range": broken(lambda d: d["cards"][0].__setitem__("emotion", 5)),
        "unknown kind": broken(lambda d: d["cards"][0].__setitem__("kind", "idea")),
        "not UTF-8": b'{"format": "journeymap", "title": "caf\xe9"}',
    }


BAD_CSV = {
    "no required column": "stage,title\nBuy,Pay\n",
    "empty required value": "stage,lane,title\nBuy,,Pay\n",
    "unknown next target": "stage,lane,title,next\nBuy,Do,Pay,Nowhere\n",
}


@pytest.mark.parametrize("name", sorted(_bad_journeys()))
def test_bad_journey_file_shows_a_dialog_and_keeps_the_map(window, dialogs, tmp_path, name):
    _assert_refused(window, dialogs, tmp_path / "bad.journey", _bad_journeys()[name])


@pytest.mark.parametrize("name", sorted(BAD_CSV))
def test_bad_csv_shows_a_dialog_and_keeps_the_map(window, dialogs, tmp_path, name):
    _assert_refused(window, dialogs, tmp_path / "bad.csv", BAD_CSV[name].encode())


def test_csv_that_is_not_utf8_asks_and_keeps_the_map_when_declined(window, dialogs, tmp_path):
    # The dialog offers to read it as Windows-1252; the answer here is not Yes.
    _assert_refused(window, dialogs, tmp_path / "bad.csv", "stage,lane,title\nK\xf6ln,A,B\n"
                    .encode("latin-1"), kinds=["question"])


def test_missing_file_and_folder_show_a_dialog(window, dialogs, tmp_path):
    _assert_refused(window, dialogs, tmp_path / "gone.journey", None)
    (tmp_path / "folder.journey").mkdir()
    _assert_refused(window, dialogs, tmp_path / "folder.journey", None)


def _assert_refused(window, dialogs, path, data, kinds=("critical",)):
    if data is not None:
        path.write_bytes(data)
    journey, before = window.document.journey, window.document.path
    shown = len(dialogs)
    assert not window.files.open_path(str(path), ask=False)
    assert [kind for kind, _ in dialogs[shown:]] == list(kinds)
    assert path.name in dialogs[-1][1]
    assert window.document.journey is journey and window.document.path == before
    assert window.scene.journey is journey and window.isEnabled()


# -------------------------------------------------------------- shortcuts
def test_no_two_commands_share_a_key(window):
    # The canvas keys work only on the canvas, and a mode's keys (presentation,
    # focus) are enabled only while it is on; the rest must never share a key.
    modal = {"Canvas", "Presentation mode", "Focus mode"}
    rows = [r for r in collect_shortcuts(window) if r.where not in modal]
    keys = Counter(k.strip() for r in rows for k in r.keys.split(", "))
    assert [k for k, n in keys.items() if n > 1] == []


def test_mode_keys_are_off_outside_their_mode(window):
    from PySide6.QtGui import QAction

    from app.workshop.shortcuts_help import GROUP_PROPERTY

    modal = [a for a in window.findChildren(QAction)
             if a.property(GROUP_PROPERTY) in ("Presentation mode", "Focus mode")]
    assert modal and not any(a.isEnabled() for a in modal)


def test_help_lists_every_shortcut_of_the_window(window):
    listed = {r.command for r in collect_shortcuts(window)}
    for name in ("Save", "Undo", "Presentation Mode", "Next Stage", "Focus on Stage",
                 "Keyboard Shortcuts", "Next persona"):
        assert name in listed
    assert window.workshop.shortcuts_action.shortcut() == QKeySequence("Ctrl+/")


def test_help_menu_opens_the_shortcuts_dialog(window, qtbot):
    dialog = window.workshop.show_shortcuts()
    qtbot.addWidget(dialog)
    assert "Presentation Mode" in dialog.visible_commands()


def _mnemonic(text):
    text = text.replace("&&", "")
    i = text.find("&")
    return text[i + 1].lower() if 0 <= i < len(text) - 1 else None


def test_workshop_menu_entries_have_their_own_access_keys(window):
    ours = {window.workshop.presentation.toggle_action, window.workshop.focus.stage_action,
            window.workshop.focus.lane_action, window.workshop.personas.menu.menuAction(),
            window.workshop.personas.toolbar.toggleViewAction(), window.workshop.shortcuts_action}
    for top in window.menuBar().actions():
        entries = [a for a in top.menu().actions() if not a.isSeparator()]
        for action in set(entries) & ours:
            key = _mnemonic(action.text())
            others = [_mnemonic(a.text()) for a in entries if a is not action]
            assert key is not None and key not in others, action.text()
