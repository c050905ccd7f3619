"""Tool modes: each gesture in progress is a small object the scene hands
the mouse events to until the button is released (or Escape cancels it)."""

from app.canvas.interactions.base import Interaction
from app.canvas.interactions.header_reorder import HeaderReorderInteraction
from app.canvas.interactions.move_cards import MoveCardsInteraction
from app.canvas.interactions.new_flow import NewFlowInteraction

__all__ = [
    "HeaderReorderInteraction",
    "Interaction",
    "MoveCardsInteraction",
    "NewFlowInteraction",
]
