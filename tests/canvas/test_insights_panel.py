"""The Insights dock and the responsibility table, driven like a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from app.model.edits import History, RemovePersona, update_card
from app.model.fileformat import load
from app.panels.insights import InsightsPanel
from app.panels.responsibility import ResponsibilityView

CLINIC = Path(__file__).parents[1] / "model" / "data_analysis" / "clinic.journey"


@pytest.fixture
def journey():
    return load(CLINIC)


@pytest.fixture
def panel(qtbot, journey):
    widget = InsightsPanel(journey)
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    return widget


def headings(panel: InsightsPanel) -> list[str]:
    tree = panel.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def group(panel: InsightsPanel, title: str):
    tree = panel.tree
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0).startswith(title):
            return tree.topLevelItem(i)
    raise AssertionError(f"no group {title!r}")


def click(qtbot, panel: InsightsPanel, item) -> None:
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# ------------------------------------------------------------------- panel
def test_panel_lists_the_hand_worked_counts(panel):
    assert headings(panel) == [
        "Hand-offs between departments (6)",
        "Touchpoints without an owner (2)",
        "Stages without a touchpoint (1)",
        "Dead ends (2)",
        "Backward flows (1)",
        "Cycles (2)",
        "Channel switches (7)",
    ]


def test_panel_names_cards_by_title(panel):
    unowned = group(panel, "Touchpoints without an owner")
    assert [unowned.child(i).text(0) for i in range(2)] == [
        "Asks a friend (Discover)",
        "Leaves a review (Follow-up)",
    ]


def test_panel_follows_an_edit(qtbot, panel, journey):
    History(journey).do(update_card("t2", owner="d1"))
    qtbot.waitUntil(lambda: headings(panel)[1] == "Touchpoints without an owner (1)")


def test_clicking_a_flow_finding_asks_for_its_flow(qtbot, panel):
    backward = group(panel, "Backward flows").child(0)
    with qtbot.waitSignal(panel.flows_requested) as signal:
        click(qtbot, panel, backward)
    assert signal.args == [["f8"]]


def test_clicking_a_card_finding_asks_for_its_card(qtbot, panel):
    dead_end = group(panel, "Dead ends").child(1)
    with qtbot.waitSignal(panel.cards_requested) as signal:
        click(qtbot, panel, dead_end)
    assert signal.args == [["x2"]]


def test_clicking_a_cycle_asks_for_its_cards(qtbot, panel):
    cycle = group(panel, "Cycles").child(0)
    with qtbot.waitSignal(panel.cards_requested) as signal:
        click(qtbot, panel, cycle)
    assert signal.args == [["t3", "t5", "t6"]]


def test_clicking_a_heading_asks_for_all_its_flows(qtbot, panel):
    with qtbot.waitSignal(panel.flows_requested) as signal:
        click(qtbot, panel, group(panel, "Hand-offs"))
    assert signal.args == [["f2", "f6", "f7", "f8", "f10", "f12"]]


def test_persona_filter_narrows_the_findings(panel):
    panel.set_persona("p2")
    assert "Returning patient" in panel.persona_label.text()
    assert headings(panel)[:3] == [
        "Hand-offs between departments (5)",
        "Touchpoints without an owner (0)",
        "Stages without a touchpoint (2)",
    ]


def test_removing_the_chosen_persona_falls_back_to_everyone(qtbot, panel, journey):
    panel.set_persona("p2")
    History(journey).do(RemovePersona("p2"))
    assert panel.persona() is None
    assert "everyone" in panel.persona_label.text()


def test_highlight_box_announces_and_names_what_to_mark(qtbot, panel):
    with qtbot.waitSignal(panel.highlight_toggled) as signal:
        panel.highlight_box.click()
    assert signal.args == [True]
    assert panel.highlighted_ids() == (["t2", "t8"], ["f2", "f6", "f7", "f8", "f10", "f12"])


def test_panel_can_switch_to_another_map(qtbot, panel, journey):
    other = load(CLINIC)
    panel.set_journey(other)
    History(other).do(update_card("t8", owner="d1"))
    qtbot.waitUntil(lambda: headings(panel)[1] == "Touchpoints without an owner (1)")
    # The first map is no longer followed.
    assert not journey._observers


def test_deleted_panel_stops_listening(qtbot, journey):
    panel = InsightsPanel(journey)
    shiboken6.delete(panel)
    History(journey).do(update_card("t2", owner="d1"))  # must not call into the dead panel
    assert not journey._observers


# ---------------------------------------------------------- responsibility
@pytest.fixture
def view(qtbot, journey):
    widget = ResponsibilityView(journey)
    qtbot.addWidget(widget)
    widget.resize(640, 300)
    widget.show()
    return widget


def test_responsibility_csv_is_exact(view, tmp_path):
    view.save_csv(tmp_path / "who.csv")
    assert (tmp_path / "who.csv").read_bytes() == (
        "\ufeffDepartment,Discover,Book,Visit,Pay,Follow-up,Total\n"
        "Marketing,1,0,0,0,1,2\n"
        "Front desk,0,2,1,0,0,3\n"
        "Clinical,0,0,1,0,0,1\n"
        "Billing,0,0,0,0,0,0\n"
    ).encode("utf-8")


def test_responsibility_copy_is_tab_separated(qtbot, view):
    view.copy_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Department\tDiscover\tBook\tVisit\tPay\tFollow-up\tTotal"
    assert lines[2] == "Front desk\t0\t2\t1\t0\t0\t3"


def test_clicking_a_number_asks_for_its_cards(qtbot, view):
    table = view.table
    rect = table.visualItemRect(table.item(1, 1))  # Front desk, Book
    with qtbot.waitSignal(view.cards_requested) as signal:
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [["t3", "t4"]]


def test_clicking_a_total_asks_for_all_the_department_cards(qtbot, view):
    table = view.table
    rect = table.visualItemRect(table.item(0, 5))  # Marketing, Total
    with qtbot.waitSignal(view.cards_requested) as signal:
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [["t1", "t7"]]


def test_responsibility_follows_an_edit(qtbot, view, journey):
    History(journey).do(update_card("t6", owner="d4"))
    qtbot.waitUntil(lambda: view.rows()[4] == ["Billing", "0", "0", "1", "0", "0", "1"])


def test_responsibility_for_one_persona(view):
    view.set_persona("p2")
    assert view.rows()[1] == ["Marketing", "0", "0", "0", "0", "1", "1"]


def test_hidden_panel_catches_up_when_shown(panel, journey):
    panel.hide()
    History(journey).do(update_card("t2", owner="d1"))
    panel.show()
    assert headings(panel)[1] == "Touchpoints without an owner (1)"


def test_choosing_a_persona_announces_it(qtbot, panel):
    with qtbot.waitSignal(panel.persona_changed) as signal:
        panel.set_persona("p1")
    assert signal.args == ["p1"]


def test_hidden_panels_analyse_only_when_shown_or_read(qtbot, journey, monkeypatch):
    # Opening a map must not wait for docks nobody sees (issue 13, "No waiting").
    from app.model.analysis import analyse, responsibility_cards
    from app.panels import insights, responsibility

    calls = []
    monkeypatch.setattr(insights, "analyse",
                        lambda *a: calls.append("analyse") or analyse(*a))
    monkeypatch.setattr(responsibility, "responsibility_cards",
                        lambda *a: calls.append("count") or responsibility_cards(*a))
    panel, table = InsightsPanel(journey), ResponsibilityView(journey)
    qtbot.addWidget(panel)
    qtbot.addWidget(table)
    assert calls == []
    assert panel.analysis == analyse(journey, None)
    assert table.rows()[0][0] == "Department" and len(table.rows()) > 1
    assert calls == ["analyse", "count"]
    panel.show()
    table.show()
    assert calls == ["analyse", "count"]  # nothing changed since they were read
    assert "cards" in panel.summary.text()
