"""On a big map an undo updates what is in sight at once and the rest right
after the frame that shows it; whatever reads the scene gets it whole."""

from __future__ import annotations

import random

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from app.canvas.sight import HURRY_FROM
from app.canvas.undo import push_edit
from app.layout.geometry import compute_layout
from app.model.edits import AddCard, AddFlow, AddLane, AddStage, Compound, MoveCards
from app.model.journey import Card, Flow, Journey, Lane, Stage
from tests.canvas.canvas_helpers import make_canvas


def big_journey(cards: int = HURRY_FROM + 100) -> Journey:
    """Four stages, two lanes, tall cells, flows to the next stage."""
    rnd = random.Random(3)
    journey = Journey("Big")
    edits = [AddStage(Stage(f"s{i}", f"Stage {i}")) for i in range(4)]
    edits += [AddLane(Lane("l0", "Touchpoints", "touchpoints")),
              AddLane(Lane("l1", "Pain", "pain"))]
    edits += [AddCard(Card(f"c{i}", f"s{i % 4}", f"l{i % 2}", 10**6, f"Card {i} " * (1 + i % 3)))
              for i in range(cards)]
    Compound(tuple(edits)).apply(journey)
    flows = []
    for i in range(cards - 8):
        label = "retry" if i % 15 == 0 else ""
        flows.append(AddFlow(Flow(f"f{i}", f"c{i}", f"c{i + 1 + rnd.randrange(6)}", label=label)))
    Compound(tuple(flows)).apply(journey)
    return journey


def shown(scene) -> dict:
    """Where the scene's items draw each card and arrow now."""
    cards = {cid: (item.pos().x(), item.pos().y()) for cid, item in scene._cards.items()}
    flows = {fid: item.flow_path for fid, item in scene._flows.items()}
    return {"cards": cards, "flows": flows}


def expected(journey, scene) -> dict:
    fresh = compute_layout(journey, scene.style)
    return {"cards": {cid: (b.rect.x, b.rect.y) for cid, b in fresh.cards.items()},
            "flows": fresh.flows}


def move_and_undo(scene, stack, journey):
    """Move the third card of the first cell to the top of the next one, and undo."""
    cid = scene.layout.cell_cards[("s0", "l0")][2]
    push_edit(stack, journey, MoveCards(((cid, "s1", "l0", 0),), "Move card"))
    QApplication.processEvents()
    stack.undo()


def test_after_an_undo_the_items_in_sight_are_right_at_once(qtbot):
    journey = big_journey()
    scene, view, stack, _ = make_canvas(qtbot, journey)
    move_and_undo(scene, stack, journey)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    want = compute_layout(journey, scene.style)
    for cid, box in want.cards.items():
        item = scene._cards[cid]
        if visible.intersects(item.sceneBoundingRect()):
            assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)
    for fid, path in want.flows.items():
        item = scene._flows[fid]
        if not path.label and visible.intersects(item.sceneBoundingRect()):
            assert item.flow_path == path


def test_the_rest_follows_right_after_the_frame(qtbot):
    journey = big_journey()
    scene, view, stack, _ = make_canvas(qtbot, journey)
    assert view.isVisible()
    move_and_undo(scene, stack, journey)
    assert scene._cache.pending  # arrows out of sight were left for later
    # (A few milliseconds after the frame that shows the undo.)
    qtbot.waitUntil(lambda: not scene._cache.pending, timeout=2_000)
    assert shown(scene) == expected(journey, scene)


def test_reading_the_layout_finishes_the_update_first(qtbot):
    journey = big_journey()
    scene, view, stack, _ = make_canvas(qtbot, journey)
    assert view.isVisible()
    move_and_undo(scene, stack, journey)
    layout = scene.layout
    fresh = compute_layout(journey, scene.style)
    assert layout.cards == fresh.cards and layout.flows == fresh.flows
    assert shown(scene) == expected(journey, scene)


def test_a_big_map_opens_with_its_first_screen_and_completes_after_the_first_frame(qtbot):
    journey = big_journey()
    scene, view, _, _ = make_canvas(qtbot, journey)  # shown and painted
    qtbot.waitUntil(lambda: not scene._cache.pending, timeout=10_000)
    assert shown(scene) == expected(journey, scene)


