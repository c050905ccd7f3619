"""Presentation mode: full screen, large type, arrow keys step through stages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QToolBar

from app.layout.style import DEFAULT_STYLE
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


def _present(win, qtbot):
    """Enter presentation mode and wait for full screen (offscreen: 800x800)."""
    win.workshop.presentation.enter()
    qtbot.waitUntil(lambda: win.geometry() == win.screen().geometry())
    qtbot.wait(20)  # the central area's layout follows the window's size
    return win.workshop.presentation


def _shown_scene_rect(win):
    view = win.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def _whole_stages_in_view(win):
    """The stages whose whole column is in the picture, right of the lane headers."""
    layout = win.scene.layout
    seen = _shown_scene_rect(win)
    left = seen.left() + layout.lane_header_width
    return [
        sid for sid in layout.stage_ids
        if layout.columns[sid][0] >= left - 1
        and sum(layout.columns[sid]) <= seen.right() + 1
    ]


def test_right_arrow_steps_to_the_next_stage_and_the_view_follows(shown, qtbot):
    presentation = _present(shown, qtbot)
    stages = shown.scene.layout.stage_ids
    qtbot.keyClick(shown.view, Qt.Key.Key_Right)
    qtbot.keyClick(shown.view, Qt.Key.Key_Right)

    assert presentation.current_stage() == stages[2]
    assert stages[2] in _whole_stages_in_view(shown)
    highlight = shown.scene._stage_item
    x, w = shown.scene.layout.columns[stages[2]]
    assert highlight.isVisible() and highlight.boundingRect().center().x() == pytest.approx(
        x + w / 2, abs=1
    )


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_lane_and_only_whole_stages_are_shown(window, qtbot, size):
    window.show()
    presentation = _present(window, qtbot)
    view = window.view
    view.resize(*size)  # the projector's picture (offscreen full screen is smaller)
    layout = window.scene.layout
    for index in range(len(layout.stage_ids)):
        presentation.go_to(index)
        seen = _shown_scene_rect(window)
        assert seen.top() <= 1 and seen.bottom() >= layout.height - 1  # every lane
        left_edge = seen.left() + layout.lane_header_width
        starts = [layout.columns[s][0] for s in layout.stage_ids]
        if left_edge > 1:  # scrolled: the first stage shown starts at the lane headers
            assert min(abs(left_edge - x) for x in starts) <= 2
        assert layout.stage_ids[index] in _whole_stages_in_view(window)


def test_o_shows_the_whole_map_and_left_of_the_first_stage_too(shown, qtbot):
    presentation = _present(shown, qtbot)
    presentation.go_to(2)
    qtbot.keyClick(shown.view, Qt.Key.Key_O)
    assert presentation.current_stage() is None
    layout = shown.scene.layout
    seen = _shown_scene_rect(shown)
    assert seen.contains(layout.width / 2, layout.height / 2)
    assert seen.width() >= layout.width - 2 or seen.height() >= layout.height - 2
    assert not shown.scene._stage_item.isVisible()
    qtbot.keyClick(shown.view, Qt.Key.Key_O)
    assert presentation.current_stage() == layout.stage_ids[2]
    presentation.go_to(0)
    qtbot.keyClick(shown.view, Qt.Key.Key_Left)
    assert presentation.current_stage() is None
    qtbot.keyClick(shown.view, Qt.Key.Key_Right)
    assert presentation.current_stage() == layout.stage_ids[0]


def test_presenting_hides_the_connector_handle_and_shows_a_key_hint(shown, qtbot):
    card = shown.scene.card_item(shown.document.journey.cards[0].id)
    shown.scene.select_cards([card.card_id])
    assert card.handle_visible()
    presentation = shown.workshop.presentation
    presentation.enter()
    assert not card.handle_visible()
    assert presentation.hint is not None and presentation.hint.isVisible()
    assert "Esc" in presentation.hint.text()
    presentation.leave()
    assert card.handle_visible() and not presentation.hint.isVisible()


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


def test_a_short_map_is_drawn_larger_but_not_huge():
    assert presentation_scale(720, 400) == pytest.approx(1.25 * 720 / 600)


def test_a_tall_map_is_fitted_to_the_height():
    assert presentation_scale(720, 2000) == pytest.approx(720 / 2000)


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
