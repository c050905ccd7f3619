"""The same map open twice: a lock beside the file names who has it open, and a
second opener is warned and offered read-only or open anyway."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.safety.net import Locked, ask_locked
from app.safety.owner_lock import Owner, lock_path, read_owner
from app.window.main_window import MainWindow
from tests.workshop.editor_process import finish, start_editor, wait_for


@pytest.fixture
def asked():
    """Answers "open elsewhere" with ``asked.answer``; records who was named."""

    def ask(parent, path, owner):
        ask.owners.append(owner)
        return ask.answer

    ask.owners, ask.answer = [], Locked.READ_ONLY
    return ask


@pytest.fixture
def second(qtbot, services, asked):
    win = MainWindow(services=dataclasses.replace(services, ask_locked=asked))
    qtbot.addWidget(win)
    return win


def _lock_of(pid: int, path) -> None:
    owner = {"user": "alice", "host": socket.gethostname(), "pid": pid,
             "since": 1_700_000_000.0, "token": "someone-else"}
    lock_path(path).write_text(json.dumps(owner))


def test_an_open_map_has_a_lock_naming_who_and_since_when(window, sample_path):
    owner = read_owner(sample_path)
    assert owner is not None and owner.pid == os.getpid()
    assert owner.host == socket.gethostname() and owner.user
    assert lock_path(sample_path).name == ".~lock.sample.journey#"


def test_a_second_window_on_the_same_map_is_warned_and_can_open_it_read_only(
    window, second, asked, sample_path, monkeypatch, tmp_path
):
    assert second.files.open_path(str(sample_path))
    assert [o.pid for o in asked.owners] == [os.getpid()]
    assert second.document.read_only and "read-only" in second.windowTitle()
    # Save goes to Save As: the other window's file is not touched.
    copy = tmp_path / "copy.journey"
    monkeypatch.setattr("app.documents.file_commands.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(copy), ""))
    before = sample_path.read_bytes()
    assert second.files.save()
    assert sample_path.read_bytes() == before and copy.exists()
    assert second.document.path == str(copy) and not second.document.read_only


def test_open_anyway_opens_it_without_taking_the_other_lock(window, second, asked,
                                                             sample_path):
    asked.answer = Locked.ANYWAY
    assert second.files.open_path(str(sample_path))
    assert not second.document.read_only
    assert read_owner(sample_path).token == window.safety.lock.me.token


def test_a_map_held_by_another_live_process_warns_and_cancel_keeps_the_map(
    second, asked, sample_path
):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _lock_of(sleeper.pid, sample_path)
        asked.answer = Locked.CANCEL
        assert not second.files.open_path(str(sample_path))
        assert [(o.user, o.pid) for o in asked.owners] == [("alice", sleeper.pid)]
        assert "alice on" in asked.owners[0].describe()
        assert second.document.path is None
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_stale_lock_of_a_dead_process_is_taken_over_silently(second, asked, sample_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _lock_of(dead.pid, sample_path)

    assert second.files.open_path(str(sample_path))
    assert asked.owners == []
    assert read_owner(sample_path).token == second.safety.lock.me.token


def test_closing_the_window_removes_its_lock(qtbot, window, sample_path):
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it later
    window.show()
    assert window.close()
    assert not lock_path(sample_path).exists()


def test_a_second_editor_process_is_warned_and_a_crashed_one_is_not(tmp_path, sample_path):
    report = tmp_path / "report.json"
    first = start_editor(tmp_path, "", [str(sample_path)], tmp_path / "r1")
    try:
        wait_for(lambda: read_owner(sample_path) is not None, first, "the first lock")
        script = f"""
import json
with open({str(report)!r}, "w") as out:
    json.dump({{"read_only": window.document.read_only, "title": window.windowTitle(),
               "path": window.document.path}}, out)
app.exit(0)
"""
        second_editor = start_editor(tmp_path, script, [str(sample_path)], tmp_path / "r2",
                                     JOURNEYMAP_LOCKED_CHOICE="read-only")
        finish(second_editor)
        seen = json.loads(report.read_text())
        assert seen["read_only"] and "read-only" in seen["title"]
    finally:
        first.kill()  # a crash: its lock stays behind, stale
        first.communicate()
    assert read_owner(sample_path).pid == first.pid
    report.unlink()
    # Had it asked, "cancel" would have left the window without the map.
    third = start_editor(tmp_path, script, [str(sample_path)], tmp_path / "r3",
                         JOURNEYMAP_LOCKED_CHOICE="cancel")
    finish(third)
    seen = json.loads(report.read_text())
    assert seen["path"] == str(sample_path) and not seen["read_only"]


def test_the_question_names_who_has_it_and_returns_what_was_clicked(qtbot):
    seen = []

    def click():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        [button] = [b for b in box.buttons() if "Read-Only" in b.text()]
        button.click()

    QTimer.singleShot(0, click)
    owner = Owner(user="alice", host="lab-pc", pid=4242, since=0.0, token="t")
    assert ask_locked(None, "/maps/room.journey", owner) is Locked.READ_ONLY
    assert "room.journey" in seen[0] and "alice on lab-pc (process 4242)" in seen[0]
