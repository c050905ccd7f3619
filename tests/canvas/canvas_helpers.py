"""A small map on a shown view, and real mouse gestures on its viewport."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas.scene import JourneyScene
from app.canvas.view import JourneyView
from app.model.edits import (
    AddCard,
    AddDepartment,
    AddFlow,
    AddLane,
    AddStage,
    History,
)
from app.model.journey import Card, Department, Flow, Journey, Lane, Stage

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def workshop_journey() -> Journey:
    """Three stages, three lanes (one an emotion lane), six cards, two flows."""
    journey = Journey("Canvas test")
    h = History(journey)
    for sid, name in (("s1", "Discover"), ("s2", "Buy"), ("s3", "Use")):
        h.do(AddStage(Stage(sid, name)))
    h.do(AddLane(Lane("l1", "Touchpoints", "touchpoints")))
    h.do(AddLane(Lane("l2", "Feelings", "emotion")))
    h.do(AddLane(Lane("l3", "Pain points", "pain")))
    h.do(AddDepartment(Department("d1", "Sales", "#3366CC")))
    h.do(AddDepartment(Department("d2", "Support", "#CC6633")))
    cards = [
        Card("c1", "s1", "l1", 0, "Sees an advert", "touchpoint", channel="TV", owner="d1"),
        Card("c2", "s1", "l1", 1, "Visits the website", "touchpoint", channel="Web"),
        Card("c3", "s2", "l1", 0, "Orders online", "touchpoint", owner="d1", evidence="data"),
        Card("c4", "s2", "l2", 0, "Excited", "thought", emotion=2),
        Card("c5", "s3", "l2", 0, "Annoyed", "thought", emotion=-1, evidence="assumption"),
        Card("c6", "s3", "l3", 0, "Parcel is late", "pain", owner="d2"),
    ]
    for card in cards:
        h.do(AddCard(card))
    h.do(AddFlow(Flow("f1", "c1", "c3")))
    h.do(AddFlow(Flow("f2", "c3", "c6", "failure", "late")))
    return journey


def make_canvas(qtbot, journey: Journey | None = None, size=(1400, 900)):
    """(scene, view, stack, journey) with the view shown at a fixed size."""
    journey = journey or workshop_journey()
    stack = QUndoStack()
    scene = JourneyScene(journey, stack)
    view = JourneyView(scene)
    view.resize(*size)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.setFocus()
    QApplication.processEvents()
    return scene, view, stack, journey


def vp(view: JourneyView, x: float, y: float) -> QPoint:
    """The viewport point showing scene point (x, y)."""
    return view.mapFromScene(QPointF(x, y))


def card_center(view: JourneyView, card_id: str) -> QPoint:
    """Viewport point at the middle of a card (left of its connector handle)."""
    r = view.journey_scene.layout.cards[card_id].rect
    return vp(view, r.x + r.w * 0.4, r.cy)


def move_with_button(view: JourneyView, pos: QPoint, button=LEFT, modifiers=NO_MOD) -> None:
    """A mouse move with ``button`` held (QTest.mouseMove presses nothing)."""
    viewport = view.viewport()
    event = QMouseEvent(
        QEvent.Type.MouseMove, QPointF(pos), QPointF(viewport.mapToGlobal(pos)),
        Qt.MouseButton.NoButton, button, modifiers,
    )
    QApplication.sendEvent(viewport, event)


def drag(view: JourneyView, start: QPoint, end: QPoint, steps: int = 6,
         button=LEFT, modifiers=NO_MOD) -> None:
    """Press at ``start``, move in steps to ``end`` with the button held, release."""
    viewport = view.viewport()
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, button, modifiers, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        move_with_button(view, QPoint(round(p.x()), round(p.y())), button, modifiers)
    QTest.mouseRelease(viewport, button, modifiers, end)
    QApplication.processEvents()
