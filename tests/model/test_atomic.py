"""The one atomic writer: mode kept, symlinks written through, failures clean, stale files gone."""

from __future__ import annotations

import fcntl
import os
import stat
import time

import pytest

from app.model.atomic import atomic_file, atomic_path, atomic_write, remove_stale_temporaries
from app.model.errors import JourneyError
from app.model.fileformat import save
from app.model.templates import load_template


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_replaces_the_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "m.journey"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_mode(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.csv", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640


@pytest.mark.parametrize("shape", ["bytes", "file", "path"])
def test_writes_through_a_symlink_and_keeps_the_link(tmp_path, shape):
    real = tmp_path / "real" / "map.pdf"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    if shape == "bytes":
        atomic_write(link, b"new")
    elif shape == "file":
        with atomic_file(link) as handle:
            handle.write(b"new")
    else:
        with atomic_path(link) as temp, open(temp, "wb") as fh:
            fh.write(b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"
    assert leftovers(tmp_path) == [] and leftovers(real.parent) == []


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "m.svg"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        with open(temp, "wb") as fh:
            fh.write(b"half")
        raise RuntimeError("the writer broke")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_failed_write_is_one_clean_error(tmp_path, monkeypatch):
    def no_space(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(JourneyError, match=r"^.*m\.csv: cannot write: No space left on device$"):
        atomic_write(tmp_path / "m.csv", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_one_clean_error(tmp_path):
    with pytest.raises(JourneyError, match="nowhere/m.pdf: cannot write: No such file"):
        atomic_write(tmp_path / "nowhere" / "m.pdf", b"x")


def test_a_folder_is_not_overwritten(tmp_path):
    (tmp_path / "m.pdf").mkdir()
    with pytest.raises(JourneyError, match="m.pdf: cannot write: it is a folder"):
        atomic_write(tmp_path / "m.pdf", b"x")


# ------------------------------------------------------ stale temporaries
def make_temp(folder, name, age):
    path = folder / name
    path.write_bytes(b"half a map")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_saving_removes_the_stale_temporaries_of_that_map_only(tmp_path):
    target = tmp_path / "m.journey"
    stale = make_temp(tmp_path, ".m.journey.0123abcd.tmp", 3600)
    young = make_temp(tmp_path, ".m.journey.4567cdef.tmp", 1)
    other_map = make_temp(tmp_path, ".other.journey.0123abcd.tmp", 3600)
    not_ours = make_temp(tmp_path, ".m.journey.backup.tmp", 3600)
    save(load_template("blank"), target)
    assert not stale.exists()
    assert young.exists() and other_map.exists() and not_ours.exists()


def test_a_temporary_a_live_writer_holds_is_kept(tmp_path):
    held = make_temp(tmp_path, ".m.journey.89abcdef.tmp", 3600)
    fd = os.open(held, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert remove_stale_temporaries(tmp_path / "m.journey") == 0
        assert held.exists()
    finally:
        os.close(fd)
    assert remove_stale_temporaries(tmp_path / "m.journey") == 1
    assert not held.exists()


def test_the_writer_locks_its_temporary_while_writing(tmp_path):
    with atomic_path(tmp_path / "m.pdf") as temp:
        then = time.time() - 3600
        os.utime(temp, (then, then))
        assert remove_stale_temporaries(tmp_path / "m.pdf") == 0
        assert os.path.exists(temp)
    assert (tmp_path / "m.pdf").exists()