def test_a_big_map_opened_without_a_view_is_whole_as_soon_as_it_is_read(qtbot):
    from PySide6.QtGui import QUndoStack

    from app.canvas.scene import JourneyScene

    journey = big_journey()
    scene = JourneyScene(journey, QUndoStack())
    assert len(scene._cards) < len(journey.cards)  # the first screenful only, so far
    assert scene.layout.cards == compute_layout(journey, scene.style).cards
    assert shown(scene) == expected(journey, scene)


class _Paints(QObject):
    """Records, for each paint of a widget, whether the scene was still unfinished."""

    def __init__(self, scene) -> None:
        super().__init__()
        self.scene, self.pending = scene, []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.pending.append(self.scene._cache.pending)
        return False


def test_finishing_a_big_map_after_its_first_frame_does_not_paint_it_again(qtbot):
    from PySide6.QtGui import QUndoStack

    from app.canvas.registry import BIG_BATCH
    from app.canvas.scene import JourneyScene
    from app.canvas.view import JourneyView

    journey = big_journey(BIG_BATCH + 600)  # thousands of items made out of sight
    scene = JourneyScene(journey, QUndoStack())
    view = JourneyView(scene)
    view.resize(1400, 900)
    qtbot.addWidget(view)
    paints = _Paints(scene)
    view.viewport().installEventFilter(paints)
    view.show()
    qtbot.waitUntil(lambda: bool(paints.pending), timeout=10_000)  # the first frame
    qtbot.waitUntil(lambda: not scene._cache.pending, timeout=20_000)
    for _ in range(3):
        QApplication.processEvents()
    # The screen showed the right picture from the first frame: what is in
    # sight did not change, so the view was not painted again.
    assert paints.pending and all(paints.pending)
    assert shown(scene) == expected(journey, scene)


def test_a_big_map_waits_for_its_window_to_settle_before_finishing(qtbot):
    from PySide6.QtCore import QAbstractAnimation, QEvent, QPropertyAnimation, QRect
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow, QWidget

    from app.canvas.scene import JourneyScene
    from app.canvas.sight import window_settling
    from app.canvas.view import JourneyView

    journey = big_journey()
    window = QMainWindow()
    qtbot.addWidget(window)
    scene = JourneyScene(journey, QUndoStack())
    window.setCentralWidget(JourneyView(scene))
    side = QWidget(window)
    # A dock or toolbar still being placed, as Qt does when a window is shown.
    placing = QPropertyAnimation(side, b"geometry", side)
    placing.setDuration(100_000)
    placing.setEndValue(QRect(0, 0, 10, 10))
    placing.start(QAbstractAnimation.DeletionPolicy.DeleteWhenStopped)  # as Qt's own
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    assert window_settling(scene)
    qtbot.wait(300)  # painted: the finishing pass waits for the window
    assert scene._cache.pending
    placing.stop()
    # Stopped, but Qt has yet to delete it (and repaint the window then).
    assert window_settling(scene)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not window_settling(scene)
    qtbot.waitUntil(lambda: not scene._cache.pending, timeout=10_000)
    assert shown(scene) == expected(journey, scene)


def test_the_view_scrolls_over_the_map_as_it_grows_and_shrinks(qtbot):
    from app.canvas.follow import SCENE_MARGIN

    journey = big_journey()
    scene, view, stack, _ = make_canvas(qtbot, journey)
    heights = []
    for n in range(3):  # a taller cell makes the whole map taller
        push_edit(stack, journey, AddCard(Card(f"new{n}", "s0", "l0", 0, "A new card " * 8)))
        heights.append(scene.layout.height)
    for _ in range(3):
        stack.undo()
        heights.append(scene.layout.height)
    assert heights[0] < heights[2] and heights[-1] < heights[2]
    QApplication.processEvents()
    layout = scene.layout
    assert view.sceneRect().height() == layout.height + SCENE_MARGIN
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    # Scrolled to the end, the view ends with the map's margin, not below it.
    bottom = view.mapToScene(view.viewport().rect().bottomLeft()).y()
    assert abs(bottom - (layout.height + SCENE_MARGIN)) <= 2
