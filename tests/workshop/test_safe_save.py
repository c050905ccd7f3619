"""Saving keeps a backup and refuses to overwrite a file someone else changed."""

from __future__ import annotations

import os

import pytest

from app.model import fileformat
from app.model.edits import History, update_card
from app.safety.safe_save import (
    FileChangedOnDiskError,
    backup_path,
    changed_on_disk,
    save_with_backup,
    stamp,
)
from tests.model.helpers import small_journey, state


@pytest.fixture
def saved(tmp_path):
    """A map saved to disk, and the stamp the editor took when it opened it."""
    path = tmp_path / "map.journey"
    journey = small_journey()
    fileformat.save(journey, path)
    return journey, path, stamp(path)


def test_save_keeps_the_previous_version_as_backup(saved):
    journey, path, known = saved
    before = path.read_bytes()
    History(journey).do(update_card("c1", title="New title"))

    save_with_backup(journey, path, known)

    assert backup_path(path).read_bytes() == before
    assert fileformat.load(path).card("c1").title == "New title"


def test_backup_sits_beside_the_file(tmp_path):
    assert backup_path(tmp_path / "map.journey") == tmp_path / "map.journey.bak"


def test_first_save_makes_no_backup(tmp_path):
    path = tmp_path / "new.journey"
    save_with_backup(small_journey(), path, None)
    assert state(fileformat.load(path)) == state(small_journey())
    assert not backup_path(path).exists()


def test_file_changed_by_someone_else_is_refused(saved):
    journey, path, known = saved
    path.write_text(path.read_text().replace("Test map", "Changed elsewhere"))
    os.utime(path, ns=(known.mtime_ns + 10**9, known.mtime_ns + 10**9))

    with pytest.raises(FileChangedOnDiskError):
        save_with_backup(journey, path, known)
    assert "Changed elsewhere" in path.read_text()


def test_overwrite_after_the_user_chose_it(saved):
    journey, path, known = saved
    path.write_text(path.read_text().replace("Test map", "Changed elsewhere"))

    save_with_backup(journey, path, known, check=False)
    assert fileformat.load(path).title == "Test map"
    assert "Changed elsewhere" in backup_path(path).read_text()


def test_touched_but_unchanged_file_is_not_a_change(saved):
    _, path, known = saved
    os.utime(path, ns=(known.mtime_ns + 5 * 10**9, known.mtime_ns + 5 * 10**9))
    assert not changed_on_disk(path, known)


def test_same_size_same_time_different_bytes_is_a_change(saved):
    _, path, known = saved
    path.write_text(path.read_text().replace("Test map", "Tost map"))
    os.utime(path, ns=(known.mtime_ns, known.mtime_ns))
    assert changed_on_disk(path, known)


def test_stamp_after_save_lets_the_next_save_through(saved):
    journey, path, known = saved
    known = save_with_backup(journey, path, known)
    History(journey).do(update_card("c2", title="Again"))
    save_with_backup(journey, path, known)
    assert fileformat.load(path).card("c2").title == "Again"


def test_deleted_file_is_written_again(saved):
    journey, path, known = saved
    path.unlink()
    save_with_backup(journey, path, known)
    assert fileformat.load(path).title == "Test map"


def test_unknown_existing_file_counts_as_changed(saved):
    _, path, _ = saved
    assert changed_on_disk(path, None)
