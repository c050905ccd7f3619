"""The inspector, the context menu and the tooltip read the field table: a
throwaway field declared only in a test is edited like the real ones."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.canvas.tooltips import card_tooltip
from app.documents.document import Document
from app.model.fields import TABLE
from app.panels.inspector import Inspector
from tests.model.helpers import small_journey
from tests.model.test_fields import COUNT, FLAG, MOOD, SIZE


@pytest.fixture
def setup(qtbot):
    with TABLE.extended(MOOD, SIZE, FLAG, COUNT):
        doc = Document(small_journey())
        inspector = Inspector()
        qtbot.addWidget(inspector)
        inspector.set_journey(doc.journey, doc.undo_stack)
        yield doc, inspector


def test_a_text_field_gets_a_row_and_typing_is_one_undo_step(setup, qtbot):
    doc, inspector = setup
    inspector.show_selection(["c1"])
    mood = inspector.card_form.widgets["mood"]
    assert isinstance(mood, QLineEdit)
    assert inspector.card_form._form.labelForField(mood).text() == "Mood"
    qtbot.keyClicks(mood, "calm")
    assert doc.journey.card("c1").mood == "calm"
    doc.undo_stack.undo()
    assert doc.journey.card("c1").mood == ""
    assert mood.text() == ""


def test_an_enumerated_field_offers_its_names_and_sets_several_cards(setup):
    doc, inspector = setup
    inspector.show_selection(["c1", "c2"])
    size = inspector.card_form.widgets["size"]
    assert isinstance(size, QComboBox)
    assert [size.itemText(i) for i in range(size.count())] == [
        "Not sized", "Small", "Medium", "Large"]
    size.setCurrentIndex(size.findData("l"))
    size.activated.emit(size.currentIndex())
    assert {doc.journey.card(c).size for c in ("c1", "c2")} == {"l"}
    doc.undo_stack.undo()
    assert {doc.journey.card(c).size for c in ("c1", "c2")} == {None}


def test_a_number_field_takes_typed_numbers_and_puts_back_bad_ones(setup):
    doc, inspector = setup
    inspector.show_selection(["c3"])
    count = inspector.card_form.widgets["count"]
    count.setText("4")
    count.editingFinished.emit()
    assert doc.journey.card("c3").count == 4
    count.setText("-2")
    count.editingFinished.emit()
    assert doc.journey.card("c3").count == 4
    assert count.text() == "4"


def test_a_flag_is_a_check_box(setup):
    doc, inspector = setup
    inspector.show_selection(["c4"])
    inspector.card_form.widgets["flag"].click()
    assert doc.journey.card("c4").flag is True


def test_the_tooltip_lists_a_field_only_when_it_says_something(setup):
    doc, inspector = setup
    inspector.show_selection(["c1"])
    assert "Size" not in card_tooltip(doc.journey, "c1")
    size = inspector.card_form.widgets["size"]
    size.setCurrentIndex(size.findData("s"))
    size.activated.emit(size.currentIndex())
    assert "Size: Small" in card_tooltip(doc.journey, "c1")


def test_the_context_menu_has_a_submenu_for_the_field(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from app.documents.recent_files import RecentFiles
    from app.window.main_window import MainWindow
    from tests.canvas.canvas_helpers import workshop_journey
    from tests.canvas.test_context_menu import card_menu, entry, texts

    with TABLE.extended(SIZE):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(workshop_journey(), recent=RecentFiles(settings))
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        menu = card_menu(window, "c4")
        assert texts(entry(menu, "Size").menu()) == ["Small", "Medium", "Large", "Not sized"]
        entry(menu, "Size", "Medium").trigger()
        assert window.document.journey.card("c4").size == "m"
        window.document.undo_stack.undo()
        assert window.document.journey.card("c4").size is None
        window.document.undo_stack.clear()  # closes without asking
