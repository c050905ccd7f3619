"""Opening a map in the editor removes the temporary files killed saves left beside it."""

from __future__ import annotations

from app.documents.document import read_map
from app.model import atomic
from app.model.fileformat import save
from app.model.templates import load_template
from tests.model.test_atomic import make_temp


def test_opening_a_map_in_the_editor_cleans_up(tmp_path):
    target = tmp_path / "m.journey"
    save(load_template("blank"), target)
    stale = make_temp(tmp_path, ".m.journey.0123abcd.tmp", atomic.STALE_AGE + 5)
    backup_stale = make_temp(tmp_path, ".m.journey.bak.0123abcd.tmp", atomic.STALE_AGE + 5)
    fresh = make_temp(tmp_path, ".m.journey.4567cdef.tmp", 0)
    journey = read_map(str(target))
    assert journey.stages == load_template("blank").stages
    assert not stale.exists() and not backup_stale.exists()
    assert fresh.exists()
