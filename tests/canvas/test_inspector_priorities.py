"""The inspector edits impact and effort (1-5 choices) and the votes count,
each change one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.canvas.tooltips import card_tooltip
from app.documents.document import Document
from app.panels.inspector import Inspector
from tests.model.helpers import small_journey


@pytest.fixture
def setup(qtbot):
    doc = Document(small_journey())
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_journey(doc.journey, doc.undo_stack)
    return doc, inspector


def _choose(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def test_impact_and_effort_offer_five_named_levels_and_not_rated(setup):
    doc, inspector = setup
    inspector.show_selection(["c1", "c2"])
    for name, top in (("impact", "5 (very high)"), ("effort", "5 (very large)")):
        combo = inspector.card_form.widgets[name]
        assert isinstance(combo, QComboBox)
        texts = [combo.itemText(i) for i in range(combo.count())]
        assert texts[0] == "Not rated" and texts[-1] == top and len(texts) == 6
    _choose(inspector.card_form.widgets["impact"], 4)
    assert {doc.journey.card(c).impact for c in ("c1", "c2")} == {4}
    doc.undo_stack.undo()
    assert {doc.journey.card(c).impact for c in ("c1", "c2")} == {None}


def test_votes_is_a_count_typed_and_a_bad_one_put_back(setup):
    doc, inspector = setup
    inspector.show_selection(["c3"])
    votes = inspector.card_form.widgets["votes"]
    assert isinstance(votes, QLineEdit)
    assert inspector.card_form._form.labelForField(votes).text() == "Votes"
    votes.setText("4")
    votes.editingFinished.emit()
    assert doc.journey.card("c3").votes == 4
    votes.setText("-2")
    votes.editingFinished.emit()
    assert doc.journey.card("c3").votes == 4 and votes.text() == "4"
    doc.undo_stack.undo()
    assert doc.journey.card("c3").votes == 0


def test_the_tooltip_tells_votes_and_ratings(setup):
    doc, _ = setup
    card = doc.journey.card("c3")
    card.votes, card.impact, card.effort = 3, 5, 1
    tip = card_tooltip(doc.journey, "c3")
    assert "Votes: 3" in tip and "Impact: 5 (very high)" in tip and "Effort: 1 (very small)" in tip
