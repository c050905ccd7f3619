"""The recovery journal: edits written down and applied again give the same map."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.canvas.undo import push_edit
from app.documents.document import Document
from app.model import fileformat
from app.model.edits import SetInfo, update_card
from app.safety import journal, recovery_store
from app.safety.autosave import RecoveryRecorder
from app.safety.compactor import compact
from app.safety.recovery_store import RecoveryStore, journal_files, read_session
from app.safety.safe_save import stamp
from tests.model.helpers import small_journey, state
from tests.model.test_model_properties import random_edit


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_edits_and_undos_replayed_from_the_journal_give_the_same_map(tmp_path_factory, data):
    journey, copy = small_journey(), small_journey()
    lines, inverses = [], []
    for seq in range(1, data.draw(st.integers(1, 15)) + 1):
        if inverses and data.draw(st.booleans()):
            edit = inverses.pop()  # an undo applies the inverse edit
            edit.apply(journey)
        else:
            edit = random_edit(data, journey)
            inverses.append(edit.apply(journey))
        lines.append(journal.line(seq, edit))
    path = tmp_path_factory.mktemp("journal") / "journal-00000001.jsonl"
    path.write_bytes(b"".join(lines))

    assert journal.replay(copy, journal.read([path]), 0) == len(lines)
    assert state(copy) == state(journey)


def test_a_line_cut_short_by_a_kill_ends_the_journal(tmp_path):
    journey = small_journey()
    path = tmp_path / "journal-00000001.jsonl"
    path.write_bytes(journal.line(1, update_card("c1", title="kept"))
                     + journal.line(2, update_card("c1", title="lost"))[:25])
    assert journal.replay(journey, journal.read([path]), 0) == 1
    assert journey.card("c1").title == "kept"


def test_any_text_round_trips_even_a_lone_surrogate(tmp_path):
    line = journal.line(1, SetInfo("caf\u00e9 \ud800 \U0001f600", "x"))
    assert line.isascii()
    [(seq, edit)] = journal.read([_written(tmp_path, line)])
    assert edit == SetInfo("caf\u00e9 \ud800 \U0001f600", "x")


def _written(tmp_path, data: bytes):
    path = tmp_path / "journal-00000001.jsonl"
    path.write_bytes(data)
    return path


def _file_document(tmp_path):
    path = tmp_path / "map.journey"
    fileformat.save(small_journey(), path)
    document = Document()
    document.open(str(path))
    return document, path


def test_a_file_backed_map_journals_edits_over_a_copy_of_its_file(qtbot, tmp_path):
    document, path = _file_document(tmp_path)
    recorder = RecoveryRecorder(document, RecoveryStore(tmp_path / "r"), lambda: stamp(path))
    push_edit(document.undo_stack, document.journey, update_card("c1", title="one"))
    push_edit(document.undo_stack, document.journey, update_card("c1", title="two"))
    recorder.flush()

    folder = recorder.session.folder
    assert (folder / recovery_store.SNAPSHOT_NAME).read_bytes() == path.read_bytes()
    entries = [json.loads(x) for f in journal_files(folder) for x in f.read_text().split("\n") if x]
    assert [e["seq"] for e in entries] == [1, 2]
    assert read_session(folder).card("c1").title == "two"


def test_compaction_folds_the_journal_into_a_snapshot_and_deletes_what_it_holds(qtbot, tmp_path):
    document, path = _file_document(tmp_path)
    recorder = RecoveryRecorder(document, RecoveryStore(tmp_path / "r"), lambda: stamp(path))
    for n in range(5):
        push_edit(document.undo_stack, document.journey, update_card("c1", title=f"t{n}"))
        recorder.flush()
    session = recorder.session
    session.compact()
    session.wait_for_compaction()
    push_edit(document.undo_stack, document.journey, update_card("c2", title="after"))
    recorder.flush()

    names = sorted(p.name for p in session.folder.iterdir())
    assert "snapshot-00000005.journey" in names and recovery_store.SNAPSHOT_NAME not in names
    assert [p.name for p in journal_files(session.folder)] == ["journal-00000006.jsonl"]
    assert state(read_session(session.folder)) == state(document.journey)


def test_compacting_twice_or_late_changes_nothing(tmp_path):
    store = RecoveryStore(tmp_path)
    session = store.new_session()
    session.write(small_journey(), None)
    before = state(read_session(session.folder))
    compact(session.folder, 0)
    assert state(read_session(session.folder)) == before


def test_the_file_is_copied_ahead_so_the_first_edit_only_moves_the_copy(qtbot, tmp_path):
    document, path = _file_document(tmp_path)
    recorder = RecoveryRecorder(document, RecoveryStore(tmp_path / "r"), lambda: stamp(path))
    sha = stamp(path).sha256
    qtbot.waitUntil(lambda: recorder.session.prepared(sha) is not None)
    prepared = recorder.session.prepared(sha)
    inode = prepared.stat().st_ino

    push_edit(document.undo_stack, document.journey, update_card("c1", title="one"))
    # On disk the moment it is applied: no timer, no event loop turn.
    snapshot = recorder.session.folder / recovery_store.SNAPSHOT_NAME
    assert not prepared.exists() and snapshot.stat().st_ino == inode
    assert read_session(recorder.session.folder).card("c1").title == "one"
    push_edit(document.undo_stack, document.journey, update_card("c1", title="two"))
    assert read_session(recorder.session.folder).card("c1").title == "two"


def test_a_copy_of_a_file_changed_on_disk_is_not_used(qtbot, tmp_path):
    document, path = _file_document(tmp_path)
    old = stamp(path)
    path.write_text(path.read_text().replace('"title": "', '"title": "Other: ', 1))
    recorder = RecoveryRecorder(document, RecoveryStore(tmp_path / "r"), lambda: old)
    push_edit(document.undo_stack, document.journey, update_card("c1", title="one"))
    recorder.flush()

    recovered = read_session(recorder.session.folder)
    assert recovered.card("c1").title == "one" and "Other:" not in recovered.title
