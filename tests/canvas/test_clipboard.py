"""Cut, copy, paste, duplicate and delete through the clipboard controller."""

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from app.documents.document import Document
from app.window.clipboard import MIME_CARDS, ClipboardController
from tests.model.helpers import small_journey, state


class FakeSelection:
    """Stands in for the scene's selection API."""

    def __init__(self, cards=(), flows=(), cell=None):
        self.cards, self.flows, self.cell = list(cards), list(flows), cell

    def selected_card_ids(self):
        return list(self.cards)

    def selected_flow_ids(self):
        return list(self.flows)

    def selected_cell(self):
        return self.cell

    def select_cards(self, ids):
        self.cards = list(ids)


def controller(selection, journey=None):
    doc = Document(journey or small_journey())
    return doc, ClipboardController(doc, selection)


def test_copy_puts_cards_and_titles_on_the_clipboard(qapp):
    _, clip = controller(FakeSelection(["c1", "c2"]))
    assert clip.copy()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(MIME_CARDS)
    assert mime.text() == "Searches\nReads reviews"


def test_paste_into_another_map_makes_new_cards_with_their_internal_flow(qapp):
    _, source = controller(FakeSelection(["c1", "c2"]))
    source.copy()
    target_sel = FakeSelection(cell=("s2", "l2"))
    doc, target = controller(target_sel)
    before = len(doc.journey.cards)
    assert target.paste()
    new = [doc.journey.card(cid) for cid in target_sel.cards]
    assert [c.title for c in new] == ["Searches", "Reads reviews"]
    assert all((c.stage, c.lane) == ("s2", "l2") for c in new)
    assert len(doc.journey.cards) == before + 2
    flows = [f for f in doc.journey.flows if f.source == new[0].id]
    assert [f.target for f in flows] == [new[1].id]


def test_paste_without_a_cell_returns_cards_to_their_original_cells(qapp):
    sel = FakeSelection(["c3"])
    doc, clip = controller(sel)
    clip.copy()
    sel.cards = []
    clip.paste()
    (new,) = sel.cards
    assert (doc.journey.card(new).stage, doc.journey.card(new).lane) == ("s2", "l2")
    assert doc.journey.card(new).owner == "d2"


def test_paste_is_one_undo_step(qapp):
    sel = FakeSelection(["c1", "c2"])
    doc, clip = controller(sel)
    before = state(doc.journey)
    clip.copy()
    clip.paste()
    doc.undo_stack.undo()
    assert state(doc.journey) == before


def test_cut_removes_the_cards_and_paste_brings_copies_back(qapp):
    sel = FakeSelection(["c2"])
    doc, clip = controller(sel)
    assert clip.cut()
    assert not doc.journey.has_card("c2")
    sel.cell = ("s1", "l1")
    clip.paste()
    assert [c.title for c in doc.journey.cell("s1", "l1")] == ["Searches", "Reads reviews"]


def test_duplicate_copies_into_the_same_cell_and_selects_the_copies(qapp):
    sel = FakeSelection(["c4"])
    doc, clip = controller(sel)
    assert clip.duplicate()
    assert [c.title for c in doc.journey.cell("s2", "l2")] == ["Checkout", "Receipt", "Receipt"]
    assert sel.cards != ["c4"] and doc.journey.card(sel.cards[0]).title == "Receipt"


def test_cut_of_a_card_with_flows_is_one_undo_step(qapp):
    sel = FakeSelection(["c2"])
    doc, clip = controller(sel)
    before = state(doc.journey)
    clip.cut()
    assert not doc.journey.has_flow("f1") and not doc.journey.has_flow("f2")
    doc.undo_stack.undo()
    assert state(doc.journey) == before


def test_plain_text_lines_become_cards_in_the_selected_cell(qapp):
    mime = QMimeData()
    mime.setText("Calls support\n\nWaits on hold\n")
    QGuiApplication.clipboard().setMimeData(mime)
    doc, clip = controller(FakeSelection(cell=("s1", "l2")))
    assert clip.paste()
    cards = doc.journey.cell("s1", "l2")
    assert [(c.title, c.kind) for c in cards] == [
        ("Calls support", "touchpoint"),
        ("Waits on hold", "touchpoint"),
    ]


def test_a_broken_payload_pastes_nothing(qapp):
    mime = QMimeData()
    mime.setData(MIME_CARDS, b'{"format": "journeymap", "version": 1, "cards": [{"id": 1}]}')
    QGuiApplication.clipboard().setMimeData(mime)
    doc, clip = controller(FakeSelection(cell=("s1", "l1")))
    assert not clip.paste()
    assert doc.undo_stack.count() == 0
