"""What the views of a scene show: the area a relayout hurries for.

After an edit (or when a map is opened) the scene asks the layout engine to
lay out what is in sight first; cards, arrows and labels out of sight follow
on the next turn of the event loop, after the frame (`JourneyScene.sync`).
Small maps are always laid out whole: there is nothing to gain.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPropertyAnimation, QRectF
from PySide6.QtWidgets import QGraphicsScene

from app.layout.geometry import Rect

#: Maps with fewer cards than this are always laid out whole at once.
HURRY_FROM = 300

#: What a view shows first of a map just opened (its top left, at 100 %, on
#: a large screen): laid out and built before the rest.
OPENING_AREA = QRectF(0.0, 0.0, 2560.0, 1600.0)

#: When no view paints a map just opened, its rest is built after this long.
#: Counted from the scene's set_journey: the window is still being built and
#: then mapped by the X server, which on a busy machine took longer than
#: 250 ms, so the whole rest of the map was built before the first frame.
OPENING_FALLBACK_MS = 2000


def worth_hurrying(journey: Any) -> bool:
    """Whether laying out only what is in sight first is worth it."""
    return journey.graph.number_of_nodes() >= HURRY_FROM


def area_in_sight(scene: QGraphicsScene, opening: bool) -> Rect | None:
    """What the scene's views show, in scene coordinates; when a map is being
    ``opening``, also its top-left corner, where a view starts (None: no
    view shows anything, so nothing is worth doing first)."""
    area = QRectF(OPENING_AREA) if opening else QRectF()
    for view in scene.views():
        if view.isVisible():
            area = area.united(view.mapToScene(view.viewport().rect()).boundingRect())
    if area.isEmpty():
        return None
    return Rect(area.x(), area.y(), area.width(), area.height())


#: How long the rest of a map just opened waits, at most, for its window to
#: settle (`window_settling`), in steps of `app.canvas.scene.FINISH_AFTER_PAINT_MS`.
SETTLE_STEPS = 20


def window_settling(scene: QGraphicsScene) -> bool:
    """Whether a window showing ``scene`` is still placing its docks and
    toolbars: Qt does that with (zero-length) animations, which end on a
    later animation tick; each is then deleted, and the window repaints its
    central area and dock separators.  Finishing a big map meanwhile would
    hold that repaint up, to come as a second frame a second after the first.

    An animation that has stopped but is not deleted yet still counts: its
    repaint is still to come (on a loaded machine the finishing pass started
    in that gap, and the second frame came 0.8 s after the first).
    """
    return any(view.window().findChildren(QPropertyAnimation) for view in scene.views())
