"""The document: modified state from the undo stack's clean index, open and save."""

import pytest

from app.canvas.undo import push_edit
from app.documents.document import Document
from app.model import fileformat
from app.model.edits import update_card
from app.model.errors import JourneyError
from tests.model.helpers import small_journey, state


def edit(doc, title="Changed"):
    push_edit(doc.undo_stack, doc.journey, update_card("c1", title=title))


def test_an_edit_marks_modified_and_undo_back_to_saved_clears_it(qapp):
    doc = Document(small_journey())
    seen = []
    doc.modified_changed.connect(seen.append)
    edit(doc)
    assert doc.is_modified()
    doc.undo_stack.undo()
    assert not doc.is_modified()
    assert seen == [True, False]


def test_save_as_writes_the_map_and_makes_it_the_file(qapp, tmp_path):
    doc = Document(small_journey())
    edit(doc)
    doc.save_as(str(tmp_path / "m.journey"))
    assert not doc.is_modified()
    assert doc.display_name() == "m.journey"
    assert state(fileformat.load(tmp_path / "m.journey")) == state(doc.journey)


def test_undo_past_the_save_point_is_modified_again(qapp, tmp_path):
    doc = Document(small_journey())
    edit(doc)
    doc.save_as(str(tmp_path / "m.journey"))
    doc.undo_stack.undo()
    assert doc.is_modified()


def test_a_failed_save_keeps_the_map_modified_and_the_old_path(qapp, tmp_path):
    doc = Document(small_journey())
    edit(doc)
    with pytest.raises(JourneyError, match="m.journey"):
        doc.save_as(str(tmp_path / "missing-folder" / "m.journey"))
    assert doc.is_modified() and doc.path is None


def test_opening_replaces_the_journey_and_clears_the_history(qapp, tmp_path):
    path = tmp_path / "m.journey"
    fileformat.save(small_journey(), path)
    doc = Document(small_journey())
    edit(doc)
    replaced = []
    doc.journey_replaced.connect(replaced.append)
    doc.open(str(path))
    assert replaced == [doc.journey]
    assert doc.undo_stack.count() == 0 and not doc.is_modified()
    assert doc.window_title() == "m.journey[*] \u2014 Journeymap"


def test_an_untitled_map_is_called_untitled(qapp):
    assert Document().window_title() == "Untitled[*] \u2014 Journeymap"
