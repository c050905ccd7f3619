"""The inspector edits the selection through the undo stack and follows the model."""

import pytest
from PySide6.QtCore import Qt

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


def test_typing_a_title_is_one_undo_step(setup, qtbot):
    doc, inspector = setup
    inspector.show_selection(["c1"])
    title = inspector.card_form.title
    title.selectAll()
    qtbot.keyClicks(title, "Googles it")
    assert doc.journey.card("c1").title == "Googles it"
    doc.undo_stack.undo()
    assert doc.journey.card("c1").title == "Searches"


def test_fields_follow_undo(setup, qtbot):
    doc, inspector = setup
    inspector.show_selection(["c3"])
    qtbot.keyClicks(inspector.card_form.title, "!")
    assert inspector.card_form.title.text() == "Checkout!"
    doc.undo_stack.undo()
    assert inspector.card_form.title.text() == "Checkout"


def test_leaving_the_field_starts_a_new_undo_step(setup, qtbot):
    doc, inspector = setup
    inspector.show_selection(["c1"])
    title = inspector.card_form.title
    qtbot.keyClicks(title, " A")
    title.editingFinished.emit()
    qtbot.keyClicks(title, " B")
    doc.undo_stack.undo()
    assert doc.journey.card("c1").title == "Searches A"


def test_choosing_an_owner_sets_it(setup):
    doc, inspector = setup
    inspector.show_selection(["c4"])
    owner = inspector.card_form.owner
    owner.setCurrentIndex(owner.findText("Support"))
    owner.activated.emit(owner.currentIndex())
    assert doc.journey.card("c4").owner == "d2"


def test_owner_for_several_cards_is_one_step(setup):
    doc, inspector = setup
    inspector.show_selection(["c1", "c2", "c4"])
    owner = inspector.card_form.owner
    assert owner.currentIndex() == -1  # the cards disagree
    owner.setCurrentIndex(owner.findText("Sales"))
    owner.activated.emit(owner.currentIndex())
    assert {doc.journey.card(c).owner for c in ("c1", "c2", "c4")} == {"d1"}
    doc.undo_stack.undo()
    assert doc.journey.card("c4").owner is None


def test_emotion_face_sets_the_emotion(setup):
    doc, inspector = setup
    inspector.show_selection(["c1"])
    inspector.card_form.emotion.buttons[-2].click()
    assert doc.journey.card("c1").emotion == -2
    assert inspector.card_form.emotion.buttons[-2].isChecked()


def test_checking_a_persona_scopes_the_card(setup):
    doc, inspector = setup
    inspector.show_selection(["c1"])
    inspector.card_form.personas.item(0).setCheckState(Qt.CheckState.Checked)
    assert doc.journey.card("c1").personas == ["p1"]


def test_metrics_added_and_edited(setup):
    doc, inspector = setup
    inspector.show_selection(["c3"])
    metrics = inspector.card_form.metrics
    metrics._add()
    metrics.table.item(0, 0).setText("CSAT")
    metrics.table.item(0, 1).setText("4,5")
    assert doc.journey.card("c3").metrics == {"CSAT": 4.5}


def test_a_metric_that_is_not_a_number_is_put_back(setup):
    doc, inspector = setup
    inspector.show_selection(["c3"])
    inspector.card_form.set_metrics({"NPS": 30})
    inspector.card_form.metrics.table.item(0, 1).setText("lots")
    assert doc.journey.card("c3").metrics == {"NPS": 30}
    assert inspector.card_form.metrics.table.item(0, 1).text() == "30"


def test_flow_label_typing_edits_the_flow(setup, qtbot):
    doc, inspector = setup
    inspector.show_selection([], ["f1"])
    qtbot.keyClicks(inspector.flow_form.label, "then")
    assert doc.journey.flow("f1").label == "then"
    assert doc.undo_stack.count() == 1


def test_cell_shows_and_renames_its_stage_and_lane(setup, qtbot):
    doc, inspector = setup
    inspector.show_selection([], [], ("s2", "l1"))
    assert inspector.currentWidget() is inspector.cell_form
    qtbot.keyClicks(inspector.cell_form.lane_name, "s")
    assert doc.journey.lane("l1").name == "Customers"


def test_nothing_selected_edits_the_map_title(setup, qtbot):
    doc, inspector = setup
    inspector.show_selection([])
    title = inspector.map_form.title
    title.clear()
    qtbot.keyClicks(title, "Buying a bike")
    title.editingFinished.emit()
    assert doc.journey.title == "Buying a bike"
    assert doc.undo_stack.count() == 1


def test_a_removed_card_falls_back_to_the_map(setup):
    doc, inspector = setup
    inspector.show_selection(["c4"])
    from app.canvas.undo import push_edit
    from app.model.edits import RemoveCard

    push_edit(doc.undo_stack, doc.journey, RemoveCard("c4"))
    assert inspector.currentWidget() is inspector.map_form


def test_channel_completion_offers_the_channels_already_used(setup):
    doc, inspector = setup
    inspector.show_selection(["c1"])
    completer = inspector.card_form.channel.completer()
    completer.setCompletionPrefix("mai")
    assert completer.currentCompletion() == "E-mail"


def test_choosing_a_kind_changes_the_card_and_undo_restores_it(setup):
    doc, inspector = setup
    inspector.show_selection(["c2"])
    kind = inspector.card_form.kind
    kind.setCurrentIndex(kind.findData("pain"))
    kind.activated.emit(kind.currentIndex())
    assert doc.journey.card("c2").kind == "pain"
    doc.undo_stack.undo()
    assert kind.currentData() == "action"


def test_a_long_title_shows_its_start(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from app.panels.inspector_forms import set_text

    field = QLineEdit()
    qtbot.addWidget(field)
    field.resize(120, 30)
    field.show()
    set_text(field, "Reads every review on three comparison sites before choosing a bank")
    assert field.cursorPosition() == 0  # the field shows the first words
