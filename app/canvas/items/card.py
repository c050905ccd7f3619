"""The card item: a sticky note drawn from its `CardBox`."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas.items.zorder import Z
from app.canvas.painting import HANDLE_RADIUS, paint_card, paint_connector_handle
from app.layout.boxes import CardBox
from app.layout.style import Style

_MARGIN = 6.0


class CardItem(QGraphicsItem):
    """One card.  Its position is the card's top-left corner in the layout;
    `paint` only draws the box it was given with `set_box`.

    A round connector handle on the right edge (shown while hovered or
    selected) is where a new flow is dragged from.
    """

    Type = QGraphicsItem.UserType + 1

    def __init__(self, box: CardBox, style: Style) -> None:
        super().__init__()
        self._box = box
        self._style = style
        self._hovered = False
        self._highlighted = False
        self._handle_active = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setZValue(Z.CARD)
        # Drawn once per zoom level into a pixmap, then blitted: scrolling
        # and dragging repaint hundreds of cards without redrawing them.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._bounds = _bounds(box)
        self.setPos(box.rect.x, box.rect.y)

    def type(self) -> int:
        return CardItem.Type

    # ------------------------------------------------------------- state
    @property
    def card_id(self) -> str:
        """The id of the card drawn."""
        return self._box.id

    @property
    def box(self) -> CardBox:
        """The layout box drawn."""
        return self._box

    def set_box(self, box: CardBox) -> None:
        """Show a new box (after a relayout); moves and resizes as needed."""
        old = self._box
        if (old.rect.w, old.rect.h) != (box.rect.w, box.rect.h):
            self.prepareGeometryChange()
            self._bounds = _bounds(box)
        self._box = box
        self.setPos(box.rect.x, box.rect.y)
        if _look(old) != _look(box):
            self.update()  # redraw; a mere move keeps the cached pixmap

    def set_style(self, style: Style) -> None:
        """Use another style (the box follows with the next `set_box`)."""
        self._style = style

    @property
    def highlighted(self) -> bool:
        """Whether the card carries a highlight ring."""
        return self._highlighted

    def set_highlighted(self, on: bool) -> None:
        """Mark the card (for example an unowned touchpoint) with a ring."""
        if on != self._highlighted:
            self._highlighted = on
            self.update()

    def set_handle_active(self, on: bool) -> None:
        """Show the connector handle as pressed (a flow is being drawn from it)."""
        if on != self._handle_active:
            self._handle_active = on
            self.update()

    @property
    def layout_rect(self) -> QRectF:
        """Where the card is drawn now, in scene coordinates (follows a drag)."""
        return QRectF(self.pos().x(), self.pos().y(), self._box.rect.w, self._box.rect.h)

    # ---------------------------------------------------------- handle
    def handle_center(self) -> QPointF:
        """Centre of the connector handle, in item coordinates."""
        return QPointF(self._box.rect.w, self._box.rect.h / 2)

    def handle_visible(self) -> bool:
        """Whether the connector handle is shown (hovered or selected, and the
        scene shows handles: not while presenting)."""
        scene = self.scene()
        if scene is not None and not getattr(scene, "handles_shown", True):
            return False
        return self._hovered or self.isSelected() or self._handle_active

    def handle_hit(self, local: QPointF) -> bool:
        """Whether ``local`` (item coordinates) is on the connector handle."""
        d = local - self.handle_center()
        return self.handle_visible() and d.x() ** 2 + d.y() ** 2 <= (HANDLE_RADIUS + 3) ** 2

    # ------------------------------------------------------- Qt overrides
    def boundingRect(self) -> QRectF:
        # Qt asks for it for every card on every paint: built once per size.
        return self._bounds

    def shape(self) -> QPainterPath:
        r = self._box.rect
        path = QPainterPath()
        path.addRect(QRectF(0, 0, r.w, r.h))
        if self.handle_visible():
            path.addEllipse(self.handle_center(), HANDLE_RADIUS + 3, HANDLE_RADIUS + 3)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        r = self._box.rect
        painter.translate(-r.x, -r.y)
        paint_card(
            painter,
            self._box,
            self._style,
            lod=lod,
            selected=self.isSelected(),
            highlighted=self._highlighted,
            hovered=self._hovered,
        )
        painter.translate(r.x, r.y)
        if self.handle_visible() and lod >= 0.3:
            paint_connector_handle(painter, self.handle_center(), self._style, self._handle_active)

    def hoverEnterEvent(self, event) -> None:
        self._set_hovered(True)

    def hoverMoveEvent(self, event) -> None:
        # A crosshair over the connector handle says "drag me to connect".
        if self.handle_hit(event.pos()):
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.unsetCursor()

    def hoverLeaveEvent(self, event) -> None:
        self.unsetCursor()
        self._set_hovered(False)

    def _set_hovered(self, on: bool) -> None:
        if on != self._hovered:
            # Only the shape changes (it gains the handle), not the bounding
            # rectangle, so the scene's index needs no update.
            self._hovered = on
            self.update()


def _bounds(box: CardBox) -> QRectF:
    """The item's bounding rectangle: the card, its shadow and the connector handle."""
    r = box.rect
    return QRectF(-_MARGIN, -_MARGIN, r.w + 2 * _MARGIN + HANDLE_RADIUS, r.h + 2 * _MARGIN)


def _look(box: CardBox) -> tuple:
    """Everything that shows on a card, except where it is."""
    return (
        box.title_lines, box.meta, box.fill, box.border, box.border_dashed, box.border_width,
        box.stripe_color, box.emotion, box.emotion_color, box.evidence, box.faded,
        box.rect.w, box.rect.h, box.title_size, box.meta_size,
    )
