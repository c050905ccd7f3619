"""Presentation mode: full screen, large type, arrow keys step through stages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QToolBar

from app.layout.style import DEFAULT_STYLE, PRESENTATION_STYLE
from app.workshop.presentation import presentation_scale


@pytest.fixture
def shown(window, qtbot):
    window.resize(760, 560)  # fits the offscreen screen (800x800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _visible_chrome(win):
    widgets = [win.menuBar(), win.statusBar(), *win.findChildren(QToolBar)]
    widgets += win.findChildren(QDockWidget)
    return [w for w in widgets if w.isVisible()]


def _stage_centre_in_view(win, stage_id):
    """Where the stage's column centre is on screen, as a share of the free width."""
    layout = win.scene.layout
    x, w = layout.columns[stage_id]
    pos = win.view.mapFromScene(x + w / 2, 0).x()
    left = layout.lane_header_width * win.view.zoom
    return (pos - left) / (win.view.viewport().width() - left)


def test_entering_hides_everything_but_the_map(shown):
    shown.workshop.presentation.enter()
    assert shown.isFullScreen()
    assert _visible_chrome(shown) == []
    assert shown.scene.style == PRESENTATION_STYLE


def test_right_arrow_steps_to_the_next_stage_and_the_view_follows(shown, qtbot):
    presentation = shown.workshop.presentation
    presentation.enter()
    stages = shown.scene.layout.stage_ids
    qtbot.keyClick(shown.view, Qt.Key.Key_Right)
    qtbot.keyClick(shown.view, Qt.Key.Key_Right)

    assert presentation.current_stage() == stages[2]
    assert _stage_centre_in_view(shown, stages[2]) == pytest.approx(0.5, abs=0.02)


def test_left_arrow_steps_back(shown, qtbot):
    presentation = shown.workshop.presentation
    presentation.enter()
    presentation.go_to(3)
    qtbot.keyClick(shown.view, Qt.Key.Key_Left)
    assert presentation.current_stage() == shown.scene.layout.stage_ids[2]


def test_stepping_stops_at_the_last_stage(shown, qtbot):
    presentation = shown.workshop.presentation
    presentation.enter()
    qtbot.keyClick(shown.view, Qt.Key.Key_End)
    qtbot.keyClick(shown.view, Qt.Key.Key_Right)
    assert presentation.current_stage() == shown.scene.layout.stage_ids[-1]


def test_down_arrow_brings_the_next_lane_to_the_top(shown, qtbot):
    shown.workshop.presentation.enter()
    qtbot.keyClick(shown.view, Qt.Key.Key_Down)
    layout, view = shown.scene.layout, shown.view
    second = layout.rows[layout.lane_ids[1]][0]
    top_of_map_area = view.mapToScene(0, round(layout.header_height * view.zoom)).y()
    assert top_of_map_area == pytest.approx(second, abs=2)


def test_escape_restores_the_window_exactly(shown, qtbot):
    shown.view.set_zoom(0.8)
    shown.view.horizontalScrollBar().setValue(120)
    before = (
        shown.geometry(), shown.saveState(), shown.view.zoom,
        shown.view.horizontalScrollBar().value(), _visible_chrome(shown),
    )
    shown.workshop.presentation.enter()
    qtbot.keyClick(shown.view, Qt.Key.Key_Right)
    qtbot.keyClick(shown.view, Qt.Key.Key_Escape)

    after = (
        shown.geometry(), shown.saveState(), shown.view.zoom,
        shown.view.horizontalScrollBar().value(), _visible_chrome(shown),
    )
    assert after == before
    assert not shown.isFullScreen()
    assert shown.scene.style == DEFAULT_STYLE


def test_arrow_keys_belong_to_the_canvas_outside_presentation(shown, qtbot):
    journey = shown.document.journey
    shown.scene.select_cell((journey.stages[0].id, journey.lanes[0].id))
    shown.view.setFocus()
    qtbot.keyClick(shown.view, Qt.Key.Key_Right)
    assert shown.scene.selected_cell() == (journey.stages[1].id, journey.lanes[0].id)
    assert shown.workshop.presentation.current_stage() == journey.stages[0].id


def test_presentation_starts_on_the_selected_stage(shown):
    journey = shown.document.journey
    shown.scene.select_cell((journey.stages[3].id, journey.lanes[0].id))
    shown.workshop.presentation.enter()
    assert shown.workshop.presentation.current_stage() == journey.stages[3].id


def test_escape_while_typing_a_card_cancels_the_typing_only(shown, qtbot):
    journey = shown.document.journey
    shown.workshop.presentation.enter()
    shown.scene.start_new_card(journey.stages[0].id, journey.lanes[0].id, "x")
    qtbot.keyClick(shown.view, Qt.Key.Key_Escape)
    assert shown.workshop.presentation.active
    assert not shown.scene.editing.active


@pytest.mark.parametrize("height", [720, 1080])
def test_card_titles_read_from_the_back_of_the_room(height):
    # A card title covers at least 2.5 % of the picture's height (about
    # 24-point type on a projected slide) at 720p and at 1080p.
    px = PRESENTATION_STYLE.card_title_size * presentation_scale(height, 5000)
    assert px / height >= 0.025


def test_short_map_is_drawn_larger_but_not_huge():
    assert presentation_scale(720, 400) == pytest.approx(1.25 * 720 / 600)


def test_maximised_window_comes_back_maximised(shown, qtbot):
    shown.showMaximized()
    qtbot.waitUntil(shown.isMaximized)
    shown.workshop.presentation.enter()
    shown.workshop.presentation.leave()
    assert shown.isMaximized() and not shown.isFullScreen()


def test_f5_enters_and_leaves(shown, qtbot):
    qtbot.keyClick(shown.view, Qt.Key.Key_F5)
    assert shown.workshop.presentation.active
    qtbot.keyClick(shown.view, Qt.Key.Key_F5)
    assert not shown.workshop.presentation.active
