"""Where a card's dot votes are drawn: a row of dots along the inside of its
bottom edge, from the text's left edge, below every line of text.

At most `MAX_DOTS` dots are drawn; a card with more shows that many and a
label ``+N`` after them.  Both renderers (canvas and PDF) draw exactly the
rectangles and the label this returns (`app.layout.boxes.CardBox.dots`).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.layout.boxes import Rect
from app.layout.style import Style

#: The most dots drawn on one card (more show as a ``+N`` label).
MAX_DOTS = 10


@dataclass(frozen=True, slots=True)
class Dots:
    """A card's dots: one rectangle per dot (draw a filled circle in it), and
    a label (``"+3"``, or "") at (``label_x``, ``label_baseline``)."""

    rects: tuple[Rect, ...]
    label: str = ""
    label_x: float = 0.0
    label_baseline: float = 0.0
    label_size: float = 0.0


NO_DOTS = Dots(())


def vote_dots(votes: int, left: float, bottom: float, s: Style) -> Dots:
    """The dots of a card with ``votes`` whose text starts at ``left`` and
    whose box ends at ``bottom``."""
    if votes <= 0:
        return NO_DOTS
    size, step = s.vote_dot_size, s.vote_dot_size + s.vote_dot_gap
    top = bottom - s.card_pad_bottom / 2 - size / 2
    shown = min(votes, MAX_DOTS)
    rects = tuple(Rect(left + i * step, top, size, size) for i in range(shown))
    if votes <= MAX_DOTS:
        return Dots(rects)
    return Dots(rects, f"+{votes - MAX_DOTS}", left + shown * step + 1,
                top + size, s.vote_label_size)
