"""The recovery store keeps unsaved maps on disk and offers only dead sessions."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import app.safety.recovery_store as recovery
from app.model import fileformat
from app.model.edits import History, update_card
from app.safety.journal import encode
from app.safety.recovery_store import RecoveryStore, meta, read_session
from app.safety.safe_save import FileStamp
from tests.model.helpers import small_journey, state


def test_snapshot_restores_the_edited_map(tmp_path):
    journey = small_journey()
    History(journey).do(update_card("c1", title="Edited in the workshop"))
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    session.write(journey, tmp_path / "map.journey")
    session._lock.close()  # the process "dies": its lock goes with it

    [entry] = store.orphans()
    assert state(store.restore(entry)) == state(journey)


def test_entry_tells_what_would_be_recovered(tmp_path):
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    session.write(small_journey(), tmp_path / "map.journey")
    session._lock.close()

    [entry] = store.orphans()
    assert (entry.title, entry.cards) == ("Test map", 4)
    assert entry.original == str(tmp_path / "map.journey")


def test_entry_keeps_the_stamp_of_the_original_file(tmp_path):
    known = FileStamp(123, 456, "ab" * 32)
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    session.write(small_journey(), tmp_path / "map.journey", known)
    session._lock.close()

    assert store.orphans()[0].file_stamp == known


def test_untitled_map_has_no_original(tmp_path):
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    session.write(small_journey(), None)
    session._lock.close()

    assert store.orphans()[0].original is None


def test_live_session_is_not_offered(tmp_path):
    session = RecoveryStore(tmp_path).new_session()
    session.write(small_journey(), None)

    assert RecoveryStore(tmp_path).orphans() == []


def test_session_of_a_killed_process_is_offered(tmp_path):
    code = (
        "import sys, time\n"
        "from app.safety.recovery_store import RecoveryStore\n"
        "from tests.model.helpers import small_journey\n"
        "session = RecoveryStore(sys.argv[1]).new_session()\n"
        "session.write(small_journey(), None)\n"
        "print('written', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "written"
        assert RecoveryStore(tmp_path).orphans() == []  # alive: not offered
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()

    assert [e.title for e in RecoveryStore(tmp_path).orphans()] == ["Test map"]


def test_saved_map_leaves_nothing_to_recover(tmp_path):
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    session.write(small_journey(), None)
    session.clear()
    session._lock.close()

    assert store.orphans() == []


def test_closed_session_removes_its_folder(tmp_path):
    session = RecoveryStore(tmp_path).new_session()
    session.write(small_journey(), None)
    session.close()

    assert list(tmp_path.iterdir()) == []


def test_discard_removes_the_entry(tmp_path):
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    session.write(small_journey(), None)
    session._lock.close()

    store.discard(store.orphans()[0])
    assert store.orphans() == []
    assert list(tmp_path.iterdir()) == []


def test_claimed_entry_is_not_offered_to_a_second_start(tmp_path):
    session = RecoveryStore(tmp_path).new_session()
    session.write(small_journey(), None)
    session._lock.close()
    first = RecoveryStore(tmp_path)

    first.restore(first.orphans()[0])
    assert RecoveryStore(tmp_path).orphans() == []


def test_half_written_session_is_not_offered_and_is_cleaned_up(tmp_path):
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    session.write(small_journey(), None)
    (session.folder / "snapshot.journey").unlink()
    session._lock.close()

    assert store.orphans() == []
    store.remove_leftovers()
    assert list(tmp_path.iterdir()) == []


def test_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_RECOVERY_DIR", str(tmp_path / "here"))
    assert RecoveryStore().folder == tmp_path / "here"


def test_a_kill_between_any_two_writes_never_hides_written_recovery_data(tmp_path, monkeypatch):
    """A process killed after any single file write still has its newest data offered."""
    # The session stays open here; a restart would see its lock gone.
    monkeypatch.setattr(recovery, "_is_locked", lambda path: False)
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    journey = small_journey()
    before = journey.card("c1").title
    recovered: list[str | None] = []  # what a restart finds after each write
    real_write = fileformat.atomic_write

    def write_then_look(path, data):
        real_write(path, data)
        entries = store.orphans()
        recovered.append(read_session(entries[0].folder).card("c1").title if entries else None)

    monkeypatch.setattr(fileformat, "atomic_write", write_then_look)
    session.write(journey, tmp_path / "map.journey")  # the very first snapshot
    edit = update_card("c1", title="A second later")
    History(journey).do(edit)
    session.append([encode(edit)], meta(journey, tmp_path / "map.journey", None))
    session.write(journey, tmp_path / "map.journey")  # a new base over offered data

    assert recovered[0] is None  # only the meta data: nothing offered, nothing lost
    assert recovered[1] == before
    assert recovered[2:] == ["A second later"] * (len(recovered) - 2)
